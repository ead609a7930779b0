/**
 * Reads holidays and make-up workdays from the first sheet of an xlsx workbook: a header row naming the columns
 * 日期 (date), 类型 (kind: 放假 / 休 / 节假日 or 上班 / 班 / 补班 / 调休上班) and 名称 (name, optional), in any order, then
 * one day per row. A date is a date cell or text such as 2027-01-01, 2027/1/1 or 2027年1月1日. Rows that cannot be
 * read are reported with their row number. The workbook is checked before it is opened (zip.ts).
 */
import ExcelJS from 'exceljs';
import { invalid } from '../../errors.ts';
import { msg } from '../../messages.ts';
import { isoDate, isRealDate, mainYear, type ImportedDay, type ImportProblem, type ParsedImport } from './types.ts';
import { checkZipSize } from './zip.ts';

const HEADERS = {
  date: ['日期', 'date'],
  kind: ['类型', 'kind', 'type'],
  name: ['名称', 'name', '节日', '节假日'],
} as const;
type Column = keyof typeof HEADERS;

const HOLIDAY = /^(放假|休|休息|假|节假日|假期|holiday|day off)$/i;
const WORKDAY = /^(上班|班|补班|调休上班|workday|make-?up workday)$/i;
const MAX_ROWS = 1000;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** A date cell, an Excel serial number, or text: 2027-01-01, 2027/1/1, 2027.1.1, 2027年1月1日. */
function dateOf(value: ExcelJS.CellValue): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && value > 20000 && value < 80000) {
    return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cellText(value).normalize('NFKC').trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? isoDate(year, month, day) : null;
}

export async function parseXlsx(bytes: Buffer): Promise<ParsedImport> {
  checkZipSize(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid({ file: msg('calendar.import.xlsx_unreadable') });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 2) throw invalid({ file: msg('calendar.import.xlsx_empty') });
  if (sheet.rowCount > MAX_ROWS + 1) throw invalid({ file: msg('calendar.import.xlsx_too_many_rows', { max: MAX_ROWS }) });

  const columns = new Map<Column, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell.value).trim().toLowerCase();
    for (const [column, names] of Object.entries(HEADERS) as [Column, readonly string[]][]) {
      if (names.includes(header) && !columns.has(column)) columns.set(column, col);
    }
  });
  if (!columns.has('date') || !columns.has('kind')) throw invalid({ file: msg('calendar.import.xlsx_headers') });

  const days: ImportedDay[] = [];
  const problems: ImportProblem[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const value = (column: Column) => (columns.has(column) ? row.getCell(columns.get(column)!).value : null);
    const kindText = cellText(value('kind')).normalize('NFKC').trim();
    const text = [cellText(value('date')), kindText, cellText(value('name'))].filter(Boolean).join(' · ');
    if (!text.trim()) return;
    const date = dateOf(value('date'));
    if (!date) {
      problems.push({ line: rowNumber, text, problem: msg('calendar.import.xlsx_date') });
      return;
    }
    const kind = HOLIDAY.test(kindText) ? 'holiday' : WORKDAY.test(kindText) ? 'workday' : null;
    if (!kind) {
      problems.push({ line: rowNumber, text, problem: msg('calendar.import.xlsx_kind') });
      return;
    }
    days.push({ date, kind, name: cellText(value('name')).trim().slice(0, 50) });
  });
  return { year: mainYear(days), days, problems };
}
