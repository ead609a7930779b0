/**
 * The command walker's cases for tracked tasks (督办, T1–T2); merged into CASES in command-cases.ts. Each case builds
 * its own people and tasks. Rows of tracked_tasks and task_reports, and the tasks' timer jobs, belong to the task
 * (SUBJECT_OF_ROW in commands-traced.test.ts); notifications to their batch; attached files to themselves.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { noRequest, systemActor } from '../../src/kernel/actor.ts';
import { execute, type Caller } from '../../src/kernel/command.ts';
import { uploadFile } from '../../src/kernel/files/commands.ts';
import { createDelegation } from '../../src/kernel/org/commands/delegations.ts';
import { acceptClosure, rejectClosure } from '../../src/kernel/tasks/commands/closure.ts';
import { createTask } from '../../src/kernel/tasks/commands/create.ts';
import { recordTaskExport } from '../../src/kernel/tasks/commands/export.ts';
import { assignOwner } from '../../src/kernel/tasks/commands/owner.ts';
import { reportProgress, requestClosure } from '../../src/kernel/tasks/commands/progress.ts';
import { trackedTasks } from '../../src/kernel/tasks/schema.ts';
import { taskTimer, type TaskTimer } from '../../src/kernel/tasks/timers.ts';
import { callerFor, makeDepartment, makeUser, type TestHenji } from '../harness.ts';
import { file, plan, requestMeta, today, trackedTask, user, type Case } from './command-plan.ts';
import { now } from '../../src/kernel/clock.ts';

const timerCaller: Caller = { actor: systemActor('task-timer'), meta: noRequest };
const inHours = (hours: number) => new Date(now().getTime() + hours * 3_600_000).toISOString();
const report = { workDone: '已完成现场核查', problems: '供应商延迟，已另行联系', nextSteps: '下周提交整改报告' };

/** An assigner, and an owner in a department whose head and whose supervisor exist, so every notice has someone to reach. */
async function people(h: TestHenji) {
  const dept = await makeDepartment(h, { name: '督办走查部' });
  const boss = await makeUser(h, { departmentId: dept.id });
  return {
    deptId: dept.id,
    assigner: await makeUser(h),
    owner: await makeUser(h, { departmentId: dept.id, managerId: boss.row.id }),
    other: await makeUser(h, { departmentId: dept.id }),
  };
}

type People = Awaited<ReturnType<typeof people>>;

async function task(h: TestHenji, p: People, fields: Partial<Parameters<typeof createTask.run>[1]> = {}) {
  return execute(h.db, callerFor(p.assigner.actor), createTask, { title: '落实整改', description: '', source: 'inspection_finding', crossDepartment: false, ...fields });
}

async function generationOf(h: TestHenji, id: string): Promise<number> {
  const [row] = await h.db.select({ g: trackedTasks.timerGeneration }).from(trackedTasks).where(eq(trackedTasks.id, id));
  return row!.g;
}

const tick = async (h: TestHenji, id: string, timer: TaskTimer) => ({ taskId: id, generation: await generationOf(h, id), timer });

export const TASK_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'tasks.create': async (h) => {
    const p = await people(h);
    const base = { description: '会议决议', source: 'meeting_resolution' as const, crossDepartment: false };
    return [
      plan('with an owner and a deadline: the owner is told, timers queued', createTask, callerFor(p.assigner.actor), {
        ...base,
        title: '落实决议',
        ownerId: p.owner.row.id,
        deadline: inHours(72),
      }, (r) => [trackedTask(r.id)]),
      plan('without an owner, cross-department', createTask, callerFor(p.assigner.actor), { ...base, title: '待分配', departmentId: p.deptId, crossDepartment: true }, (r) => {
        expect(r.status).toBe('awaiting_owner');
        return [trackedTask(r.id)];
      }),
    ];
  },
  'tasks.assignOwner': async (h) => {
    const p = await people(h);
    const open = await task(h, p, { departmentId: p.deptId, deadline: inHours(72) });
    const owned = await task(h, p, { ownerId: p.owner.row.id });
    return [
      plan('assigns an owner to a task awaiting one', assignOwner, callerFor(p.assigner.actor), { id: open.id, ownerId: p.owner.row.id, comment: '请牵头' }, () => [trackedTask(open.id)]),
      plan('hands a task to another owner', assignOwner, callerFor(p.assigner.actor), { id: owned.id, ownerId: p.other.row.id }, () => [trackedTask(owned.id)]),
    ];
  },
  'tasks.reportProgress': async (h) => {
    const p = await people(h);
    const delegate = await makeUser(h);
    await execute(h.db, callerFor(p.owner.actor), createDelegation, { principalId: p.owner.row.id, delegateId: delegate.row.id, startsOn: today(), endsOn: today(), scope: [], reason: '出差' });
    const owned = await task(h, p, { ownerId: p.owner.row.id });
    const bytes = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n`);
    const evidence = await execute(h.db, callerFor(p.owner.actor), uploadFile, { name: '整改照片.pdf', mime: 'application/pdf', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    return [
      plan('reports with evidence', reportProgress, callerFor(p.owner.actor), { id: owned.id, ...report, fileIds: [evidence.id] }, () => [trackedTask(owned.id), file(evidence.id)]),
      plan("the owner's delegate reports on the owner's behalf", reportProgress, { actor: p.owner.actor, delegate: delegate.actor, meta: requestMeta() }, { id: owned.id, ...report, fileIds: [] }, () => [trackedTask(owned.id)]),
    ];
  },
  'tasks.requestClosure': async (h) => {
    const p = await people(h);
    const owned = await task(h, p, { ownerId: p.owner.row.id });
    return [plan('asks to close with a final report', requestClosure, callerFor(p.owner.actor), { id: owned.id, ...report, fileIds: [] }, (r) => {
      expect(r.task.status).toBe('submitted');
      return [trackedTask(owned.id)];
    })];
  },
  'tasks.acceptClosure': async (h) => {
    const p = await people(h);
    const owned = await task(h, p, { ownerId: p.owner.row.id, deadline: inHours(48) });
    await execute(h.db, callerFor(p.owner.actor), requestClosure, { id: owned.id, ...report, fileIds: [] });
    return [plan('closes the task and stops its timers', acceptClosure, callerFor(p.assigner.actor), { id: owned.id, comment: '同意' }, () => [trackedTask(owned.id)])];
  },
  'tasks.rejectClosure': async (h) => {
    const p = await people(h);
    const owned = await task(h, p, { ownerId: p.owner.row.id });
    await execute(h.db, callerFor(p.owner.actor), requestClosure, { id: owned.id, ...report, fileIds: [] });
    return [plan('reopens the task with a written reason', rejectClosure, callerFor(p.assigner.actor), { id: owned.id, reason: '缺少验收材料' }, () => [trackedTask(owned.id)])];
  },
  'tasks.timer': async (h) => {
    const p = await people(h);
    const awaiting = await task(h, p, { departmentId: p.deptId });
    const dated = await task(h, p, { ownerId: p.owner.row.id, deadline: inHours(72) });
    const joint = await task(h, p, { ownerId: p.owner.row.id, crossDepartment: true });
    const reported = await task(h, p, { ownerId: p.owner.row.id, crossDepartment: true });
    await execute(h.db, callerFor(p.owner.actor), reportProgress, { id: reported.id, ...report, fileIds: [] });
    const assigned = await task(h, p, { departmentId: p.deptId });
    const staleTick = await tick(h, assigned.id, 'owner_window');
    await execute(h.db, callerFor(p.assigner.actor), assignOwner, { id: assigned.id, ownerId: p.owner.row.id });
    return [
      plan('flags a task still without an owner', taskTimer, timerCaller, await tick(h, awaiting.id, 'owner_window'), (r) => {
        expect(r.done).toBe('owner_overdue');
        return [trackedTask(awaiting.id)];
      }),
      plan('reminds the owner before the deadline', taskTimer, timerCaller, await tick(h, dated.id, 'remind'), (r) => {
        expect(r.done).toBe('reminded');
        return [trackedTask(dated.id)];
      }),
      plan('marks the task overdue and escalates it', taskTimer, timerCaller, await tick(h, dated.id, 'deadline'), (r) => {
        expect(r.done).toBe('overdue');
        return [trackedTask(dated.id)];
      }),
      plan('records a missing weekly report and queues the next check', taskTimer, timerCaller, await tick(h, joint.id, 'weekly'), (r) => {
        expect(r.done).toBe('weekly_report_missing');
        return [trackedTask(joint.id)];
      }),
      plan('records a weekly check that found a report and queues the next', taskTimer, timerCaller, await tick(h, reported.id, 'weekly'), (r) => {
        expect(r.done).toBe('weekly_report_ok');
        return [trackedTask(reported.id)];
      }),
      plan('a stale timer changes nothing', taskTimer, timerCaller, staleTick, (r) => {
        expect(r.done).toBe('stale');
        return [];
      }, { quiet: true }),
    ];
  },
  'tasks.recordExport': async (h) => {
    const p = await people(h);
    return [
      plan('records an xlsx download of the 督办 list', recordTaskExport, callerFor(p.assigner.actor), { filters: { view: 'assigned' }, rows: 0, name: '督办任务.xlsx', sha256: '0'.repeat(64) }, () => [
        user(p.assigner.row.id),
      ], { traceOnly: true }),
    ];
  },
};
