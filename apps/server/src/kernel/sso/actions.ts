import { registerActions } from '../ledger/actions.ts';

/**
 * A sign-in through a provider that matched nobody (or failed its checks: state, nonce, issuer, signature) has no
 * user to be traced on: it is traced on the sign-in method (`sign_in_method(oidc)`), readable by ledger.read_all.
 * Successes are `auth.login` and refusals of a known user `auth.login_failed`, both on the user, naming the method.
 */
export const SSO_ACTIONS = registerActions({
  'auth.sso_refused': 'sign_in_method',
});

type SsoActions = { [K in keyof typeof SSO_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends SsoActions {}
}
