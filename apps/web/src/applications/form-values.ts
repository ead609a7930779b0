/**
 * An application's form as the API keeps it and as Ant Design edits it. The API stores plain JSON: dates as
 * 'YYYY-MM-DD', date ranges as [from, to], money as a number with two decimals, users, departments and files as ids.
 * Ant Design's pickers want dayjs objects. Pure, so the conversions are unit-tested both ways.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { applyComputed, isComputed, type FormDefinition, type FormField, type ScalarField, type TableField } from '@henji/contracts';

export const DATE_FORMAT = 'YYYY-MM-DD';

/** The API's form: field key → value. */
export type FormData = Record<string, unknown>;
/** The Ant Design form's store for the same form. */
export type FormState = Record<string, unknown>;
export type TableRowState = Record<string, unknown>;

const isDateText = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value, DATE_FORMAT).isValid();
const isDayjs = (value: unknown): value is Dayjs => dayjs.isDayjs(value) && value.isValid();

/** A value the applicant has not given: nothing, an empty text, an empty list. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0 || value.every(isBlank);
  return false;
}

function scalarToState(field: ScalarField, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (field.type) {
    case 'date':
      return isDateText(value) ? dayjs(value, DATE_FORMAT) : undefined;
    case 'dateRange':
      return Array.isArray(value) && value.length === 2 && value.every(isDateText) ? value.map((d: string) => dayjs(d, DATE_FORMAT)) : undefined;
    case 'number':
    case 'money':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'select':
    case 'user':
      if (field.multiple) return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : typeof value === 'string' ? [value] : undefined;
      return typeof value === 'string' ? value : undefined;
    case 'attachment':
      return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : typeof value === 'string' ? [value] : undefined;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

function scalarToData(field: ScalarField, value: unknown): unknown {
  if (isBlank(value)) return undefined;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return typeof value === 'string' ? value.trim() : value;
    case 'money':
      // Money keeps cents exactly as typed: 0.1 + 0.2 style float noise never reaches the server.
      return typeof value === 'number' ? Math.round(value * 100) / 100 : value;
    case 'date':
      return isDayjs(value) ? value.format(DATE_FORMAT) : value;
    case 'dateRange':
      return Array.isArray(value) && value.length === 2 && value.every(isDayjs) ? value.map((d: Dayjs) => d.format(DATE_FORMAT)) : undefined;
    case 'select':
    case 'user':
    case 'attachment':
      return Array.isArray(value) ? value.filter((v) => !isBlank(v)) : value;
    default:
      return value;
  }
}

function tableToState(field: TableField, value: unknown): TableRowState[] {
  if (!Array.isArray(value)) return [];
  return value.map((row: unknown) => {
    const record = row !== null && typeof row === 'object' ? (row as Record<string, unknown>) : {};
    return Object.fromEntries(field.columns.map((column) => [column.key, scalarToState(column, record[column.key])]));
  });
}

function tableToData(field: TableField, value: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const rows = value
    .map((row: unknown) => {
      const record = row !== null && typeof row === 'object' ? (row as Record<string, unknown>) : {};
      return compact(field.columns.map((column) => [column.key, scalarToData(column, record[column.key])]));
    })
    // A row added and left empty is not a row of the application.
    .filter((row) => Object.keys(row).length > 0);
  return rows.length > 0 ? rows : undefined;
}

const compact = (entries: [string, unknown][]): Record<string, unknown> => Object.fromEntries(entries.filter(([, v]) => v !== undefined));

/** API form → Ant Design store. Values that do not fit their field (an old version's data) are left empty. */
export function toFormState(definition: FormDefinition, data: FormData): FormState {
  return Object.fromEntries(
    definition.fields.map((field) => [field.key, field.type === 'table' ? tableToState(field, data[field.key]) : scalarToState(field, data[field.key])]),
  );
}

/** Ant Design store → API form. Empty values are left out, so "not given" reads the same for every field type. */
export function toFormData(definition: FormDefinition, state: FormState): FormData {
  return compact(definition.fields.map((field) => [field.key, field.type === 'table' ? tableToData(field, state[field.key]) : scalarToData(field, state[field.key])]));
}

/** A new form: a table starts with one empty row to fill in, everything else empty. */
export function emptyFormState(definition: FormDefinition): FormState {
  return Object.fromEntries(definition.fields.map((field) => [field.key, field.type === 'table' ? [emptyRow(field)] : undefined]));
}

export function emptyRow(field: TableField): TableRowState {
  return Object.fromEntries(field.columns.map((column) => [column.key, undefined]));
}

/** '¥1,234.50'; the locale only changes the grouping, never the currency. */
export function formatMoney(value: number, locale = 'zh-CN'): string {
  return `¥${value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * The form with its computed values filled in as the server will compute them (金额 = 数量 × 单价, 合计), from the
 * same shared code, so what the applicant sees while typing is what gets submitted. Only computed fields change.
 */
export function withComputed(definition: FormDefinition, state: FormState): FormState {
  const hasComputed = definition.fields.some((f) => (f.type === 'table' ? f.columns.some(isComputed) : isComputed(f)));
  return hasComputed ? (applyComputed(definition, state) as FormState) : state;
}

/** Money columns a table's footer adds up: not the factors of a computed line amount (单价 summed means nothing). */
export function totalledColumns(field: TableField): ScalarField[] {
  const factors = new Set(field.columns.flatMap((c) => (c.compute && 'product' in c.compute ? c.compute.product : [])));
  return field.columns.filter((c) => c.type === 'money' && !factors.has(c.key));
}

/** The sum of a money or number column, for a table's footer (合计). */
export function columnTotal(rows: readonly Record<string, unknown>[], key: string): number {
  const cents = rows.reduce((sum, row) => sum + (typeof row[key] === 'number' ? Math.round((row[key] as number) * 100) : 0), 0);
  return cents / 100;
}

/**
 * A server field path → the Ant Design name path: `form.amount` → ['amount'], `form.items[0].quantity` or
 * `form.items.0.quantity` → ['items', 0, 'quantity']. Paths outside the form (`urgent`) give null.
 */
export function formFieldName(path: string): (string | number)[] | null {
  if (!path.startsWith('form.') && path !== 'form') return null;
  const parts = path
    .slice('form'.length)
    .split(/\.|\[(\d+)\]/)
    .filter((part): part is string => part !== undefined && part !== '');
  if (parts.length === 0) return null;
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** A field of the form by its key (conditions and titles name fields by key). */
export function fieldByKey(definition: FormDefinition, key: string): FormField | undefined {
  return definition.fields.find((field) => field.key === key);
}
