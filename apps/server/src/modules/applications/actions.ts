import { registerActions } from '../../kernel/ledger/actions.ts';

export const APPLICATION_TRACE_ACTIONS = registerActions({
  'application_type.create': 'application_type',
  'application_type.update': 'application_type',
  'application_type.save_draft': 'application_type',
  'application_type.publish': 'application_type',
  'application_type.migrate': 'application_type',
  'application.create': 'application',
  'application.update': 'application',
  'application.discard': 'application',
  'application.submit': 'application',
  'application.approve': 'application',
  'application.reject': 'application',
  'application.return': 'application',
  'application.transfer': 'application',
  'application.add_signer': 'application',
  'application.withdraw': 'application',
  'application.urge': 'application',
  'application.comment': 'application',
  'application.resubmit': 'application',
  'application.read': 'application',
  'application.remind': 'application',
  'application.escalate': 'application',
  'application.auto_decide': 'application',
  'application.emergency_execute': 'application',
  'application.countersign': 'application',
  'application.object': 'application',
  'application.migrate': 'application',
});

type ApplicationTraceActions = { [K in keyof typeof APPLICATION_TRACE_ACTIONS]: true };

declare module '../../kernel/ledger/actions.ts' {
  interface ActionCatalogue extends ApplicationTraceActions {}
}
