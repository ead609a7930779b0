import { describe, expect, it } from 'vitest';
import { checkFile, extensionOf, isMessage, nameProblem } from './file-types.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** The first bytes of a Windows executable: "MZ", then a DOS header full of NULs. */
const EXE = bytes('MZ', [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff], 'This program cannot be run in DOS mode');
const ELF = bytes([0x7f], 'ELF', [0x02, 0x01, 0x01, 0x00]);
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const ZIP = bytes('PK', [0x03, 0x04, 0x14, 0x00], '[Content_Types].xml');
const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
const BMP = bytes('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0]);

const accepted = (name: string, head: Uint8Array, size = head.length) => {
  const result = checkFile(name, head, size);
  return isMessage(result) ? result.key : result;
};

describe('file types by extension and content', () => {
  it.each([
    ['报销单.pdf', bytes('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf'],
    ['scan.PDF', bytes('\r\n\r\n%PDF-1.4'), 'application/pdf'],
    ['照片.png', PNG, 'image/png'],
    ['photo.jpg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg'],
    ['photo.jpeg', bytes([0xff, 0xd8, 0xff, 0xe1]), 'image/jpeg'],
    ['a.gif', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['a.webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['a.bmp', BMP, 'image/bmp'],
    ['说明.txt', Buffer.from('会议纪要：\r\n\t第一项\n', 'utf8'), 'text/plain'],
    ['名单.csv', Buffer.from('\ufeff用户名,姓名\nzhang,张三\n', 'utf8'), 'text/csv'],
    ['readme.md', Buffer.from('# 标题\n\n正文', 'utf8'), 'text/markdown'],
    ['合同.docx', ZIP, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['台账.xlsx', ZIP, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['汇报.pptx', ZIP, 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['旧合同.doc', OLE, 'application/msword'],
    ['旧台账.xls', OLE, 'application/vnd.ms-excel'],
    ['旧汇报.ppt', OLE, 'application/vnd.ms-powerpoint'],
    ['材料.zip', ZIP, 'application/zip'],
    ['空压缩包.zip', bytes('PK', [0x05, 0x06], Array(18).fill(0)), 'application/zip'],
    ['电子发票.ofd', ZIP, 'application/ofd'],
  ])('accepts %s as %s', (name, head, mime) => {
    expect(accepted(name, head)).toEqual({ mime, extension: extensionOf(name) });
  });

  it.each([
    ['invoice.pdf', EXE],
    ['invoice.png', EXE],
    ['notes.txt', EXE],
    ['report.docx', EXE],
    ['report.doc', EXE],
    ['e-invoice.ofd', ELF],
    ['picture.jpg', PNG],
    ['picture.png', bytes('%PDF-1.7')],
    ['sheet.xlsx', OLE],
    ['sheet.xls', ZIP],
    ['image.bmp', bytes('BM not really a bitmap')],
    ['utf16.txt', Buffer.from('\ufeffmeeting notes', 'utf16le')],
    ['late.pdf', bytes(' '.repeat(1100), '%PDF-1.7')],
  ])('refuses %s whose content is something else', (name, head) => {
    expect(accepted(name, head)).toBe('files.content_mismatch');
  });

  it.each(['setup.exe', 'script.sh', 'page.html', 'page.svg', 'archive.rar', 'noextension', '.pdf', 'a.pdf.exe'])(
    'refuses the type of %s by its name alone',
    (name) => {
      expect(accepted(name, bytes('%PDF-1.7'))).toBe('files.type_not_allowed');
    },
  );

  it('refuses an empty file, whatever its name', () => {
    expect(accepted('empty.txt', new Uint8Array(), 0)).toBe('files.empty');
    expect(accepted('empty.pdf', new Uint8Array(), 0)).toBe('files.empty');
  });
});

describe('file names', () => {
  it('accepts ordinary names, Chinese, spaces and punctuation included', () => {
    for (const name of ['报销单（2026年3月）.pdf', 'Q1 report - final.xlsx', "O'Brien & Co.docx", 'a'.repeat(251) + '.pdf']) {
      expect(nameProblem(name), name).toBeNull();
    }
  });

  it.each([
    ['', 'files.name_missing'],
    ['   ', 'files.name_missing'],
    ['a'.repeat(252) + '.pdf', 'files.name_too_long'],
    ['line\nbreak.pdf', 'files.name_control_characters'],
    ['nul\u0000.pdf', 'files.name_control_characters'],
    ['tab\t.pdf', 'files.name_control_characters'],
    ['del\u007f.pdf', 'files.name_control_characters'],
    ['invoice\u202efdp.exe', 'files.name_control_characters'],
    ['../../etc/passwd.txt', 'files.name_path'],
    ['C:\\fakepath\\a.pdf', 'files.name_path'],
  ])('refuses %j', (name, key) => {
    expect(nameProblem(name)?.key).toBe(key);
    expect(accepted(name, bytes('%PDF-1.7'))).toBe(key);
  });

  it('counts characters, not UTF-16 units, against the length limit', () => {
    expect(nameProblem('😀'.repeat(251) + '.pdf')).toBeNull();
  });
});
