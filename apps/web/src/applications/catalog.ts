import type { ApplicationType } from '@henji/contracts';

/** Types grouped by category, in the order the categories first appear; types without a published flow are left out. */
export function byCategory(types: readonly ApplicationType[], search: string): [string, ApplicationType[]][] {
  const needle = search.trim().toLowerCase();
  const groups = new Map<string, ApplicationType[]>();
  for (const type of types) {
    if (!type.active || !type.definition) continue;
    if (needle && ![type.name, type.category, type.description, type.code].some((text) => text.toLowerCase().includes(needle))) continue;
    groups.set(type.category, [...(groups.get(type.category) ?? []), type]);
  }
  return [...groups];
}
