/**
 * Which files Henji accepts (K9), decided twice: by the name's extension, then by the content's first bytes (magic
 * numbers), so a program renamed to .pdf is refused. The stored type is the one decided here, never the type the
 * browser claimed. Pure functions: files.test.ts and file-types.test.ts check them without a server.
 */
import { msg, type Message } from '../messages.ts';

/** How many leading bytes the sniffing needs: a PDF may start its header anywhere in the first 1024 bytes. */
export const SNIFF_BYTES = 4096;

type Container = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'text' | 'zip' | 'ole';

interface FileType {
  mime: string;
  container: Container;
}

/** The allowlist: extension → the type served and the container its content must be. */
const TYPES: Record<string, FileType> = {
  pdf: { mime: 'application/pdf', container: 'pdf' },
  png: { mime: 'image/png', container: 'png' },
  jpg: { mime: 'image/jpeg', container: 'jpeg' },
  jpeg: { mime: 'image/jpeg', container: 'jpeg' },
  gif: { mime: 'image/gif', container: 'gif' },
  webp: { mime: 'image/webp', container: 'webp' },
  bmp: { mime: 'image/bmp', container: 'bmp' },
  txt: { mime: 'text/plain', container: 'text' },
  csv: { mime: 'text/csv', container: 'text' },
  md: { mime: 'text/markdown', container: 'text' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', container: 'zip' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', container: 'zip' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', container: 'zip' },
  doc: { mime: 'application/msword', container: 'ole' },
  xls: { mime: 'application/vnd.ms-excel', container: 'ole' },
  ppt: { mime: 'application/vnd.ms-powerpoint', container: 'ole' },
  zip: { mime: 'application/zip', container: 'zip' },
  /** 版式文档 (GB/T 33190), the format of Chinese electronic invoices: a zip container. */
  ofd: { mime: 'application/ofd', container: 'zip' },
};

export const ALLOWED_EXTENSIONS: readonly string[] = Object.keys(TYPES);

export const MAX_NAME_LENGTH = 255;

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const ZIP_SIGNATURES = [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0x50, 0x4b, 0x07, 0x08]];
/** The sizes a BMP's DIB header can have (BITMAPCOREHEADER … BITMAPV5HEADER): "BM" alone is too weak a signature. */
const BMP_DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function indexOf(head: Uint8Array, needle: readonly number[], within: number): number {
  const end = Math.min(head.length - needle.length, within - needle.length);
  for (let i = 0; i <= end; i++) if (startsWith(head, needle, i)) return i;
  return -1;
}

/**
 * Plain text: no NUL and no C0 control characters other than tab, line feed, form feed, carriage return and escape.
 * Every executable and binary format has such bytes in its first kilobytes; UTF-8 and GB18030 text has none. UTF-16
 * (full of NULs) is refused: such files are rare and would be shown garbled anyway.
 */
function isText(head: Uint8Array): boolean {
  for (const b of head) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

const CONTAINER_MATCHES: Record<Container, (head: Uint8Array) => boolean> = {
  pdf: (head) => indexOf(head, PDF, 1024) >= 0,
  png: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: (head) => startsWith(head, [0xff, 0xd8, 0xff]),
  gif: (head) => startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a')),
  webp: (head) => startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8),
  bmp: (head) => startsWith(head, ascii('BM')) && head.length >= 18 && BMP_DIB_SIZES.has(head[14]! | (head[15]! << 8) | (head[16]! << 16) | (head[17]! << 24)),
  text: isText,
  zip: (head) => ZIP_SIGNATURES.some((signature) => startsWith(head, signature)),
  ole: (head) => startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
};

export const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

// Control characters (C0, DEL, C1) and the Unicode line/paragraph separators and bidirectional overrides, which
// could make a name display as something else than it is ("invoice‮fdp.exe").
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A problem with a file name, or null. The name is kept as sent (it is evidence); only unsafe names are refused. */
export function nameProblem(name: string): Message | null {
  if (name.trim() === '' || name === '.' || name === '..') return msg('files.name_missing');
  if ([...name].length > MAX_NAME_LENGTH) return msg('files.name_too_long', { max: MAX_NAME_LENGTH });
  if (UNSAFE_NAME.test(name)) return msg('files.name_control_characters');
  if (name.includes('/') || name.includes('\\')) return msg('files.name_path');
  return null;
}

/** The type an allowed extension stands for, or a message saying which types are allowed. */
export function typeByName(name: string): FileType | Message {
  const extension = extensionOf(name);
  const type = Object.hasOwn(TYPES, extension) ? TYPES[extension] : undefined;
  if (!type) return msg('files.type_not_allowed', { extension: extension ? `.${extension}` : '—', allowed: ALLOWED_EXTENSIONS.join(' ') });
  return type;
}

export interface AcceptedType {
  mime: string;
  extension: string;
}

/**
 * Checks a received file: its name, its extension against the allowlist, its size, and its first bytes (at least
 * SNIFF_BYTES of them, or all of a shorter file) against the container the extension promises.
 */
export function checkFile(name: string, head: Uint8Array, size: number): AcceptedType | Message {
  const badName = nameProblem(name);
  if (badName) return badName;
  const type = typeByName(name);
  if (!('container' in type)) return type;
  if (size === 0) return msg('files.empty');
  const extension = extensionOf(name);
  if (!CONTAINER_MATCHES[type.container](head)) return msg('files.content_mismatch', { extension: `.${extension}` });
  return { mime: type.mime, extension };
}

export const isMessage = (value: AcceptedType | FileType | Message): value is Message => 'key' in value;
