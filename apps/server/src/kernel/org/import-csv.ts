/**
 * CSV for the user import (RFC 4180: comma-separated, `"` quotes, `""` inside quotes, CRLF or LF), read in one pass
 * over the text that stops at the first row, column or cell past IMPORT_LIMITS. Cells stay text: a phone number keeps
 * its leading zero and nothing is guessed to be a date.
 */
import { cellTooLong, IMPORT_LIMITS, tooManyColumns, tooManyRows } from './import-limits.ts';

export interface CsvRecord {
  /** 1-based line of the record's start, the header being 1: what the person sees in their spreadsheet program. */
  row: number;
  cells: string[];
}

/** The records of `text` (a byte-order mark removed); blank lines are skipped but counted in row numbers. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let dataRows = 0;
  const endCell = () => {
    if (cell.length > IMPORT_LIMITS.cellChars) throw cellTooLong(recordLine);
    cells.push(cell);
    cell = '';
    if (cells.length > IMPORT_LIMITS.columns) throw tooManyColumns();
  };
  const endRecord = () => {
    endCell();
    if (cells.some((c) => c.trim() !== '')) {
      if (records.length > 0 && ++dataRows > IMPORT_LIMITS.rows) throw tooManyRows();
      records.push({ row: recordLine, cells });
    }
    cells = [];
  };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
        if (cell.length > IMPORT_LIMITS.cellChars) throw cellTooLong(recordLine);
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += c;
      if (cell.length > IMPORT_LIMITS.cellChars) throw cellTooLong(recordLine);
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
