/** What Henji ships: the standard office week and the built-in mainland China calendar. */
import type { WeeklyTemplate } from '@henji/contracts';

/** 周一至周五 09:00–12:00 和 13:00–18:00: eight hours a day. */
const OFFICE_DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
export const DEFAULT_WEEKLY: WeeklyTemplate = [[], OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, []];

export const BUILTIN_CALENDAR = { code: 'cn-mainland', name: '中国大陆标准工作日历', timezone: 'Asia/Shanghai' } as const;
