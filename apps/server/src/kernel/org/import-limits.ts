/**
 * Bounds on what one user import may cost (issue 8 §5: a 2 MiB CSV used to take two minutes of CPU, a 200 KB xlsx zip
 * bomb 430 MB of memory). The upload is cut at `bytes` while it streams in; a CSV is parsed in one pass that stops at
 * the first row or column past the limit; an xlsx is a zip whose every entry is inflated here, against the remaining
 * budget, before exceljs sees it — the sizes a zip declares can lie, what inflating produces cannot.
 */
import { inflateRawSync } from 'node:zlib';
import { DomainError, invalid } from '../errors.ts';
import { msg } from '../messages.ts';

export const IMPORT_LIMITS = {
  /** The uploaded file. 5,000 users of nine columns is well under 2 MiB of CSV. */
  bytes: 4 * 1024 * 1024,
  /** Data rows (the header row not counted). */
  rows: 5000,
  /** Columns of a row. The template has nine. */
  columns: 64,
  /** Characters of one cell. */
  cellChars: 1000,
  /** Everything an xlsx holds once inflated. */
  unzippedBytes: 32 * 1024 * 1024,
  /** Files inside an xlsx. A workbook of one sheet has about a dozen. */
  zipEntries: 500,
} as const;

const MIB = 1024 * 1024;

export const tooLarge = () =>
  new DomainError('payload_too_large', msg('import.too_large', { max: IMPORT_LIMITS.bytes / MIB }), {
    fields: { file: [msg('import.too_large', { max: IMPORT_LIMITS.bytes / MIB })] },
  });

const unzippedTooLarge = () =>
  new DomainError('payload_too_large', msg('import.unzipped_too_large', { max: IMPORT_LIMITS.unzippedBytes / MIB }), {
    fields: { file: [msg('import.unzipped_too_large', { max: IMPORT_LIMITS.unzippedBytes / MIB })] },
  });

export const tooManyRows = () => invalid({ file: msg('import.too_many_rows', { max: IMPORT_LIMITS.rows }) });
export const tooManyColumns = () => invalid({ file: msg('import.too_many_columns', { max: IMPORT_LIMITS.columns }) });
export const cellTooLong = (row: number) => invalid({ file: msg('import.cell_too_long', { row, max: IMPORT_LIMITS.cellChars }) });
const unreadable = () => invalid({ file: msg('import.unreadable') });

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks an xlsx (zip) before it is parsed: at most `zipEntries` entries, stored or deflated, and all of them together
 * inflating to at most `unzippedBytes`. Throws 413 past the budget and 400 for what is not a zip.
 */
export function checkZipBudget(bytes: Buffer): void {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const entries = bytes.readUInt16LE(eocd + 10);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (entries > IMPORT_LIMITS.zipEntries) throw unzippedTooLarge();
  let budget: number = IMPORT_LIMITS.unzippedBytes;
  let at = directoryOffset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw unreadable();
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const declaredSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    at += 46 + nameLength + extraLength + commentLength;
    // ZIP64 sizes (0xffffffff) are for files far beyond any budget here.
    if (declaredSize > budget || compressedSize === 0xffffffff) throw unzippedTooLarge();
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL) throw unreadable();
    const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    const data = bytes.subarray(start, start + compressedSize);
    if (data.length !== compressedSize) throw unreadable();
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw unzippedTooLarge();
        throw unreadable();
      }
    } else throw unreadable();
    budget -= size;
    if (budget < 0) throw unzippedTooLarge();
  }
}
