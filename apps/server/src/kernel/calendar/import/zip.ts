/**
 * A look at an xlsx (a zip archive) before anything unpacks it: the central directory must be readable, hold at most
 * MAX_ENTRIES files and declare at most MAX_UNPACKED bytes in all, so a small upload cannot make the server inflate
 * hundreds of megabytes (a zip bomb). The route also caps the upload itself (packages/contracts, CalendarImportSource).
 */
import { invalid } from '../../errors.ts';
import { msg } from '../../messages.ts';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const MAX_ENTRIES = 200;
const MAX_UNPACKED = 16 * 1024 * 1024;

export function checkZipSize(bytes: Buffer): void {
  const refuse = () => invalid({ file: msg('calendar.import.xlsx_unreadable') });
  // The end record is in the last 22 bytes plus at most 64 KiB of comment.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw refuse();
  const entries = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (entries > MAX_ENTRIES) throw invalid({ file: msg('calendar.import.xlsx_too_large') });
  let unpacked = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw refuse();
    const size = bytes.readUInt32LE(offset + 24);
    // 0xffffffff means the size is in a ZIP64 field: no workbook of holidays needs one.
    if (size === 0xffffffff) throw invalid({ file: msg('calendar.import.xlsx_too_large') });
    unpacked += size;
    if (unpacked > MAX_UNPACKED) throw invalid({ file: msg('calendar.import.xlsx_too_large') });
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
}
