/** Resolves a session cookie or an API token to the acting user, with roles and position, in one query. */
import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.ts';
import type { UserActor } from '../actor.ts';
import { DEFAULT_LOCALE, isLocale } from '../messages.ts';
import { secretHash } from './secrets.ts';
import { sqlNow } from '../clock.ts';

export interface Authenticated {
  actor: UserActor;
  sessionId: string | null;
  csrfToken: string | null;
  /** Someone else set this user's password: until they choose their own, the auth hook allows only that. */
  mustChangePassword: boolean;
}

interface Row {
  user_id: string;
  username: string;
  display_name: string;
  department_id: string | null;
  position_code: string | null;
  locale: string;
  roles: string[] | null;
  session_id: string | null;
  csrf_token: string | null;
  token_id: string | null;
  must_change_password: boolean;
}

const USER_COLUMNS = sql`u.id as user_id, u.username, u.display_name, u.department_id, p.code as position_code, u.locale,
  u.must_change_password,
  (select array_agg(r.code order by r.code) from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id) as roles`;

function toAuthenticated(row: Row | undefined): Authenticated | null {
  if (!row) return null;
  return {
    actor: {
      kind: 'user',
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      departmentId: row.department_id,
      positionCode: row.position_code,
      roles: new Set(row.roles ?? []),
      locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
      tokenId: row.token_id,
    },
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password === true,
  };
}

export async function authenticateSession(q: Queryable, secret: string): Promise<Authenticated | null> {
  const [row] = await queryRows<Row>(
    q,
    sql`select ${USER_COLUMNS}, s.id as session_id, s.csrf_token, null as token_id
        from sessions s join users u on u.id = s.user_id left join positions p on p.id = u.position_id
        where s.token_hash = ${secretHash(secret)} and s.revoked_at is null and s.expires_at > ${sqlNow()} and u.status = 'active'`,
  );
  return toAuthenticated(row);
}

export async function authenticateToken(q: Queryable, secret: string): Promise<Authenticated | null> {
  const [row] = await queryRows<Row>(
    q,
    sql`select ${USER_COLUMNS}, null as session_id, null as csrf_token, t.id as token_id
        from api_tokens t join users u on u.id = t.user_id left join positions p on p.id = u.position_id
        where t.token_hash = ${secretHash(secret)} and t.revoked_at is null
          and (t.expires_at is null or t.expires_at > ${sqlNow()}) and u.status = 'active'`,
  );
  return toAuthenticated(row);
}

/** Loads a user as an actor, e.g. the principal a delegate acts for. */
export async function actorOf(q: Queryable, userId: string): Promise<UserActor | null> {
  const [row] = await queryRows<Row>(
    q,
    sql`select ${USER_COLUMNS}, null as session_id, null as csrf_token, null as token_id
        from users u left join positions p on p.id = u.position_id where u.id = ${userId} and u.status = 'active'`,
  );
  return toAuthenticated(row)?.actor ?? null;
}
