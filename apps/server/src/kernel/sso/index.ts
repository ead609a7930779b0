/** Single sign-on (OpenID Connect) and sign-in with DingTalk / WeCom / Feishu accounts: actions, trace readers, routes. */
import './actions.ts';
import { SIGN_IN_METHODS } from '@henji/contracts';
import { definePolicy, hasPermission } from '../access/policy.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';

/** Refused provider sign-ins that matched nobody: evidence for administrators and auditors only. */
definePolicy<{ method: string }>('sign_in_method', { read: (actor) => hasPermission(actor, 'ledger.read_all') });
registerSubjectLoader('sign_in_method', async (_q, id) => ((SIGN_IN_METHODS as readonly string[]).includes(id) ? { method: id } : null));

export { ssoRoutes } from './routes.ts';
