/**
 * 批量同意 (issue 9 §7): one opinion (and, if asked, the caller's saved signature) for several to-dos. Each item runs
 * the ordinary approve command in its own transaction with its own trace entry, exactly as approving it alone would —
 * delegation (代理), separation of duties, the form hash and the row lock included — so one failure undoes nothing
 * else. Items whose node needs what a batch cannot give are refused before anything runs: a vote (each vote is cast on
 * its own), an opinion the node requires when the batch has none, a to-do that is not an approval.
 */
import { and, eq } from 'drizzle-orm';
import type { ApprovalNode, BatchApproveInput, BatchApproveResult } from '@henji/contracts';
import type { Database } from '../../../db/client.ts';
import { execute, type Caller } from '../../../kernel/command.ts';
import { DomainError, invalid } from '../../../kernel/errors.ts';
import { msg, render, type Locale, type Message } from '../../../kernel/messages.ts';
import { approveTask } from '../commands/approver.ts';
import { versionOf } from '../engine/definitions.ts';
import { readableApplication } from '../policies.ts';
import { callerForTask } from '../routes.ts';
import { applications, applicationTasks } from '../schema.ts';
import { signatureOf } from './commands.ts';

type Item = BatchApproveInput['items'][number];

/** Why a batch cannot approve this item, or null when it may try (the command still checks everything). */
export function batchRefusal(task: { kind: string }, node: Pick<ApprovalNode, 'name' | 'mode' | 'opinionOnApprove'> | undefined, opinion: string): Message | null {
  if (task.kind !== 'approve' || !node) return msg('comfort.batch_not_approval');
  if (node.mode === 'vote') return msg('comfort.batch_vote', { node: node.name });
  if (node.opinionOnApprove && opinion === '') return msg('comfort.batch_opinion_required', { node: node.name });
  return null;
}

async function precheck(db: Database, item: Item, opinion: string): Promise<void> {
  const [row] = await db
    .select({ kind: applicationTasks.kind, nodeId: applicationTasks.nodeId, versionId: applications.versionId })
    .from(applicationTasks)
    .innerJoin(applications, eq(applications.id, applicationTasks.applicationId))
    .where(and(eq(applicationTasks.id, item.taskId), eq(applicationTasks.applicationId, item.applicationId)));
  if (!row) return; // the command answers 404 for the task
  const { definition } = await versionOf(db, row.versionId);
  const node = definition.flow.nodes.find((n) => n.id === row.nodeId);
  const refusal = batchRefusal(row, node?.type === 'approval' ? node : undefined, opinion);
  if (refusal) throw new DomainError('conflict', refusal);
}

/** The first field message of a validation error says more than "validation failed". */
function reasonOf(error: DomainError): Message {
  const fields = error.details?.fields;
  const first = fields ? Object.values(fields)[0]?.[0] : undefined;
  return first ?? error.reason;
}

export async function batchApprove(db: Database, caller: Caller, input: BatchApproveInput, locale: Locale): Promise<BatchApproveResult> {
  if (caller.actor.kind !== 'user') throw new DomainError('forbidden', msg('error.forbidden'));
  const opinion = input.opinion?.trim() ?? '';
  let signature: string | undefined;
  if (input.useSavedSignature) {
    // The signature of whoever signs: the person at the keyboard, also when acting for someone (代理).
    const saved = await signatureOf(db, caller.actor.userId);
    if (!saved) throw invalid({ useSavedSignature: msg('comfort.no_saved_signature') });
    signature = saved.image;
  }
  const results: BatchApproveResult['results'] = [];
  const seen = new Set<string>();
  for (const item of input.items) {
    if (seen.has(item.taskId)) continue;
    seen.add(item.taskId);
    try {
      const subject = await readableApplication(db, caller.actor, item.applicationId);
      await precheck(db, item, opinion);
      const as = await callerForTask(db, caller, subject, item.taskId);
      await execute(db, as, approveTask, {
        id: item.applicationId,
        taskId: item.taskId,
        formHash: item.formHash,
        ...(opinion ? { opinion } : {}),
        ...(signature ? { signature } : {}),
      });
      results.push({ applicationId: item.applicationId, taskId: item.taskId, ok: true, code: null, message: null });
    } catch (error) {
      // Anything else (a database failure) is this item's failure too: the items before it stay approved.
      const known = error instanceof DomainError;
      results.push({ applicationId: item.applicationId, taskId: item.taskId, ok: false, code: known ? error.code : 'internal', message: render(locale, known ? reasonOf(error) : msg('error.internal')) });
    }
  }
  const approved = results.filter((r) => r.ok).length;
  return { results, approved, failed: results.length - approved };
}
