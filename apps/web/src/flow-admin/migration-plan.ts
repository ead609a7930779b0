/**
 * The audited migration tool (F2): running applications of one version move to another. Every node an application
 * waits at in the old version needs a node of the new version to continue at; the same id is proposed where the new
 * version still has it, and the administrator decides the rest.
 */
import type { ApplicationSummary, FlowDefinition, FlowNode, MigrateInstancesInput, MigrationResult } from '@henji/contracts';

export interface WaitingNode {
  nodeId: string;
  nodeName: string;
  /** Running applications waiting there. */
  count: number;
}

/** The nodes of `version` at which the given applications wait, most crowded first. */
export function waitingNodes(applications: readonly ApplicationSummary[], version: number): WaitingNode[] {
  const byNode = new Map<string, WaitingNode>();
  for (const application of applications) {
    // Returned applications (back with the applicant) move with the running ones; the server migrates both.
    if (application.version !== version || (application.status !== 'running' && application.status !== 'returned')) continue;
    // One application waits at several nodes at once on parallel branches; each needs a mapping.
    for (const node of new Set(application.currentNodes.map((n) => n.nodeId))) {
      const name = application.currentNodes.find((n) => n.nodeId === node)?.nodeName ?? node;
      const entry = byNode.get(node) ?? { nodeId: node, nodeName: name, count: 0 };
      entry.count += 1;
      byNode.set(node, entry);
    }
  }
  return [...byNode.values()].sort((a, b) => b.count - a.count || a.nodeId.localeCompare(b.nodeId));
}

/**
 * The nodes of the new version an application waiting at `nodeId` may continue at: those of the same type, since a
 * step keeps its kind of work (an approval stays an approval, a join stays a join).
 */
export function targetsFor(nodeId: string, source: FlowDefinition, target: FlowDefinition): FlowNode[] {
  const type = source.nodes.find((n) => n.id === nodeId)?.type;
  return target.nodes.filter((n) => n.type === type);
}

export type NodeMap = Record<string, string | undefined>;

/** The same node id where the new version has it, of the same type; nothing where the administrator must choose. */
export function proposedNodeMap(waiting: readonly WaitingNode[], source: FlowDefinition, target: FlowDefinition): NodeMap {
  return Object.fromEntries(
    waiting.map((w) => [w.nodeId, targetsFor(w.nodeId, source, target).some((n) => n.id === w.nodeId) ? w.nodeId : undefined]),
  );
}

/** The waiting nodes still without a valid target. */
export function unmappedNodes(waiting: readonly WaitingNode[], nodeMap: NodeMap, source: FlowDefinition, target: FlowDefinition): string[] {
  return waiting
    .filter((w) => {
      const to = nodeMap[w.nodeId];
      return to === undefined || !targetsFor(w.nodeId, source, target).some((n) => n.id === to);
    })
    .map((w) => w.nodeId);
}

export interface MigrationChoice {
  fromVersionId: string;
  toVersionId: string;
  waiting: readonly WaitingNode[];
  nodeMap: NodeMap;
  reason: string;
  /** The applications chosen; null = every running application of the old version. */
  applicationIds: readonly string[] | null;
  /** Only check and preview (nothing moves); the reason, required by the request, is not recorded then. */
  dryRun?: boolean;
}

/** What a preview sends while the administrator has not yet written the reason: a dry run records nothing. */
const PREVIEW_REASON = 'preview';

/** The request, with every waiting node mapped explicitly so the trace records each decision. */
export function migrateInput(choice: MigrationChoice): MigrateInstancesInput {
  const nodeMap: Record<string, string> = {};
  for (const w of choice.waiting) {
    const to = choice.nodeMap[w.nodeId];
    if (to !== undefined) nodeMap[w.nodeId] = to;
  }
  const input: MigrateInstancesInput = {
    fromVersionId: choice.fromVersionId,
    toVersionId: choice.toVersionId,
    nodeMap,
    reason: choice.reason.trim() || (choice.dryRun ? PREVIEW_REASON : ''),
    dryRun: choice.dryRun ?? false,
  };
  if (choice.applicationIds !== null) input.applicationIds = [...choice.applicationIds];
  return input;
}

/**
 * The applications whose stored form leaves required fields of the target version empty, as the preview or the
 * result lists them: one line each, the fields' labels joined with the language's list separator.
 */
export function incompleteForms(result: Pick<MigrationResult, 'incomplete'> | undefined, separator: string): { id: string; title: string; fields: string }[] {
  return (result?.incomplete ?? []).map((a) => ({ id: a.id, title: a.title, fields: a.missing.map((m) => m.label).join(separator) }));
}
