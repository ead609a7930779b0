/** Small helpers for the HTTP tests: reading a subject's trace, building multipart bodies, reading an xlsx back. */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { z } from 'zod';
import type { ApiToken, CreatedApiToken, LedgerEntries, LedgerEntry } from '@henji/contracts';
import type { TestHenji } from '../harness.ts';

export type LedgerPage = z.infer<typeof LedgerEntries>;
export type Token = z.infer<typeof ApiToken>;
export type NewToken = z.infer<typeof CreatedApiToken>;

/** The trace of one subject through GET /api/ledger/entries, oldest first. */
export async function traceOf(h: TestHenji, headers: Record<string, string>, subjectType: string, subjectId: string): Promise<LedgerEntry[]> {
  const app = await h.app();
  const res = await app.inject({
    method: 'GET',
    url: `/api/ledger/entries?subjectType=${encodeURIComponent(subjectType)}&subjectId=${encodeURIComponent(subjectId)}&limit=500`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LedgerPage>().items.reverse();
}

/** A multipart/form-data body with one file in the field "file", as a browser would send it. */
export async function multipartFile(fileName: string, bytes: Uint8Array, type: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), fileName);
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type')!,
  };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The first sheet of an xlsx answer: its name and every row's cells as text (empty cells as ''). */
export async function readXlsx(bytes: Buffer): Promise<{ name: string; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return { name: sheet.name, rows };
}
