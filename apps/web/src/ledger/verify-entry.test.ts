import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Checkpoint, LedgerEntry } from '@henji/contracts';
import { canonicalJson, checkpointNote, entryLeafHash, hashChildren, toHex, webSha256 } from '@henji/verifier';
import type { PublicKey } from '../api/types.ts';
import { checkCheckpoint, displayMatchesPayload, entryFieldsOf, sealedLeafIndex, verifyEntry } from './verify-entry.ts';

/** An entry as the API returns it, its payload carrying what the page displays. */
function ledgerEntry(leafIndex: number | null, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  const diff = { name: { before: 'Finance', after: `Finance ${leafIndex ?? 'new'}` } };
  const shown = { diff, comment: null, evidence: [], requestId: `req-${leafIndex}`, ip: '192.0.2.7', userAgent: 'test' };
  return {
    id: String((leafIndex ?? 99) + 1),
    leafIndex,
    recordedAt: '2026-11-21T09:30:00.000Z',
    actorId: 'a3c4e5f6-0000-4000-8000-000000000001',
    actorName: 'Wang Li',
    onBehalfOfId: null,
    onBehalfOfName: null,
    action: 'role.updated',
    subjectType: 'role',
    subjectId: 'b1c2d3e4-0000-4000-8000-000000000002',
    payload: canonicalJson(shown),
    ...shown,
    description: { sentence: 'Wang Li: Updated role', actorLabel: 'Wang Li', subjectLabel: 'Role Finance', fields: [] },
    ...overrides,
  };
}

const leafHashOf = (entry: LedgerEntry) => entryLeafHash(webSha256, entryFieldsOf(entry));

/** Largest power of two strictly below n (n ≥ 2), as RFC 6962 §2.1 splits a tree. */
const split = (n: number) => 2 ** Math.floor(Math.log2(n - 1));

/** MTH(D[n]) of RFC 6962 §2.1, for a non-empty list of leaf hashes. */
async function treeHash(leaves: readonly Uint8Array[]): Promise<Uint8Array> {
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return hashChildren(webSha256, await treeHash(leaves.slice(0, k)), await treeHash(leaves.slice(k)));
}

/** PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path of leaf m, nearest sibling first. */
async function auditPath(m: number, leaves: readonly Uint8Array[]): Promise<Uint8Array[]> {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...(await auditPath(m, leaves.slice(0, k))), await treeHash(leaves.slice(k))]
    : [...(await auditPath(m - k, leaves.slice(k))), await treeHash(leaves.slice(0, k))];
}

interface SigningKey {
  privateKey: KeyObject;
  published: PublicKey;
}

function signingKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // An Ed25519 SPKI is a fixed 12-byte header followed by the raw 32-byte key.
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(12);
  const keyId = createHash('sha256').update(raw).digest('hex').slice(0, 32);
  return { privateKey, published: { keyId, algorithm: 'Ed25519', publicKey: raw.toString('base64') } };
}

function signedCheckpoint(key: SigningKey, treeSize: number, root: Uint8Array): Checkpoint {
  const unsigned = { treeSize, rootHash: Buffer.from(root).toString('base64'), issuedAt: '2026-11-21T09:31:00.000Z' };
  const note = checkpointNote(unsigned);
  const signature = sign(null, Buffer.from(note), key.privateKey).toString('base64');
  return { ...unsigned, keyId: key.published.keyId, signature, note };
}

/** Five entries (not a power of two, so the tree has an unbalanced edge) under one signed checkpoint. */
async function sealedLedger(overrides: Partial<LedgerEntry> = {}) {
  const key = signingKey();
  const entries = [0, 1, 2, 3, 4].map((index) => ledgerEntry(index, overrides));
  const leaves = await Promise.all(entries.map(leafHashOf));
  const checkpoint = signedCheckpoint(key, entries.length, await treeHash(leaves));
  const requested: [number, number][] = [];
  const loadProof = async (leafIndex: number, treeSize: number) => {
    requested.push([leafIndex, treeSize]);
    return (await auditPath(leafIndex, leaves.slice(0, treeSize))).map(toHex);
  };
  return { key, entries, checkpoint, loadProof, requested };
}

describe('checkCheckpoint', () => {
  it('trusts a checkpoint signed with the published key', async () => {
    const { key, checkpoint } = await sealedLedger();

    expect(await checkCheckpoint(checkpoint, key.published)).toEqual({ ok: true });
  });

  it('rejects a checkpoint whose root was changed after signing', async () => {
    const { key, checkpoint } = await sealedLedger();
    const forged = { ...checkpoint, rootHash: Buffer.alloc(32, 7).toString('base64') };

    expect(await checkCheckpoint(forged, key.published)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a signature made with another key under the published key id', async () => {
    const { key, checkpoint } = await sealedLedger();
    const other = signingKey();
    const rootHash = Buffer.from(checkpoint.rootHash, 'base64');
    const forged = { ...signedCheckpoint(other, checkpoint.treeSize, rootHash), keyId: key.published.keyId };

    expect(await checkCheckpoint(forged, key.published)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a checkpoint that names a key other than the published one', async () => {
    const { checkpoint } = await sealedLedger();
    const other = signingKey();

    expect(await checkCheckpoint(checkpoint, other.published)).toEqual({ ok: false, reason: 'key_mismatch' });
  });

  it('rejects a published key id that does not belong to the published key bytes', async () => {
    const { key, checkpoint } = await sealedLedger();
    const other = signingKey();
    const mislabelled = { ...other.published, keyId: key.published.keyId };

    expect(await checkCheckpoint(checkpoint, mislabelled)).toEqual({ ok: false, reason: 'key_mismatch' });
  });
});

describe('verifyEntry', () => {
  it('verifies every true entry of the tree against the checkpoint', async () => {
    const { entries, checkpoint, loadProof, requested } = await sealedLedger();

    for (const [index, entry] of entries.entries()) {
      expect(await verifyEntry(entry, index, checkpoint, loadProof)).toEqual({ state: 'verified', treeSize: 5 });
    }
    expect(requested).toEqual(entries.map((_, index) => [index, 5]));
  });

  it('fails an entry whose payload was changed, even when what is displayed was changed to match', async () => {
    const { entries, checkpoint, loadProof } = await sealedLedger();
    const entry = entries[2]!;
    const diff = { name: { before: 'Finance', after: 'Treasury' } };
    const rewritten = { ...entry, diff, payload: canonicalJson({ ...JSON.parse(entry.payload), diff }) };

    expect(displayMatchesPayload(rewritten)).toBe(true);
    expect(await verifyEntry(rewritten, 2, checkpoint, loadProof)).toEqual({ state: 'failed', reason: 'bad_inclusion' });
  });

  it('fails an entry whose displayed diff differs from the hashed payload', async () => {
    const { entries, checkpoint, loadProof } = await sealedLedger();
    const shown = { ...entries[2]!, diff: { name: { before: 'Finance', after: 'Treasury' } } };

    expect(await verifyEntry(shown, 2, checkpoint, loadProof)).toEqual({ state: 'failed', reason: 'payload_mismatch' });
  });

  it('fails an entry whose displayed comment differs from the hashed payload', async () => {
    const { entries, checkpoint, loadProof } = await sealedLedger();
    const shown = { ...entries[1]!, comment: 'approved by the board' };

    expect(await verifyEntry(shown, 1, checkpoint, loadProof)).toEqual({ state: 'failed', reason: 'payload_mismatch' });
  });

  it('fails an entry whose actor was changed', async () => {
    const { entries, checkpoint, loadProof } = await sealedLedger();
    const shown = { ...entries[3]!, actorId: 'a3c4e5f6-0000-4000-8000-0000000000ff' };

    expect(await verifyEntry(shown, 3, checkpoint, loadProof)).toEqual({ state: 'failed', reason: 'bad_inclusion' });
  });

  it('fails with the proof of another leaf', async () => {
    const { entries, checkpoint, loadProof } = await sealedLedger();
    const proofOfLeafZero = () => loadProof(0, checkpoint.treeSize);

    expect(await verifyEntry(entries[1]!, 1, checkpoint, proofOfLeafZero)).toEqual({ state: 'failed', reason: 'bad_inclusion' });
  });

  it('fails with a proof that has one hash altered', async () => {
    const { entries, checkpoint, loadProof } = await sealedLedger();
    const tampered = async (leafIndex: number, treeSize: number) => {
      const [first, ...rest] = await loadProof(leafIndex, treeSize);
      return [`${first!.startsWith('0') ? '1' : '0'}${first!.slice(1)}`, ...rest];
    };

    expect(await verifyEntry(entries[4]!, 4, checkpoint, tampered)).toEqual({ state: 'failed', reason: 'bad_inclusion' });
  });

  it('fails, without throwing, on a proof that is not hex', async () => {
    const { entries, checkpoint } = await sealedLedger();

    expect(await verifyEntry(entries[0]!, 0, checkpoint, async () => ['not hex'])).toEqual({ state: 'failed', reason: 'bad_inclusion' });
  });

  it('fails a true entry claimed at another position in the tree', async () => {
    const { entries, checkpoint, loadProof } = await sealedLedger();

    expect(await verifyEntry(entries[0]!, 1, checkpoint, loadProof)).toEqual({ state: 'failed', reason: 'bad_inclusion' });
  });

  it('fails a true entry against a checkpoint of another tree', async () => {
    const { entries, loadProof } = await sealedLedger();
    const other = await sealedLedger({ subjectType: 'position' });

    expect(await verifyEntry(entries[2]!, 2, other.checkpoint, loadProof)).toEqual({ state: 'failed', reason: 'bad_inclusion' });
  });

  it('reports a proof that could not be loaded as unavailable, not as tampering', async () => {
    const { entries, checkpoint } = await sealedLedger();
    const offline = () => Promise.reject(new Error('network down'));

    expect(await verifyEntry(entries[0]!, 0, checkpoint, offline)).toEqual({ state: 'failed', reason: 'proof_unavailable' });
  });
});

describe('displayMatchesPayload', () => {
  it('does not compare a displayed member the payload does not carry', () => {
    const entry = ledgerEntry(0, { payload: canonicalJson({ diff: {} }), diff: {}, ip: '198.51.100.1' });

    expect(displayMatchesPayload(entry)).toBe(true);
  });

  it('rejects a payload that is not JSON', () => {
    expect(displayMatchesPayload(ledgerEntry(0, { payload: '{not json' }))).toBe(false);
  });
});

describe('sealedLeafIndex', () => {
  it('gives the position of an entry the checkpoint covers', async () => {
    const { checkpoint } = await sealedLedger();

    expect(sealedLeafIndex(ledgerEntry(0), checkpoint)).toBe(0);
    expect(sealedLeafIndex(ledgerEntry(4), checkpoint)).toBe(4);
  });

  it('is null (pending) for an entry in the tree but not yet under the checkpoint', async () => {
    const { checkpoint } = await sealedLedger();

    expect(sealedLeafIndex(ledgerEntry(5), checkpoint)).toBeNull();
  });

  it('is null (pending) for an entry the sequencer has not placed in the tree yet', async () => {
    const { checkpoint } = await sealedLedger();

    expect(sealedLeafIndex(ledgerEntry(null), checkpoint)).toBeNull();
  });

  it('is null (pending) while there is no checkpoint at all', () => {
    expect(sealedLeafIndex(ledgerEntry(0), null)).toBeNull();
  });
});
