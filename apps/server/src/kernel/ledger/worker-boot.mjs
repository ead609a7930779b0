// Entry point of a worker thread that runs TypeScript: registers tsx in the worker (it does not inherit the parent's
// loader), then loads the module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
