import { eq } from 'drizzle-orm';
import './actions.ts';
import { definePolicy } from '../access/policy.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';
import { apiTokens } from './schema.ts';

definePolicy<{ userId: string }>('api_token', { read: (actor, token) => actor.userId === token.userId });
registerSubjectLoader('api_token', async (q, id) =>
  /^[0-9a-f-]{36}$/i.test(id) ? ((await q.select().from(apiTokens).where(eq(apiTokens.id, id)))[0] ?? null) : null);

export { authRoutes } from './routes.ts';
