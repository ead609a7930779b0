import { eq } from 'drizzle-orm';
import './actions.ts';
import { definePolicy } from '../access/policy.ts';
import { registerPrivateEntries, registerSubjectLoader } from '../ledger/subjects.ts';
import { apiTokens } from './schema.ts';

definePolicy<{ userId: string }>('api_token', { read: (actor, token) => actor.userId === token.userId });
registerSubjectLoader('api_token', async (q, id) =>
  /^[0-9a-f-]{36}$/i.test(id) ? ((await q.select().from(apiTokens).where(eq(apiTokens.id, id)))[0] ?? null) : null);

// Sign-ins carry the client's address and the session id: the user and ledger.read_all only, not the whole directory.
registerPrivateEntries('user', {
  actions: ['auth.login', 'auth.login_failed', 'auth.locked', 'auth.logout', 'user.password_change', 'user.password_reset'],
  mayRead: (actor, userId) => actor.userId === userId,
});

export { authRoutes } from './routes.ts';
