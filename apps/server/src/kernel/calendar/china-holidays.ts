/**
 * The State Council's (国务院办公厅) annual notices on public holiday arrangements (部分节假日安排) for mainland China:
 * the days off (放假, including the weekend days inside a break) and the make-up working days (调休上班).
 *
 * Shipped years: 2020–2026, one entry per holiday of each notice, as published:
 * - 2020 (国办发明电〔2019〕16号), with the Spring Festival break extended to 2 February (国办发明电〔2020〕1号) because of
 *   the epidemic, which also cancelled the make-up workday of Saturday 1 February.
 * - 2021 (国办发明电〔2020〕27号), 2022 (国办发明电〔2021〕11号), 2023 (国办发明电〔2022〕16号), 2024 (国办发明电〔2023〕7号).
 * - 2025 (国办发明电〔2024〕12号): the first year under the amended rules (除夕 and 5月2日 became public holidays).
 * - 2026 (the notice of November 2025).
 * Where a notice says "与周末连休" (a single day joined to a weekend), only the named day is a holiday here; the
 * weekend days are rest days of the weekly template anyway. Notices before 2020 are left out: they were not checked
 * as carefully. Add a year by appending its notice below; the next start adds it to every calendar that follows the
 * official arrangements, without touching days an administrator edited.
 */
import type { CalendarDayKind } from '@henji/contracts';

interface Arrangement {
  /** The holiday as the notice names it. */
  name: string;
  /** First and last day off, inclusive. */
  off: readonly [from: string, to: string];
  /** Make-up working days (调休上班). */
  workdays: readonly string[];
}

export const CHINA_ARRANGEMENTS: Readonly<Record<number, readonly Arrangement[]>> = {
  2020: [
    { name: '元旦', off: ['2020-01-01', '2020-01-01'], workdays: [] },
    { name: '春节', off: ['2020-01-24', '2020-02-02'], workdays: ['2020-01-19'] },
    { name: '清明节', off: ['2020-04-04', '2020-04-06'], workdays: [] },
    { name: '劳动节', off: ['2020-05-01', '2020-05-05'], workdays: ['2020-04-26', '2020-05-09'] },
    { name: '端午节', off: ['2020-06-25', '2020-06-27'], workdays: ['2020-06-28'] },
    { name: '国庆节、中秋节', off: ['2020-10-01', '2020-10-08'], workdays: ['2020-09-27', '2020-10-10'] },
  ],
  2021: [
    { name: '元旦', off: ['2021-01-01', '2021-01-03'], workdays: [] },
    { name: '春节', off: ['2021-02-11', '2021-02-17'], workdays: ['2021-02-07', '2021-02-20'] },
    { name: '清明节', off: ['2021-04-03', '2021-04-05'], workdays: [] },
    { name: '劳动节', off: ['2021-05-01', '2021-05-05'], workdays: ['2021-04-25', '2021-05-08'] },
    { name: '端午节', off: ['2021-06-12', '2021-06-14'], workdays: [] },
    { name: '中秋节', off: ['2021-09-19', '2021-09-21'], workdays: ['2021-09-18'] },
    { name: '国庆节', off: ['2021-10-01', '2021-10-07'], workdays: ['2021-09-26', '2021-10-09'] },
  ],
  2022: [
    { name: '元旦', off: ['2022-01-01', '2022-01-03'], workdays: [] },
    { name: '春节', off: ['2022-01-31', '2022-02-06'], workdays: ['2022-01-29', '2022-01-30'] },
    { name: '清明节', off: ['2022-04-03', '2022-04-05'], workdays: ['2022-04-02'] },
    { name: '劳动节', off: ['2022-04-30', '2022-05-04'], workdays: ['2022-04-24', '2022-05-07'] },
    { name: '端午节', off: ['2022-06-03', '2022-06-05'], workdays: [] },
    { name: '中秋节', off: ['2022-09-10', '2022-09-12'], workdays: [] },
    { name: '国庆节', off: ['2022-10-01', '2022-10-07'], workdays: ['2022-10-08', '2022-10-09'] },
  ],
  2023: [
    { name: '元旦', off: ['2022-12-31', '2023-01-02'], workdays: [] },
    { name: '春节', off: ['2023-01-21', '2023-01-27'], workdays: ['2023-01-28', '2023-01-29'] },
    { name: '清明节', off: ['2023-04-05', '2023-04-05'], workdays: [] },
    { name: '劳动节', off: ['2023-04-29', '2023-05-03'], workdays: ['2023-04-23', '2023-05-06'] },
    { name: '端午节', off: ['2023-06-22', '2023-06-24'], workdays: ['2023-06-25'] },
    { name: '中秋节、国庆节', off: ['2023-09-29', '2023-10-06'], workdays: ['2023-10-07', '2023-10-08'] },
  ],
  2024: [
    { name: '元旦', off: ['2024-01-01', '2024-01-01'], workdays: [] },
    { name: '春节', off: ['2024-02-10', '2024-02-17'], workdays: ['2024-02-04', '2024-02-18'] },
    { name: '清明节', off: ['2024-04-04', '2024-04-06'], workdays: ['2024-04-07'] },
    { name: '劳动节', off: ['2024-05-01', '2024-05-05'], workdays: ['2024-04-28', '2024-05-11'] },
    { name: '端午节', off: ['2024-06-10', '2024-06-10'], workdays: [] },
    { name: '中秋节', off: ['2024-09-15', '2024-09-17'], workdays: ['2024-09-14'] },
    { name: '国庆节', off: ['2024-10-01', '2024-10-07'], workdays: ['2024-09-29', '2024-10-12'] },
  ],
  2025: [
    { name: '元旦', off: ['2025-01-01', '2025-01-01'], workdays: [] },
    { name: '春节', off: ['2025-01-28', '2025-02-04'], workdays: ['2025-01-26', '2025-02-08'] },
    { name: '清明节', off: ['2025-04-04', '2025-04-06'], workdays: [] },
    { name: '劳动节', off: ['2025-05-01', '2025-05-05'], workdays: ['2025-04-27'] },
    { name: '端午节', off: ['2025-05-31', '2025-06-02'], workdays: [] },
    { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], workdays: ['2025-09-28', '2025-10-11'] },
  ],
  2026: [
    { name: '元旦', off: ['2026-01-01', '2026-01-03'], workdays: ['2026-01-04'] },
    { name: '春节', off: ['2026-02-15', '2026-02-23'], workdays: ['2026-02-14', '2026-02-28'] },
    { name: '清明节', off: ['2026-04-04', '2026-04-06'], workdays: [] },
    { name: '劳动节', off: ['2026-05-01', '2026-05-05'], workdays: ['2026-05-09'] },
    { name: '端午节', off: ['2026-06-19', '2026-06-21'], workdays: [] },
    { name: '中秋节', off: ['2026-09-25', '2026-09-27'], workdays: [] },
    { name: '国庆节', off: ['2026-10-01', '2026-10-07'], workdays: ['2026-09-20', '2026-10-10'] },
  ],
};

export interface ShippedDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** Years (of the notices) Henji ships, ascending. */
export const SHIPPED_YEARS: readonly number[] = Object.keys(CHINA_ARRANGEMENTS).map(Number).sort((a, b) => a - b);

const DAY_MS = 86_400_000;

function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/** The days of one year's notice (a notice may reach into the year before: 元旦 2023 began on 2022-12-31). */
export function daysOfNotice(year: number): ShippedDay[] {
  return (CHINA_ARRANGEMENTS[year] ?? []).flatMap((a) => [
    ...datesBetween(a.off[0], a.off[1]).map((date): ShippedDay => ({ date, kind: 'holiday', name: a.name })),
    ...a.workdays.map((date): ShippedDay => ({ date, kind: 'workday', name: a.name })),
  ]);
}

/** Every shipped day dated in a calendar year, whichever notice it comes from. */
export function shippedDaysIn(year: number): ShippedDay[] {
  const prefix = `${year}-`;
  return [year, year + 1].flatMap(daysOfNotice).filter((d) => d.date.startsWith(prefix));
}
