/** Shared set-up of the organisation API tests: one Henji per file, an admin session, and request helpers. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { ErrorBody } from '@henji/contracts';
import { loadConfig } from '../../src/config.ts';
import { makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { now } from '../../src/kernel/clock.ts';

export interface OrgTestContext {
  h: TestHenji;
  admin: Session;
}

/** Registers the file's Henji; its fields are set once beforeAll has run. */
export function useOrgHenji(): OrgTestContext {
  const ctx = {} as OrgTestContext;
  beforeAll(async () => {
    // Many sign-ins from one test address: keep the sign-in rate limit out of the way (auth.test.ts covers it).
    ctx.h = await startHenji({ login: { ...loadConfig({}).login, ratePerMinute: 10_000 } });
    ctx.admin = await signInAdmin(ctx.h);
  });
  afterAll(async () => ctx.h?.close());
  return ctx;
}

export type Method = 'GET' | 'POST' | 'PATCH';

export const requester =
  (ctx: OrgTestContext) =>
  async (method: Method, url: string, session: Session | null, payload?: unknown, extra: Record<string, string> = {}) => {
    const app = await ctx.h.app();
    return app.inject({
      method,
      url,
      headers: { ...(session?.headers ?? {}), ...extra },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };

/** Signs in a fresh user made with the factory. */
export const personMaker = (ctx: OrgTestContext) => async (fields: Parameters<typeof makeUser>[1] = {}) => {
  const made = await makeUser(ctx.h, fields);
  return { id: made.row.id, username: made.row.username, session: await signIn(ctx.h, made.row.username, USER_PASSWORD) };
};

export const deptCode = () => `O${randomBytes(4).toString('hex').toUpperCase()}`;
export const day = (offset = 0) => new Date(now().getTime() + offset * 86400_000).toISOString().slice(0, 10);
export const fieldsOf = (body: ErrorBody) => (body.details?.fields ?? {}) as Record<string, string[]>;
