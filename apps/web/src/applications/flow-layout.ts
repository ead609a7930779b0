/**
 * Where each node of a flow definition sits in the flowchart (流程公示) and how its edges run: a layered layout in the
 * spirit of Sugiyama, small enough to read. Pure: no React, no DOM, no text measuring, so it is unit-tested and the
 * flow designer can call it on every keystroke.
 *
 * 1. Edges come from the definition: `next`, every condition branch and `otherwise`, every parallel branch. An
 *    applicant's "提交" is drawn as a synthetic start node above `start`.
 * 2. Edges that close a cycle (found by a depth-first walk from the start) are left out, so a malformed draft still
 *    lays out; nodes nothing reaches are laid out from their own roots, after the rest.
 * 3. Layer = longest path from the start: a node where branches meet sits below every branch.
 * 4. An edge that spans several layers passes through invisible waypoints, one per layer, which take part in the
 *    ordering like nodes: that is what keeps a short "otherwise" branch beside a long one instead of across it.
 * 5. Order within a layer follows the parents' order (barycentre), ties in the definition's branch order.
 * 6. Horizontal positions: each node is pulled towards the mean of its neighbours, then a layer is placed as close to
 *    those wishes as the minimum gaps allow (an exact least-squares fit: isotonic regression by pool-adjacent-violators).
 * 7. Edges are orthogonal: down from the source, across in the gap between layers, down into the target.
 */
import type { FlowDefinition, FlowNode, FlowNodeType } from '@henji/contracts';

export interface Point {
  x: number;
  y: number;
}

export type LayoutNodeKind = FlowNodeType | 'start';

export interface LayoutNode {
  id: string;
  kind: LayoutNodeKind;
  /** The definition's node; null for the synthetic start. */
  node: FlowNode | null;
  /** Centre of the node. */
  x: number;
  y: number;
  width: number;
  height: number;
  layer: number;
}

/** `next` of a plain node, a `branch` or the `otherwise` of a condition, a `parallel` branch, or the start's first step. */
export type LayoutEdgeKind = 'next' | 'branch' | 'otherwise' | 'parallel' | 'start';

export interface LayoutEdge {
  from: string;
  to: string;
  kind: LayoutEdgeKind;
  /** Index into the condition's `branches` (or the parallel node's), for its label; null otherwise. */
  branchIndex: number | null;
  /** Polyline from the source's border to the target's border, every segment horizontal or vertical. */
  points: Point[];
  /** Where a label (a branch's condition) goes: just below the bend, on the way into the target. */
  labelAt: Point;
}

export interface FlowLayout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  width: number;
  height: number;
}

export const START_NODE_ID = '__start';

/** Node sizes per kind; bars (parallel, join) widen afterwards to span their branches. */
export const NODE_SIZE: Record<LayoutNodeKind, { width: number; height: number }> = {
  start: { width: 112, height: 36 },
  approval: { width: 176, height: 60 },
  condition: { width: 150, height: 68 },
  parallel: { width: 140, height: 22 },
  join: { width: 140, height: 22 },
  cc: { width: 176, height: 52 },
  notify: { width: 176, height: 52 },
  action: { width: 176, height: 52 },
  end: { width: 112, height: 36 },
};

const H_GAP = 36;
const V_GAP = 68;
const MARGIN = 24;
/** A waypoint is narrow, unless its edge carries a condition's label, which needs room beside its neighbours. */
const WAYPOINT_WIDTH = 24;
const LABELLED_WAYPOINT_WIDTH = 150;
const BAR_OVERHANG = 28;
const ITERATIONS = 8;

interface RawEdge {
  from: string;
  to: string;
  kind: LayoutEdgeKind;
  branchIndex: number | null;
}

/** The edges a definition implies, in the order its branches are written. */
export function flowEdges(flow: FlowDefinition): RawEdge[] {
  const edges: RawEdge[] = [{ from: START_NODE_ID, to: flow.start, kind: 'start', branchIndex: null }];
  for (const node of flow.nodes) {
    switch (node.type) {
      case 'condition':
        node.branches.forEach((branch, index) => edges.push({ from: node.id, to: branch.next, kind: 'branch', branchIndex: index }));
        edges.push({ from: node.id, to: node.otherwise, kind: 'otherwise', branchIndex: null });
        break;
      case 'parallel':
        node.branches.forEach((to, index) => edges.push({ from: node.id, to, kind: 'parallel', branchIndex: index }));
        break;
      case 'end':
        break;
      default:
        edges.push({ from: node.id, to: node.next, kind: 'next', branchIndex: null });
    }
  }
  return edges;
}

interface Vertex {
  id: string;
  width: number;
  height: number;
  layer: number;
  /** Position of the vertex in its layer, then its centre. */
  order: number;
  x: number;
  real: boolean;
  up: Vertex[];
  down: Vertex[];
}

export function layoutFlow(flow: FlowDefinition): FlowLayout {
  const nodeById = new Map<string, FlowNode>(flow.nodes.map((node) => [node.id, node]));
  const kindOf = (id: string): LayoutNodeKind => (id === START_NODE_ID ? 'start' : (nodeById.get(id)?.type ?? 'end'));
  const ids = [START_NODE_ID, ...nodeById.keys()];

  // A target that does not exist (a draft being edited) has nowhere to be drawn: its edge is left out.
  const edges = flowEdges(flow).filter((e) => nodeById.has(e.to) && e.from !== e.to);
  const forward = withoutCycles(ids, edges);
  const layers = longestPathLayers(ids, forward);

  // Vertices: one per node, plus a waypoint per layer crossed by a long edge.
  const vertices = new Map<string, Vertex>();
  const vertex = (id: string, layer: number, width: number, height: number, real: boolean): Vertex => {
    const v: Vertex = { id, width, height, layer, order: 0, x: 0, real, up: [], down: [] };
    vertices.set(id, v);
    return v;
  };
  for (const id of ids) vertex(id, layers.get(id) ?? 0, NODE_SIZE[kindOf(id)].width, NODE_SIZE[kindOf(id)].height, true);

  const chains: { edge: RawEdge; path: Vertex[] }[] = [];
  forward.forEach((edge, index) => {
    const from = vertices.get(edge.from);
    const to = vertices.get(edge.to);
    if (!from || !to) return;
    const path = [from];
    const labelled = edge.kind === 'branch' || edge.kind === 'otherwise';
    for (let layer = from.layer + 1; layer < to.layer; layer++) {
      const width = labelled && layer === from.layer + 1 ? LABELLED_WAYPOINT_WIDTH : WAYPOINT_WIDTH;
      path.push(vertex(`~${index}~${layer}`, layer, width, 0, false));
    }
    path.push(to);
    for (let i = 0; i + 1 < path.length; i++) {
      path[i]!.down.push(path[i + 1]!);
      path[i + 1]!.up.push(path[i]!);
    }
    chains.push({ edge, path });
  });

  const rows = orderLayers([...vertices.values()]);
  placeHorizontally(rows);

  // Vertical placement: each layer as tall as its tallest node, centred on one line.
  const layerTop: number[] = [];
  const layerHeight = rows.map((row) => Math.max(0, ...row.map((v) => v.height)));
  let top = MARGIN;
  for (let i = 0; i < rows.length; i++) {
    layerTop.push(top);
    top += layerHeight[i]! + V_GAP;
  }
  const centreY = (layer: number) => layerTop[layer]! + layerHeight[layer]! / 2;

  widenBars(rows, kindOf);

  const minX = Math.min(...[...vertices.values()].map((v) => v.x - v.width / 2));
  const shift = MARGIN - minX;
  for (const v of vertices.values()) v.x += shift;
  const maxX = Math.max(...[...vertices.values()].map((v) => v.x + v.width / 2));

  const nodes: LayoutNode[] = ids.map((id) => {
    const v = vertices.get(id)!;
    return { id, kind: kindOf(id), node: nodeById.get(id) ?? null, x: v.x, y: centreY(v.layer), width: v.width, height: v.height, layer: v.layer };
  });

  const isBar = (v: Vertex) => v.real && (kindOf(v.id) === 'parallel' || kindOf(v.id) === 'join');
  const clampToBar = (v: Vertex, x: number) => (isBar(v) ? Math.min(v.x + v.width / 2 - 6, Math.max(v.x - v.width / 2 + 6, x)) : v.x);
  const gapMiddle = (layer: number) => layerTop[layer]! + layerHeight[layer]! + V_GAP / 2;

  const laidEdges: LayoutEdge[] = chains.map(({ edge, path }) => {
    const points: Point[] = [];
    for (let i = 0; i + 1 < path.length; i++) {
      const a = path[i]!;
      const b = path[i + 1]!;
      const exitX = clampToBar(a, b.x);
      const entryX = clampToBar(b, exitX);
      const bottom = centreY(a.layer) + a.height / 2;
      const mid = gapMiddle(a.layer);
      points.push({ x: exitX, y: bottom }, { x: exitX, y: mid }, { x: entryX, y: mid }, { x: entryX, y: centreY(b.layer) - b.height / 2 });
    }
    const first = path[1]!;
    const labelAt = { x: clampToBar(first, clampToBar(path[0]!, first.x)), y: gapMiddle(path[0]!.layer) + 12 };
    return { from: edge.from, to: edge.to, kind: edge.kind, branchIndex: edge.branchIndex, points: simplify(points), labelAt };
  });

  return { nodes, edges: laidEdges, width: maxX + MARGIN, height: top - V_GAP + MARGIN };
}

/** The edges without those that close a cycle; a depth-first walk from the start, then from any node left over. */
function withoutCycles(ids: readonly string[], edges: readonly RawEdge[]): RawEdge[] {
  const out = new Map<string, RawEdge[]>(ids.map((id) => [id, []]));
  for (const edge of edges) out.get(edge.from)?.push(edge);
  const state = new Map<string, 'open' | 'done'>();
  const kept: RawEdge[] = [];

  const visit = (id: string) => {
    state.set(id, 'open');
    for (const edge of out.get(id) ?? []) {
      const target = state.get(edge.to);
      if (target === 'open') continue; // back to an ancestor: a cycle
      kept.push(edge);
      if (target === undefined) visit(edge.to);
    }
    state.set(id, 'done');
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  // Keep the definition's order, which decides the left-to-right order of branches.
  return edges.filter((edge) => kept.includes(edge));
}

function longestPathLayers(ids: readonly string[], edges: readonly RawEdge[]): Map<string, number> {
  const incoming = new Map<string, number>(ids.map((id) => [id, 0]));
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) {
    incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
    out.get(edge.from)?.push(edge.to);
  }
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  // Kahn's order over an acyclic graph: a node's layer is final once every edge into it is counted.
  const ready = ids.filter((id) => incoming.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.shift()!;
    for (const to of out.get(id) ?? []) {
      layer.set(to, Math.max(layer.get(to) ?? 0, (layer.get(id) ?? 0) + 1));
      const left = (incoming.get(to) ?? 1) - 1;
      incoming.set(to, left);
      if (left === 0) ready.push(to);
    }
  }
  return layer;
}

/** Rows of vertices, each in left-to-right order. */
function orderLayers(all: readonly Vertex[]): Vertex[][] {
  const depth = Math.max(0, ...all.map((v) => v.layer)) + 1;
  const rows: Vertex[][] = Array.from({ length: depth }, () => []);
  // Creation order: nodes in definition order, then waypoints; roots other than the start go after it.
  all.forEach((v, index) => {
    v.order = index;
    rows[v.layer]!.push(v);
  });
  for (let layer = 0; layer < depth; layer++) {
    const row = rows[layer]!;
    const key = new Map<Vertex, [number, number]>();
    for (const v of row) {
      if (v.up.length === 0) {
        key.set(v, [Number.MAX_SAFE_INTEGER, v.order]);
        continue;
      }
      const mean = v.up.reduce((sum, p) => sum + p.order, 0) / v.up.length;
      // Siblings share a parent; among them the definition's branch order decides (a waypoint's index is its edge's).
      const parent = v.up.reduce((best, p) => (p.order < best.order ? p : best));
      key.set(v, [mean, parent.down.indexOf(v)]);
    }
    row.sort((a, b) => key.get(a)![0] - key.get(b)![0] || key.get(a)![1] - key.get(b)![1]);
    row.forEach((v, index) => (v.order = index));
  }
  return rows;
}

function placeHorizontally(rows: Vertex[][]): void {
  for (const row of rows) {
    let x = 0;
    for (const v of row) {
      x += v.width / 2;
      v.x = x;
      x += v.width / 2 + H_GAP;
    }
  }
  const mean = (vs: readonly Vertex[]) => vs.reduce((sum, v) => sum + v.x, 0) / vs.length;
  // First children under their parents, then settle every node between parents and children.
  for (const row of rows) fitRow(row, (v) => (v.up.length > 0 ? mean(v.up) : v.x));
  for (let i = 0; i < ITERATIONS; i++) {
    const sweep = i % 2 === 0 ? [...rows].reverse() : rows;
    for (const row of sweep) {
      fitRow(row, (v) => {
        const neighbours = [...v.up, ...v.down];
        return neighbours.length > 0 ? mean(neighbours) : v.x;
      });
    }
  }
  // End with a downward pass so chains hang straight below their parents.
  for (const row of rows) fitRow(row, (v) => (v.up.length === 1 && v.up[0]!.down.length === 1 ? v.up[0]!.x : v.x));
}

/**
 * Moves a row's vertices as close to where they want to be as the gaps allow, keeping their order: minimises
 * Σ(x − wish)² subject to x[i+1] − x[i] ≥ (w[i] + w[i+1]) / 2 + gap. With offsets o[i] (the packed positions), y = x − o
 * must be non-decreasing, which is isotonic regression of (wish − o), solved exactly by pooling adjacent violators.
 */
export function fitRow<T extends { x: number; width: number }>(row: readonly T[], wish: (v: T) => number): void {
  const offsets: number[] = [];
  let offset = 0;
  row.forEach((v, i) => {
    if (i > 0) offset += row[i - 1]!.width / 2 + H_GAP + v.width / 2;
    offsets.push(offset);
  });
  const targets = row.map((v, i) => wish(v) - offsets[i]!);
  const blocks: { sum: number; count: number }[] = [];
  for (const target of targets) {
    blocks.push({ sum: target, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const before = blocks[blocks.length - 2]!;
      if (before.sum / before.count <= last.sum / last.count) break;
      before.sum += last.sum;
      before.count += last.count;
      blocks.pop();
    }
  }
  let index = 0;
  for (const block of blocks) {
    const level = block.sum / block.count;
    for (let k = 0; k < block.count; k++, index++) row[index]!.x = level + offsets[index]!;
  }
}

/** A parallel bar spans the branches it opens and a join bar those it closes, without reaching into a neighbour. */
function widenBars(rows: readonly Vertex[][], kindOf: (id: string) => LayoutNodeKind): void {
  for (const row of rows) {
    row.forEach((v, i) => {
      const kind = v.real ? kindOf(v.id) : null;
      if (kind !== 'parallel' && kind !== 'join') return;
      const ends = kind === 'parallel' ? v.down : v.up;
      if (ends.length === 0) return;
      let half = Math.max(v.width / 2, ...ends.map((e) => Math.abs(e.x - v.x) + BAR_OVERHANG));
      const left = row[i - 1];
      const right = row[i + 1];
      if (left) half = Math.min(half, v.x - (left.x + left.width / 2) - 8);
      if (right) half = Math.min(half, right.x - right.width / 2 - v.x - 8);
      v.width = Math.max(v.width, half * 2);
    });
  }
}

const same = (a: number, b: number) => Math.abs(a - b) < 0.01;

/** Drops repeated points and the middle one of three on a straight line. */
function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && same(last.x, p.x) && same(last.y, p.y)) continue;
    const before = out[out.length - 2];
    if (last && before && ((same(before.x, last.x) && same(last.x, p.x)) || (same(before.y, last.y) && same(last.y, p.y)))) out.pop();
    out.push(p);
  }
  return out;
}
