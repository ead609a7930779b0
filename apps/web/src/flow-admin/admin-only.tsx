import type { ReactNode } from 'react';
import type { Me } from '@henji/contracts';
import { hasPermission, useMe } from '../auth/session.ts';
import { NotFoundPage } from '../components/NotFoundPage.tsx';

/** Designing, publishing and migrating application types (administrators). */
export const FLOW_MANAGE = 'flow.manage';
/** The flow monitor: administrators, and also the audit department and the CEO. */
export const FLOW_MONITOR = 'flow.monitor';

export const mayManageFlows = (me: Me): boolean => hasPermission(me, FLOW_MANAGE);
export const mayMonitorFlows = (me: Me): boolean => hasPermission(me, FLOW_MONITOR);

/** The server answers 404 to anyone without the permission; the page does the same rather than show empty tables. */
export function RequirePermission({ permission, children }: { permission: typeof FLOW_MANAGE | typeof FLOW_MONITOR; children: ReactNode }) {
  const me = useMe();
  return hasPermission(me, permission) ? children : <NotFoundPage />;
}
