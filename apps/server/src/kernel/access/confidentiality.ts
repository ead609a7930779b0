/**
 * Confidentiality levels (保密等级) and department scoping, shared by every module's policies.
 *
 * 公开 public: anyone signed in · 内部 internal: every employee · 秘密 secret: the owning department and those holding
 * a role granted to the subject · 机密 top secret: only the owning department's director, e.g. contracts (D6).
 */
import type { UserActor } from '../actor.ts';

export const CONFIDENTIALITY_LEVELS = ['public', 'internal', 'secret', 'top_secret'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export interface Classified {
  confidentiality: Confidentiality;
  departmentId: string | null;
  /** roles that may also read a secret subject, e.g. 'audit' */
  extraRoles?: readonly string[];
}

export const inDepartment = (actor: UserActor, departmentId: string | null) =>
  departmentId !== null && actor.departmentId === departmentId;

export const isDirectorOf = (actor: UserActor, departmentId: string | null) =>
  inDepartment(actor, departmentId) && (actor.positionCode === 'director' || actor.positionCode === 'head');

export function mayRead(actor: UserActor, subject: Classified): boolean {
  switch (subject.confidentiality) {
    case 'public':
    case 'internal':
      return true;
    case 'secret':
      return inDepartment(actor, subject.departmentId) || (subject.extraRoles ?? []).some((r) => actor.roles.has(r));
    case 'top_secret':
      return actor.departmentId === subject.departmentId && actor.positionCode === 'director';
  }
}
