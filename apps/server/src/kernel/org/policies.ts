/** Who may do what with organisation objects. The directory is visible to every employee; changes need org.manage. */
import type { UserActor } from '../actor.ts';
import { definePolicy, hasPermission } from '../access/policy.ts';
import { todayInShanghai } from '../clock.ts';

const manager = (actor: UserActor) => hasPermission(actor, 'org.manage');
const everyone = () => true;

export const departmentPolicy = definePolicy<{ id: string }>('department', {
  read: everyone,
  update: manager,
});

export const userPolicy = definePolicy<{ id: string; lockedUntil: Date | null; managerId: string | null }>('user', {
  read: everyone,
  update: manager,
  reset_password: manager,
  unlock: (actor, user) => manager(actor) && user.lockedUntil !== null,
  /** A supervisor may set a delegation for their report, e.g. someone who has left (F4). */
  delegate: (actor, user) => manager(actor) || actor.userId === user.id || user.managerId === actor.userId,
});

export const positionPolicy = definePolicy<{ builtin: boolean }>('position', { read: everyone, update: manager });

export const rolePolicy = definePolicy<{ builtin: boolean }>('role', { read: everyone, update: manager });

export interface DelegationSubject {
  principalId: string;
  delegateId: string;
  principalManagerId: string | null;
  revokedAt: Date | null;
  endsOn: string;
}

const involved = (actor: UserActor, d: DelegationSubject) =>
  actor.userId === d.principalId || actor.userId === d.delegateId || actor.userId === d.principalManagerId;

export const delegationPolicy = definePolicy<DelegationSubject>('delegation', {
  read: (actor, d) => involved(actor, d) || manager(actor),
  revoke: (actor, d) =>
    d.revokedAt === null &&
    d.endsOn >= todayInShanghai() &&
    (actor.userId === d.principalId || actor.userId === d.principalManagerId || manager(actor)),
});

/** The user_import subject only exists in the ledger; it has no reader but the org managers. */
export const userImportPolicy = definePolicy<{ id: string }>('user_import', { read: manager });
