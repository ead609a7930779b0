/** The organisation kernel: registering its actions, policies and trace readers, and exporting its routes. */
import { eq } from 'drizzle-orm';
import './actions.ts';
import './policies.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';
import { delegationSubject } from './queries.ts';
import { delegations, departments, positions, roles, users } from './schema.ts';

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

registerSubjectLoader('department', async (q, id) =>
  isUuid(id) ? ((await q.select().from(departments).where(eq(departments.id, id)))[0] ?? null) : null);
registerSubjectLoader('user', async (q, id) =>
  isUuid(id) ? ((await q.select().from(users).where(eq(users.id, id)))[0] ?? null) : null);
registerSubjectLoader('position', async (q, id) =>
  isUuid(id) ? ((await q.select().from(positions).where(eq(positions.id, id)))[0] ?? null) : null);
registerSubjectLoader('role', async (q, id) =>
  isUuid(id) ? ((await q.select().from(roles).where(eq(roles.id, id)))[0] ?? null) : null);
registerSubjectLoader('delegation', async (q, id) => {
  if (!isUuid(id)) return null;
  const [row] = await q.select().from(delegations).where(eq(delegations.id, id));
  return row ? delegationSubject(q, row) : null;
});

export { orgRoutes } from './routes.ts';
export { bootstrap } from './bootstrap.ts';
