import { registerActions } from '../ledger/actions.ts';

export const AUTH_ACTIONS = registerActions({
  'auth.login': 'user',
  'auth.login_failed': 'user',
  'auth.locked': 'user',
  'auth.logout': 'user',
  'auth.token_create': 'api_token',
  'auth.token_revoke': 'api_token',
});

type AuthActions = { [K in keyof typeof AUTH_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends AuthActions {}
}
