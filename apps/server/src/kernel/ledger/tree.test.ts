/**
 * Property tests: the server's synchronous tree code (incremental frontier, stored-subtree proofs) against an
 * independent reference written here straight from RFC 6962 §2.1 (recursive MTH, PATH and PROOF over the leaf list),
 * and the standalone verifier's checks against both.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, rootOf, verifyConsistency, verifyInclusion, webSha256 } from '@henji/verifier';
import { consistencyRanges, foldPieces, Frontier, inclusionRanges, leafHashOf, perfectPieces, type Range } from './tree.ts';

// ---- the reference: RFC 6962 §2.1, literally ----
const H = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1); // largest power of two < n
function MTH(D: Buffer[]): Buffer {
  if (D.length === 0) return H();
  if (D.length === 1) return H(Buffer.from([0]), D[0]!);
  const split = k(D.length);
  return H(Buffer.from([1]), MTH(D.slice(0, split)), MTH(D.slice(split)));
}
function PATH(m: number, D: Buffer[]): Buffer[] {
  if (D.length <= 1) return [];
  const split = k(D.length);
  return m < split ? [...PATH(m, D.slice(0, split)), MTH(D.slice(split))] : [...PATH(m - split, D.slice(split)), MTH(D.slice(0, split))];
}
function SUBPROOF(m: number, D: Buffer[], b: boolean): Buffer[] {
  if (m === D.length) return b ? [] : [MTH(D)];
  const split = k(D.length);
  return m <= split
    ? [...SUBPROOF(m, D.slice(0, split), b), MTH(D.slice(split))]
    : [...SUBPROOF(m - split, D.slice(split), false), MTH(D.slice(0, split))];
}
const PROOF = (m: number, D: Buffer[]) => (m === 0 || m === D.length ? [] : SUBPROOF(m, D, true));

// ---- the server side: hashes of perfect subtrees, as the sequencer stores them ----
function storedNodes(leafHashes: Buffer[]) {
  const nodes = new Map<string, Buffer>();
  const frontier = Frontier.empty();
  leafHashes.forEach((h, i) => {
    nodes.set(`0:${i}`, h);
    for (const n of frontier.append(h)) nodes.set(`${n.level}:${n.idx}`, n.hash);
  });
  return { nodes, frontier };
}
const rangeHash = (nodes: Map<string, Buffer>, r: Range) =>
  foldPieces(perfectPieces(r.start, r.end).map((p) => nodes.get(`${p.level}:${p.idx}`)!));

const leavesArb = fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { minLength: 1, maxLength: 70 });

describe('Merkle tree (RFC 6962) against the reference', () => {
  it('the incremental root equals MTH at every size, and equals the verifier\'s rootOf', async () => {
    await fc.assert(
      fc.asyncProperty(leavesArb, async (data) => {
        const D = data.map((d) => Buffer.from(d));
        const frontier = Frontier.empty();
        for (let n = 1; n <= D.length; n++) {
          frontier.append(leafHashOf(D[n - 1]!));
          expect(frontier.root().equals(MTH(D.slice(0, n)))).toBe(true);
        }
        const viaVerifier = await rootOf(webSha256, D.map((d) => new Uint8Array(leafHashOf(d))));
        expect(Buffer.from(viaVerifier).equals(MTH(D))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('inclusion proofs from stored subtrees equal PATH and verify; altered proofs do not', async () => {
    await fc.assert(
      fc.asyncProperty(leavesArb, fc.nat(), fc.nat(), async (data, a, b) => {
        // Distinct leaves, so a proof for one position cannot also hold for another by coincidence.
        const D = data.map((d, i) => Buffer.concat([Buffer.from(d), Buffer.from(`#${i}`)]));
        const { nodes } = storedNodes(D.map((d) => leafHashOf(d)));
        const n = 1 + (a % D.length);
        const m = b % n;
        const proof = inclusionRanges(m, 0, n).map((r) => rangeHash(nodes, r));
        expect(proof.map((p) => p.toString('hex'))).toEqual(PATH(m, D.slice(0, n)).map((p) => p.toString('hex')));
        const root = MTH(D.slice(0, n));
        expect(await verifyInclusion(webSha256, m, n, leafHashOf(D[m]!), proof, root)).toBe(true);
        if (proof.length > 0) {
          const bad = proof.map((p, i) => (i === 0 ? H(p) : p));
          expect(await verifyInclusion(webSha256, m, n, leafHashOf(D[m]!), bad, root)).toBe(false);
        }
        if (n > 1) expect(await verifyInclusion(webSha256, (m + 1) % n, n, leafHashOf(D[m]!), proof, root)).toBe(m === (m + 1) % n);
      }),
      { numRuns: 150 },
    );
  });

  it('consistency proofs from stored subtrees equal PROOF and verify; wrong roots do not', async () => {
    await fc.assert(
      fc.asyncProperty(leavesArb, fc.nat(), fc.nat(), async (data, a, b) => {
        const D = data.map((d) => Buffer.from(d));
        const { nodes } = storedNodes(D.map((d) => leafHashOf(d)));
        const n = 1 + (a % D.length);
        const m = b % (n + 1);
        const proof = consistencyRanges(m, n).map((r) => rangeHash(nodes, r));
        expect(proof.map((p) => p.toString('hex'))).toEqual(PROOF(m, D.slice(0, n)).map((p) => p.toString('hex')));
        const oldRoot = MTH(D.slice(0, m));
        const newRoot = MTH(D.slice(0, n));
        expect(await verifyConsistency(webSha256, m, n, oldRoot, newRoot, proof)).toBe(m === 0 ? proof.length === 0 : true);
        if (m > 0 && m < n) {
          expect(await verifyConsistency(webSha256, m, n, H(oldRoot), newRoot, proof)).toBe(false);
          expect(await verifyConsistency(webSha256, m, n, oldRoot, H(newRoot), proof)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('matches the RFC 6962 test vector for the empty tree', () => {
    expect(MTH([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(Frontier.empty().root().toString('hex')).toBe(MTH([]).toString('hex'));
    expect(fromHex('00ff')).toEqual(new Uint8Array([0, 255]));
  });
});
