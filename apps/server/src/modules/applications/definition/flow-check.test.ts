/**
 * The publish check (F2), the shape of the graph: references between nodes, cycles and reachability, parallel blocks;
 * the built-in YAML definitions pass; and, as properties, any well-formed DAG passes while a back edge fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApplicationDefinition } from '@henji/contracts';
import { BUILTIN_CALENDAR } from '../../../kernel/calendar/defaults.ts';
import { BUILTIN_POSITIONS, BUILTIN_ROLE_DEFS } from '../../../kernel/org/bootstrap.ts';
import { builtinTypeFiles } from '../commands/builtin.ts';
import { checkDefinition, type Known } from './flow-check.ts';
import { amountAtLeast, approval, condition, define, end, join, known, parallel, problemsOf, standardForm, type NodeInput } from './flow-check.fixtures.ts';
import { parseTypeFile } from './yaml.ts';

describe('checkDefinition: a sound definition', () => {
  it('accepts a simple flow and reports nothing', () => {
    expect(checkDefinition(define([approval('head', 'end'), end()]), known)).toEqual([]);
  });

  it('accepts a condition whose branches meet again', () => {
    const def = define([
      condition('route', [{ when: amountAtLeast(10000), next: 'ceo' }], 'finance'),
      approval('ceo', 'finance'),
      approval('finance', 'end'),
      end(),
    ]);
    expect(problemsOf(def)).toEqual([]);
  });
});

describe('checkDefinition: references between nodes', () => {
  it('an unknown next node, at the property that names it', () => {
    const def = define([approval('a', 'b'), approval('b', 'nowhere'), end()]);
    const problems = checkDefinition(def, known);
    expect(problems).toEqual([{ path: 'flow.nodes[1].next', message: { key: 'flow.unknown_node', params: { id: 'nowhere' } } }]);
  });

  it('an unknown start node', () => {
    const def = ApplicationDefinition.parse({ form: standardForm, flow: { start: 'missing', nodes: [approval('a', 'end'), end()] } });
    expect(problemsOf(def)).toEqual([{ path: 'flow.start', key: 'flow.unknown_node' }]);
  });

  it('unknown targets of a condition branch, of otherwise, of a parallel branch and of a join', () => {
    const def = define([
      condition('route', [{ when: amountAtLeast(1), next: 'a' }, { when: amountAtLeast(2), next: 'ghost' }], 'phantom'),
      approval('a', 'end'),
      parallel('fork', ['a', 'spectre'], 'nojoin'),
      end(),
    ]);
    expect(problemsOf(def)).toEqual([
      { path: 'flow.nodes[0].branches[1].next', key: 'flow.unknown_node' },
      { path: 'flow.nodes[0].otherwise', key: 'flow.unknown_node' },
      { path: 'flow.nodes[2].branches[1]', key: 'flow.unknown_node' },
      { path: 'flow.nodes[2].join', key: 'flow.unknown_node' },
    ]);
  });

  it('a duplicate node id, at the second occurrence', () => {
    const def = define([approval('a', 'b'), approval('b', 'end'), approval('a', 'end'), end()]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[2].id', message: { key: 'flow.duplicate_node', params: { id: 'a' } } }]);
  });

  it('a node that leads to itself', () => {
    const def = define([condition('route', [{ when: amountAtLeast(1), next: 'route' }], 'end'), end()]);
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: 'flow.nodes[0].branches[0].next', key: 'flow.self_loop' });
    expect(problems).toContainEqual({ path: 'flow.nodes[0]', key: 'flow.cycle' });
  });

  it('a cycle through a condition cannot terminate, reported at the node that closes it', () => {
    const def = define([approval('a', 'check'), condition('check', [{ when: amountAtLeast(1000), next: 'a' }], 'end'), end()]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[1]', message: { key: 'flow.cycle', params: { id: 'check' } } }]);
  });

  it('a node no path reaches', () => {
    const def = define([approval('a', 'end'), end(), approval('orphan', 'end')]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[2]', message: { key: 'flow.unreachable', params: { id: 'orphan' } } }]);
  });

  it('a flow without an end node', () => {
    const def = define([approval('a', 'b'), approval('b', 'a')]);
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: 'flow.nodes', key: 'flow.no_end' });
    expect(problems).toContainEqual({ path: 'flow.nodes[1]', key: 'flow.cycle' });
  });
});

describe('checkDefinition: parallel blocks', () => {
  it('accepts a parallel block whose branches all reach its join', () => {
    const def = define([parallel('fork', ['hr', 'finance'], 'meet'), approval('hr', 'meet'), approval('finance', 'meet'), join('meet', 'end'), end()]);
    expect(problemsOf(def)).toEqual([]);
  });

  it('accepts nested parallel blocks, each with its own join', () => {
    const def = define([
      parallel('outer', ['legal', 'inner'], 'outer_join'),
      approval('legal', 'outer_join'),
      parallel('inner', ['hr', 'finance'], 'inner_join'),
      approval('hr', 'inner_join'),
      approval('finance', 'inner_join'),
      join('inner_join', 'ceo'),
      approval('ceo', 'outer_join'),
      join('outer_join', 'end'),
      end(),
    ]);
    expect(problemsOf(def)).toEqual([]);
  });

  it('accepts a condition inside a branch when both of its ways reach the join', () => {
    const def = define([
      parallel('fork', ['route', 'hr'], 'meet'),
      condition('route', [{ when: amountAtLeast(5000), next: 'ceo' }], 'meet'),
      approval('ceo', 'meet'),
      approval('hr', 'meet'),
      join('meet', 'end'),
      end(),
    ]);
    expect(problemsOf(def)).toEqual([]);
  });

  it('a parallel node whose join is not a join node', () => {
    const def = define([parallel('fork', ['hr', 'finance'], 'ceo'), approval('hr', 'ceo'), approval('finance', 'ceo'), approval('ceo', 'end'), end()]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[0].join', message: { key: 'flow.join_not_join', params: { id: 'ceo' } } }]);
  });

  it('a join owned by two parallel nodes', () => {
    const def = define([
      condition('route', [{ when: amountAtLeast(1), next: 'p1' }], 'p2'),
      parallel('p1', ['a', 'b'], 'meet'),
      parallel('p2', ['c', 'd'], 'meet'),
      approval('a', 'meet'),
      approval('b', 'meet'),
      approval('c', 'meet'),
      approval('d', 'meet'),
      join('meet', 'end'),
      end(),
    ]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[7]', message: { key: 'flow.join_owner', params: { id: 'meet' } } }]);
  });

  it('a join that belongs to no parallel node', () => {
    const def = define([approval('a', 'meet'), join('meet', 'end'), end()]);
    expect(problemsOf(def)).toEqual([{ path: 'flow.nodes[1]', key: 'flow.join_owner' }]);
  });

  it('a branch that reaches an end before its join', () => {
    const def = define([
      parallel('fork', ['hr', 'finance'], 'meet'),
      approval('hr', 'meet'),
      approval('finance', 'early_end'),
      join('meet', 'end'),
      end(),
      end('early_end'),
    ]);
    expect(checkDefinition(def, known)).toEqual([
      { path: 'flow.nodes[0]', message: { key: 'flow.branch_escapes', params: { id: 'fork', branch: 'finance', node: 'early_end' } } },
    ]);
  });

  it('a branch whose condition can leave the block before the join', () => {
    const def = define([
      parallel('fork', ['route', 'hr'], 'meet'),
      condition('route', [{ when: amountAtLeast(5000), next: 'meet' }], 'end'),
      approval('hr', 'meet'),
      join('meet', 'end'),
      end(),
    ]);
    expect(checkDefinition(def, known)).toEqual([
      { path: 'flow.nodes[0]', message: { key: 'flow.branch_escapes', params: { id: 'fork', branch: 'route', node: 'end' } } },
    ]);
  });

  it('an inner branch that runs to the outer join, skipping its own', () => {
    const def = define([
      parallel('outer', ['legal', 'inner'], 'outer_join'),
      approval('legal', 'outer_join'),
      parallel('inner', ['hr', 'finance'], 'inner_join'),
      approval('hr', 'inner_join'),
      approval('finance', 'outer_join'),
      join('inner_join', 'outer_join'),
      join('outer_join', 'end'),
      end(),
    ]);
    expect(checkDefinition(def, known)).toEqual([
      { path: 'flow.nodes[2]', message: { key: 'flow.branch_escapes', params: { id: 'inner', branch: 'finance', node: 'outer_join' } } },
    ]);
  });

  it('a nested block whose join ends the flow inside the outer block', () => {
    const def = define([
      parallel('outer', ['legal', 'inner'], 'outer_join'),
      approval('legal', 'outer_join'),
      parallel('inner', ['hr', 'finance'], 'inner_join'),
      approval('hr', 'inner_join'),
      approval('finance', 'inner_join'),
      join('inner_join', 'end'),
      join('outer_join', 'end'),
      end(),
    ]);
    expect(checkDefinition(def, known)).toEqual([
      { path: 'flow.nodes[0]', message: { key: 'flow.branch_escapes', params: { id: 'outer', branch: 'inner', node: 'end' } } },
    ]);
  });
});

describe('checkDefinition: the built-in definitions', () => {
  const builtinKnown: Known = {
    roles: new Set(BUILTIN_ROLE_DEFS.map((r) => r.code)),
    positions: new Set(BUILTIN_POSITIONS.map((p) => p.code)),
    departments: new Set(),
    usernames: new Set(),
    calendars: new Set([BUILTIN_CALENDAR.code]),
  };
  const files = builtinTypeFiles();

  it('there are built-in definitions to check', () => {
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(['purchase.yaml', 'leave.yaml', 'expense.yaml']));
  });

  it.each(files.map((f) => [f.file, f.text] as const))('%s parses and passes the publish check', (_, text) => {
    const { code: _code, name: _name, category: _category, description: _description, ...definition } = parseTypeFile(text);
    expect(problemsOf(definition, builtinKnown)).toEqual([]);
  });

  it('a built-in definition fails once a role it relies on is missing', () => {
    const purchase = files.find((f) => f.file === 'purchase.yaml')!;
    const { code: _code, name: _name, category: _category, description: _description, ...definition } = parseTypeFile(purchase.text);
    const roles = new Set([...builtinKnown.roles].filter((r) => r !== 'finance'));
    expect(problemsOf(definition, { ...builtinKnown, roles })).toContainEqual({ path: 'flow.nodes[1].approvers.role', key: 'flow.unknown_role' });
  });
});

// ---- properties: random DAGs ----

interface Shape {
  /** parent[j] (j ≥ 1) is an earlier node that leads to j, so every node is reachable from node 0. */
  parents: number[];
  /** Per node, kinds and extra forward edges, used when the node has successors. */
  kinds: ('approval' | 'cc' | 'notify' | 'action' | 'condition')[];
  extra: number[][];
}

const shapeArb = fc.integer({ min: 2, max: 30 }).chain((n) =>
  fc.record({
    parents: fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat({ max: i }))),
    kinds: fc.array(fc.constantFrom('approval', 'cc', 'notify', 'action', 'condition'), { minLength: n, maxLength: n }),
    extra: fc.array(fc.array(fc.nat({ max: 1000 }), { maxLength: 2 }), { minLength: n, maxLength: n }),
  }),
) as fc.Arbitrary<Shape>;

const idOf = (i: number) => `n${i}`;

/** Successor lists of a shape: the tree edges, then extra edges forward to later nodes (for condition nodes). */
function edgesOf(shape: Shape): number[][] {
  const n = shape.kinds.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  shape.parents.forEach((p, j) => {
    // Keep within the schema's 10 branches per condition: a crowded parent hands the child to its predecessor.
    const parent = children[p]!.length < 9 ? p : j;
    children[parent]!.push(j + 1);
  });
  return children.map((c, i) => {
    if (c.length === 0 || shape.kinds[i] !== 'condition') return c;
    const later = shape.extra[i]!.map((x) => i + 1 + (x % (n - i - 1))).filter((j) => j < n);
    return [...c, ...later].slice(0, 10);
  });
}

function nodeFor(i: number, kind: Shape['kinds'][number], successors: number[]): NodeInput {
  const id = idOf(i);
  if (successors.length === 0) return end(id);
  const [first, ...rest] = successors.map(idOf);
  if (rest.length > 0 || kind === 'condition') {
    const targets = rest.length > 0 ? [first!, ...rest.slice(0, -1)] : [first!];
    return condition(id, targets.map((next, k) => ({ when: amountAtLeast(1000 * (k + 1)), next })), rest.length > 0 ? rest.at(-1)! : first!);
  }
  switch (kind) {
    case 'cc':
      return { id, name: '抄送', type: 'cc', recipients: [{ source: 'role', role: 'audit' }], next: first! };
    case 'notify':
      return { id, name: '通知', type: 'notify', recipients: [{ source: 'initiator' }], next: first! };
    case 'action':
      return { id, name: '编号', type: 'action', action: { kind: 'assign_number', rule: 'CG{YYYY}{SEQ:4}' }, next: first! };
    default:
      return approval(id, first!);
  }
}

const dagOf = (shape: Shape, edges = edgesOf(shape)) => define(shape.kinds.map((kind, i) => nodeFor(i, kind, edges[i]!)));

/** The nodes before i that reach it: an edge from i back to any of them closes a cycle. */
function ancestorsOf(edges: number[][], i: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < i; j++) if (reaches(edges, j, i)) out.push(j);
  return out;
}
function reaches(edges: number[][], from: number, to: number): boolean {
  const stack = [from];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const k = stack.pop()!;
    if (k === to) return true;
    if (seen.has(k)) continue;
    seen.add(k);
    stack.push(...edges[k]!);
  }
  return false;
}

describe('checkDefinition: properties', () => {
  it('a random well-formed DAG passes', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        expect(problemsOf(dagOf(shape))).toEqual([]);
      }),
    );
  });

  it('adding a back edge to a random DAG makes it fail with flow.cycle', () => {
    fc.assert(
      fc.property(shapeArb, fc.nat(), fc.nat(), (shape, pickFrom, pickTo) => {
        const edges = edgesOf(shape);
        const inner = edges.map((e, i) => (e.length > 0 ? i : -1)).filter((i) => i >= 0);
        const from = inner[pickFrom % inner.length]!;
        const targets = [...ancestorsOf(edges, from), from];
        const to = targets[pickTo % targets.length]!;
        // A node with one way on becomes a condition: one branch back, otherwise on as before.
        const looped = edges.map((e, i) => (i === from ? [to, ...e].slice(0, 10) : e));
        const kinds = shape.kinds.map((k, i) => (i === from ? 'condition' : k));
        const def = dagOf({ ...shape, kinds }, looped);
        const keys = checkDefinition(def, known).map((p) => p.message.key);
        expect(keys).toContain('flow.cycle');
      }),
    );
  });
});
