/**
 * The server lists, on every object, the actions the caller may take on it (K4); the UI shows exactly those buttons
 * and never re-derives permissions itself.
 */
export const can = (subject: { allowedActions: readonly string[] } | null | undefined, action: string): boolean =>
  subject?.allowedActions.includes(action) ?? false;
