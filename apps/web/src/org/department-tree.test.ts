import { describe, expect, it } from 'vitest';
import type { Department } from '@henji/contracts';
import { buildDepartmentTree, subtreeIds, type DepartmentNode } from './department-tree.ts';

function department(id: string, overrides: Partial<Department> = {}): Department {
  return {
    id,
    code: id.toUpperCase(),
    name: `Department ${id}`,
    parentId: null,
    sortOrder: 0,
    headUserId: null,
    active: true,
    memberCount: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    allowedActions: [],
    ...overrides,
  };
}

/** The tree as nested ids, which is what the assertions care about. */
type Shape = [string, Shape[]] | string;
const shapeOf = (nodes: readonly DepartmentNode[]): Shape[] =>
  nodes.map((node) => (node.children ? [node.id, shapeOf(node.children)] : node.id));

describe('buildDepartmentTree', () => {
  it('nests each department under its parent, whatever the order of the flat list', () => {
    const departments = [
      department('team', { parentId: 'hr' }),
      department('hr', { parentId: 'hq' }),
      department('hq'),
      department('fin', { parentId: 'hq', sortOrder: 1 }),
    ];

    expect(shapeOf(buildDepartmentTree(departments))).toEqual([['hq', [['hr', ['team']], 'fin']]]);
  });

  it('orders siblings by sort order, then by code', () => {
    const departments = [
      department('c', { sortOrder: 2 }),
      department('b', { sortOrder: 1, code: 'ZZZ' }),
      department('a', { sortOrder: 1, code: 'AAA' }),
      department('d', { sortOrder: 0 }),
    ];

    expect(shapeOf(buildDepartmentTree(departments))).toEqual(['d', 'a', 'b', 'c']);
  });

  it('shows a department whose parent is not in the list as a root instead of hiding it', () => {
    const departments = [department('hq'), department('orphan', { parentId: 'not-visible' }), department('child', { parentId: 'orphan' })];

    expect(shapeOf(buildDepartmentTree(departments))).toEqual(['hq', ['orphan', ['child']]]);
  });

  it('leaves out `children` on leaves, so no expand arrow is drawn for them', () => {
    const [root] = buildDepartmentTree([department('hq'), department('hr', { parentId: 'hq' })]);

    expect(root?.children).toHaveLength(1);
    expect(root?.children?.[0]).not.toHaveProperty('children');
  });

  it('does not change the departments it was given', () => {
    const departments = [department('hq'), department('hr', { parentId: 'hq' })];
    const before = structuredClone(departments);

    buildDepartmentTree(departments);

    expect(departments).toEqual(before);
  });

  it('terminates on a parent cycle in bad data; departments in the cycle have no root to hang from', () => {
    const departments = [department('hq'), department('a', { parentId: 'b' }), department('b', { parentId: 'a' })];

    expect(shapeOf(buildDepartmentTree(departments))).toEqual(['hq']);
  });

  it('returns no roots for no departments', () => {
    expect(buildDepartmentTree([])).toEqual([]);
  });
});

describe('subtreeIds', () => {
  const departments = [
    department('hq'),
    department('hr', { parentId: 'hq' }),
    department('team', { parentId: 'hr' }),
    department('squad', { parentId: 'team' }),
    department('fin', { parentId: 'hq' }),
  ];

  it('holds the department and everything below it, however deep', () => {
    expect([...subtreeIds(departments, 'hr')].sort()).toEqual(['hr', 'squad', 'team']);
  });

  it('holds neither the parent nor the siblings, which remain valid new parents', () => {
    const ids = subtreeIds(departments, 'hr');

    expect(ids.has('hq')).toBe(false);
    expect(ids.has('fin')).toBe(false);
  });

  it('holds just the department itself for a leaf', () => {
    expect([...subtreeIds(departments, 'fin')]).toEqual(['fin']);
  });
});
