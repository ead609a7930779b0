/**
 * The people the organisation names for a department or a person, one definition for every area: 部门负责人 (who
 * approves as department head, who is told about a department's tracked tasks) and the superior along the reporting
 * line (汇报关系). Each is one statement.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.ts';

/** How far up a department tree or a reporting line is followed; deeper means a cycle in the data. */
const MAX_DEPTH = 20;

/**
 * 部门负责人 of a department: its named head (departments.head_user_id) if active, else an active holder of the head
 * position in it (the first by username), else the same for its parent department, upward. Null when nobody is found.
 */
export async function departmentHeadOf(q: Queryable, departmentId: string | null): Promise<string | null> {
  if (!departmentId) return null;
  const [row] = await queryRows<{ id: string }>(
    q,
    sql`with recursive chain (id, parent_id, head_user_id, depth) as (
          select id, parent_id, head_user_id, 0 from departments where id = ${departmentId}
          union all
          select d.id, d.parent_id, d.head_user_id, chain.depth + 1 from departments d join chain on d.id = chain.parent_id
          where chain.depth < ${MAX_DEPTH}
        )
        select id from (
          select chain.depth, coalesce(
            (select u.id from users u where u.id = chain.head_user_id and u.status = 'active'),
            (select u.id from users u join positions p on p.id = u.position_id
              where u.department_id = chain.id and u.status = 'active' and p.code = 'head' order by u.username limit 1)
          ) as id
          from chain
        ) levels
        where id is not null order by depth limit 1`,
  );
  return row?.id ?? null;
}

/**
 * The `level`-th superior of a user along the reporting line (users.manager_id; 1: the direct superior), if active.
 * Null when the line is shorter or leads back to the user.
 */
export async function superiorOf(q: Queryable, userId: string | null, level = 1): Promise<string | null> {
  if (!userId) return null;
  const [row] = await queryRows<{ id: string }>(
    q,
    sql`with recursive line (id, manager_id, status, level) as (
          select id, manager_id, status, 0 from users where id = ${userId}
          union all
          select u.id, u.manager_id, u.status, line.level + 1 from users u join line on u.id = line.manager_id
          where line.level < ${Math.min(level, MAX_DEPTH)}::int
        )
        select id from line where level = ${level}::int and status = 'active' and id <> ${userId}`,
  );
  return row?.id ?? null;
}

/**
 * The people above a user, nearest first: the 部门负责人 of their department and of each department above it (the
 * same rule as `departmentHeadOf` at every level), then their superiors along the reporting line. Used when someone
 * may not approve a level themselves (separation of duties) and the level goes to whoever is above them.
 */
export async function peopleAbove(q: Queryable, userId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    q,
    sql`with recursive chain (id, parent_id, head_user_id, depth) as (
          select d.id, d.parent_id, d.head_user_id, 0 from departments d join users u on u.department_id = d.id where u.id = ${userId}
          union all
          select d.id, d.parent_id, d.head_user_id, chain.depth + 1 from departments d join chain on d.id = chain.parent_id
          where chain.depth < ${MAX_DEPTH}
        ),
        line (id, manager_id, status, level) as (
          select id, manager_id, status, 0 from users where id = ${userId}
          union all
          select u.id, u.manager_id, u.status, line.level + 1 from users u join line on u.id = line.manager_id
          where line.level < ${MAX_DEPTH}
        )
        select id from (
          select chain.depth as ord, coalesce(
            (select u.id from users u where u.id = chain.head_user_id and u.status = 'active'),
            (select u.id from users u join positions p on p.id = u.position_id
              where u.department_id = chain.id and u.status = 'active' and p.code = 'head' order by u.username limit 1)
          ) as id
          from chain
          union all
          select ${MAX_DEPTH + 1} + level, id from line where level > 0 and status = 'active'
        ) above
        where id is not null and id <> ${userId} order by ord`,
  );
  const seen = new Set<string>();
  return rows.map((r) => r.id).filter((id) => !seen.has(id) && seen.add(id));
}
