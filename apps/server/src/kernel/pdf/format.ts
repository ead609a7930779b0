/** How printed documents write times: Beijing time, to the minute or second (kernel/clock.ts). */
export { beijingDateTime, beijingMinute } from '../clock.ts';
