/**
 * Checking what an applicant filled in against the form definition. Pure: references to users, departments and
 * files are checked for shape here and for existence by the command. A draft may leave required fields empty; a
 * submission may not. Values come back normalised (trimmed text, numbers as numbers), so what is stored and hashed is
 * what was checked.
 */
import type { FormDefinition, FormField, ScalarField } from '@henji/contracts';
import { msg, type Message } from '../../../kernel/messages.ts';
import { applyComputed, isComputed } from '@henji/contracts';

export type FormProblems = Record<string, Message>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_MAX_LENGTH: Partial<Record<FormField['type'], number>> = { text: 200, textarea: 5000 };
const MAX_FILES = 20;

/** Missing: undefined, null, blank text or an empty list (a required field is not filled; `is_empty` holds). */
export const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
/** Decimal notation (with an optional exponent) only: Number() alone would also read "0x10" as 16 and "0b11" as 3. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A form's own value for a key: `constructor` or `toString` are legitimate field keys, not Object's methods. */
export const own = (values: Record<string, unknown>, key: string): unknown => (Object.hasOwn(values, key) ? values[key] : undefined);

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isValidDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Checks one scalar value; returns the normalised value or a problem. */
function checkScalar(field: ScalarField, value: unknown): { value: unknown } | { problem: Message } {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return { problem: msg('flow.value_text') };
      const text = value.trim();
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type]!;
      if (text.length > max) return { problem: msg('flow.value_too_long', { max }) };
      return { value: text };
    }
    case 'number':
    case 'money': {
      const n = typeof value === 'string' ? (DECIMAL.test(value.trim()) ? Number(value.trim()) : Number.NaN) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { problem: msg('flow.value_number') };
      if (field.type === 'money' && Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) return { problem: msg('flow.value_money') };
      if (field.min !== undefined && n < field.min) return { problem: msg('flow.value_min', { min: field.min }) };
      if (field.max !== undefined && n > field.max) return { problem: msg('flow.value_max', { max: field.max }) };
      return { value: field.type === 'money' ? Math.round(n * 100) / 100 : n };
    }
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? { value } : { problem: msg('flow.value_date') };
    case 'dateRange': {
      if (!Array.isArray(value) || value.length !== 2 || !value.every((d) => typeof d === 'string' && isValidDate(d))) {
        return { problem: msg('flow.value_date_range') };
      }
      const [from, to] = value as [string, string];
      return from <= to ? { value: [from, to] } : { problem: msg('flow.value_range_order') };
    }
    case 'select': {
      const allowed = new Set((field.options ?? []).map((o) => o.value));
      const values = field.multiple ? value : [value];
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' && allowed.has(v))) return { problem: msg('flow.value_option') };
      return { value: field.multiple ? [...new Set(values as string[])] : values[0] };
    }
    case 'user':
    case 'department': {
      const values = field.multiple ? value : [value];
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' && UUID.test(v))) return { problem: msg('flow.value_reference') };
      return { value: field.multiple ? [...new Set(values as string[])] : values[0] };
    }
    case 'attachment': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && UUID.test(v))) return { problem: msg('flow.value_files') };
      const files = [...new Set(value as string[])];
      if (files.length > MAX_FILES) return { problem: msg('flow.value_too_many_files', { max: MAX_FILES }) };
      return { value: files };
    }
  }
}

export interface CheckedForm {
  values: Record<string, unknown>;
  problems: FormProblems;
}

/**
 * Checks `input` against `form`. Problem paths are `form.<key>` and, inside a table, `form.<key>[row].<column>`.
 * `complete` demands required fields (a submission); a draft only needs what is there to be well formed.
 */
export function checkFormValues(form: FormDefinition, input: Record<string, unknown>, complete: boolean): CheckedForm {
  const problems: FormProblems = {};
  const values: Record<string, unknown> = {};
  const known = new Set(form.fields.map((f) => f.key));
  for (const key of Object.keys(input)) if (!known.has(key)) problems[`form.${key}`] = msg('flow.value_unknown_field');

  for (const field of form.fields) {
    const path = `form.${field.key}`;
    // A computed field's value is the server's (computed.ts), whatever was sent.
    if (field.type !== 'table' && isComputed(field)) continue;
    const value = own(input, field.key);
    if (isEmpty(value)) {
      if (complete && field.required) problems[path] = msg('flow.value_required');
      continue;
    }
    if (field.type === 'table') {
      if (!Array.isArray(value)) {
        problems[path] = msg('flow.value_rows');
        continue;
      }
      if (value.length > field.maxRows) {
        problems[path] = msg('flow.value_too_many_rows', { max: field.maxRows });
        continue;
      }
      const rows: Record<string, unknown>[] = [];
      value.forEach((row: unknown, index) => {
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
          problems[`${path}[${index}]`] = msg('flow.value_rows');
          return;
        }
        const cells = row as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        const columns = new Set(field.columns.map((c) => c.key));
        for (const k of Object.keys(cells)) if (!columns.has(k)) problems[`${path}[${index}].${k}`] = msg('flow.value_unknown_field');
        for (const column of field.columns) {
          if (isComputed(column)) continue;
          const cell = own(cells, column.key);
          if (isEmpty(cell)) {
            if (complete && column.required) problems[`${path}[${index}].${column.key}`] = msg('flow.value_required');
            continue;
          }
          const checked = checkScalar(column, cell);
          if ('problem' in checked) problems[`${path}[${index}].${column.key}`] = checked.problem;
          else out[column.key] = checked.value;
        }
        rows.push(out);
      });
      if (complete && field.required && rows.length === 0) problems[path] = msg('flow.value_required');
      values[field.key] = rows;
      continue;
    }
    const checked = checkScalar(field, value);
    if ('problem' in checked) problems[path] = checked.problem;
    else values[field.key] = checked.value;
  }
  const computed = applyComputed(form, values);
  checkComputed(form, computed, complete, problems);
  return { values: computed, problems };
}

/** Computed values must still meet their field's bounds (a total of at least 0.01 元) and be there when required. */
function checkComputed(form: FormDefinition, values: Record<string, unknown>, complete: boolean, problems: FormProblems) {
  const bounds = (field: ScalarField, value: unknown, path: string) => {
    if (isEmpty(value)) {
      if (complete && field.required) problems[path] ??= msg('flow.value_required_computed');
      return;
    }
    const checked = checkScalar(field, value);
    if ('problem' in checked) problems[path] ??= checked.problem;
  };
  for (const field of form.fields) {
    if (field.type === 'table') {
      const rows = own(values, field.key);
      if (!Array.isArray(rows)) continue;
      rows.forEach((row: Record<string, unknown>, index) => {
        for (const column of field.columns) if (isComputed(column)) bounds(column, own(row, column.key), `form.${field.key}[${index}].${column.key}`);
      });
    } else if (isComputed(field)) bounds(field, own(values, field.key), `form.${field.key}`);
  }
}

/** Ids the form refers to, for existence checks and for attaching files. */
export function referencesOf(form: FormDefinition, values: Record<string, unknown>) {
  const out = { users: new Set<string>(), departments: new Set<string>(), files: new Set<string>() };
  const collect = (field: ScalarField, value: unknown) => {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (field.type === 'user') list.forEach((v) => out.users.add(String(v)));
    if (field.type === 'department') list.forEach((v) => out.departments.add(String(v)));
    if (field.type === 'attachment') list.forEach((v) => out.files.add(String(v)));
  };
  for (const field of form.fields) {
    const value = own(values, field.key);
    if (field.type === 'table') {
      for (const row of (value as Record<string, unknown>[] | undefined) ?? []) for (const c of field.columns) collect(c, own(row, c.key));
    } else collect(field, value);
  }
  return out;
}
