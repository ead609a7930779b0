import { describe, expect, it } from 'vitest';
import type { FlowDefinition, FlowNode } from '@henji/contracts';
import { START_NODE_ID, fitRow, layoutFlow, type FlowLayout, type LayoutNode } from './flow-layout.ts';
import { approvalNode } from './test-nodes.ts';

const approval = approvalNode;
const end = (id = 'end'): FlowNode => ({ id, name: id, type: 'end' });

/** 采购: 部门负责人 → amount ≥ 10000 ? 财务 → CEO : 财务 → 编号 → end. */
const purchase: FlowDefinition = {
  start: 'head',
  nodes: [
    approval('head', 'amount'),
    {
      id: 'amount',
      name: 'amount',
      type: 'condition',
      branches: [{ label: '≥ 10000', when: [{ field: 'amount', op: 'gte', value: 10000 }], next: 'finance' }],
      otherwise: 'finance_small',
    },
    approval('finance', 'ceo'),
    approval('ceo', 'number'),
    approval('finance_small', 'number'),
    { id: 'number', name: 'number', type: 'action', action: { kind: 'assign_number', rule: 'CG{YYYY}{SEQ:4}' }, next: 'end' },
    end(),
  ],
};

/** A long branch beside a short "otherwise" that goes straight to the end. */
const skipping: FlowDefinition = {
  start: 'check',
  nodes: [
    {
      id: 'check',
      name: 'check',
      type: 'condition',
      branches: [
        { when: [{ field: 'amount', op: 'gte', value: 10000 }], next: 'a1' },
        { when: [{ field: 'amount', op: 'gte', value: 5000 }], next: 'b1' },
      ],
      otherwise: 'end',
    },
    approval('a1', 'a2'),
    approval('a2', 'a3'),
    approval('a3', 'end'),
    approval('b1', 'end'),
    end(),
  ],
};

const parallel: FlowDefinition = {
  start: 'split',
  nodes: [
    { id: 'split', name: 'split', type: 'parallel', branches: ['x', 'y', 'z'], join: 'meet' },
    approval('x', 'meet'),
    approval('y', 'y2'),
    approval('y2', 'meet'),
    approval('z', 'meet'),
    { id: 'meet', name: 'meet', type: 'join', next: 'end' },
    end(),
  ],
};

const node = (layout: FlowLayout, id: string): LayoutNode => {
  const found = layout.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};
const left = (n: LayoutNode) => n.x - n.width / 2;
const right = (n: LayoutNode) => n.x + n.width / 2;
const top = (n: LayoutNode) => n.y - n.height / 2;
const bottom = (n: LayoutNode) => n.y + n.height / 2;

function expectWellFormed(layout: FlowLayout) {
  // Nothing overlaps within a layer, and everything lies inside the drawing.
  const layers = new Set(layout.nodes.map((n) => n.layer));
  for (const layer of layers) {
    const row = layout.nodes.filter((n) => n.layer === layer);
    const sorted = [...row].sort((a, b) => a.x - b.x);
    for (let i = 1; i < sorted.length; i++) expect(left(sorted[i]!)).toBeGreaterThan(right(sorted[i - 1]!));
  }
  for (const n of layout.nodes) {
    expect(left(n)).toBeGreaterThanOrEqual(0);
    expect(top(n)).toBeGreaterThanOrEqual(0);
    expect(right(n)).toBeLessThanOrEqual(layout.width);
    expect(bottom(n)).toBeLessThanOrEqual(layout.height);
  }
  for (const edge of layout.edges) {
    const from = node(layout, edge.from);
    const to = node(layout, edge.to);
    expect(to.layer).toBeGreaterThan(from.layer);
    const first = edge.points[0]!;
    const last = edge.points[edge.points.length - 1]!;
    expect(first.y).toBeCloseTo(bottom(from));
    expect(first.x).toBeGreaterThanOrEqual(left(from));
    expect(first.x).toBeLessThanOrEqual(right(from));
    expect(last.y).toBeCloseTo(top(to));
    expect(last.x).toBeGreaterThanOrEqual(left(to));
    expect(last.x).toBeLessThanOrEqual(right(to));
    for (let i = 1; i < edge.points.length; i++) {
      const [a, b] = [edge.points[i - 1]!, edge.points[i]!];
      expect(a.x === b.x || a.y === b.y).toBe(true);
      // Edges never climb: a flow reads from top to bottom.
      expect(b.y).toBeGreaterThanOrEqual(a.y);
    }
  }
}

/** Whether a vertical segment of an edge passes through a node's box. */
function crossesNode(layout: FlowLayout, edgeIndex: number): string[] {
  const edge = layout.edges[edgeIndex]!;
  const hits: string[] = [];
  for (const n of layout.nodes) {
    if (n.id === edge.from || n.id === edge.to) continue;
    for (let i = 1; i < edge.points.length; i++) {
      const [a, b] = [edge.points[i - 1]!, edge.points[i]!];
      const vertical = a.x === b.x;
      if (vertical && a.x > left(n) && a.x < right(n) && Math.min(a.y, b.y) < bottom(n) && Math.max(a.y, b.y) > top(n)) hits.push(n.id);
      if (!vertical && a.y > top(n) && a.y < bottom(n) && Math.min(a.x, b.x) < right(n) && Math.max(a.x, b.x) > left(n)) hits.push(n.id);
    }
  }
  return hits;
}

describe('layoutFlow', () => {
  it('draws the applicant’s submission as a start node above the first step', () => {
    const layout = layoutFlow(purchase);
    expect(layout.nodes.map((n) => n.id)).toEqual([START_NODE_ID, ...purchase.nodes.map((n) => n.id)]);
    expect(node(layout, START_NODE_ID).layer).toBe(0);
    expect(node(layout, 'head').layer).toBe(1);
    expect(layout.edges[0]).toMatchObject({ from: START_NODE_ID, to: 'head', kind: 'start' });
    expectWellFormed(layout);
  });

  it('puts condition branches side by side in the order they are written, otherwise last', () => {
    const layout = layoutFlow(purchase);
    expect(node(layout, 'finance').layer).toBe(node(layout, 'finance_small').layer);
    expect(node(layout, 'finance').x).toBeLessThan(node(layout, 'finance_small').x);
    const kinds = layout.edges.filter((e) => e.from === 'amount').map((e) => [e.kind, e.branchIndex]);
    expect(kinds).toEqual([
      ['branch', 0],
      ['otherwise', null],
    ]);
  });

  it('places the node where branches meet below the longest branch, centred between them', () => {
    const layout = layoutFlow(purchase);
    const meet = node(layout, 'number');
    expect(meet.layer).toBe(node(layout, 'ceo').layer + 1);
    expect(meet.x).toBeGreaterThan(node(layout, 'finance').x);
    expect(meet.x).toBeLessThan(node(layout, 'finance_small').x);
    expectWellFormed(layout);
  });

  it('keeps a chain straight below its parent', () => {
    const layout = layoutFlow(purchase);
    expect(node(layout, 'ceo').x).toBeCloseTo(node(layout, 'finance').x);
    expect(node(layout, 'head').x).toBeCloseTo(node(layout, START_NODE_ID).x);
  });

  it('routes a branch that skips layers around the nodes of a longer branch', () => {
    const layout = layoutFlow(skipping);
    expectWellFormed(layout);
    layout.edges.forEach((_, index) => expect(crossesNode(layout, index)).toEqual([]));
    const xs = ['a1', 'b1'].map((id) => node(layout, id).x);
    const otherwise = layout.edges.find((e) => e.kind === 'otherwise')!;
    // The otherwise edge runs down to the right of both written branches.
    expect(Math.max(...otherwise.points.map((p) => p.x))).toBeGreaterThan(Math.max(...xs));
  });

  it('gives each labelled branch its own place for the label', () => {
    const layout = layoutFlow(skipping);
    const labels = layout.edges.filter((e) => e.from === 'check').map((e) => e.labelAt);
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.x - labels[i - 1]!.x).toBeGreaterThanOrEqual(140);
  });

  it('stretches parallel and join bars across their branches', () => {
    const layout = layoutFlow(parallel);
    expectWellFormed(layout);
    const branches = ['x', 'y', 'z'].map((id) => node(layout, id));
    for (const bar of [node(layout, 'split'), node(layout, 'meet')]) {
      for (const branch of branches) {
        expect(left(bar)).toBeLessThan(branch.x);
        expect(right(bar)).toBeGreaterThan(branch.x);
      }
    }
    // Every branch leaves the bar straight down.
    for (const edge of layout.edges.filter((e) => e.from === 'split')) expect(edge.points).toHaveLength(2);
    expect(node(layout, 'meet').layer).toBe(node(layout, 'y2').layer + 1);
  });

  it('lays out a broken draft: cycles are cut, missing targets dropped, unreachable nodes still shown', () => {
    const broken: FlowDefinition = {
      start: 'a',
      nodes: [approval('a', 'b'), approval('b', 'a'), approval('orphan', 'end'), end(), approval('dangling', 'nowhere')],
    };
    const layout = layoutFlow(broken);
    expect(layout.nodes).toHaveLength(6);
    expect(layout.edges.map((e) => `${e.from}>${e.to}`)).toEqual([`${START_NODE_ID}>a`, 'a>b', 'orphan>end']);
    expectWellFormed(layout);
  });
});

describe('fitRow', () => {
  it('puts every box where it wants to be when the gaps allow', () => {
    const row = [
      { x: 0, width: 100, wish: 0 },
      { x: 0, width: 100, wish: 500 },
    ];
    fitRow(row, (v) => v.wish);
    expect(row.map((v) => v.x)).toEqual([0, 500]);
  });

  it('shares the displacement when two boxes want the same place, keeping their order and gap', () => {
    const row = [
      { x: 0, width: 100, wish: 200 },
      { x: 0, width: 100, wish: 200 },
      { x: 0, width: 20, wish: 1000 },
    ];
    fitRow(row, (v) => v.wish);
    const [a, b, c] = row.map((v) => v.x);
    expect(b! - a!).toBeCloseTo(136);
    expect((a! + b!) / 2).toBeCloseTo(200);
    expect(c).toBe(1000);
  });

  it('never reorders boxes that want to swap', () => {
    const row = [
      { x: 0, width: 50, wish: 300 },
      { x: 0, width: 50, wish: 0 },
    ];
    fitRow(row, (v) => v.wish);
    expect(row[1]!.x - row[0]!.x).toBeCloseTo(86);
  });
});
