/**
 * 审批人预览 (issue 9 §7): who will approve, level by level, if the caller submits this form now. It walks the
 * published flow as the engine would — conditions on the form's values, every branch of a parallel block, the same
 * approver sources (engine/approvers.ts) and the same separation of duties (engine/duties.ts: never the applicant;
 * one person, one level, assuming the people of earlier levels sign them; a level whose source names only excluded
 * people goes to the nearest person above them, the type's fallback, else the administrators) — and writes nothing.
 * Where an earlier level is 或签/vote among several, who will sign it is unknown, so none of them is excluded later.
 */
import { and, eq } from 'drizzle-orm';
import type { ApprovalNode, ApproverPreview, FlowNode } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import type { UserActor } from '../../../kernel/actor.ts';
import { DomainError, notFound } from '../../../kernel/errors.ts';
import { msg, render, type Locale } from '../../../kernel/messages.ts';
import { peopleAbove } from '../../../kernel/org/people.ts';
import { userNames } from '../../../kernel/org/queries.ts';
import { users } from '../../../kernel/org/schema.ts';
import { chooseBranch } from '../definition/conditions.ts';
import { checkFormValues } from '../definition/form-values.ts';
import { administrators, resolveSource, type Applicant } from '../engine/approvers.ts';
import type { ExclusionReason, Substitution } from '../engine/duties.ts';
import { versionOf } from '../engine/definitions.ts';
import { applicationTypes } from '../schema.ts';

interface Level {
  node: ApprovalNode;
  ids: string[];
  substitution: Substitution | null;
  skipped: boolean;
}

export async function previewApprovers(q: Queryable, actor: UserActor, typeId: string, input: Record<string, unknown>, locale: Locale): Promise<ApproverPreview> {
  const [type] = await q
    .select({ active: applicationTypes.active, versionId: applicationTypes.publishedVersionId })
    .from(applicationTypes)
    .where(eq(applicationTypes.id, typeId));
  if (!type || !type.active) throw notFound('application_type');
  if (!type.versionId) throw new DomainError('conflict', msg('flow.type_not_published'));
  const { definition: def } = await versionOf(q, type.versionId);
  const { values } = checkFormValues(def.form, input, false);
  const [me] = await q.select({ departmentId: users.departmentId }).from(users).where(and(eq(users.id, actor.userId)));
  const applicant: Applicant = { initiatorId: actor.userId, departmentId: me?.departmentId ?? null, form: values };
  const distinct = def.duties?.distinctSigners ?? true;
  const signed = new Set<string>();
  const levels: Level[] = [];
  const nodes = new Map(def.flow.nodes.map((n) => [n.id, n]));

  const excluded = (): Map<string, ExclusionReason> => {
    const map = new Map<string, ExclusionReason>();
    if (distinct) for (const id of signed) map.set(id, 'signed');
    map.set(actor.userId, 'applicant');
    return map;
  };

  async function approval(node: ApprovalNode): Promise<void> {
    const out = excluded();
    const allowed = (ids: string[]) => ids.filter((id) => !out.has(id));
    const found = await resolveSource(q, node.approvers, applicant);
    let ids = allowed(found);
    let substitution: Substitution | null = null;
    if (ids.length === 0 && found.length > 0) {
      const named = found.filter((id) => out.has(id));
      const reason: ExclusionReason = named.includes(actor.userId) ? 'applicant' : 'signed';
      for (const person of named) {
        const above = allowed(await peopleAbove(q, person));
        if (above.length > 0) {
          ids = [above[0]!];
          substitution = { reason, excluded: named, via: 'above' };
          break;
        }
      }
      if (!substitution && def.duties?.fallback) {
        const fallback = allowed(await resolveSource(q, def.duties.fallback, applicant));
        if (fallback.length > 0) [ids, substitution] = [fallback, { reason, excluded: named, via: 'fallback' }];
      }
      if (!substitution) {
        const admins = allowed(await administrators(q));
        if (admins.length === 0) throw new DomainError('conflict', msg('flow.duties_nobody', { node: node.name }));
        [ids, substitution] = [admins, { reason, excluded: named, via: 'admin' }];
      }
    }
    let skipped = false;
    if (ids.length === 0) {
      // The source names nobody at all: passed when the node says so, else the administrators (engine/flow.ts).
      if (node.whenEmpty === 'skip') skipped = true;
      else {
        ids = allowed(await administrators(q));
        skipped = ids.length === 0;
      }
    }
    levels.push({ node, ids, substitution, skipped });
    if (node.mode === 'all' || node.mode === 'sequential' || ids.length === 1) for (const id of ids) signed.add(id);
  }

  /** Follows the flow from `id` until an end (null) or the join `until`, which it returns. */
  async function walk(id: string, until: string | null, budget = { steps: 0 }): Promise<string | null> {
    let current: string | null = id;
    while (current) {
      if (++budget.steps > 500) return null; // the publish check rules out cycles; this only bounds a bad definition
      const node: FlowNode | undefined = nodes.get(current);
      if (!node) return null;
      switch (node.type) {
        case 'approval':
          await approval(node);
          current = node.next;
          break;
        case 'condition':
          current = chooseBranch(node, values).next;
          break;
        case 'parallel':
          for (const branch of node.branches) await walk(branch, node.join, budget);
          current = (nodes.get(node.join) as Extract<FlowNode, { type: 'join' }> | undefined)?.next ?? null;
          break;
        case 'join':
          if (current === until) return current;
          current = node.next;
          break;
        case 'end':
          return null;
        default:
          current = node.next;
      }
    }
    return null;
  }

  await walk(def.flow.start, null);
  const names = await userNames(q, levels.flatMap((l) => l.ids));
  return {
    levels: levels.map((l) => ({
      nodeId: l.node.id,
      nodeName: l.node.name,
      mode: l.node.mode,
      approvers: l.ids.map((id) => ({ id, displayName: names.get(id) ?? '' })),
      substitution: l.substitution ? render(locale, msg(`flow.substituted_${l.substitution.reason}_${l.substitution.via}`)) : null,
      skipped: l.skipped,
    })),
  };
}
