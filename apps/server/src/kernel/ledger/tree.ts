/**
 * Synchronous RFC 6962 Merkle tree arithmetic on node:crypto, for the sequencer, the proof service and `henji verify`.
 * The asynchronous reference in @henji/verifier checks this module in property tests.
 *
 * Nodes are named (level, idx): the perfect subtree of 2^level leaves starting at leaf idx·2^level.
 */
import { hash } from 'node:crypto';
import { entryLeafData, type EntryFields } from '@henji/verifier';

const scratch = Buffer.alloc(65);

export function sha256(data: Uint8Array): Buffer {
  return hash('sha256', data, 'buffer') as unknown as Buffer;
}

export function leafHashOf(data: string | Uint8Array): Buffer {
  // U+0000 encodes as the single byte 0x00, the RFC 6962 leaf prefix; hashing the string skips two copies.
  if (typeof data === 'string') return hash('sha256', `\u0000${data}`, 'buffer') as unknown as Buffer;
  const bytes = data;
  const buf = Buffer.allocUnsafe(bytes.length + 1);
  buf[0] = 0;
  buf.set(bytes, 1);
  return sha256(buf);
}

export const entryLeafHashSync = (e: EntryFields) => leafHashOf(entryLeafData(e));

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  scratch[0] = 1;
  scratch.set(left, 1);
  scratch.set(right, 33);
  return sha256(scratch);
}

export interface NodeRef {
  level: number;
  idx: number;
}

/** The perfect subtrees that make up [start, end), left to right, each as large as alignment allows. */
export function perfectPieces(start: number, end: number): NodeRef[] {
  const pieces: NodeRef[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    while ((at % 2 ** (level + 1)) === 0 && at + 2 ** (level + 1) <= end) level++;
    pieces.push({ level, idx: at / 2 ** level });
    at += 2 ** level;
  }
  return pieces;
}

/** MTH of a range from its perfect pieces: the right fold RFC 6962 gives for a non-perfect tree. */
export function foldPieces(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) return sha256(new Uint8Array());
  let acc: Buffer = Buffer.from(hashes[hashes.length - 1]!);
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
  return acc;
}

/** A subtree hash needed by a proof, as the range of leaves it covers. */
export interface Range {
  start: number;
  end: number;
}

const largestPow2Below = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** PATH(m, D[start:end]) of RFC 6962 §2.1.1 as the ranges whose hashes make the proof, bottom first. */
export function inclusionRanges(m: number, start: number, end: number): Range[] {
  const n = end - start;
  if (n <= 1) return [];
  const k = largestPow2Below(n);
  if (m < k) return [...inclusionRanges(m, start, start + k), { start: start + k, end }];
  return [...inclusionRanges(m - k, start + k, end), { start, end: start + k }];
}

/** PROOF(m, D[n]) of RFC 6962 §2.1.2 as ranges. */
export function consistencyRanges(m: number, n: number): Range[] {
  if (m <= 0 || m >= n) return [];
  return subproof(m, 0, n, true);
}

function subproof(m: number, start: number, end: number, b: boolean): Range[] {
  const n = end - start;
  if (m === n) return b ? [] : [{ start, end }];
  const k = largestPow2Below(n);
  if (m <= k) return [...subproof(m, start, start + k, b), { start: start + k, end }];
  return [...subproof(m - k, start + k, end, false), { start, end: start + k }];
}

/**
 * The right edge of a tree being built leaf by leaf: one hash per set bit of the size. Appending a leaf merges equal
 * subtrees and reports every completed node, which the sequencer stores for proofs.
 */
export class Frontier {
  private constructor(
    private size: number,
    /** perfect subtree hashes from the largest (leftmost) to the smallest */
    private readonly stack: { level: number; hash: Buffer }[],
  ) {}

  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /** Rebuilds a frontier from the stored hashes of the perfect pieces of [0, size). */
  static of(size: number, pieceHashes: readonly Buffer[]): Frontier {
    const pieces = perfectPieces(0, size);
    if (pieces.length !== pieceHashes.length) throw new Error('frontier pieces do not match the tree size');
    return new Frontier(size, pieces.map((p, i) => ({ level: p.level, hash: pieceHashes[i]! })));
  }

  get treeSize(): number {
    return this.size;
  }

  /** Appends a leaf hash; returns the interior nodes (level ≥ 1) it completed. */
  append(leafHash: Buffer): { level: number; idx: number; hash: Buffer }[] {
    const completed: { level: number; idx: number; hash: Buffer }[] = [];
    let node = { level: 0, hash: leafHash };
    let position = this.size;
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level === node.level) {
      const left = this.stack.pop()!;
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
      position = Math.floor(position / 2);
      completed.push({ level: node.level, idx: position, hash: node.hash });
    }
    this.stack.push(node);
    this.size++;
    return completed;
  }

  root(): Buffer {
    return foldPieces(this.stack.map((s) => s.hash));
  }

  clone(): Frontier {
    return new Frontier(this.size, this.stack.map((s) => ({ ...s })));
  }
}
