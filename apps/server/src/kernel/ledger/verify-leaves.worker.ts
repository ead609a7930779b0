/** A worker thread of `henji verify`: checks one slice of the leaves over its own PostgreSQL connection. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/client.ts';
import { checkLeafRange } from './verify-leaves.ts';

export interface LeafWorkerInput {
  databaseUrl: string;
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
  const result = await checkLeafRange(handle.db, { from: input.from, to: input.to }, Buffer.from(input.level0), {
    batchSize: input.batchSize,
    maxProblems: input.maxProblems,
    onProgress: (checked) => parentPort!.postMessage({ type: 'progress', checked } satisfies LeafWorkerMessage),
  });
  parentPort!.postMessage({ type: 'done', ...result } satisfies LeafWorkerMessage);
} finally {
  await handle.close();
}
