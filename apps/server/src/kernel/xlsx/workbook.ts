/**
 * Lists as xlsx (我的申请, 我的待办, 督办任务): one sheet with a bold, frozen header row and columns as wide as their
 * text (a CJK character counts two), and the file's SHA-256, which the trace of the download keeps as evidence.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beijingMinute } from '../clock.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `2026-12-02 14:05` in Beijing time; empty for no time. */
export const beijing = (iso: string | null | undefined) => (iso ? beijingMinute(iso) : '');

export interface ExportFile {
  name: string;
  bytes: Buffer;
  rows: number;
  sha256: string;
}

async function workbookOf(sheetName: string, header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...[header[i] ?? '', ...rows.map((r) => String(r[i] ?? ''))].map((text) => [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function xlsxFile(name: string, sheet: string, header: string[], rows: (string | number)[][]): Promise<ExportFile> {
  const bytes = await workbookOf(sheet, header, rows);
  return { name, bytes, rows: rows.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
