/** The command walker's cases for sign-in through identity providers (kernel/sso/); merged into CASES in command-cases.ts. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { ssoSignIn } from '../../src/kernel/sso/commands.ts';
import { users } from '../../src/kernel/org/schema.ts';
import { makeUser, unique, type TestHenji } from '../harness.ts';
import { plan, signInCaller, user, type Case } from './command-plan.ts';

const signInMethod = (id: string) => ({ type: 'sign_in_method', id });

export const SSO_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'auth.ssoSignIn': async (h) => {
    const person = await makeUser(h);
    const email = `${unique('sso')}@example.com`;
    await h.db.update(users).set({ email }).where(eq(users.id, person.row.id));
    const who = (fields: object) => ({ identity: 'https://idp.example.com#s1', ...fields });
    const gone = await makeUser(h);
    await h.db.update(users).set({ status: 'left' }).where(eq(users.id, gone.row.id));
    const traced = { traceOnly: true };
    return [
      plan('signs in the user the email matches', ssoSignIn, signInCaller(), { method: 'oidc', who: who({ email: email.toUpperCase() }), sessionHours: 1 }, (o) => {
        expect(o.ok).toBe(true);
        return [user(person.row.id)];
      }),
      // Refusals change no row but are traced: on the user when one is named, else on the sign-in method.
      plan('refuses a user who has left', ssoSignIn, signInCaller(), { method: 'oidc', who: who({ username: gone.row.username }), sessionHours: 1 }, (o) => {
        expect(o).toEqual({ ok: false, reason: 'inactive' });
        return [user(gone.row.id)];
      }, traced),
      plan('refuses an identity nobody has, creating nobody', ssoSignIn, signInCaller(), { method: 'feishu', who: who({ mobile: '+86 139 0000 0000' }), sessionHours: 1 }, (o) => {
        expect(o).toEqual({ ok: false, reason: 'unknown_user' });
        return [signInMethod('feishu')];
      }, traced),
      plan('traces a forged callback', ssoSignIn, signInCaller(), { method: 'wecom', refused: { reason: 'state', detail: 'the state does not match' } }, () => [signInMethod('wecom')], traced),
    ];
  },
};
