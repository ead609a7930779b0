/** The registry of job kinds: each area registers the handlers of the jobs it enqueues. */
import type { JobHandler } from './queue.ts';

const handlers = new Map<string, JobHandler>();

export function registerJobHandler(kind: string, handler: JobHandler): void {
  if (handlers.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
  handlers.set(kind, handler);
}

export const registeredJobHandlers = (): ReadonlyMap<string, JobHandler> => handlers;
