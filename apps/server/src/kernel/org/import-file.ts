/**
 * Reads a user list from an xlsx or csv file (K3). The first row holds headers, in Chinese or English; each later
 * row becomes a record keyed by field name, with its 1-based row number for the error report.
 */
import ExcelJS from 'exceljs';
import { invalid } from '../errors.ts';
import { msg } from '../messages.ts';
import { parseCsv } from './import-csv.ts';
import { cellTooLong, checkZipBudget, IMPORT_LIMITS, tooManyColumns, tooManyRows } from './import-limits.ts';

export const IMPORT_COLUMNS = {
  username: ['用户名', 'username', '账号'],
  displayName: ['姓名', 'displayname', 'display name', 'name'],
  email: ['邮箱', 'email', '电子邮箱'],
  phone: ['手机', 'phone', '手机号', '电话'],
  departmentCode: ['部门编码', 'department', 'departmentcode', 'department code', '部门'],
  position: ['岗位', 'position'],
  managerUsername: ['上级', '上级用户名', 'manager', 'managerusername'],
  roles: ['角色', 'roles'],
  password: ['初始密码', 'password', '密码'],
} as const;

export type ImportField = keyof typeof IMPORT_COLUMNS;
export interface ImportRow {
  row: number;
  values: Partial<Record<ImportField, string>>;
}

/**
 * The rows of an import file, within IMPORT_LIMITS (import-limits.ts): a CSV is parsed here in one bounded pass; an
 * xlsx is inflated against the budget first and only then handed to exceljs.
 */
export async function readImportFile(fileName: string, bytes: Buffer): Promise<ImportRow[]> {
  const lower = fileName.toLowerCase();
  let table: { row: number; cells: string[] }[];
  if (lower.endsWith('.csv')) table = parseCsv(decodeCsv(bytes));
  else if (lower.endsWith('.xlsx')) table = await readXlsx(bytes);
  else throw invalid({ file: msg('import.file_type') });
  if (table.length < 1) throw invalid({ file: msg('import.empty') });

  const headerOf = new Map<number, ImportField>();
  table[0]!.cells.forEach((text, col) => {
    const header = text.trim().toLowerCase();
    for (const [field, names] of Object.entries(IMPORT_COLUMNS) as [ImportField, readonly string[]][]) {
      if (names.includes(header)) headerOf.set(col, field);
    }
  });
  const fields = new Set(headerOf.values());
  if (!fields.has('username') || !fields.has('displayName')) {
    throw invalid({ file: msg('import.headers') });
  }
  const rows: ImportRow[] = [];
  for (const { row, cells } of table.slice(1)) {
    const values: Partial<Record<ImportField, string>> = {};
    cells.forEach((cell, col) => {
      const field = headerOf.get(col);
      const text = cell.trim();
      if (field && text) values[field] = text;
    });
    if (Object.keys(values).length > 0) rows.push({ row, values });
  }
  if (rows.length > IMPORT_LIMITS.rows) throw tooManyRows();
  return rows;
}

function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid({ file: msg('import.not_utf8') });
  }
}

/** The first worksheet's rows as text, numbered as in the sheet. */
async function readXlsx(bytes: Buffer): Promise<{ row: number; cells: string[] }[]> {
  checkZipBudget(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid({ file: msg('import.unreadable') });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 1) return [];
  if (sheet.columnCount > IMPORT_LIMITS.columns) throw tooManyColumns();
  if (sheet.actualRowCount - 1 > IMPORT_LIMITS.rows) throw tooManyRows();
  const table: { row: number; cells: string[] }[] = [];
  sheet.eachRow((row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell((cell, col) => {
      const text = cellText(cell.value);
      if (text.length > IMPORT_LIMITS.cellChars) throw cellTooLong(rowNumber);
      cells[col - 1] = text;
    });
    table.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return table;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value && value.result !== undefined) return String(value.result);
    return '';
  }
  return String(value);
}

/** A template with the headers and one example row, for the import page. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('用户导入');
  sheet.addRow(['用户名', '姓名', '邮箱', '手机', '部门编码', '岗位', '上级', '角色', '初始密码']);
  sheet.addRow(['zhangsan', '张三', 'zhangsan@example.com', '13800000000', 'HR', 'specialist', 'lisi', 'hr', '']);
  sheet.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
