/**
 * A worker thread of `henji verify`: checks one slice of the leaves over its own PostgreSQL connection, inside the
 * coordinator's snapshot.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { checkLeafRange } from './verify-leaves.ts';

export interface LeafWorkerInput {
  databaseUrl: string;
  /** The coordinator's exported snapshot (pg_export_snapshot), so every thread reads the same rows. */
  snapshot: string;
  from: number;
  to: number;
  batchSize: number;
  maxProblems: number;
  level0: SharedArrayBuffer;
}

export type LeafWorkerMessage =
  | { type: 'progress'; checked: number }
  | { type: 'done'; problems: import('./verify.ts').VerifyProblem[]; problemCount: number };

const input = workerData as LeafWorkerInput;
const handle = await openDatabase({ databaseUrl: input.databaseUrl, dataDir: null, poolSize: 1 });
try {
  if (!/^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/i.test(input.snapshot)) throw new Error(`not a snapshot id: ${input.snapshot}`);
  const result = await handle.db.transaction(
    async (tx) => {
      // Must be the transaction's first statement; the id is checked above (SET takes no parameters).
      await tx.execute(sql.raw(`set transaction snapshot '${input.snapshot}'`));
      return checkLeafRange(tx, { from: input.from, to: input.to }, Buffer.from(input.level0), {
        batchSize: input.batchSize,
        maxProblems: input.maxProblems,
        onProgress: (checked) => parentPort!.postMessage({ type: 'progress', checked } satisfies LeafWorkerMessage),
      });
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  parentPort!.postMessage({ type: 'done', ...result } satisfies LeafWorkerMessage);
} finally {
  await handle.close();
}
