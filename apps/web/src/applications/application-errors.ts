import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';
import { formFieldName, type FormState } from './form-values.ts';

/**
 * Puts the server's form problems (`details.fields`: `form.amount`, `form.items[0].quantity`) on the fields they name,
 * table cells included, which the generic helper cannot address (its names are dotted strings, Ant Design's row
 * indexes are numbers). Returns the messages that name no field of the form, for the caller to show elsewhere.
 */
export function applyApplicationErrors(form: FormInstance<FormState>, error: unknown): string[] {
  if (!isApiError(error)) return [];
  const unmatched: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [path, messages] of Object.entries(error.fieldErrors)) {
    const name = formFieldName(path);
    // A problem with a whole row (`form.items[2]`) is shown on the table.
    const target = name && typeof name[name.length - 1] === 'number' ? name.slice(0, 1) : name;
    if (target) fields.push({ name: target, errors: messages });
    else unmatched.push(...messages);
  }
  if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
  return unmatched;
}
