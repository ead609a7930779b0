/**
 * Puts the server's field errors (`details.fields`) onto Ant Design form fields, so a validation failure reads the same
 * whether the browser or the server caught it.
 */
import type { FormInstance } from 'antd';
import { isApiError } from './client.ts';

export interface FieldErrorResult {
  /** True when at least one message landed on a visible field. */
  applied: boolean;
  /** Messages whose path matches no field in the form; the caller shows them elsewhere. */
  unmatched: string[];
}

/**
 * @param aliases maps a server path to a form field name where the two differ, e.g. `startsOn` → `range`.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, aliases: Record<string, string> = {}): FieldErrorResult {
  if (!isApiError(error)) return { applied: false, unmatched: [] };
  const registered = new Set(form.getFieldsError().map((field) => field.name.join('.')));
  const byField = new Map<string, string[]>();
  const unmatched: string[] = [];

  for (const [path, messages] of Object.entries(error.fieldErrors)) {
    let name = aliases[path] ?? path;
    // An error on `roles.2` belongs to the `roles` field: walk up the path until a registered field is found.
    while (!registered.has(name) && name.includes('.')) name = name.slice(0, name.lastIndexOf('.'));
    if (registered.has(name)) byField.set(name, [...(byField.get(name) ?? []), ...messages]);
    else unmatched.push(...messages.map((m) => `${path}: ${m}`));
  }

  form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
  return { applied: byField.size > 0, unmatched };
}
