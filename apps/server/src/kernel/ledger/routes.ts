import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  Checkpoint,
  ConsistencyProof,
  ConsistencyQuery,
  ErrorBody,
  InclusionProof,
  InclusionQuery,
  LedgerEntries,
  LedgerEntriesQuery,
  ProofBundle as ProofBundleSchema,
  PublicKey,
} from '@henji/contracts';
import { BUNDLE_FORMAT, type ProofBundle } from '@henji/verifier';
import { queryRows } from '../../db/client.ts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { hasPermission } from '../access/policy.ts';
import { conflict, notFound } from '../errors.ts';
import { contentDisposition } from '../files/routes.ts';
import { msg } from '../messages.ts';
import { inclusionProof, inclusionProofs, consistencyProof, latestCheckpoint } from './proofs.ts';
import { localeOf } from '../../http/locale.ts';
import { resolveNumber } from './describe.ts';
import { listEntries, type EntryFilter } from './queries.ts';
import { ledgerReportRoutes } from './report.ts';
import { hiddenActions, mayReadTrace } from './subjects.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function ledgerRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  /** Entries of one subject need read access to it; wider queries need ledger.read_all or are limited to oneself. */
  async function scopedFilter(req: Parameters<typeof callerOf>[0], asked: z.infer<typeof LedgerEntriesQuery>) {
    const { actor } = callerOf(req);
    let query: typeof asked & EntryFilter = asked;
    if (asked.number) {
      // A business number stands for the object it numbers; one nobody issued matches nothing.
      const subject = await resolveNumber(db, asked.number);
      query = subject ? { ...asked, ...subject } : { ...asked, subjectType: 'none', subjectId: 'none' };
      if (!subject) return { ...query, nothing: true };
    }
    if (hasPermission(actor, 'ledger.read_all')) return query;
    if (query.subjectType && query.subjectId) {
      if (!(await mayReadTrace(db, actor, query.subjectType, query.subjectId))) throw notFound('subject');
      return { ...query, hideActions: hiddenActions(actor, query.subjectType, query.subjectId) };
    }
    return { ...query, actorId: actor.userId };
  }

  r.get('/api/ledger/entries', {
    schema: {
      tags: ['ledger'],
      summary: 'Trace entries, newest first; pass subjectType and subjectId for the trace of one object',
      querystring: LedgerEntriesQuery,
      response: { 200: LedgerEntries, ...errors },
    },
  }, async (req) => {
    const filter = await scopedFilter(req, req.query);
    if ('nothing' in filter) return { items: [], nextBeforeId: null };
    return listEntries(db, filter, localeOf(req));
  });

  r.get('/api/ledger/checkpoint', { schema: { tags: ['ledger'], response: { 200: Checkpoint, ...errors } } }, async (req) => {
    callerOf(req);
    const checkpoint = await latestCheckpoint(db);
    if (!checkpoint) throw notFound('checkpoint');
    return checkpoint;
  });

  r.get('/api/ledger/public-key', { schema: { tags: ['ledger'], response: { 200: PublicKey, ...errors } } }, async (req) => {
    callerOf(req);
    return { keyId: deps.signer.keyId, algorithm: 'Ed25519' as const, publicKey: deps.signer.publicKey.toString('base64') };
  });

  r.get('/api/ledger/proofs/inclusion', {
    schema: { tags: ['ledger'], querystring: InclusionQuery, response: { 200: InclusionProof, ...errors } },
  }, async (req) => {
    callerOf(req);
    return inclusionProof(db, req.query.index, req.query.treeSize);
  });

  r.get('/api/ledger/proofs/consistency', {
    schema: { tags: ['ledger'], querystring: ConsistencyQuery, response: { 200: ConsistencyProof, ...errors } },
  }, async (req) => {
    callerOf(req);
    return consistencyProof(db, req.query.from, req.query.to);
  });

  r.get('/api/ledger/bundle', {
    schema: {
      tags: ['ledger'],
      summary: 'A proof bundle for the entries of one subject, to verify offline with henji-verify-bundle',
      querystring: z.strictObject({ subjectType: z.string().min(1).max(64), subjectId: z.string().min(1).max(128) }),
      response: { 200: ProofBundleSchema, ...errors },
    },
  }, async (req, reply) => {
    const filter = await scopedFilter(req, { ...req.query, limit: 500 });
    if ('nothing' in filter) throw notFound('subject');
    const checkpoint = await latestCheckpoint(db);
    if (!checkpoint) throw conflict(msg('ledger.no_checkpoint'));
    const { items } = await listEntries(db, filter);
    const covered = items.filter((e) => e.leafIndex !== null && e.leafIndex < checkpoint.treeSize);
    const proofs = await inclusionProofs(db, covered.map((e) => e.leafIndex!), checkpoint.treeSize);
    const bundle: ProofBundle & { checkpoint: typeof checkpoint } = {
      format: BUNDLE_FORMAT,
      publicKey: deps.signer.publicKey.toString('base64'),
      checkpoint,
      entries: covered.map((e, k) => ({
        entry: {
          id: e.id,
          recordedAt: e.recordedAt,
          actorId: e.actorId,
          onBehalfOfId: e.onBehalfOfId,
          action: e.action,
          subjectType: e.subjectType,
          subjectId: e.subjectId,
          payload: e.payload,
        },
        leafIndex: e.leafIndex!,
        proof: proofs[k]!.proof,
      })),
    };
    return reply
      .header('content-disposition', contentDisposition(`henji-proof-${req.query.subjectType}-${req.query.subjectId}.json`))
      .send(bundle);
  });

  r.get('/api/ledger/stats', {
    schema: {
      tags: ['ledger'],
      response: { 200: z.object({ entries: z.number(), treeSize: z.number(), pending: z.number() }), ...errors },
    },
  }, async (req) => {
    // How busy the ledger is says how busy the company is: for administrators and auditors only.
    if (!hasPermission(callerOf(req).actor, 'ledger.read_all')) throw notFound('record');
    const [row] = await queryRows<{ entries: string; tree: string; pending: string }>(
      db,
      sql`select (select count(*) from ledger_entries)::text as entries,
                 (select coalesce(max(leaf_index) + 1, 0) from ledger_leaves)::text as tree,
                 (select count(*) from ledger_pending)::text as pending`,
    );
    return { entries: Number(row!.entries), treeSize: Number(row!.tree), pending: Number(row!.pending) };
  });

  ledgerReportRoutes(app, deps);
}
