import { z } from 'zod';

const isoDate = z.iso.date();

export const FieldChange = z.object({ before: z.unknown().optional(), after: z.unknown().optional() });

/** An entry in plain language, in the request's language (server: kernel/ledger/describe.ts). */
export const EntryDescription = z
  .object({
    sentence: z.string().describe('who did what, one sentence: "张三 登录（来自 127.0.0.1）"'),
    actorLabel: z.string().describe('who acted, by name; a sign-in names the person signing in'),
    subjectLabel: z.string().describe('the object, named: "采购申请 CG20260001 办公电脑"'),
    fields: z.array(
      z.object({
        field: z.string(),
        label: z.string(),
        before: z.string().nullable().describe('null: the field did not exist before'),
        after: z.string().nullable().describe('null: the field does not exist after'),
      }),
    ),
  })
  .meta({ id: 'EntryDescription' });
export type EntryDescription = z.infer<typeof EntryDescription>;

export const LedgerEntry = z
  .object({
    id: z.string(),
    leafIndex: z.number().int().nullable().describe('position in the Merkle tree; null until the sequencer integrates it'),
    recordedAt: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    onBehalfOfId: z.string().nullable(),
    onBehalfOfName: z.string().nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    payload: z.string().describe('canonical JSON text exactly as hashed into the leaf'),
    diff: z.record(z.string(), FieldChange),
    comment: z.string().nullable(),
    evidence: z.array(z.object({ name: z.string(), sha256: z.string() })),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    description: EntryDescription,
  })
  .meta({ id: 'LedgerEntry' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerEntries = z.object({ items: z.array(LedgerEntry), nextBeforeId: z.string().nullable() });

export const LedgerEntriesQuery = z.strictObject({
  subjectType: z.string().min(1).max(64).optional(),
  subjectId: z.string().min(1).max(128).optional(),
  actorId: z.uuid().optional().describe('entries by this person (or for them under a delegation), their sign-ins included'),
  departmentId: z.uuid().optional().describe('entries by people of this department or of a department under it'),
  action: z.string().min(1).max(64).optional(),
  actionGroup: z.string().regex(/^[a-z_]{1,48}$/).optional().describe('every action of a group: "application" for application.*'),
  from: isoDate.optional().describe('first day, Beijing time (YYYY-MM-DD)'),
  to: isoDate.optional().describe('last day, Beijing time (YYYY-MM-DD)'),
  number: z.string().trim().min(1).max(64).optional().describe('a business number (CG20260001, DB20260003): the entries of what it numbers'),
  beforeId: z.string().regex(/^\d{1,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const Checkpoint = z
  .object({
    treeSize: z.number().int(),
    rootHash: z.string().describe('base64'),
    issuedAt: z.string(),
    keyId: z.string(),
    signature: z.string().describe('base64 Ed25519 over the checkpoint note'),
    note: z.string(),
  })
  .meta({ id: 'Checkpoint' });
export type Checkpoint = z.infer<typeof Checkpoint>;

export const ProofBundle = z
  .object({
    format: z.literal('henji.proof-bundle.v1'),
    publicKey: z.string(),
    checkpoint: Checkpoint,
    entries: z.array(
      z.object({
        entry: z.object({
          id: z.string(),
          recordedAt: z.string(),
          actorId: z.string().nullable(),
          onBehalfOfId: z.string().nullable(),
          action: z.string(),
          subjectType: z.string(),
          subjectId: z.string(),
          payload: z.string(),
        }),
        leafIndex: z.number().int(),
        proof: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'ProofBundle' });

export const PublicKey = z.object({ keyId: z.string(), algorithm: z.literal('Ed25519'), publicKey: z.string().describe('base64 raw 32 bytes') });

export const InclusionQuery = z.strictObject({
  index: z.coerce.number().int().min(0),
  treeSize: z.coerce.number().int().min(1),
});
export const InclusionProof = z.object({
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leafHash: z.string().describe('hex'),
  proof: z.array(z.string()).describe('hex hashes, RFC 9162 §2.1.3'),
});

export const ConsistencyQuery = z.strictObject({
  from: z.coerce.number().int().min(0),
  to: z.coerce.number().int().min(1),
});
export const ConsistencyProof = z.object({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(z.string()).describe('hex hashes, RFC 9162 §2.1.4'),
});
