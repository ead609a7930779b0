/**
 * Pure edits of the form (表单设计): fields of each type with only the properties that type uses, moving and removing
 * fields, and renaming a field key everywhere the definition refers to it (conditions, approvers, recipients and
 * task owners chosen in a user field, the title field).
 */
import type { ApplicationDefinition, ApproverSource, FieldType, FlowNode, FormField, ScalarField } from '@henji/contracts';
import type { Recipient } from './node-skeleton.ts';

export type ScalarType = ScalarField['type'];
export type FieldProperty = 'min' | 'max' | 'maxLength' | 'options' | 'multiple';

/** Which optional properties each scalar type uses; anything else is dropped so the saved definition stays honest. */
export const FIELD_PROPERTIES: Record<ScalarType, readonly FieldProperty[]> = {
  text: ['maxLength'],
  textarea: ['maxLength'],
  number: ['min', 'max'],
  money: ['min', 'max'],
  date: [],
  dateRange: [],
  select: ['options', 'multiple'],
  user: ['multiple'],
  department: [],
  attachment: ['multiple'],
};

const FIELD_KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const isValidFieldKey = (key: string): boolean => FIELD_KEY.test(key);

export interface FieldLabels {
  /** Label of the first option of a new select, given its number. */
  option: (n: number) => string;
  /** Label of the first column of a new table. */
  column: string;
}

/** A scalar field of `type` with the parts it needs (a select starts with one option). */
export function scalarSkeleton(type: ScalarType, key: string, label: string, labels: FieldLabels): ScalarField {
  const field: ScalarField = { key, label, type, required: false };
  if (type === 'select') field.options = [{ value: 'option_1', label: labels.option(1) }];
  return field;
}

export function fieldSkeleton(type: FieldType, key: string, label: string, labels: FieldLabels): FormField {
  if (type !== 'table') return scalarSkeleton(type, key, label, labels);
  return { key, label, type, required: false, columns: [scalarSkeleton('text', 'item', labels.column, labels)], maxRows: 100 };
}

/** Drops the properties the field's type does not use. */
export function cleanScalar(field: ScalarField): ScalarField {
  const kept = new Set(FIELD_PROPERTIES[field.type]);
  const out: ScalarField = { key: field.key, label: field.label, type: field.type, required: field.required };
  if (field.help !== undefined) out.help = field.help;
  if (kept.has('min') && field.min !== undefined) out.min = field.min;
  if (kept.has('max') && field.max !== undefined) out.max = field.max;
  if (kept.has('maxLength') && field.maxLength !== undefined) out.maxLength = field.maxLength;
  if (kept.has('options') && field.options !== undefined) out.options = field.options;
  if (kept.has('multiple') && field.multiple !== undefined) out.multiple = field.multiple;
  return out;
}

/** The field as another type: key, label, required and help survive, properties the new type shares too. */
export function changeFieldType(field: FormField, type: FieldType, labels: FieldLabels): FormField {
  if (type === field.type) return field;
  const skeleton = fieldSkeleton(type, field.key, field.label, labels);
  const base = { ...skeleton, required: field.required, ...(field.help !== undefined ? { help: field.help } : {}) };
  if (base.type === 'table' || field.type === 'table') return base;
  return cleanScalar({ ...field, ...base, options: field.options ?? base.options });
}

/** `amount`, `amount_2` …: the first key built from `base` that no field (or column, with `keys`) has. */
export function uniqueKey(keys: readonly string[], base: string): string {
  const taken = new Set(keys);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const out = [...items];
  const [moved] = out.splice(index, 1);
  if (moved !== undefined) out.splice(to, 0, moved);
  return out;
}

const sourceUses = (source: Recipient, key: string) => source.source === 'field' && source.field === key;

/** The ids of nodes that read the field (in a condition or as their approvers), for a warning before deleting it. */
export function fieldReferences(definition: ApplicationDefinition, key: string): string[] {
  return definition.flow.nodes.filter((node) => nodeUsesField(node, key)).map((n) => n.id);
}

function nodeUsesField(node: FlowNode, key: string): boolean {
  switch (node.type) {
    case 'condition':
      return node.branches.some((b) => b.when.some((c) => c.field === key));
    case 'approval':
      return sourceUses(node.approvers, key) || (node.sla?.transferTo !== undefined && sourceUses(node.sla.transferTo, key));
    case 'cc':
    case 'notify':
      return node.recipients.some((r) => sourceUses(r, key));
    case 'action':
      return node.action.kind === 'create_task' && sourceUses(node.action.owner, key);
    default:
      return false;
  }
}

function renameInSource<S extends Recipient>(source: S, from: string, to: string): S {
  return source.source === 'field' && source.field === from ? { ...source, field: to } : source;
}

function renameInNode(node: FlowNode, from: string, to: string): FlowNode {
  switch (node.type) {
    case 'condition':
      return {
        ...node,
        branches: node.branches.map((b) => ({ ...b, when: b.when.map((c) => (c.field === from ? { ...c, field: to } : c)) })),
      };
    case 'approval': {
      const renamed = { ...node, approvers: renameInSource(node.approvers, from, to) };
      if (node.sla?.transferTo) renamed.sla = { ...node.sla, transferTo: renameInSource(node.sla.transferTo, from, to) };
      return renamed;
    }
    case 'cc':
      return { ...node, recipients: node.recipients.map((r) => renameInSource(r, from, to)) };
    case 'notify':
      return { ...node, recipients: node.recipients.map((r) => renameInSource(r, from, to)) };
    case 'action':
      return node.action.kind === 'create_task' ? { ...node, action: { ...node.action, owner: renameInSource(node.action.owner, from, to) } } : node;
    default:
      return node;
  }
}

const renameSources = (sources: ApproverSource[], from: string, to: string) => sources.map((s) => renameInSource(s, from, to));

/** Gives a field a new key and follows it everywhere the definition refers to it; a colliding key changes nothing. */
export function renameFieldKey(definition: ApplicationDefinition, from: string, to: string): ApplicationDefinition {
  if (from === to || !isValidFieldKey(to) || definition.form.fields.some((f) => f.key === to)) return definition;
  const renamed: ApplicationDefinition = {
    ...definition,
    form: { fields: definition.form.fields.map((f) => (f.key === from ? { ...f, key: to } : f)) },
    flow: { ...definition.flow, nodes: definition.flow.nodes.map((n) => renameInNode(n, from, to)) },
  };
  if (definition.titleField === from) renamed.titleField = to;
  if (definition.emergency) {
    renamed.emergency = {
      ...definition.emergency,
      group: renameSources(definition.emergency.group, from, to),
      reviewers: renameSources(definition.emergency.reviewers, from, to),
    };
  }
  return renamed;
}

/**
 * Removes a field. The title field, being optional, is cleared; conditions and approvers that read the field keep
 * their reference, and the publish check names each one so the administrator decides what they should read instead.
 */
export function removeField(definition: ApplicationDefinition, index: number): ApplicationDefinition {
  const field = definition.form.fields[index];
  if (!field) return definition;
  const out: ApplicationDefinition = { ...definition, form: { fields: definition.form.fields.filter((_, i) => i !== index) } };
  if (out.titleField === field.key) delete out.titleField;
  return out;
}
