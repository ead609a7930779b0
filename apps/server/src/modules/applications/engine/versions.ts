/**
 * Form versions: every submission of an application keeps its form whole (application_form_versions), decisions name
 * the version they were made on, and a resubmission that changes what the flow reads — a field a condition tests, a
 * user field an approver source names, an amount — restarts the flow, so a form raised from 9,000 to 95,000 after a
 * return is signed again by every level it now needs.
 */
import type { ApplicationDefinition, ApproverSource } from '@henji/contracts';
import { canonicalJson } from '@henji/verifier';
import { applicationFormVersions, type ApplicationRow } from '../schema.ts';
import { deferInsert, saveApp, type Run } from './run.ts';

/**
 * Keeps the application's current form as its next version; the caller has saved the form on the row. `changes`
 * are saved on the row together with the version number (a submission's status and time).
 */
export async function recordFormVersion(run: Run, changes: Partial<ApplicationRow> = {}): Promise<number> {
  const version = run.app.formVersion + 1;
  deferInsert(
    run,
    run.ctx.tx
      .insert(applicationFormVersions)
      .values({
        applicationId: run.app.id,
        version,
        form: run.app.form,
        formHash: run.app.formHash,
        submittedById: run.ctx.delegate?.userId ?? run.app.initiatorId,
        submittedAt: run.ctx.now,
      })
      .getSQL(),
  );
  await saveApp(run, { ...changes, formVersion: version });
  run.log.push(`form_version:${version}`);
  return version;
}

/** The top-level fields whose value differs between two forms (canonical JSON, so key order does not matter). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null)).sort();
}

/**
 * The fields the flow reads to decide who signs: those its conditions test, the user fields approver sources name
 * (approval nodes, SLA transfer targets, task owners) and amounts (money fields, computed values and the tables they
 * come from).
 */
export function materialFields(def: ApplicationDefinition): Set<string> {
  const out = new Set<string>();
  const source = (s: ApproverSource | { source: 'initiator' } | undefined) => {
    if (s?.source === 'field') out.add(s.field);
  };
  for (const node of def.flow.nodes) {
    if (node.type === 'condition') for (const b of node.branches) for (const c of b.when) out.add(c.field);
    if (node.type === 'approval') {
      source(node.approvers);
      source(node.sla?.transferTo);
    }
    if (node.type === 'action' && node.action.kind === 'create_task') source(node.action.owner);
  }
  for (const field of def.form.fields) {
    if (field.type === 'money') out.add(field.key);
    if (field.type !== 'table' && field.compute && 'sum' in field.compute) out.add(field.compute.sum.table);
    if (field.type === 'table' && field.columns.some((c) => c.type === 'money' || c.compute)) out.add(field.key);
  }
  // The split-purchase check's 供应商 decides a warning, not who signs: it is re-checked on every resubmission.
  return out;
}

/** What a resubmission changed that the flow reads; empty when only prose or attachments changed. */
export const materialChanges = (def: ApplicationDefinition, before: Record<string, unknown>, after: Record<string, unknown>) => {
  const material = materialFields(def);
  return changedFields(before, after).filter((k) => material.has(k));
};
