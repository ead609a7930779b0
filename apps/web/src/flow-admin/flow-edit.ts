/**
 * Pure edits of a flow (流程设计): insert, remove, rename and reorder nodes while keeping every reference between
 * nodes (`start`, `next`, branches, `otherwise`, `join`) pointing somewhere sensible. The designer's components only
 * call these; what a reference means is decided here once.
 */
import type { FlowDefinition, FlowNode, FlowNodeType, FormDefinition } from '@henji/contracts';
import { nodeSkeleton, type NodeNames } from './node-skeleton.ts';

const NODE_ID = /^[a-z][a-z0-9_]{0,39}$/;

export const isValidNodeId = (id: string): boolean => NODE_ID.test(id);

/** Every node id a node leads to, in the order the designer shows them (duplicates kept). */
export function successors(node: FlowNode): string[] {
  switch (node.type) {
    case 'condition':
      return [...node.branches.map((b) => b.next), node.otherwise];
    case 'parallel':
      return [...node.branches, node.join];
    case 'end':
      return [];
    default:
      return [node.next];
  }
}

/** The node with every reference to `from` replaced by `to`. */
export function retarget(node: FlowNode, from: string, to: string): FlowNode {
  const swap = (id: string) => (id === from ? to : id);
  switch (node.type) {
    case 'condition':
      return { ...node, branches: node.branches.map((b) => ({ ...b, next: swap(b.next) })), otherwise: swap(node.otherwise) };
    case 'parallel':
      return { ...node, branches: node.branches.map(swap), join: swap(node.join) };
    case 'end':
      return node;
    default:
      return { ...node, next: swap(node.next) };
  }
}

/** `approval`, `approval_2`, `approval_3` … : the first id built from `base` that no node has. */
export function uniqueNodeId(flow: FlowDefinition, base: string): string {
  const taken = new Set(flow.nodes.map((n) => n.id));
  const stem = base.slice(0, 36);
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const firstEnd = (flow: FlowDefinition, except?: string): string | undefined =>
  flow.nodes.find((n) => n.type === 'end' && n.id !== except)?.id;

/** Nodes with exactly one way on, which an inserted node can be chained after. */
const hasSingleNext = (node: FlowNode): node is Extract<FlowNode, { next: string }> => 'next' in node;

export interface Inserted {
  flow: FlowDefinition;
  /** The id of the node the designer should select: the new node. */
  id: string;
}

/**
 * Adds a node of `type`. After a node with a single `next` it is chained in between (A → new → old next); otherwise it
 * leads to the first end node. A parallel node brings its join node along, since one is useless without the other.
 */
export function insertNode(
  flow: FlowDefinition,
  form: FormDefinition,
  type: FlowNodeType,
  names: NodeNames,
  afterId?: string,
): Inserted {
  const after = afterId ? flow.nodes.find((n) => n.id === afterId) : undefined;
  const id = uniqueNodeId(flow, type);
  const continuation = after && hasSingleNext(after) ? after.next : (firstEnd(flow) ?? flow.start);

  const added: FlowNode[] = [];
  if (type === 'parallel') {
    const joinId = uniqueNodeId(flow, 'join');
    added.push(nodeSkeleton('parallel', id, names, form, joinId));
    added.push(nodeSkeleton('join', joinId, names, form, continuation));
  } else {
    added.push(nodeSkeleton(type, id, names, form, continuation));
  }

  let nodes = flow.nodes.map((n) => (after && n.id === after.id && hasSingleNext(n) ? { ...n, next: id } : n));
  const at = after ? nodes.findIndex((n) => n.id === after.id) + 1 : nodes.length;
  nodes = [...nodes.slice(0, at), ...added, ...nodes.slice(at)];
  return { flow: { ...flow, nodes }, id };
}

/** Where the flow goes on from a node when the node is taken out: its single way on, or another end node. */
function continuationOf(flow: FlowDefinition, node: FlowNode): string | undefined {
  switch (node.type) {
    case 'condition':
      return node.otherwise;
    case 'parallel':
      return node.join;
    case 'end':
      return firstEnd(flow, node.id);
    default:
      return node.next;
  }
}

/**
 * Removes a node. What led to it now leads to where it led (its `next`, a condition's `otherwise`, a parallel's
 * join); with nowhere to go the reference stays and the publish check names it, rather than guessing a target.
 */
export function removeNode(flow: FlowDefinition, id: string): FlowDefinition {
  const node = flow.nodes.find((n) => n.id === id);
  if (!node) return flow;
  const next = continuationOf(flow, node);
  const to = next !== undefined && next !== id ? next : undefined;
  const nodes = flow.nodes.filter((n) => n.id !== id).map((n) => (to ? retarget(n, id, to) : n));
  const start = flow.start === id ? (to ?? nodes[0]?.id ?? flow.start) : flow.start;
  return { start, nodes };
}

export type RenameCheck = 'ok' | 'invalid' | 'taken';

export function checkNodeRename(flow: FlowDefinition, from: string, to: string): RenameCheck {
  if (!isValidNodeId(to)) return 'invalid';
  if (to !== from && flow.nodes.some((n) => n.id === to)) return 'taken';
  return 'ok';
}

/** Gives a node a new id and moves every reference along; a rename that would collide changes nothing. */
export function renameNode(flow: FlowDefinition, from: string, to: string): FlowDefinition {
  if (from === to || checkNodeRename(flow, from, to) !== 'ok') return flow;
  return {
    start: flow.start === from ? to : flow.start,
    nodes: flow.nodes.map((n) => retarget(n.id === from ? { ...n, id: to } : n, from, to)),
  };
}

export function replaceNode(flow: FlowDefinition, id: string, node: FlowNode): FlowDefinition {
  return { ...flow, nodes: flow.nodes.map((n) => (n.id === id ? node : n)) };
}

/** Moves a node up (-1) or down (+1) in the list; the order is only how the designer lists them. */
export function moveNode(flow: FlowDefinition, id: string, delta: -1 | 1): FlowDefinition {
  const from = flow.nodes.findIndex((n) => n.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= flow.nodes.length) return flow;
  const nodes = [...flow.nodes];
  const [moved] = nodes.splice(from, 1);
  if (moved) nodes.splice(to, 0, moved);
  return { ...flow, nodes };
}

/** Nodes that lead to `id` (and whether the flow starts there): what a deletion would rewire. */
export function predecessors(flow: FlowDefinition, id: string): string[] {
  return flow.nodes.filter((n) => n.id !== id && successors(n).includes(id)).map((n) => n.id);
}
