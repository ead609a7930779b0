/**
 * Access control (K4), evaluated in one place. Default deny: an action is allowed only if the subject type's policy
 * has a rule for it and the rule says yes. Every object returned by the API carries `allowedActions` computed here,
 * so the UI never guesses. A subject the actor may not read is reported as not found.
 */
import type { Actor, UserActor } from '../actor.ts';
import { forbidden, notFound } from '../errors.ts';
import { isNoun, type Noun } from '../messages.ts';

export type Rule<T> = (actor: UserActor, subject: T) => boolean;

/** `read` decides visibility; the other keys are the actions the UI may offer. */
export type Policy<T> = { read: Rule<T> } & Record<string, Rule<T>>;

const policies = new Map<string, Policy<never>>();

export function definePolicy<T>(subjectType: string, policy: Policy<T>): Policy<T> {
  policies.set(subjectType, policy as Policy<never>);
  return policy;
}

function policyFor<T>(subjectType: string): Policy<T> {
  const policy = policies.get(subjectType);
  if (!policy) throw new Error(`no access policy for ${subjectType}`);
  return policy as Policy<T>;
}

export function can<T>(actor: Actor, action: string, subjectType: string, subject: T): boolean {
  if (actor.kind === 'system') return true;
  const rule = policyFor<T>(subjectType)[action];
  return rule ? rule(actor, subject) : false;
}

/**
 * Throws not_found when the actor may not see the subject, forbidden when they see it but may not act. The not_found
 * message names the subject by its noun in the catalogue (`noun.<subjectType>`), or as a plain "record".
 */
export function authorize<T>(actor: Actor, action: string, subjectType: string, subject: T, label?: Noun): void {
  if (!can(actor, 'read', subjectType, subject)) throw notFound(label ?? (isNoun(subjectType) ? subjectType : 'record'));
  if (action !== 'read' && !can(actor, action, subjectType, subject)) throw forbidden();
}

export function allowedActions<T>(actor: Actor, subjectType: string, subject: T): string[] {
  const policy = policyFor<T>(subjectType);
  if (actor.kind === 'user' && !policy.read(actor, subject)) return [];
  return Object.keys(policy).filter((action) => action !== 'read' && can(actor, action, subjectType, subject));
}

export const hasRole = (actor: Actor, role: string) => actor.kind === 'system' || actor.roles.has(role);

/** Global capabilities (not tied to one object) such as managing the organisation. */
export const PERMISSIONS = {
  'org.manage': ['admin'],
  'ledger.read_all': ['admin', 'audit'],
  'system.integrations': ['admin'],
  /** Business calendars (K6): working hours, holidays and 调休 make-up workdays. */
  'calendar.manage': ['admin'],
  /** Notification channels (SMTP, group robots, SMS) and the delivery log. */
  'notify.manage': ['admin'],
  /** Designing, publishing and migrating application types (F1, F2). */
  'flow.manage': ['admin'],
  /** Seeing every application and the flow monitor (F8): administrators, the audit department and the CEO. */
  'flow.monitor': ['admin', 'audit', 'ceo'],
} as const satisfies Record<string, readonly string[]>;
export type Permission = keyof typeof PERMISSIONS;

export const hasPermission = (actor: Actor, permission: Permission) =>
  actor.kind === 'system' || PERMISSIONS[permission].some((role) => actor.roles.has(role));

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw forbidden();
}

export const permissionsOf = (actor: Actor): Permission[] =>
  (Object.keys(PERMISSIONS) as Permission[]).filter((p) => hasPermission(actor, p));
