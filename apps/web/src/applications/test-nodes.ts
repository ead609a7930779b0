/** Flow nodes for tests, with the schema's own defaults filled in (so they match what the server stores). */
import { ApprovalNode } from '@henji/contracts';

export const approvalNode = (id: string, next: string, extra: Partial<ApprovalNode> = {}): ApprovalNode =>
  ApprovalNode.parse({ id, name: id, type: 'approval', approvers: { source: 'department_head' }, next, ...extra });
