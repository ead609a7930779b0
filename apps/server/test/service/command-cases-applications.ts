/**
 * The command walker's cases for applications and their types (F1–F8); merged into CASES in command-cases.ts.
 *
 * Cases run on a walker type of their own (not a built-in one) whose approvers all come from a small company made for
 * the walker: role-based approvers would name every finance or CEO user the other cases create. The type's flow is
 * 部门负责人 (SLA: one reminder, then escalation to the head's superior) → 复核 (the checker named in the form; SLA: no
 * reminder, then automatic approval) → a number → a copy to the people named in the form → end, with an emergency
 * procedure (临时小组 executes, a reviewer countersigns). Every case builds its own applications; each names the
 * application (or type) it must trace, and the walker adds the notification batches, files and issued numbers
 * the rows it sees belong to.
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
import { addSigner, approveTask, readCopy, rejectTask, returnTask, transferTask } from '../../src/modules/applications/commands/approver.ts';
import {
  createApplication,
  discardDraft,
  resubmitApplication,
  submitApplication,
  updateDraft,
  urgeApplication,
  withdrawApplication,
} from '../../src/modules/applications/commands/applicant.ts';
import { bootstrapApplicationTypes, builtinTypeFiles, importApplicationType } from '../../src/modules/applications/commands/builtin.ts';
import { commentOnApplication } from '../../src/modules/applications/commands/comment.ts';
import { countersign, executeEmergency, objectToEmergency } from '../../src/modules/applications/commands/emergency.ts';
import { slaTick } from '../../src/modules/applications/commands/timers.ts';
import {
  createApplicationType,
  migrateApplications,
  publishApplicationType,
  saveApplicationTypeDraft,
  updateApplicationType,
} from '../../src/modules/applications/commands/types.ts';
import { parseTypeFile, typeFileText } from '../../src/modules/applications/definition/yaml.ts';
import { SLA_JOB, type SlaJobPayload } from '../../src/modules/applications/engine/sla.ts';
import { applicationSteps, applicationTasks, applicationTypes, applicationTypeVersions, applications } from '../../src/modules/applications/schema.ts';
import { callerFor, makeDepartment, makeUser, systemCaller, unique, type TestHenji } from '../harness.ts';
import { admin, application, applicationType, plan, requestMeta, type Case } from './command-plan.ts';

interface Member {
  id: string;
  username: string;
  actor: UserActor;
}

/** The walker's company: an applicant, the chain above them, and the people the walker type names. */
interface WalkCompany {
  director: Member;
  head: Member;
  employee: Member;
  checker: Member;
  signer: Member;
  reader: Member;
  responder: Member;
  reviewer: Member;
}

interface Walk {
  company: WalkCompany;
  typeId: string;
}

async function member(h: TestHenji, fields: Parameters<typeof makeUser>[1] = {}): Promise<Member> {
  const { row, actor } = await makeUser(h, fields);
  return { id: row.id, username: row.username, actor };
}

async function makeWalkCompany(h: TestHenji): Promise<WalkCompany> {
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
function walkDefinition(c: WalkCompany, headNode = 'head'): ApplicationDefinition {
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

const typeCode = () => unique('walk_');
const newType = (c: WalkCompany, publish: boolean) => ({
  code: typeCode(),
  name: '走查申请',
  category: '测试',
  description: '命令走查用的申请类型',
  definition: walkDefinition(c),
  publish,
});

/** One company and one published walker type per Henji, made the first time a case asks for them. */
const walks = new WeakMap<TestHenji, Promise<Walk>>();
function walkOf(h: TestHenji): Promise<Walk> {
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

const as = (m: Member): Caller => callerFor(m.actor);
const timer = (): Caller => ({ actor: systemActor('sla-timer'), meta: noRequest });

const formFor = (c: WalkCompany, extra: Record<string, unknown> = {}) => ({
  title: `走查 ${randomUUID().slice(0, 8)}`,
  amount: 1200.5,
  checker: c.checker.id,
  copyTo: [c.reader.id],
  ...extra,
});

/** A file the applicant uploaded, for an attachment field. */
async function uploaded(h: TestHenji, m: Member): Promise<string> {
  const bytes = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n`);
  const row = await execute(h.db, as(m), uploadFile, {
    name: '报价单.pdf',
    mime: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  return row.id;
}

async function draft(h: TestHenji, w: Walk, form: Record<string, unknown> = formFor(w.company)) {
  const { id } = await execute(h.db, as(w.company.employee), createApplication, { typeId: w.typeId, form, urgent: false, submit: false, requestKey: randomUUID() });
  return id;
}

async function submitted(h: TestHenji, w: Walk, options: { urgent?: boolean; form?: Record<string, unknown> } = {}) {
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
async function taskOf(h: TestHenji, applicationId: string, who: Member, kind: 'approve' | 'cc' | 'review' = 'approve') {
  const [task] = await h.db
    .select()
    .from(applicationTasks)
    .where(and(eq(applicationTasks.applicationId, applicationId), eq(applicationTasks.assigneeId, who.id), eq(applicationTasks.kind, kind), eq(applicationTasks.status, 'pending')));
  expect(task, `an open ${kind} task for ${who.username}`).toBeDefined();
  return task!;
}

async function formHashOf(h: TestHenji, applicationId: string) {
  const [row] = await h.db.select({ formHash: applications.formHash }).from(applications).where(eq(applications.id, applicationId));
  return row!.formHash;
}

/** What the task commands need: the application, the task and the form hash the approver saw. */
async function taskInput(h: TestHenji, applicationId: string, who: Member, kind: 'approve' | 'cc' | 'review' = 'approve') {
  const task = await taskOf(h, applicationId, who, kind);
  return { id: applicationId, taskId: task.id, formHash: await formHashOf(h, applicationId) };
}

async function approveAs(h: TestHenji, applicationId: string, who: Member) {
  await execute(h.db, as(who), approveTask, await taskInput(h, applicationId, who));
}

/** An application waiting at 'check', after the head approved. */
async function atCheck(h: TestHenji, w: Walk, options: { urgent?: boolean } = {}) {
  const id = await submitted(h, w, options);
  await approveAs(h, id, w.company.head);
  return id;
}

/** The SLA timer job queued for the application's open step at `nodeId`, as the job runner would hand it over. */
async function queuedTick(h: TestHenji, applicationId: string, nodeId: string): Promise<SlaJobPayload> {
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
async function executedInEmergency(h: TestHenji, w: Walk) {
  const id = await submitted(h, w, { urgent: true });
  await execute(h.db, as(w.company.responder), executeEmergency, { id, opinion: '情况紧急，先行执行' });
  return id;
}

/** A type with a published version 1 and one running application at `head`, and a published version 2 that names it `lead`. */
async function typeWithTwoVersions(h: TestHenji, w: Walk, caller: Caller) {
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

export const APPLICATION_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  // ---- Application types (F1, F2) ----
  'applicationTypes.create': async (h) => {
    const { company } = await walkOf(h);
    const caller = callerFor(await admin(h));
    return [
      plan('creates a type with a draft version 1', createApplicationType, caller, newType(company, false), (r) => [applicationType(r.id)]),
      plan('creates a type and publishes it at once', createApplicationType, caller, newType(company, true), (r) => [applicationType(r.id)]),
    ];
  },
  'applicationTypes.update': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const { id } = await execute(h.db, caller, createApplicationType, newType(w.company, true));
    return [
      plan('renames it and takes it out of the catalogue', updateApplicationType, caller, { id, name: '改名的走查申请', active: false }, () => [applicationType(id)]),
      plan('an update that changes nothing is not traced', updateApplicationType, caller, { id, name: '改名的走查申请' }, () => [], { quiet: true }),
    ];
  },
  'applicationTypes.saveDraft': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const { id } = await execute(h.db, caller, createApplicationType, newType(w.company, true));
    const changed = walkDefinition(w.company, 'lead');
    return [
      plan('starts version 2 as a draft', saveApplicationTypeDraft, caller, { id, definition: changed }, (r) => {
        expect(r).toMatchObject({ version: 2, status: 'draft' });
        return [applicationType(id)];
      }),
      plan('saving the same draft again changes nothing', saveApplicationTypeDraft, caller, { id, definition: changed }, () => [], { quiet: true }),
    ];
  },
  'applicationTypes.publish': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const { id } = await execute(h.db, caller, createApplicationType, newType(w.company, false));
    const [v1] = await h.db.select().from(applicationTypeVersions).where(eq(applicationTypeVersions.typeId, id));
    const published = await execute(h.db, caller, createApplicationType, newType(w.company, true));
    const v2 = await execute(h.db, caller, saveApplicationTypeDraft, { id: published.id, definition: walkDefinition(w.company, 'lead') });
    return [
      plan('publishes the first version', publishApplicationType, caller, { id, versionId: v1!.id }, (r) => {
        expect(r.status).toBe('published');
        return [applicationType(id)];
      }),
      plan('publishes version 2; version 1 is superseded', publishApplicationType, caller, { id: published.id, versionId: v2.id }, (r) => {
        expect(r).toMatchObject({ version: 2, status: 'published' });
        return [applicationType(published.id)];
      }),
    ];
  },
  'applicationTypes.import': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const fresh = typeFileText({ code: typeCode(), name: '导入的申请', category: '测试', description: '' }, walkDefinition(w.company));
    const existing = await execute(h.db, caller, createApplicationType, newType(w.company, true));
    const [type] = await h.db.select().from(applicationTypes).where(eq(applicationTypes.id, existing.id));
    const revised = typeFileText(type!, walkDefinition(w.company, 'lead'));
    return [
      plan('loads a new type from YAML', importApplicationType, caller, { yaml: fresh, publish: false }, (r) => {
        expect(r.created).toBe(true);
        return [applicationType(r.id)];
      }),
      plan('loads a new version of an existing type and publishes it', importApplicationType, caller, { yaml: revised, publish: true }, (r) => {
        expect(r).toEqual({ id: existing.id, created: false });
        return [applicationType(existing.id)];
      }),
    ];
  },
  'applicationTypes.migrate': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const t = await typeWithTwoVersions(h, w, caller);
    return [
      plan('moves a running application to version 2, mapping its node', migrateApplications, caller, {
        id: t.typeId,
        fromVersionId: t.fromVersionId,
        toVersionId: t.toVersionId,
        nodeMap: { head: 'lead' },
        reason: '流程调整，节点改名',
      }, (r) => {
        expect(r.migrated).toBe(1);
        return [applicationType(t.typeId), application(t.appId)];
      }),
    ];
  },
  'applicationTypes.bootstrap': async (h) => {
    // As if the built-in 通用申请 had never been loaded on this database (its old row keeps another code): the next
    // start loads it again, published.
    const { code } = parseTypeFile(builtinTypeFiles().find((f) => f.file === 'general.yaml')!.text);
    await h.db.update(applicationTypes).set({ code: unique('former_general_') }).where(eq(applicationTypes.code, code));
    return [
      plan('loads a built-in type that is missing', bootstrapApplicationTypes, systemCaller, {}, (r) => {
        expect(r.created).toEqual([code]);
        return [];
      }),
      plan('a second run changes nothing when the built-ins exist', bootstrapApplicationTypes, systemCaller, {}, (r) => {
        expect(r.created).toEqual([]);
        return [];
      }, { quiet: true }),
    ];
  },

  // ---- The applicant (F1, F3) ----
  'applications.create': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const fileId = await uploaded(h, c.employee);
    const requestKey = randomUUID();
    const input = { typeId: w.typeId, form: formFor(c, { files: [fileId] }), urgent: false, submit: true, requestKey };
    let first = '';
    return [
      plan('keeps a draft', createApplication, as(c.employee), { typeId: w.typeId, form: { title: '草稿' }, urgent: false, submit: false, requestKey: randomUUID() }, (r) => {
        expect(r.created).toBe(true);
        return [application(r.id)];
      }),
      plan('submits at once with an attachment: the head gets a task', createApplication, as(c.employee), input, (r) => {
        expect(r.created).toBe(true);
        first = r.id;
        return [application(r.id)];
      }),
      plan('the same request again returns the first application and changes nothing', createApplication, as(c.employee), input, (r) => {
        expect(r).toEqual({ id: first, created: false });
        return [];
      }, { quiet: true }),
    ];
  },
  'applications.updateDraft': async (h) => {
    const w = await walkOf(h);
    const id = await draft(h, w, { title: '草稿' });
    const fileId = await uploaded(h, w.company.employee);
    return [
      plan('fills in the draft and attaches a file', updateDraft, as(w.company.employee), { id, form: formFor(w.company, { files: [fileId] }), urgent: true }, () => [application(id)]),
    ];
  },
  'applications.submit': async (h) => {
    const w = await walkOf(h);
    const id = await draft(h, w);
    return [
      plan('submits a draft', submitApplication, as(w.company.employee), { id }, (r) => {
        expect(r.status).toBe('running');
        return [application(id)];
      }),
    ];
  },
  'applications.resubmit': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const id = await atCheck(h, w);
    await execute(h.db, as(c.checker), returnTask, { ...(await taskInput(h, id, c.checker)), to: 'initiator', opinion: '请补充说明' });
    return [
      plan('resubmits with a changed form; the paused step resumes', resubmitApplication, as(c.employee), { id, form: formFor(c, { amount: 990 }), opinion: '已补充' }, (r) => {
        expect(r.status).toBe('running');
        return [application(id)];
      }),
    ];
  },
  'applications.withdraw': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [
      plan('takes a running application back', withdrawApplication, as(w.company.employee), { id, reason: '不需要了' }, (r) => {
        expect(r.status).toBe('withdrawn');
        return [application(id)];
      }),
    ];
  },
  'applications.urge': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [plan('reminds the head', urgeApplication, as(w.company.employee), { id, message: '请尽快审批' }, () => [application(id)])];
  },
  'applications.discard': async (h) => {
    const w = await walkOf(h);
    const fileId = await uploaded(h, w.company.employee);
    const id = await draft(h, w, formFor(w.company, { files: [fileId] }));
    return [plan('deletes a draft; its file is detached', discardDraft, as(w.company.employee), { id }, () => [application(id)])];
  },

  // ---- Approvers (F3, F4) ----
  'applications.approve': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const first = await submitted(h, w);
    const delegated = await submitted(h, w);
    const last = await atCheck(h, w);
    return [
      plan('the head approves; the checker gets a task', approveTask, as(c.head), { ...(await taskInput(h, first, c.head)), opinion: '同意' }, () => [application(first)]),
      plan('a delegate approves on behalf of the head', approveTask, { actor: c.head.actor, delegate: c.signer.actor, meta: requestMeta() }, await taskInput(h, delegated, c.head), () => [
        application(delegated),
      ]),
      plan('the last approval numbers it, copies the reader and ends the flow', approveTask, as(c.checker), await taskInput(h, last, c.checker), (r) => {
        expect(r.status).toBe('approved');
        expect(r.number).toMatch(/^ZC/);
        return [application(last)];
      }),
    ];
  },
  'applications.reject': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [
      plan('the head rejects with an opinion', rejectTask, as(w.company.head), { ...(await taskInput(h, id, w.company.head)), opinion: '预算不足' }, (r) => {
        expect(r.status).toBe('rejected');
        return [application(id)];
      }),
    ];
  },
  'applications.return': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const toApplicant = await submitted(h, w);
    const toEarlier = await atCheck(h, w);
    return [
      plan('returns to the applicant; the step pauses', returnTask, as(c.head), { ...(await taskInput(h, toApplicant, c.head)), to: 'initiator', opinion: '请补充说明' }, (r) => {
        expect(r.status).toBe('returned');
        return [application(toApplicant)];
      }),
      plan('returns to an earlier node, which starts again', returnTask, as(c.checker), { ...(await taskInput(h, toEarlier, c.checker)), to: 'head', opinion: '请部门负责人再确认' }, (r) => {
        expect(r.status).toBe('running');
        return [application(toEarlier)];
      }),
    ];
  },
  'applications.transfer': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [
      plan('hands the task to someone else', transferTask, as(w.company.head), { ...(await taskInput(h, id, w.company.head)), userId: w.company.signer.id, opinion: '请代为审批' }, () => [
        application(id),
      ]),
    ];
  },
  'applications.addSigner': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const before = await submitted(h, w);
    const after = await submitted(h, w);
    return [
      plan('adds a signer before the head, who waits', addSigner, as(c.head), { ...(await taskInput(h, before, c.head)), userId: c.signer.id, position: 'before' as const }, () => [
        application(before),
      ]),
      plan('adds a signer after the head', addSigner, as(c.head), { ...(await taskInput(h, after, c.head)), userId: c.signer.id, position: 'after' as const }, () => [
        application(after),
      ]),
    ];
  },
  'applications.read': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const id = await atCheck(h, w);
    await approveAs(h, id, c.checker);
    const { taskId } = await taskInput(h, id, c.reader, 'cc');
    return [plan('the reader of a copy confirms reading it', readCopy, as(c.reader), { id, taskId }, () => [application(id)])];
  },
  'applications.comment': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [
      plan('the applicant comments', commentOnApplication, as(w.company.employee), { id, body: '附件已补充' }, () => [application(id)]),
      plan('the head comments', commentOnApplication, as(w.company.head), { id, body: '收到，今天处理' }, () => [application(id)]),
    ];
  },

  // ---- Emergency decisions (F6) ----
  'applications.emergencyExecute': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w, { urgent: true });
    return [
      plan('the temporary group executes an urgent application at once', executeEmergency, as(w.company.responder), { id, opinion: '情况紧急，先行执行' }, (r) => {
        expect(r).toMatchObject({ status: 'approved', emergencyState: 'pending_review' });
        return [application(id)];
      }),
    ];
  },
  'applications.countersign': async (h) => {
    const w = await walkOf(h);
    const id = await executedInEmergency(h, w);
    return [
      plan('the reviewer countersigns; the review is complete', countersign, as(w.company.reviewer), await taskInput(h, id, w.company.reviewer, 'review'), (r) => {
        expect(r.emergencyState).toBe('reviewed');
        return [application(id)];
      }),
    ];
  },
  'applications.object': async (h) => {
    const w = await walkOf(h);
    const id = await executedInEmergency(h, w);
    return [
      plan('the reviewer objects in writing', objectToEmergency, as(w.company.reviewer), { ...(await taskInput(h, id, w.company.reviewer, 'review')), opinion: '应先走正常流程' }, (r) => {
        expect(r.emergencyState).toBe('reviewed');
        return [application(id)];
      }),
    ];
  },

  // ---- SLA timers (F5), run by the job queue as the system ----
  'applications.slaTick': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const reminded = await submitted(h, w);
    const remind = await queuedTick(h, reminded, 'head');

    // The head's one reminder is spent; the same timer firing again escalates to the head's superior.
    const escalated = await submitted(h, w);
    const escalate = await queuedTick(h, escalated, 'head');
    expect(await execute(h.db, timer(), slaTick, escalate)).toEqual({ done: 'reminded' });

    const decided = await atCheck(h, w);
    const decide = await queuedTick(h, decided, 'check');

    // The head approved before the timer fired: the job finds a newer generation on the step.
    const moved = await submitted(h, w);
    const stale = await queuedTick(h, moved, 'head');
    await approveAs(h, moved, c.head);

    return [
      plan('past the deadline: reminds the head', slaTick, timer(), remind, (r) => {
        expect(r).toEqual({ done: 'reminded' });
        return [application(reminded)];
      }),
      plan('reminders spent: escalates to the head\'s superior', slaTick, timer(), escalate, (r) => {
        expect(r).toEqual({ done: 'escalate' });
        return [application(escalated)];
      }),
      plan('no reminders and then approve: approves automatically and finishes the flow', slaTick, timer(), decide, (r) => {
        expect(r).toEqual({ done: 'auto_approve' });
        return [application(decided)];
      }),
      plan('a timer of a step already decided changes nothing', slaTick, timer(), stale, (r) => {
        expect(r).toEqual({ done: 'stale' });
        return [];
      }, { quiet: true }),
    ];
  },
};
