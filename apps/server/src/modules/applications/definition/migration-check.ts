/**
 * What a migration (F2's audited tool) would leave incomplete: the required fields of the target version's form that
 * an application's stored form leaves empty — a new required field, or a required column a table's rows lack. The
 * migration keeps the form as it is; these are warnings for the administrator (preview and result) and the trace.
 * Pure: tested beside this file.
 */
import type { FormDefinition } from '@henji/contracts';
import { isEmpty, own } from './form-values.ts';

export interface MissingField {
  /** The field's key, or `table.column` for a column of a table field. */
  key: string;
  /** As the form shows it: the field's label, or `table label › column label`. */
  label: string;
}

export function missingRequiredFields(form: FormDefinition, values: Record<string, unknown>): MissingField[] {
  const missing: MissingField[] = [];
  for (const field of form.fields) {
    const value = own(values, field.key);
    if (field.required && isEmpty(value)) {
      missing.push({ key: field.key, label: field.label });
      continue;
    }
    if (field.type !== 'table' || !Array.isArray(value)) continue;
    for (const column of field.columns) {
      if (!column.required) continue;
      const lacking = value.some((row) => typeof row !== 'object' || row === null || isEmpty(own(row as Record<string, unknown>, column.key)));
      if (lacking) missing.push({ key: `${field.key}.${column.key}`, label: `${field.label} › ${column.label}` });
    }
  }
  return missing;
}
