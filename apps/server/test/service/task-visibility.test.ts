/**
 * The SQL the 督办 views read through (kernel/tasks/visibility.ts) is the twin of the tracked task's read policy
 * (policies.ts#mayReadTask): for every kind of reader — owner, assigner, a named department head, a head by position,
 * the owner's supervisor, a delegate under a delegation covering tracked tasks, an administrator, an auditor and an
 * outsider — the 全部 view, the calendar, the board and the counts by source hold exactly the tasks the policy lets
 * that reader open, on a real database.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../src/kernel/actor.ts';
import { execute } from '../../src/kernel/command.ts';
import { now } from '../../src/kernel/clock.ts';
import { createDelegation } from '../../src/kernel/org/commands/delegations.ts';
import { updateDepartment } from '../../src/kernel/org/commands/update-department.ts';
import { positions } from '../../src/kernel/org/schema.ts';
import { createTask } from '../../src/kernel/tasks/commands/create.ts';
import { loadTaskSubject, mayReadTask } from '../../src/kernel/tasks/policies.ts';
import { listTasks } from '../../src/kernel/tasks/queries.ts';
import { taskBoard, taskCalendar, taskSourceCounts } from '../../src/kernel/tasks/views.ts';
import { callerFor, makeDepartment, makeUser, startHenji, systemCaller, type TestHenji } from '../harness.ts';

let h: TestHenji;
let readers: Record<string, UserActor>;
let taskIds: string[];

const inDays = (days: number) => new Date(now().getTime() + days * 86_400_000).toISOString();

beforeAll(async () => {
  h = await startHenji({});
  const [head] = await h.db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
  const tech = await makeDepartment(h, { name: '技术部' });
  const sales = await makeDepartment(h, { name: '销售部' });
  const headByPosition = await makeUser(h, { departmentId: tech.id, positionId: head!.id });
  const namedHead = await makeUser(h, { departmentId: sales.id });
  await execute(h.db, systemCaller, updateDepartment, { id: sales.id, changes: { headUserId: namedHead.row.id } });
  const supervisor = await makeUser(h, { departmentId: tech.id });
  const owner = await makeUser(h, { departmentId: tech.id, managerId: supervisor.row.id });
  const seller = await makeUser(h, { departmentId: sales.id });
  const assigner = await makeUser(h);
  const delegate = await makeUser(h);
  const today = now().toISOString().slice(0, 10);
  await execute(h.db, callerFor(owner.actor), createDelegation, { principalId: owner.row.id, delegateId: delegate.row.id, startsOn: today, endsOn: today, scope: [], reason: '出差' });
  const make = async (by: UserActor, fields: Partial<Parameters<typeof createTask.run>[1]>) =>
    (await execute(h.db, callerFor(by), createTask, { title: '可见性', description: '', source: 'manual', crossDepartment: false, deadline: inDays(3), ...fields })).id;
  taskIds = [
    await make(assigner.actor, { ownerId: owner.row.id, source: 'meeting_resolution' }),
    await make(assigner.actor, { departmentId: tech.id, source: 'customer_demand' }),
    await make(assigner.actor, { ownerId: seller.row.id, source: 'project' }),
    await make(seller.actor, { ownerId: seller.row.id, deadline: inDays(10) }),
    await make(owner.actor, { ownerId: supervisor.row.id, source: 'inspection_finding' }),
  ];
  const { actor: admin } = await makeUser(h, { roles: ['admin'] });
  const { actor: auditor } = await makeUser(h, { roles: ['audit'] });
  const { actor: outsider } = await makeUser(h, { departmentId: sales.id });
  readers = {
    owner: owner.actor,
    assigner: assigner.actor,
    headByPosition: headByPosition.actor,
    namedHead: namedHead.actor,
    supervisor: supervisor.actor,
    delegate: delegate.actor,
    seller: seller.actor,
    admin,
    auditor,
    outsider,
  };
});
afterAll(() => h?.close());

/** The tasks the policy lets `reader` open. */
async function readable(reader: UserActor): Promise<string[]> {
  const ids: string[] = [];
  for (const id of taskIds) {
    const subject = await loadTaskSubject(h.db, id, reader);
    if (subject && mayReadTask(reader, subject)) ids.push(id);
  }
  return ids.sort();
}

describe('the views hold exactly what the policy lets each reader open', () => {
  it.each(['owner', 'assigner', 'headByPosition', 'namedHead', 'supervisor', 'delegate', 'seller', 'admin', 'auditor', 'outsider'])('%s', async (name) => {
    const reader = readers[name]!;
    const expected = await readable(reader);
    const all = await listTasks(h.db, reader, { view: 'all', page: 1, pageSize: 200, sort: 'deadline', order: 'asc' });
    expect(all.items.map((t) => t.id).sort()).toEqual(expected);
    expect(all.total).toBe(expected.length);
    const calendar = await taskCalendar(h.db, reader, { view: 'all', from: inDays(-1), to: inDays(30) });
    expect(calendar.items.map((t) => t.id).sort()).toEqual(expected);
    const bySource = await taskSourceCounts(h.db, reader, { view: 'all' });
    expect(bySource.items.reduce((n, s) => n + s.total, 0)).toBe(expected.length);
    // Every board the reader is offered, together, holds the visible tasks that have a department.
    const first = await taskBoard(h.db, reader, {});
    const onBoards: string[] = [];
    for (const department of first.departments) {
      const board = await taskBoard(h.db, reader, { departmentId: department.id });
      onBoards.push(...board.columns.flatMap((c) => c.items.map((t) => t.id)));
    }
    const withDepartment = all.items.filter((t) => t.department).map((t) => t.id).sort();
    expect(onBoards.sort()).toEqual(withDepartment);
  });

  it('some readers see some tasks and not others (the comparison above is not vacuous)', async () => {
    expect(await readable(readers.outsider!)).toEqual([]);
    expect((await readable(readers.admin!)).length).toBe(taskIds.length);
    // The owner sees the task they own and the one they assigned; their delegate only the one they own.
    expect(await readable(readers.owner!)).toEqual([taskIds[0]!, taskIds[4]!].sort());
    expect(await readable(readers.delegate!)).toEqual([taskIds[0]!]);
    // The head by position sees 技术部's tasks; the named head of 销售部 its own.
    expect(await readable(readers.headByPosition!)).toEqual([taskIds[0]!, taskIds[1]!, taskIds[4]!].sort());
    expect(await readable(readers.namedHead!)).toEqual([taskIds[2]!, taskIds[3]!].sort());
  });
});
