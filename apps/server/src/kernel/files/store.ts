/**
 * Where the bytes of uploaded files live (K9). Content-addressed: a blob's key is the SHA-256 of its bytes, so a
 * stored blob can never change under a row that names it, and identical content is stored once.
 *
 * The local store writes `<filesDir>/sha256/ab/cd/<hex>`. A blob is first written to a temporary file in
 * `<filesDir>/tmp`, hashed while it streams, fsynced, checked, and only then renamed to its final name (rename is
 * atomic within one file system), so a crash never leaves half a file under a final name. S3-compatible storage is a
 * second implementation of `FileStore` (a later issue); nothing outside this file knows which one is in use.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';

export interface StoredBlob {
  /** Lower-case hex: the blob's key. */
  sha256: string;
  size: number;
}

export interface PutOptions {
  /**
   * Runs once every byte has arrived and before the blob becomes visible under its key; throwing discards the bytes
   * (nothing is stored) and rejects `put` with that error. Validation that needs the whole file goes here.
   */
  beforeCommit?: (blob: StoredBlob) => void | Promise<void>;
}

export interface FileStore {
  /** Stores a stream; resolves once the blob is durable under its key. */
  put(content: Readable, options?: PutOptions): Promise<StoredBlob>;
  /** The bytes of a stored blob; rejects when there is no such blob. */
  open(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
}

const HEX64 = /^[0-9a-f]{64}$/;

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  /** The final path of a blob: two levels of fan-out keep directories small. */
  pathOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error(`not a SHA-256 key: ${sha256}`);
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Readable, options: PutOptions = {}): Promise<StoredBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const handle = await open(tmp, 'wx', 0o600);
    let closed = false;
    try {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of content) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        hash.update(bytes);
        size += bytes.length;
        await handle.write(bytes);
      }
      await handle.sync();
      await handle.close();
      closed = true;
      const blob = { sha256: hash.digest('hex'), size };
      await options.beforeCommit?.(blob);
      const target = this.pathOf(blob.sha256);
      if (await this.exists(blob.sha256)) {
        // Identical content is already stored (and was durable before it was renamed there): keep that copy.
        await rm(tmp, { force: true });
      } else {
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
        await syncDirectory(path.dirname(target));
      }
      return blob;
    } catch (error) {
      if (!closed) await handle.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async open(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    await access(file);
    return createReadStream(file);
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }
}

/** Makes a rename durable: the new directory entry is on disk once the directory itself is fsynced. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The store the configuration names; today always the local file system under HENJI_FILES_DIR. */
export const fileStoreFor = (config: Pick<Config, 'filesDir'>): FileStore => new LocalFileStore(config.filesDir);
