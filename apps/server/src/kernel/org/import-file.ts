/**
 * Reads a user list from an xlsx or csv file (K3). The first row holds headers, in Chinese or English; each later
 * row becomes a record keyed by field name, with its 1-based row number for the error report.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError, invalid } from '../errors.ts';
import { msg } from '../messages.ts';

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

const MAX_ROWS = 5000;

export async function readImportFile(fileName: string, bytes: Buffer): Promise<ImportRow[]> {
  const workbook = new ExcelJS.Workbook();
  const lower = fileName.toLowerCase();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (lower.endsWith('.csv')) {
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      sheet = await workbook.csv.read(Readable.from([text]));
    } else if (lower.endsWith('.xlsx')) {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      sheet = workbook.worksheets[0];
    } else {
      throw invalid({ file: msg('import.file_type') });
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid({ file: msg('import.unreadable') });
  }
  if (!sheet || sheet.rowCount < 1) throw invalid({ file: msg('import.empty') });

  const headerOf = new Map<number, ImportField>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell.value).trim().toLowerCase();
    for (const [field, names] of Object.entries(IMPORT_COLUMNS) as [ImportField, readonly string[]][]) {
      if (names.includes(header)) headerOf.set(col, field);
    }
  });
  const fields = new Set(headerOf.values());
  if (!fields.has('username') || !fields.has('displayName')) {
    throw invalid({ file: msg('import.headers') });
  }
  const rows: ImportRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Partial<Record<ImportField, string>> = {};
    row.eachCell((cell, col) => {
      const field = headerOf.get(col);
      const text = cellText(cell.value).trim();
      if (field && text) values[field] = text;
    });
    if (Object.keys(values).length > 0) rows.push({ row: rowNumber, values });
  });
  if (rows.length > MAX_ROWS) throw invalid({ file: msg('import.too_many_rows', { max: MAX_ROWS }) });
  return rows;
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
