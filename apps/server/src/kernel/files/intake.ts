/**
 * Receiving one uploaded file: stream it into the FileStore while hashing it, keep its first bytes for sniffing, and
 * decide — after the last byte and before the blob becomes visible — whether it is acceptable. A refused file (too
 * large, empty, wrong type, disguised) leaves nothing stored.
 */
import { Readable } from 'node:stream';
import { DomainError, invalid } from '../errors.ts';
import { msg } from '../messages.ts';
import { checkFile, isMessage, nameProblem, SNIFF_BYTES, typeByName } from './file-types.ts';
import type { FileStore } from './store.ts';

export interface ReceivedFile {
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface IncomingFile {
  name: string;
  content: Readable;
  /** Whether the multipart parser cut the file off at its size limit. */
  truncated: () => boolean;
}

/** "20 MB": limits are powers of two, shown the way people read file sizes. */
export function formatLimit(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

export const tooLarge = (maxBytes: number) => {
  const reason = msg('files.too_large', { limit: formatLimit(maxBytes) });
  return new DomainError('payload_too_large', reason, { fields: { file: [reason] } });
};

/** Refuses by name and extension before reading anything, then streams, sniffs and stores. */
export async function receiveFile(store: FileStore, incoming: IncomingFile, maxBytes: number): Promise<ReceivedFile> {
  const early = nameProblem(incoming.name) ?? typeByName(incoming.name);
  if (isMessage(early)) {
    incoming.content.resume(); // let the rest of the request arrive, so the answer is not a connection reset
    throw invalid({ file: early });
  }
  const chunks: Buffer[] = [];
  let captured = 0;
  let size = 0;
  async function* tap(source: Readable) {
    for await (const chunk of source) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      if (captured < SNIFF_BYTES) {
        chunks.push(bytes.subarray(0, SNIFF_BYTES - captured));
        captured += Math.min(bytes.length, SNIFF_BYTES - captured);
      }
      yield bytes;
    }
  }
  let mime = '';
  const blob = await store.put(Readable.from(tap(incoming.content)), {
    beforeCommit: ({ size: stored }) => {
      if (incoming.truncated()) throw tooLarge(maxBytes);
      const accepted = checkFile(incoming.name, Buffer.concat(chunks), stored);
      if (isMessage(accepted)) throw invalid({ file: accepted });
      mime = accepted.mime;
    },
  });
  return { name: incoming.name, mime, size: blob.size, sha256: blob.sha256 };
}
