/**
 * Everything only English needs — the catalogue and Ant Design's English texts — in one chunk that is downloaded when
 * a user picks English (or their profile says so), not by the zh-CN majority on every first visit (issue 9 §5).
 * dayjs needs nothing: it ships English.
 */
import antdEnUS from 'antd/locale/en_US';
import { enUS } from './en-US.ts';

export const english = { catalogue: enUS, antd: antdEnUS };
