/**
 * The members of `next` that differ from `current`. Updates send only these, so a save without changes is not sent at
 * all and each trace's field diff shows exactly what the user changed.
 */
export function changedFields<T extends object>(current: Partial<Record<keyof T, unknown>>, next: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    // undefined means "leave as it is" in a PATCH body, so it is never a change.
    if (next[key] === undefined) continue;
    if (comparable(next[key]) !== comparable(current[key])) patch[key] = next[key];
  }
  return patch;
}

/** Lists here are sets (roles, scope tags): picking the same items in another order is not a change. */
function comparable(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map((v) => JSON.stringify(v)).sort());
  return JSON.stringify(value ?? null);
}

export const isEmptyPatch = (patch: object): boolean => Object.keys(patch).length === 0;
