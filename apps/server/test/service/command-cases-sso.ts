/** The command walker's cases for sign-in through identity providers (kernel/sso/); merged into CASES in command-cases.ts. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { ssoSignIn } from '../../src/kernel/sso/commands.ts';
import { users } from '../../src/kernel/org/schema.ts';
import { makeUser, unique, type TestHenji } from '../harness.ts';
import { plan, signInCaller, user, type Case } from './command-plan.ts';

export const SSO_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'auth.ssoSignIn': async (h) => {
    const person = await makeUser(h);
    const email = `${unique('sso')}@example.com`;
    await h.db.update(users).set({ email }).where(eq(users.id, person.row.id));
    const who = (fields: object) => ({ identity: 'https://idp.example.com#s1', ...fields });
    // Only the success changes rows; refusals only trace (on the user or sign_in_method(oidc)): test/sso/ checks those.
    return [
      plan('signs in the user the email matches', ssoSignIn, signInCaller(), { method: 'oidc', who: who({ email: email.toUpperCase() }), sessionHours: 1 }, (o) => {
        expect(o.ok).toBe(true);
        return [user(person.row.id)];
      }),
    ];
  },
};
