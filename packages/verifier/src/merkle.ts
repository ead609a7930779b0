/**
 * RFC 6962 / RFC 9162 Merkle tree hashing and proof verification.
 *
 * Hashing is asynchronous so the same code runs on WebCrypto in the browser and in Node. The server's bulk tree code
 * (apps/server/src/kernel/ledger/tree.ts) is synchronous for speed and is tested against this module.
 */
import { concat, equalBytes } from './bytes.ts';

export type Sha256 = (data: Uint8Array) => Promise<Uint8Array>;

export const webSha256: Sha256 = async (data) =>
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));

const LEAF_PREFIX = new Uint8Array([0]);
const NODE_PREFIX = new Uint8Array([1]);

export const hashLeaf = (h: Sha256, data: Uint8Array) => h(concat(LEAF_PREFIX, data));
export const hashChildren = (h: Sha256, left: Uint8Array, right: Uint8Array) => h(concat(NODE_PREFIX, left, right));

/** MTH(D[n]) of RFC 6962 §2.1, computed directly from leaf hashes. The reference computation for tests. */
export async function rootOf(h: Sha256, leafHashes: readonly Uint8Array[]): Promise<Uint8Array> {
  if (leafHashes.length === 0) return h(new Uint8Array());
  if (leafHashes.length === 1) return leafHashes[0]!;
  const k = largestPowerOfTwoBelow(leafHashes.length);
  return hashChildren(h, await rootOf(h, leafHashes.slice(0, k)), await rootOf(h, leafHashes.slice(k)));
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.3.2: the root a valid inclusion proof leads to, or null if the proof has the wrong shape. */
export async function rootFromInclusionProof(
  h: Sha256,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<Uint8Array | null> {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await hashChildren(h, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await hashChildren(h, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export async function verifyInclusion(
  h: Sha256,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  const computed = await rootFromInclusionProof(h, leafIndex, treeSize, leafHash, proof);
  return computed !== null && equalBytes(computed, root);
}

/** RFC 9162 §2.1.4.2: checks that the tree of size `first` with `firstRoot` is a prefix of the tree of `second`. */
export async function verifyConsistency(
  h: Sha256,
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<boolean> {
  if (first < 0 || second < first) return false;
  if (first === second) return proof.length === 0 && equalBytes(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = [...proof];
  if (isPowerOfTwo(first)) path.unshift(firstRoot);
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await hashChildren(h, c, fr);
      sr = await hashChildren(h, c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = await hashChildren(h, sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}

export const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;
