/**
 * The purchase benchmark's organisation, made through the same commands as the admin pages (users get a real
 * password hash): `clients` departments, each with a head (position 负责人) and one applicant; `financeClerks` clerks
 * with the finance role; one CEO; one custodian (receives the 抄送). Run inside the server process (server-worker.ts,
 * `make-company`), so it works on the embedded PGlite, whose data directory only that process may open.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../apps/server/src/db/client.ts';
import { noRequest, systemActor } from '../../apps/server/src/kernel/actor.ts';
import { execute, type Caller } from '../../apps/server/src/kernel/command.ts';
import { createDepartment } from '../../apps/server/src/kernel/org/commands/create-department.ts';
import { createUser } from '../../apps/server/src/kernel/org/commands/create-user.ts';
import { positions } from '../../apps/server/src/kernel/org/schema.ts';

const DEPARTMENT_NAMES = ['行政部', '技术部', '市场部', '销售部', '法务部', '采购部', '质量管理部', '客户服务部'];

export interface CompanyPlan {
  clients: number;
  financeClerks: number;
  password: string;
}

/** Usernames: per client its department's applicant and head; the clerks; the CEO. */
export interface CompanyUsers {
  departments: { head: string; applicant: string }[];
  clerks: string[];
  ceo: string;
}

const bench: Caller = { actor: systemActor('bench'), meta: noRequest };

export async function makePurchaseCompany(db: Database, plan: CompanyPlan): Promise<CompanyUsers> {
  const [head] = await db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
  const user = (username: string, displayName: string, fields: { departmentId?: string; positionId?: string; managerId?: string; roles?: string[] }) =>
    execute(db, bench, createUser, {
      username,
      displayName,
      email: `${username}@bench.example.cn`,
      roles: fields.roles ?? [],
      departmentId: fields.departmentId ?? null,
      positionId: fields.positionId ?? null,
      managerId: fields.managerId ?? null,
      password: plan.password,
      passwordChosenByUser: true,
    });
  const finance = await execute(db, bench, createDepartment, { code: 'FIN', name: '财务部', parentId: null });
  const clerks: string[] = [];
  for (let f = 0; f < plan.financeClerks; f++) clerks.push((await user(`finance${f + 1}`, `财务专员${f + 1}`, { departmentId: finance.id, roles: ['finance'] })).username);
  const ceo = await user('ceo', '总经理', { roles: ['ceo'] });
  await user('custodian', '行政保管员', { roles: ['custodian'] });
  const departments: CompanyUsers['departments'] = [];
  for (let i = 0; i < plan.clients; i++) {
    const dept = await execute(db, bench, createDepartment, {
      code: `D${i + 1}`,
      name: `${DEPARTMENT_NAMES[i % DEPARTMENT_NAMES.length]}${Math.floor(i / DEPARTMENT_NAMES.length) + 1}组`,
      parentId: null,
    });
    const headUser = await user(`head${i + 1}`, `负责人${i + 1}`, { departmentId: dept.id, positionId: head!.id });
    const applicant = await user(`staff${i + 1}`, `员工${i + 1}`, { departmentId: dept.id, managerId: headUser.id });
    departments.push({ head: headUser.username, applicant: applicant.username });
  }
  return { departments, clerks, ceo: ceo.username };
}
