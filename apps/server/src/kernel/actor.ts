/** Who is acting: a signed-in user, a user through an API token, or the system itself (CLI, timers, seed). */
import type { Locale } from './messages.ts';

export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  positionCode: string | null;
  roles: ReadonlySet<string>;
  /** The user's saved language (`users.locale`); see http/locale.ts for when a response uses it. */
  locale: Locale;
  /** Set when the request authenticated with an API token. */
  tokenId: string | null;
}

export interface SystemActor {
  kind: 'system';
  /** What the system is doing, e.g. 'cli:seed', 'bootstrap'. */
  reason: string;
}

export type Actor = UserActor | SystemActor;

export const systemActor = (reason: string): SystemActor => ({ kind: 'system', reason });

export const actorId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

export interface RequestMeta {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export const noRequest: RequestMeta = { requestId: null, ip: null, userAgent: null };
