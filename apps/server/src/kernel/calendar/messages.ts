/** Messages of the calendar area, merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../messages.ts';

export const CALENDAR_MESSAGES = {
  'noun.calendar': { 'zh-CN': '工作日历', 'en-US': 'business calendar' },
  'noun.calendar_day': { 'zh-CN': '该日期的节假日或调休设置', 'en-US': 'holiday or make-up workday on that date' },

  'calendar.code_taken': { 'zh-CN': '日历编码 {code} 已被使用', 'en-US': 'calendar code {code} is already used' },
  'calendar.year_not_shipped': {
    'zh-CN': '没有 {year} 年的官方放假安排（内置年份：{years}）',
    'en-US': 'no official arrangements are shipped for {year} (shipped years: {years})',
  },
  'calendar.no_working_time': {
    'zh-CN': '该日历在十年内没有任何工作时间，无法计算截止时间',
    'en-US': 'this calendar has no working time within ten years; no deadline can be computed',
  },

  // Importing a year's holidays (import/*.ts): what could not be used, line by line.
  'calendar.import.unrecognised': { 'zh-CN': '无法识别此内容中的放假或上班安排', 'en-US': 'no day off or make-up workday could be read here' },
  'calendar.import.outside_item': {
    'zh-CN': '此行含有日期，但不属于“一、元旦：……”这样的条目',
    'en-US': 'this line holds a date but is not part of an item such as “一、元旦：…”',
  },
  'calendar.import.no_year': {
    'zh-CN': '日期没有年份，通知标题中也没有“关于××××年”，请选择年度',
    'en-US': 'a date has no year and the title names none (关于YYYY年): choose the year',
  },
  'calendar.import.invalid_date': { 'zh-CN': '{date}不是有效日期', 'en-US': '{date} is not a date' },
  'calendar.import.invalid_range': { 'zh-CN': '{from}至{to}不是有效的放假时段', 'en-US': '{from} to {to} is not a valid break' },
  'calendar.import.weekday_mismatch': {
    'zh-CN': '{date}写作{written}，实为{actual}，请核对日期',
    'en-US': '{date} is written as {written} but is {actual}: check the date',
  },
  'calendar.import.day_count': {
    'zh-CN': '写明共 {stated} 天，按日期计为 {counted} 天',
    'en-US': 'says {stated} days, the dates give {counted}',
  },
  'calendar.import.other_year': { 'zh-CN': '{date}不在 {year} 年内，未导入', 'en-US': '{date} is not in {year}; left out' },
  'calendar.import.duplicate': {
    'zh-CN': '{date}既是放假日又是上班日，按先出现的一项导入',
    'en-US': '{date} is both a day off and a workday; the first one is kept',
  },
  'calendar.import.no_days': { 'zh-CN': '没有读到任何放假或上班日', 'en-US': 'no day off or make-up workday was found' },
  'calendar.import.no_year_found': { 'zh-CN': '无法确定年度，请选择年度', 'en-US': 'the year could not be told: choose it' },
  'calendar.import.ics_not_calendar': { 'zh-CN': '这不是 iCalendar（.ics）内容：缺少 BEGIN:VCALENDAR', 'en-US': 'not iCalendar (.ics): BEGIN:VCALENDAR is missing' },
  'calendar.import.ics_no_date': { 'zh-CN': '事件没有可读的 DTSTART/DTEND 日期', 'en-US': 'the event has no readable DTSTART/DTEND date' },
  'calendar.import.ics_rrule': { 'zh-CN': '不支持重复事件（RRULE），请逐日列出', 'en-US': 'repeating events (RRULE) are not supported: list each day' },
  'calendar.import.xlsx_unreadable': { 'zh-CN': '无法读取此 Excel 文件（须为 .xlsx）', 'en-US': 'this Excel file cannot be read (it must be .xlsx)' },
  'calendar.import.xlsx_too_large': { 'zh-CN': 'Excel 文件解压后过大', 'en-US': 'the Excel file is too large once unpacked' },
  'calendar.import.xlsx_empty': { 'zh-CN': 'Excel 文件的第一个工作表没有数据', 'en-US': 'the first sheet of the Excel file is empty' },
  'calendar.import.xlsx_too_many_rows': { 'zh-CN': '最多 {max} 行', 'en-US': 'at most {max} rows' },
  'calendar.import.xlsx_headers': {
    'zh-CN': '第一行须有“日期”和“类型”两列（“名称”可选）',
    'en-US': 'the first row must name the columns 日期 (date) and 类型 (kind); 名称 (name) is optional',
  },
  'calendar.import.xlsx_date': { 'zh-CN': '日期无法识别（如 2027-01-01）', 'en-US': 'the date cannot be read (such as 2027-01-01)' },
  'calendar.import.xlsx_kind': { 'zh-CN': '类型须为“放假”或“上班”', 'en-US': 'the kind must be 放假 (day off) or 上班 (workday)' },
  'calendar.import.year_mismatch': {
    'zh-CN': '导入的是 {year} 年的安排，日期 {date} 不属于该年度',
    'en-US': 'the import is for {year}; {date} does not belong to it',
  },

  // Messages of the shared schemas (packages/contracts/src/calendar.ts).
  'calendar.contract_time': { 'zh-CN': '时间须为 HH:MM 格式（00:00–24:00）', 'en-US': 'a time must be HH:MM (00:00–24:00)' },
  'calendar.contract_period_order': { 'zh-CN': '结束时间须晚于开始时间', 'en-US': 'a period must end after it starts' },
  'calendar.contract_period_overlap': { 'zh-CN': '与同一天的另一个工作时段重叠', 'en-US': 'overlaps another period of the same day' },
  'calendar.contract_no_working_time': { 'zh-CN': '每周至少要有一个工作时段', 'en-US': 'the week needs at least one working period' },
  'calendar.contract_time_zone': { 'zh-CN': '不是有效的时区（如 Asia/Shanghai）', 'en-US': 'not a time zone (such as Asia/Shanghai)' },
  'calendar.contract_code': {
    'zh-CN': '编码须为 2–40 位小写字母、数字、“-”或“_”，以字母开头',
    'en-US': "code must be 2–40 lower-case letters, digits, '-' or '_', starting with a letter",
  },
  'calendar.contract_whole_days': { 'zh-CN': '工作日数须为不超过 2000 的整数', 'en-US': 'working days must be a whole number up to 2000' },

  // Explaining a deadline step by step (explain.ts): each step is one sentence.
  'calendar.explain.start': { 'zh-CN': '起算时间：{when}', 'en-US': 'Starts {when}' },
  'calendar.explain.outside_hours': {
    'zh-CN': '起算时不在工作时间内，自 {when} 起计算',
    'en-US': 'Outside working hours; counting starts {when}',
  },
  'calendar.explain.skip_weekend': { 'zh-CN': '{range}为休息日，不计', 'en-US': '{range}: weekend, not counted' },
  'calendar.explain.skip_holiday': { 'zh-CN': '{range}为{name}假期，不计', 'en-US': '{range}: {name} holiday, not counted' },
  'calendar.explain.skip_holiday_unnamed': { 'zh-CN': '{range}为节假日，不计', 'en-US': '{range}: holiday, not counted' },
  'calendar.explain.makeup': { 'zh-CN': '{date}为{name}调休上班日', 'en-US': '{date} is a make-up workday ({name})' },
  'calendar.explain.makeup_unnamed': { 'zh-CN': '{date}为调休上班日', 'en-US': '{date} is a make-up workday' },
  'calendar.explain.counted': { 'zh-CN': '{range}计 {duration}', 'en-US': '{range}: {duration} counted' },
  'calendar.explain.days_counted': { 'zh-CN': '{range}计 {days} 个工作日', 'en-US': '{range}: {days} working day(s) counted' },
  'calendar.explain.deadline': { 'zh-CN': '截止时间：{when}', 'en-US': 'Deadline {when}' },
  'calendar.explain.beyond_known_range': {
    'zh-CN': '日历中尚无 {year} 年的节假日与调休安排，该年按每周工作时间计算，截止时间可能不准确',
    'en-US': 'The calendar has no holidays or make-up workdays for {year} yet: that year is counted by the weekly hours only, so the deadline may be wrong',
  },

  'calendar.range': { 'zh-CN': '{from}至{to}', 'en-US': '{from} to {to}' },
  'calendar.date': { 'zh-CN': '{month}月{day}日（{weekday}）', 'en-US': '{weekday} {day} {month}' },
  'calendar.date_with_year': { 'zh-CN': '{year}年{month}月{day}日（{weekday}）', 'en-US': '{weekday} {day} {month} {year}' },
  'calendar.moment': { 'zh-CN': '{date}{time}', 'en-US': '{date}, {time}' },
  'calendar.hours': { 'zh-CN': '{hours} 小时', 'en-US': '{hours} h' },
  'calendar.minutes': { 'zh-CN': '{minutes} 分钟', 'en-US': '{minutes} min' },
  'calendar.hours_minutes': { 'zh-CN': '{hours} 小时 {minutes} 分钟', 'en-US': '{hours} h {minutes} min' },

  'calendar.weekday.0': { 'zh-CN': '周日', 'en-US': 'Sun' },
  'calendar.weekday.1': { 'zh-CN': '周一', 'en-US': 'Mon' },
  'calendar.weekday.2': { 'zh-CN': '周二', 'en-US': 'Tue' },
  'calendar.weekday.3': { 'zh-CN': '周三', 'en-US': 'Wed' },
  'calendar.weekday.4': { 'zh-CN': '周四', 'en-US': 'Thu' },
  'calendar.weekday.5': { 'zh-CN': '周五', 'en-US': 'Fri' },
  'calendar.weekday.6': { 'zh-CN': '周六', 'en-US': 'Sat' },

  'calendar.month.1': { 'zh-CN': '1', 'en-US': 'Jan' },
  'calendar.month.2': { 'zh-CN': '2', 'en-US': 'Feb' },
  'calendar.month.3': { 'zh-CN': '3', 'en-US': 'Mar' },
  'calendar.month.4': { 'zh-CN': '4', 'en-US': 'Apr' },
  'calendar.month.5': { 'zh-CN': '5', 'en-US': 'May' },
  'calendar.month.6': { 'zh-CN': '6', 'en-US': 'Jun' },
  'calendar.month.7': { 'zh-CN': '7', 'en-US': 'Jul' },
  'calendar.month.8': { 'zh-CN': '8', 'en-US': 'Aug' },
  'calendar.month.9': { 'zh-CN': '9', 'en-US': 'Sep' },
  'calendar.month.10': { 'zh-CN': '10', 'en-US': 'Oct' },
  'calendar.month.11': { 'zh-CN': '11', 'en-US': 'Nov' },
  'calendar.month.12': { 'zh-CN': '12', 'en-US': 'Dec' },
} as const satisfies Record<string, Record<Locale, string>>;
