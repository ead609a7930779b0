/** Reading a year's holidays from the State Council's notice, an ICS feed and an xlsx sheet, and planning the import. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { render } from '../../messages.ts';
import { CHINA_ARRANGEMENTS, daysOfNotice, SHIPPED_YEARS } from '../china-holidays.ts';
import { parseIcs } from './ics.ts';
import { parseNotice } from './notice.ts';
import { planImport, type ExistingDay } from './preview.ts';
import type { ImportedDay, ParsedImport } from './types.ts';
import { parseXlsx } from './xlsx.ts';

const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
const sorted = (days: readonly ImportedDay[]) => [...days].sort(byDate);
const problemsOf = (parsed: ParsedImport) => parsed.problems.map((p) => ({ line: p.line, text: p.text, problem: render('zh-CN', p.problem) }));

/** The notice of November 2025 (国办发明电〔2025〕7号) as published on gov.cn. */
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月4日`;

const WEEKDAY = '日一二三四五六';
const ORDINAL = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const md = (date: string, withYear = false) =>
  `${withYear ? `${date.slice(0, 4)}年` : ''}${Number(date.slice(5, 7))}月${Number(date.slice(8))}日（周${WEEKDAY[new Date(`${date}T00:00:00Z`).getUTCDay()]}）`;
const dayCount = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/** A notice written the way the State Council writes them, from the shipped data of one year. */
function noticeOf(year: number): string {
  const items = CHINA_ARRANGEMENTS[year]!.map((a, i) => {
    const [from, to] = a.off;
    const crossYear = from.slice(0, 4) !== to.slice(0, 4);
    const end = from === to ? '' : `至${crossYear ? md(to, true) : from.slice(5, 7) === to.slice(5, 7) ? md(to).replace(/^\d+月/, '') : md(to)}`;
    const off = `${md(from, crossYear)}${end}放假${a.workdays.length > 0 ? '调休' : ''}，共${dayCount(from, to)}天。`;
    const work = a.workdays.length > 0 ? `${a.workdays.map((d) => md(d)).join('、')}上班。` : '';
    return `${ORDINAL[i]}、${a.name}：${off}${work}`;
  });
  return `国务院办公厅关于${year}年部分节假日安排的通知\n经国务院批准，现将${year}年放假调休日期的具体安排通知如下。\n${items.join('\n')}`;
}

describe('the State Council notice', () => {
  it('reads the 2026 notice as published into exactly the shipped 2026 days, with nothing left over', () => {
    const parsed = parseNotice(NOTICE_2026);
    expect(parsed.year).toBe(2026);
    expect(problemsOf(parsed)).toEqual([]);
    expect(sorted(parsed.days)).toEqual(sorted(daysOfNotice(2026)));
  });

  it.each(SHIPPED_YEARS)('reads a notice written from the shipped %i data back into that data', (year) => {
    const parsed = parseNotice(noticeOf(year));
    expect(problemsOf(parsed)).toEqual([]);
    expect(parsed.year).toBe(year);
    expect(sorted(parsed.days)).toEqual(sorted(daysOfNotice(year)));
  });

  it('reads the 2027 items of the brief, and a range across months', () => {
    const parsed = parseNotice(
      '一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。\n二、春节：2月11日（农历腊月二十四、周四）至19日（农历正月初三、周五）放假调休，共9天。2月7日（周日）、2月20日（周六）上班。\n七、国庆节、中秋节：9月30日（周四）至10月7日（周四）放假调休，共8天。9月26日（周日）、10月9日（周六）上班。',
      2027,
    );
    expect(problemsOf(parsed)).toEqual([]);
    expect(parsed.year).toBe(2027);
    const spring = parsed.days.filter((d) => d.name === '春节');
    expect(spring.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14', '2027-02-15', '2027-02-16', '2027-02-17', '2027-02-18', '2027-02-19',
    ]);
    expect(spring.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2027-02-07', '2027-02-20']);
    const national = parsed.days.filter((d) => d.name === '国庆节、中秋节' && d.kind === 'holiday').map((d) => d.date);
    expect(national).toEqual(['2027-09-30', '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07']);
  });

  it('reads full-width digits, 星期, a notice pasted as one paragraph and a 上班 sentence on a line of its own', () => {
    const parsed = parseNotice(
      '国务院办公厅关于２０２７年部分节假日安排的通知 一、元旦：１月１日（星期五）至３日（星期日）放假调休，共３天。 二、劳动节：5月1日至5日放假调休，共5天。\n4月25日（星期日）、5月8日（星期六）、5月9日（星期日）上班。',
    );
    expect(problemsOf(parsed)).toEqual([]);
    expect(parsed.year).toBe(2027);
    expect(parsed.days.filter((d) => d.kind === 'workday')).toEqual([
      { date: '2027-04-25', kind: 'workday', name: '劳动节' },
      { date: '2027-05-08', kind: 'workday', name: '劳动节' },
      { date: '2027-05-09', kind: 'workday', name: '劳动节' },
    ]);
    expect(parsed.days.filter((d) => d.name === '元旦').map((d) => d.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('reads single days (放假1天，不调休 / 与周末连休), explicit years across New Year and 上班 days without brackets', () => {
    const parsed = parseNotice(
      '一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n二、清明节：4月5日放假，共1天。\n三、端午节：6月22日至24日放假调休，共3天，6月25日上班。\n四、元旦：1月1日（周日）放假1天，不调休。',
      2023,
    );
    expect(problemsOf(parsed)).toEqual([]);
    expect(parsed.days.map((d) => `${d.date}${d.kind === 'holiday' ? '休' : '班'}`)).toEqual([
      '2022-12-31休', '2023-01-01休', '2023-01-02休', '2023-04-05休', '2023-06-22休', '2023-06-23休', '2023-06-24休', '2023-06-25班', '2023-01-01休',
    ]);
  });

  it('reports lines it does not understand, wrong weekdays and day counts, with their line numbers', () => {
    const parsed = parseNotice(
      [
        '国务院办公厅关于2027年部分节假日安排的通知',
        '一、元旦：1月1日（周四）至3日（周日）放假调休，共4天。',
        '二、春节：2月11日至19日放假调休，共9天。2月7日补休。',
        '另：3月8日妇女节，妇女放假半天。',
        '三、清明节：4月31日放假。',
        '国务院办公厅',
        '2026年11月10日',
      ].join('\n'),
    );
    expect(problemsOf(parsed)).toEqual([
      { line: 2, text: '1月1日(周四)至3日(周日)放假调休,共4天', problem: '2027-01-01写作周四，实为周五，请核对日期' },
      { line: 2, text: '1月1日(周四)至3日(周日)放假调休,共4天', problem: '写明共 4 天，按日期计为 3 天' },
      { line: 3, text: '2月7日补休', problem: '无法识别此内容中的放假或上班安排' },
      { line: 4, text: '另:3月8日妇女节,妇女放假半天', problem: '无法识别此内容中的放假或上班安排' },
      { line: 5, text: '4月31日放假', problem: '4月31日不是有效日期' },
    ]);
    // What could be read is still read.
    expect(parsed.days.filter((d) => d.name === '春节')).toHaveLength(9);
  });

  it('says so when a date sits outside any item', () => {
    expect(problemsOf(parseNotice('国务院办公厅关于2027年部分节假日安排的通知\n3月8日妇女节放假半天\n一、元旦：1月1日放假。'))).toEqual([
      { line: 2, text: '3月8日妇女节放假半天', problem: '此行含有日期，但不属于“一、元旦：……”这样的条目' },
    ]);
  });

  it('needs a year: from the title, else the one asked for', () => {
    const parsed = parseNotice('一、元旦：1月1日至3日放假调休，共3天。');
    expect(parsed.days).toEqual([]);
    expect(problemsOf(parsed).map((p) => p.problem)).toEqual(['日期没有年份，通知标题中也没有“关于××××年”，请选择年度']);
    expect(parseNotice('一、元旦：1月1日至3日放假调休，共3天。', 2027).days.map((d) => d.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
  });
});

describe('an ICS feed', () => {
  const feed = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270101',
    'DTEND;VALUE=DATE:20270104',
    'SUMMARY:元旦 休',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270207',
    'DTEND;VALUE=DATE:20270208',
    'SUMMARY:春节 补班',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270211',
    'DURATION:P2D',
    'SUMMARY:春节（第1天/共9天',
    ' ）',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART:20261001',
    'SUMMARY:国庆节',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270301',
    'RRULE:FREQ=YEARLY',
    'SUMMARY:每年',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:2027-13-01',
    'SUMMARY:坏日期',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

  it('reads all-day events (DTEND exclusive, DURATION, folded lines), 休/班 from the summary, and reports the rest', () => {
    const parsed = parseIcs(feed);
    expect(parsed.year).toBe(2027);
    expect(parsed.days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-02', kind: 'holiday', name: '元旦' },
      { date: '2027-01-03', kind: 'holiday', name: '元旦' },
      { date: '2027-02-07', kind: 'workday', name: '春节' },
      { date: '2027-02-11', kind: 'holiday', name: '春节' },
      { date: '2027-02-12', kind: 'holiday', name: '春节' },
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
    ]);
    expect(problemsOf(parsed)).toEqual([
      { line: 23, text: '每年', problem: '不支持重复事件（RRULE），请逐日列出' },
      { line: 28, text: '坏日期', problem: '事件没有可读的 DTSTART/DTEND 日期' },
    ]);
  });

  it('says when the text is not a calendar', () => {
    expect(problemsOf(parseIcs('hello')).map((p) => p.problem)).toEqual(['这不是 iCalendar（.ics）内容：缺少 BEGIN:VCALENDAR']);
  });
});

describe('an xlsx sheet', () => {
  async function sheet(rows: unknown[][]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('2027');
    for (const row of rows) ws.addRow(row);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('reads 日期 / 类型 / 名称 in any order, date cells and text dates, and reports rows it cannot read', async () => {
    const parsed = await parseXlsx(
      await sheet([
        ['名称', '日期', '类型'],
        ['元旦', new Date(Date.UTC(2027, 0, 1)), '放假'],
        ['元旦', '2027/1/2', '休'],
        ['春节', '2027年2月7日', '上班'],
        ['春节', '2027-02-30', '放假'],
        ['春节', '2027-02-11', '加班'],
      ]),
    );
    expect(parsed.year).toBe(2027);
    expect(parsed.days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-02', kind: 'holiday', name: '元旦' },
      { date: '2027-02-07', kind: 'workday', name: '春节' },
    ]);
    expect(problemsOf(parsed)).toEqual([
      { line: 5, text: '2027-02-30 · 放假 · 春节', problem: '日期无法识别（如 2027-01-01）' },
      { line: 6, text: '2027-02-11 · 加班 · 春节', problem: '类型须为“放假”或“上班”' },
    ]);
  });

  it('refuses a sheet without the columns, a file that is not xlsx, and a zip that unpacks too large', async () => {
    await expect(parseXlsx(await sheet([['a', 'b'], [1, 2]]))).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(parseXlsx(Buffer.from('not a zip at all, just text'))).rejects.toMatchObject({ code: 'validation_failed' });
    // A central directory that declares one 100 MB entry.
    const bomb = Buffer.alloc(46 + 22);
    bomb.writeUInt32LE(0x02014b50, 0);
    bomb.writeUInt32LE(100_000_000, 24);
    bomb.writeUInt32LE(0x06054b50, 46);
    bomb.writeUInt16LE(1, 46 + 10);
    bomb.writeUInt32LE(0, 46 + 16);
    await expect(parseXlsx(bomb)).rejects.toMatchObject({ code: 'validation_failed', details: { fields: { file: [{ key: 'calendar.import.xlsx_too_large' }] } } });
  });
});

describe('the import plan', () => {
  const existing: ExistingDay[] = [
    { date: '2027-01-01', kind: 'holiday', name: '元旦', source: 'manual' },
    { date: '2027-02-07', kind: 'holiday', name: '公司假', source: 'manual' },
    { date: '2027-03-09', kind: 'holiday', name: '公司年会', source: 'manual' },
    { date: '2027-05-06', kind: 'holiday', name: '劳动节', source: 'imported' },
    { date: '2027-02-12', kind: 'holiday', name: '春', source: 'imported' },
  ];
  const imported: ImportedDay[] = [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-02-07', kind: 'workday', name: '春节' },
    { date: '2027-02-11', kind: 'holiday', name: '春节' },
    { date: '2027-02-12', kind: 'holiday', name: '春节' },
    { date: '2027-02-12', kind: 'workday', name: '春节' },
    { date: '2026-12-31', kind: 'holiday', name: '元旦' },
    { date: '2028-01-01', kind: 'holiday', name: '元旦' },
  ];

  it('adds, changes and keeps days, flags conflicts, removes stale imported days and keeps an administrator’s own', () => {
    const plan = planImport(2027, imported, existing, true);
    expect(plan.items.map((i) => [i.date, i.change, i.conflict])).toEqual([
      ['2026-12-31', 'add', false],
      ['2027-01-01', 'same', false],
      ['2027-02-07', 'change', true],
      ['2027-02-11', 'add', false],
      ['2027-02-12', 'change', false],
    ]);
    expect(plan.removals.map((d) => d.date)).toEqual(['2027-05-06']);
    expect(plan.problems.map((p) => render('zh-CN', p.problem))).toEqual([
      '2027-02-12既是放假日又是上班日，按先出现的一项导入',
      '2028-01-01不在 2027 年内，未导入',
    ]);
  });

  it('leaves other years of a feed out silently', () => {
    expect(planImport(2027, imported, [], false).problems.map((p) => p.problem.key)).toEqual(['calendar.import.duplicate']);
  });
});
