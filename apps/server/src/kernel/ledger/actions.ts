/**
 * The typed catalogue of traced actions. Each module adds its own actions by augmenting `ActionCatalogue`
 * (declaration merging) and listing them with `registerActions`, so the ledger accepts only known actions: the type
 * at compile time, the registry at run time.
 */

/** action name → the subject type it applies to */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ActionCatalogue {}

export type ActionName = Extract<keyof ActionCatalogue, string>;

const known = new Map<string, string>();

export function registerActions<const T extends Record<string, string>>(actions: T): T {
  for (const [action, subjectType] of Object.entries(actions)) known.set(action, subjectType);
  return actions;
}

export const isKnownAction = (action: string) => known.has(action);

/** Every registered action, for checks that each has a label (packages/contracts ledger vocabulary). */
export const knownActions = (): string[] => [...known.keys()];
