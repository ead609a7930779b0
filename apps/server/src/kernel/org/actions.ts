import { registerActions } from '../ledger/actions.ts';

export const ORG_ACTIONS = registerActions({
  'department.create': 'department',
  'department.update': 'department',
  'user.create': 'user',
  'user.update': 'user',
  'user.password_reset': 'user',
  'user.password_change': 'user',
  'user.unlock': 'user',
  'user.import': 'user_import',
  'position.create': 'position',
  'position.update': 'position',
  'role.create': 'role',
  'role.update': 'role',
  'delegation.create': 'delegation',
  'delegation.revoke': 'delegation',
});

type OrgActions = { [K in keyof typeof ORG_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends OrgActions {}
}
