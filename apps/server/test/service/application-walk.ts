/**
 * The command walker's application company and helpers (command-cases-applications.ts, command-cases-application-types.ts).
 *
 * Cases run on a walker type of their own (not a built-in one) whose approvers all come from a small company made for
 * the walker: role-based approvers would name every finance or CEO user the other cases create. The type's flow is
 * 部门负责人 (SLA: one reminder, then escalation to the head's superior) → 复核 (the checker named in the form; SLA: no
 * reminder, then automatic approval) → a number → a copy to the people named in the form → end, with an emergency
 * procedure (临时小组 executes, a reviewer countersigns).
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { ApplicationDefinition } from '@henji/contracts';
import { noRequest, systemActor, type UserActor } from '../../src/kernel/actor.ts';
import { execute, type Caller } from '../../src/kernel/command.ts';
import { uploadFile } from '../../src/kernel/files/commands.ts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { positions } from '../../src/kernel/org/schema.ts';
import { approveTask } from '../../src/modules/applications/commands/approver.ts';
import { createApplication } from '../../src/modules/applications/commands/applicant.ts';
import { executeEmergency } from '../../src/modules/applications/commands/emergency.ts';
import { createApplicationType, publishApplicationType, saveApplicationTypeDraft } from '../../src/modules/applications/commands/types.ts';
import { SLA_JOB, type SlaJobPayload } from '../../src/modules/applications/engine/sla.ts';
import { applicationSteps, applicationTasks, applicationTypeVersions, applications } from '../../src/modules/applications/schema.ts';
import { callerFor, makeDepartment, makeUser, systemCaller, unique, type TestHenji } from '../harness.ts';

export interface Member {
  id: string;
  username: string;
  actor: UserActor;
}

/** The walker's company: an applicant, the chain above them, and the people the walker type names. */
export interface WalkCompany {
  director: Member;
  head: Member;
  employee: Member;
  checker: Member;
  signer: Member;
  reader: Member;
  responder: Member;
  reviewer: Member;
}

export interface Walk {
  company: WalkCompany;
  typeId: string;
}

export async function member(h: TestHenji, fields: Parameters<typeof makeUser>[1] = {}): Promise<Member> {
  const { row, actor } = await makeUser(h, fields);
  return { id: row.id, username: row.username, actor };
}

export async function makeWalkCompany(h: TestHenji): Promise<WalkCompany> {
  const dept = await makeDepartment(h, { name: '流程走查部' });
  const [headPosition] = await h.db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
  const director = await member(h);
  const head = await member(h, { departmentId: dept.id, positionId: headPosition!.id, managerId: director.id });
  return {
    director,
    head,
    employee: await member(h, { departmentId: dept.id, managerId: head.id }),
    checker: await member(h),
    signer: await member(h),
    reader: await member(h),
    responder: await member(h),
    reviewer: await member(h),
  };
}

/** The walker type's definition; `head` may be renamed to build a second version that a migration maps onto. */
export function walkDefinition(c: WalkCompany, headNode = 'head'): ApplicationDefinition {
  return ApplicationDefinition.parse({
    titleField: 'title',
    form: {
      fields: [
        { key: 'title', label: '标题', type: 'text', required: true, maxLength: 100 },
        { key: 'amount', label: '金额', type: 'money', min: 0 },
        { key: 'checker', label: '复核人', type: 'user', required: true },
        { key: 'copyTo', label: '抄送人', type: 'user', multiple: true },
        { key: 'files', label: '附件', type: 'attachment' },
      ],
    },
    flow: {
      start: headNode,
      nodes: [
        {
          id: headNode,
          type: 'approval',
          name: '部门负责人审批',
          approvers: { source: 'department_head' },
          sla: { within: { amount: 1, unit: 'days' }, reminders: 1, then: 'escalate' },
          next: 'check',
        },
        {
          id: 'check',
          type: 'approval',
          name: '复核',
          approvers: { source: 'field', field: 'checker' },
          sla: { within: { amount: 1, unit: 'days' }, reminders: 0, then: 'approve' },
          next: 'number',
        },
        { id: 'number', type: 'action', name: '生成编号', action: { kind: 'assign_number', rule: 'ZC{TYPE}{YYYY}{SEQ:5}' }, next: 'copy' },
        { id: 'copy', type: 'cc', name: '抄送', recipients: [{ source: 'field', field: 'copyTo' }], next: 'end' },
        { id: 'end', type: 'end', name: '结束' },
      ],
    },
    emergency: {
      group: [{ source: 'user', username: c.responder.username }],
      reviewers: [{ source: 'user', username: c.reviewer.username }],
      reviewWithin: { amount: 1, unit: 'days' },
    },
  });
}

export const typeCode = () => unique('walk_');
export const newType = (c: WalkCompany, publish: boolean) => ({
  code: typeCode(),
  name: '走查申请',
  category: '测试',
  description: '命令走查用的申请类型',
  definition: walkDefinition(c),
  publish,
});

/** One company and one published walker type per Henji, made the first time a case asks for them. */
export const walks = new WeakMap<TestHenji, Promise<Walk>>();
export function walkOf(h: TestHenji): Promise<Walk> {
  let walk = walks.get(h);
  if (!walk) {
    walk = (async () => {
      const company = await makeWalkCompany(h);
      const { id } = await execute(h.db, systemCaller, createApplicationType, newType(company, true));
      return { company, typeId: id };
    })();
    walks.set(h, walk);
  }
  return walk;
}

export const as = (m: Member): Caller => callerFor(m.actor);
export const timer = (): Caller => ({ actor: systemActor('sla-timer'), meta: noRequest });

export const formFor = (c: WalkCompany, extra: Record<string, unknown> = {}) => ({
  title: `走查 ${randomUUID().slice(0, 8)}`,
  amount: 1200.5,
  checker: c.checker.id,
  copyTo: [c.reader.id],
  ...extra,
});

/** A file the applicant uploaded, for an attachment field. */
export async function uploaded(h: TestHenji, m: Member): Promise<string> {
  const bytes = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n`);
  const row = await execute(h.db, as(m), uploadFile, {
    name: '报价单.pdf',
    mime: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  return row.id;
}

export async function draft(h: TestHenji, w: Walk, form: Record<string, unknown> = formFor(w.company)) {
  const { id } = await execute(h.db, as(w.company.employee), createApplication, { typeId: w.typeId, form, urgent: false, submit: false, requestKey: randomUUID() });
  return id;
}

export async function submitted(h: TestHenji, w: Walk, options: { urgent?: boolean; form?: Record<string, unknown> } = {}) {
  const { id } = await execute(h.db, as(w.company.employee), createApplication, {
    typeId: w.typeId,
    form: options.form ?? formFor(w.company),
    urgent: options.urgent ?? false,
    submit: true,
    requestKey: randomUUID(),
  });
  return id;
}

/** The open task of `who` on the application. */
export async function taskOf(h: TestHenji, applicationId: string, who: Member, kind: 'approve' | 'cc' | 'review' = 'approve') {
  const [task] = await h.db
    .select()
    .from(applicationTasks)
    .where(and(eq(applicationTasks.applicationId, applicationId), eq(applicationTasks.assigneeId, who.id), eq(applicationTasks.kind, kind), eq(applicationTasks.status, 'pending')));
  expect(task, `an open ${kind} task for ${who.username}`).toBeDefined();
  return task!;
}

export async function formHashOf(h: TestHenji, applicationId: string) {
  const [row] = await h.db.select({ formHash: applications.formHash }).from(applications).where(eq(applications.id, applicationId));
  return row!.formHash;
}

/** What the task commands need: the application, the task and the form hash the approver saw. */
export async function taskInput(h: TestHenji, applicationId: string, who: Member, kind: 'approve' | 'cc' | 'review' = 'approve') {
  const task = await taskOf(h, applicationId, who, kind);
  return { id: applicationId, taskId: task.id, formHash: await formHashOf(h, applicationId) };
}

export async function approveAs(h: TestHenji, applicationId: string, who: Member) {
  await execute(h.db, as(who), approveTask, await taskInput(h, applicationId, who));
}

/** An application waiting at 'check', after the head approved. */
export async function atCheck(h: TestHenji, w: Walk, options: { urgent?: boolean } = {}) {
  const id = await submitted(h, w, options);
  await approveAs(h, id, w.company.head);
  return id;
}

/** The SLA timer job queued for the application's open step at `nodeId`, as the job runner would hand it over. */
export async function queuedTick(h: TestHenji, applicationId: string, nodeId: string): Promise<SlaJobPayload> {
  const [step] = await h.db
    .select()
    .from(applicationSteps)
    .where(and(eq(applicationSteps.applicationId, applicationId), eq(applicationSteps.nodeId, nodeId)))
    .orderBy(desc(applicationSteps.seq));
  expect(step, `a step at ${nodeId}`).toBeDefined();
  const [job] = await h.db
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.kind, SLA_JOB), eq(jobs.state, 'pending'), sql`${jobs.payload}->>'stepId' = ${step!.id}`))
    .orderBy(desc(jobs.createdAt), desc(sql`(${jobs.payload}->>'generation')::int`));
  expect(job, `a queued ${SLA_JOB} job for the step at ${nodeId}`).toBeDefined();
  return job!.payload as SlaJobPayload;
}

/** An application the emergency group executed; its review step waits for the reviewer. */
export async function executedInEmergency(h: TestHenji, w: Walk) {
  const id = await submitted(h, w, { urgent: true });
  await execute(h.db, as(w.company.responder), executeEmergency, { id, opinion: '情况紧急，先行执行' });
  return id;
}

/** A type with a published version 1 and one running application at `head`, and a published version 2 that names it `lead`. */
export async function typeWithTwoVersions(h: TestHenji, w: Walk, caller: Caller) {
  const { id: typeId } = await execute(h.db, caller, createApplicationType, newType(w.company, true));
  const { id: appId } = await execute(h.db, as(w.company.employee), createApplication, {
    typeId,
    form: formFor(w.company),
    urgent: false,
    submit: true,
    requestKey: randomUUID(),
  });
  const [v1] = await h.db.select().from(applicationTypeVersions).where(eq(applicationTypeVersions.typeId, typeId));
  const v2 = await execute(h.db, caller, saveApplicationTypeDraft, { id: typeId, definition: walkDefinition(w.company, 'lead') });
  await execute(h.db, caller, publishApplicationType, { id: typeId, versionId: v2.id });
  return { typeId, appId, fromVersionId: v1!.id, toVersionId: v2.id };
}
