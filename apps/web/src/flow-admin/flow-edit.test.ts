import { describe, expect, it } from 'vitest';
import { checkNodeRename, insertNode, moveNode, predecessors, removeNode, renameNode, successors, uniqueNodeId } from './flow-edit.ts';
import { NAMES, purchase } from './test-definitions.ts';

const ids = (flow: { nodes: { id: string }[] }) => flow.nodes.map((n) => n.id);
const node = (flow: ReturnType<typeof purchase>['flow'], id: string) => flow.nodes.find((n) => n.id === id);

describe('insertNode', () => {
  it('chains a node in after a node with a single next, and lists it right after that node', () => {
    const { flow, form } = purchase();
    const { flow: out, id } = insertNode(flow, form, 'approval', NAMES, 'ceo');

    expect(id).toBe('approval');
    expect(ids(out)).toEqual(['dept_head', 'by_amount', 'ceo', 'approval', 'finance', 'end']);
    expect(successors(node(out, 'ceo')!)).toEqual(['approval']);
    expect(successors(node(out, 'approval')!)).toEqual(['end']);
    expect(node(out, 'approval')?.name).toBe('Approval');
  });

  it('appends a node leading to the first end node when there is nothing to chain after', () => {
    const { flow, form } = purchase();
    const { flow: out, id } = insertNode(flow, form, 'cc', NAMES, 'by_amount');

    expect(ids(out).at(2)).toBe('cc');
    expect(successors(node(out, id)!)).toEqual(['end']);
    // The condition itself is not rewired: which branch should lead there is the administrator's choice.
    expect(successors(node(out, 'by_amount')!)).toEqual(['ceo', 'finance']);
  });

  it('adds a parallel node together with its join, both branches meeting at the join', () => {
    const { flow, form } = purchase();
    const { flow: out, id } = insertNode(flow, form, 'parallel', NAMES, 'dept_head');

    expect(ids(out).slice(0, 3)).toEqual(['dept_head', 'parallel', 'join']);
    expect(node(out, id)).toMatchObject({ type: 'parallel', branches: ['join', 'join'], join: 'join' });
    expect(node(out, 'join')).toMatchObject({ type: 'join', next: 'by_amount' });
  });

  it('gives a condition a first branch on a number field of the form', () => {
    const { flow, form } = purchase();
    const { flow: out, id } = insertNode(flow, form, 'condition', NAMES);

    expect(node(out, id)).toMatchObject({ branches: [{ when: [{ field: 'amount', op: 'gte', value: 0 }], next: 'end' }], otherwise: 'end' });
  });

  it('never reuses an id', () => {
    const { flow } = purchase();
    expect(uniqueNodeId(flow, 'ceo')).toBe('ceo_2');
    expect(uniqueNodeId(flow, 'cfo')).toBe('cfo');
  });
});

describe('removeNode', () => {
  it('rewires what led to the node to where the node led', () => {
    const out = removeNode(purchase().flow, 'ceo');

    expect(ids(out)).not.toContain('ceo');
    expect(node(out, 'by_amount')).toMatchObject({ branches: [{ next: 'end' }], otherwise: 'finance' });
  });

  it("moves the start on when the first node goes, and follows a condition's otherwise", () => {
    let flow = removeNode(purchase().flow, 'dept_head');
    expect(flow.start).toBe('by_amount');

    flow = removeNode(flow, 'by_amount');
    expect(flow.start).toBe('finance');
  });

  it('keeps a reference it cannot rewire, for the publish check to name', () => {
    const out = removeNode(purchase().flow, 'end');

    expect(node(out, 'ceo')).toMatchObject({ next: 'end' });
  });

  it('sends references to a removed end node to another end node', () => {
    const { flow, form } = purchase();
    const withTwoEnds = insertNode(flow, form, 'end', NAMES).flow;
    const out = removeNode(withTwoEnds, 'end');

    expect(node(out, 'ceo')).toMatchObject({ next: 'end_2' });
  });
});

describe('renameNode', () => {
  it('moves the start and every reference along', () => {
    let flow = renameNode(purchase().flow, 'dept_head', 'head');
    flow = renameNode(flow, 'finance', 'cfo');

    expect(flow.start).toBe('head');
    expect(node(flow, 'by_amount')).toMatchObject({ otherwise: 'cfo' });
    expect(predecessors(flow, 'by_amount')).toEqual(['head']);
  });

  it('refuses an id that is taken or malformed', () => {
    const { flow } = purchase();
    expect(checkNodeRename(flow, 'ceo', 'finance')).toBe('taken');
    expect(checkNodeRename(flow, 'ceo', 'CEO')).toBe('invalid');
    expect(checkNodeRename(flow, 'ceo', 'ceo')).toBe('ok');
    expect(renameNode(flow, 'ceo', 'finance')).toBe(flow);
  });
});

describe('moveNode', () => {
  it('reorders the list and stops at its ends', () => {
    const { flow } = purchase();
    expect(ids(moveNode(flow, 'finance', -1))).toEqual(['dept_head', 'by_amount', 'finance', 'ceo', 'end']);
    expect(moveNode(flow, 'dept_head', -1)).toBe(flow);
  });
});
