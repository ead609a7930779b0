/**
 * What changed between two submitted versions of an application's form, field by field — what an approver needs
 * to see when an application comes back to them after a return ("since you last saw it").
 */
import type { Application, FormField } from '@henji/contracts';

type Versions = Application['formVersions'];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The top-level fields whose value differs, in the form's order. */
export function changedFields(fields: readonly FormField[], before: Record<string, unknown>, after: Record<string, unknown>): FormField[] {
  return fields.filter((f) => !same(before[f.key], after[f.key]));
}

/**
 * The version to compare the current one with, for this reader: the last version they decided on (as holder or as
 * the delegate who acted), else the one before the current. Null when there is nothing to compare.
 */
export function baselineVersion(application: Pick<Application, 'steps' | 'formVersion' | 'formVersions'>, readerId: string | null): number | null {
  if (application.formVersions.length < 2) return null;
  const mine = application.steps
    .flatMap((s) => s.tasks)
    .filter((t) => t.formVersion !== null && (t.assignee.id === readerId || t.actedBy?.id === readerId))
    .map((t) => t.formVersion!);
  const last = mine.length > 0 ? Math.max(...mine) : null;
  if (last !== null && last < application.formVersion) return last;
  return application.formVersion - 1;
}

export const versionOf = (versions: Versions, n: number) => versions.find((v) => v.version === n) ?? null;
