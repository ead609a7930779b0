import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { noRequest, systemActor } from '../kernel/actor.ts';
import { defineCommand, execute } from '../kernel/command.ts';
import { hashPassword } from '../kernel/auth/password.ts';
import { createDepartment } from '../kernel/org/commands/create-department.ts';
import { insertUser } from '../kernel/org/commands/create-user.ts';
import { updateDepartment } from '../kernel/org/commands/update-department.ts';
import { departments, positions, users } from '../kernel/org/schema.ts';
import type { Database } from '../db/client.ts';
import { openRuntime } from '../runtime.ts';
import { DEMO_DEPARTMENTS, DEMO_PEOPLE } from './demo-company.ts';

export const DEFAULT_DEMO_PASSWORD = 'henji-demo-2026';

/** Loads the demo company in one traced transaction; running it twice changes nothing the second time. */
export const seedDemoCompany = defineCommand('cli.seedDemoCompany', async (ctx, { password }: { password: string }) => {
  const deptIds = new Map<string, string>();
  for (const [sortOrder, d] of DEMO_DEPARTMENTS.entries()) {
    const [found] = await ctx.tx.select().from(departments).where(eq(departments.code, d.code));
    const row =
      found ??
      (await createDepartment.run(ctx, { code: d.code, name: d.name, parentId: d.parent ? deptIds.get(d.parent)! : null, sortOrder }));
    deptIds.set(d.code, row.id);
  }
  const positionIds = new Map((await ctx.tx.select().from(positions)).map((p) => [p.code, p.id]));
  const userIds = new Map<string, string>();
  const passwordHash = await hashPassword(password);
  let created = 0;
  for (const p of DEMO_PEOPLE) {
    const [found] = await ctx.tx.select({ id: users.id }).from(users).where(eq(users.username, p.username));
    if (found) {
      userIds.set(p.username, found.id);
      continue;
    }
    const row = await insertUser(
      ctx,
      {
        username: p.username,
        displayName: p.name,
        email: `${p.username}@demo.henji.local`,
        departmentId: deptIds.get(p.dept)!,
        positionId: positionIds.get(p.position) ?? null,
        managerId: p.manager ? userIds.get(p.manager)! : null,
        roles: p.roles,
      },
      passwordHash,
    );
    userIds.set(p.username, row.id);
    created++;
  }
  for (const d of DEMO_DEPARTMENTS) {
    const head = DEMO_PEOPLE.find((p) => p.dept === d.code && p.position === 'head');
    if (head) await updateDepartment.run(ctx, { id: deptIds.get(d.code)!, changes: { headUserId: userIds.get(head.username)! } });
  }
  return { departments: deptIds.size, usersCreated: created };
});

/**
 * `henji serve --demo`: loads the demo company unless every demo person is already there (then nothing is written).
 * Returns what to tell the user.
 */
export async function seedDemoIfMissing(db: Database): Promise<string> {
  const password = process.env.HENJI_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
  const present = await db
    .select({ username: users.username })
    .from(users)
    .where(inArray(users.username, DEMO_PEOPLE.map((p) => p.username)));
  if (present.length === DEMO_PEOPLE.length) return 'the demo company is already loaded (its people sign in with their demo password)';
  const result = await execute(db, { actor: systemActor('cli:seed'), meta: noRequest }, seedDemoCompany, { password });
  return (
    `demo company loaded: ${result.departments} departments, ${result.usersCreated} users created; ` +
    `sign in as ceo, fin.head, tech.dev1 … with the password ${password}`
  );
}

export async function seedCommand(config: Config, args: string[]): Promise<number> {
  if (!args.includes('--demo')) {
    console.error('usage: henji seed --demo   (loads the demo company; HENJI_DEMO_PASSWORD sets the users\' password)');
    return 2;
  }
  const password = process.env.HENJI_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
  const runtime = await openRuntime(config, { startBackground: false });
  try {
    const result = await execute(runtime.handle.db, { actor: systemActor('cli:seed'), meta: noRequest }, seedDemoCompany, { password });
    await runtime.sequencer.flush();
    console.log(`demo company ready: ${result.departments} departments, ${result.usersCreated} users created`);
    console.log(`sign in as ceo, fin.head, tech.dev1 … with the password ${password}`);
    return 0;
  } finally {
    await runtime.close();
  }
}
