import type { Department } from '@henji/contracts';

export interface DepartmentNode extends Department {
  /** Absent on leaves: Ant Design draws an expand arrow for any `children` array, even an empty one. */
  children?: DepartmentNode[];
}

const bySortOrder = (a: Department, b: Department) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

/**
 * Builds the department tree from the flat list (parentId). A department whose parent is not in the list (not
 * visible to this user, or a broken reference) is shown as a root rather than hidden.
 */
export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const childrenOf = new Map<string | null, Department[]>();
  for (const department of departments) {
    const parent = department.parentId !== null && ids.has(department.parentId) ? department.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), department]);
  }
  // `seen` guards against a parent cycle in bad data, which would otherwise recurse forever.
  const seen = new Set<string>();
  const build = (parent: string | null): DepartmentNode[] =>
    (childrenOf.get(parent) ?? [])
      .filter((d) => !seen.has(d.id))
      .sort(bySortOrder)
      .map((department) => {
        seen.add(department.id);
        const children = build(department.id);
        return children.length > 0 ? { ...department, children } : { ...department };
      });
  return build(null);
}

/** The department and everything below it: none of these can become its parent. */
export function subtreeIds(departments: readonly Department[], rootId: string): Set<string> {
  const result = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments) {
      if (d.parentId !== null && result.has(d.parentId) && !result.has(d.id)) {
        result.add(d.id);
        grew = true;
      }
    }
  }
  return result;
}
