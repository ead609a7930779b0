/** How printed documents write times: Beijing time, to the minute or second, whatever the server's time zone. */
const DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const DATE_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const at = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);

/** "2026-12-02 14:30:05" in Beijing time. */
export const beijingDateTime = (value: Date | string) => DATE_TIME.format(at(value));
/** "2026-12-02 14:30" in Beijing time. */
export const beijingMinute = (value: Date | string) => DATE_MINUTE.format(at(value));
