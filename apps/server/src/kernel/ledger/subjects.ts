/**
 * Who may read the trace of a subject: whoever may read the subject itself. Each module registers a loader that
 * fetches the subject in the shape its policy expects; unknown subjects are readable only with ledger.read_all.
 */
import type { Queryable } from '../../db/client.ts';
import type { Actor, UserActor } from '../actor.ts';
import { can, hasPermission } from '../access/policy.ts';

type Loader = (q: Queryable, id: string) => Promise<unknown | null>;

const loaders = new Map<string, Loader>();

export function registerSubjectLoader(subjectType: string, loader: Loader): void {
  loaders.set(subjectType, loader);
}

export async function mayReadTrace(q: Queryable, actor: Actor, subjectType: string, subjectId: string): Promise<boolean> {
  if (hasPermission(actor, 'ledger.read_all')) return true;
  const loader = loaders.get(subjectType);
  if (!loader) return false;
  const subject = await loader(q, subjectId);
  return subject !== null && can(actor, 'read', subjectType, subject);
}

/**
 * A subject in the shape its policy expects, or null when it does not exist or no loader knows its type. Lets one
 * subject's access follow another's: a file attached to an application is readable by whoever may read the application.
 */
export async function loadSubject(q: Queryable, subjectType: string, subjectId: string): Promise<unknown | null> {
  const loader = loaders.get(subjectType);
  return loader ? loader(q, subjectId) : null;
}

/**
 * Entries of a readable trace that only some of its readers may see: a user's sign-ins carry the client's address and
 * the session id, which the directory's readers (every employee) have no business seeing. Holders of ledger.read_all
 * (administrators, auditors) see them too.
 */
interface PrivateEntries {
  actions: readonly string[];
  mayRead: (actor: UserActor, subjectId: string) => boolean;
}

const privateEntries = new Map<string, PrivateEntries>();

export function registerPrivateEntries(subjectType: string, rule: PrivateEntries): void {
  privateEntries.set(subjectType, rule);
}

/** The actions of a subject's trace this actor may not see (empty: the whole trace). */
export function hiddenActions(actor: Actor, subjectType: string, subjectId: string): readonly string[] {
  const rule = privateEntries.get(subjectType);
  if (!rule || actor.kind === 'system' || hasPermission(actor, 'ledger.read_all') || rule.mayRead(actor, subjectId)) return [];
  return rule.actions;
}
