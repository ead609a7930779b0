/**
 * The publish check (F2): a definition that cannot terminate, refers to an unknown field, role, position, department,
 * user or calendar, or has a node no path reaches, is refused with a problem per place, each with its path in the
 * definition (`flow.nodes[3].next`) so the designer can point at it. Pure: what exists in the organisation comes in
 * as `Known`.
 */
import type { ApplicationDefinition, ApproverSource, Condition, FlowNode, FormField } from '@henji/contracts';
import { msg, type Message } from '../../../kernel/messages.ts';
import { isValidDate } from './form-values.ts';

export interface Known {
  roles: ReadonlySet<string>;
  positions: ReadonlySet<string>;
  departments: ReadonlySet<string>;
  usernames: ReadonlySet<string>;
  calendars: ReadonlySet<string>;
}

export interface Problem {
  path: string;
  message: Message;
}

/** The nodes a node leads to, with the property path of each reference. */
export function successors(node: FlowNode): { id: string; path: string }[] {
  switch (node.type) {
    case 'condition':
      return [...node.branches.map((b, i) => ({ id: b.next, path: `branches[${i}].next` })), { id: node.otherwise, path: 'otherwise' }];
    case 'parallel':
      return node.branches.map((id, i) => ({ id, path: `branches[${i}]` }));
    case 'end':
      return [];
    default:
      return [{ id: node.next, path: 'next' }];
  }
}

const NUMERIC = new Set(['number', 'money']);

const ORDERED = new Set(['number', 'money', 'date']);

function checkForm(def: ApplicationDefinition, problems: Problem[]) {
  const seen = new Set<string>();
  def.form.fields.forEach((field, i) => {
    const at = `form.fields[${i}]`;
    if (seen.has(field.key)) problems.push({ path: `${at}.key`, message: msg('flow.duplicate_field', { key: field.key }) });
    seen.add(field.key);
    checkFieldSettings(field, at, problems);
    if (field.type === 'table') {
      const columns = new Set<string>();
      field.columns.forEach((column, j) => {
        if (columns.has(column.key)) problems.push({ path: `${at}.columns[${j}].key`, message: msg('flow.duplicate_field', { key: column.key }) });
        columns.add(column.key);
        checkFieldSettings(column, `${at}.columns[${j}]`, problems);
      });
    }
  });
  checkComputations(def, problems);
  if (def.titleField) {
    const field = def.form.fields.find((f) => f.key === def.titleField);
    if (!field || (field.type !== 'text' && field.type !== 'textarea')) {
      problems.push({ path: 'titleField', message: msg('flow.title_field', { key: def.titleField }) });
    }
  }
}

const isNumeric = (field: { type: string } | undefined) => field?.type === 'number' || field?.type === 'money';

/** 自动计算 names number or money columns: a column the product of two columns of its table, a field a table's sum. */
function checkComputations(def: ApplicationDefinition, problems: Problem[]) {
  def.form.fields.forEach((field, i) => {
    const at = `form.fields[${i}]`;
    if (field.type === 'table') {
      const columns = new Map(field.columns.map((c) => [c.key, c]));
      field.columns.forEach((column, j) => {
        if (!column.compute) return;
        const path = `${at}.columns[${j}].compute`;
        if (!isNumeric(column)) problems.push({ path, message: msg('flow.compute_not_number', { key: column.key }) });
        if (!('product' in column.compute)) {
          problems.push({ path, message: msg('flow.compute_unknown_table', { key: column.key }) });
          return;
        }
        for (const key of column.compute.product) {
          const factor = columns.get(key);
          if (!isNumeric(factor) || factor?.compute) problems.push({ path: `${path}.product`, message: msg('flow.compute_unknown_column', { key }) });
        }
      });
      return;
    }
    if (!field.compute) return;
    const path = `${at}.compute`;
    if (!isNumeric(field)) problems.push({ path, message: msg('flow.compute_not_number', { key: field.key }) });
    if (!('sum' in field.compute)) {
      problems.push({ path, message: msg('flow.compute_unknown_table', { key: field.key }) });
      return;
    }
    const { table, column, product } = field.compute.sum;
    const source = def.form.fields.find((f) => f.key === table);
    if (!source || source.type !== 'table') {
      problems.push({ path: `${path}.sum.table`, message: msg('flow.compute_unknown_table', { key: table }) });
      return;
    }
    if ((column === undefined) === (product === undefined)) problems.push({ path: `${path}.sum`, message: msg('flow.compute_sum_needs_one') });
    for (const key of [...(column ? [column] : []), ...(product ?? [])]) {
      if (!isNumeric(source.columns.find((c) => c.key === key))) problems.push({ path: `${path}.sum`, message: msg('flow.compute_unknown_column', { key }) });
    }
  });
}

function checkFieldSettings(field: FormField, at: string, problems: Problem[]) {
  if (field.type === 'select') {
    const values = (field.options ?? []).map((o) => o.value);
    if (values.length === 0) problems.push({ path: `${at}.options`, message: msg('flow.select_needs_options') });
    if (new Set(values).size !== values.length) problems.push({ path: `${at}.options`, message: msg('flow.duplicate_option') });
  }
  if (field.type !== 'table' && field.min !== undefined && field.max !== undefined && field.min > field.max) {
    problems.push({ path: `${at}.max`, message: msg('flow.min_above_max') });
  }
}

function checkSource(source: ApproverSource | { source: 'initiator' }, at: string, def: ApplicationDefinition, known: Known, problems: Problem[]) {
  switch (source.source) {
    case 'user':
      if (!known.usernames.has(source.username)) problems.push({ path: `${at}.username`, message: msg('flow.unknown_user', { name: source.username }) });
      break;
    case 'role':
    case 'committee':
      if (!known.roles.has(source.role)) problems.push({ path: `${at}.role`, message: msg('flow.unknown_role', { code: source.role }) });
      break;
    case 'department_role':
      if (source.department !== 'initiator' && !known.departments.has(source.department)) {
        problems.push({ path: `${at}.department`, message: msg('flow.unknown_department', { code: source.department }) });
      }
      if (source.role && !known.roles.has(source.role)) problems.push({ path: `${at}.role`, message: msg('flow.unknown_role', { code: source.role }) });
      if (source.position && !known.positions.has(source.position)) {
        problems.push({ path: `${at}.position`, message: msg('flow.unknown_position', { code: source.position }) });
      }
      if (!source.role && !source.position) problems.push({ path: at, message: msg('flow.department_role_needs_one') });
      break;
    case 'field': {
      const field = def.form.fields.find((f) => f.key === source.field);
      if (!field) problems.push({ path: `${at}.field`, message: msg('flow.unknown_field', { key: source.field }) });
      else if (field.type !== 'user') problems.push({ path: `${at}.field`, message: msg('flow.field_not_user', { key: source.field }) });
      break;
    }
    default:
      break;
  }
}

function checkCondition(c: Condition, at: string, fields: Map<string, FormField>, problems: Problem[]) {
  const field = fields.get(c.field);
  if (!field) {
    problems.push({ path: `${at}.field`, message: msg('flow.unknown_field', { key: c.field }) });
    return;
  }
  if (field.type === 'table' || field.type === 'attachment' || field.type === 'dateRange') {
    if (c.op !== 'empty' && c.op !== 'not_empty') problems.push({ path: `${at}.op`, message: msg('flow.op_not_for_field', { op: c.op, key: c.field }) });
    return;
  }
  if (['gt', 'gte', 'lt', 'lte'].includes(c.op) && !ORDERED.has(field.type)) {
    problems.push({ path: `${at}.op`, message: msg('flow.op_not_for_field', { op: c.op, key: c.field }) });
    return;
  }
  if (c.op === 'empty' || c.op === 'not_empty') return;
  if (c.value === undefined) {
    problems.push({ path: `${at}.value`, message: msg('flow.condition_needs_value') });
    return;
  }
  if (c.op !== 'in' && Array.isArray(c.value)) {
    problems.push({ path: `${at}.value`, message: msg('flow.condition_value_type') });
    return;
  }
  const values = Array.isArray(c.value) ? c.value : [c.value];
  if (values.length === 0) {
    problems.push({ path: `${at}.value`, message: msg('flow.condition_needs_value') });
    return;
  }
  for (const v of values) {
    const ok = NUMERIC.has(field.type)
      ? typeof v === 'number'
      : field.type === 'date'
        ? typeof v === 'string' && isValidDate(v)
        : field.type === 'select'
          ? typeof v === 'string' && (field.options ?? []).some((o) => o.value === v)
          : typeof v === 'string';
    if (!ok) {
      problems.push({ path: `${at}.value`, message: msg('flow.condition_value_type') });
      return;
    }
  }
}

export function checkDefinition(def: ApplicationDefinition, known: Known): Problem[] {
  const problems: Problem[] = [];
  checkForm(def, problems);
  const fields = new Map(def.form.fields.map((f) => [f.key, f]));
  const nodes = def.flow.nodes;
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (index.has(node.id)) problems.push({ path: `flow.nodes[${i}].id`, message: msg('flow.duplicate_node', { id: node.id }) });
    else index.set(node.id, i);
  });
  const byId = (id: string) => (index.has(id) ? nodes[index.get(id)!]! : undefined);

  if (!index.has(def.flow.start)) problems.push({ path: 'flow.start', message: msg('flow.unknown_node', { id: def.flow.start }) });
  if (!nodes.some((n) => n.type === 'end')) problems.push({ path: 'flow.nodes', message: msg('flow.no_end') });

  nodes.forEach((node, i) => {
    const at = `flow.nodes[${i}]`;
    for (const next of successors(node)) {
      if (!index.has(next.id)) problems.push({ path: `${at}.${next.path}`, message: msg('flow.unknown_node', { id: next.id }) });
      else if (next.id === node.id) problems.push({ path: `${at}.${next.path}`, message: msg('flow.self_loop', { id: node.id }) });
    }
    if (node.type === 'approval') {
      checkSource(node.approvers, `${at}.approvers`, def, known, problems);
      if (node.mode === 'vote' && node.ratio === undefined) problems.push({ path: `${at}.ratio`, message: msg('flow.vote_needs_ratio') });
      if (node.sla?.then === 'transfer') {
        if (!node.sla.transferTo) problems.push({ path: `${at}.sla.transferTo`, message: msg('flow.transfer_needs_target') });
        else checkSource(node.sla.transferTo, `${at}.sla.transferTo`, def, known, problems);
      }
    }
    if (node.type === 'action' && node.action.kind === 'create_task') {
      checkSource(node.action.owner, `${at}.action.owner`, def, known, problems);
    }
    if (node.type === 'cc' || node.type === 'notify') {
      node.recipients.forEach((r, j) => checkSource(r, `${at}.recipients[${j}]`, def, known, problems));
    }
    if (node.type === 'condition') {
      node.branches.forEach((b, j) => b.when.forEach((c, k) => checkCondition(c, `${at}.branches[${j}].when[${k}]`, fields, problems)));
    }
    if (node.type === 'parallel') {
      const join = byId(node.join);
      if (!join) problems.push({ path: `${at}.join`, message: msg('flow.unknown_node', { id: node.join }) });
      else if (join.type !== 'join') problems.push({ path: `${at}.join`, message: msg('flow.join_not_join', { id: node.join }) });
    }
  });
  if (def.emergency) {
    def.emergency.group.forEach((s, j) => checkSource(s, `emergency.group[${j}]`, def, known, problems));
    def.emergency.reviewers.forEach((s, j) => checkSource(s, `emergency.reviewers[${j}]`, def, known, problems));
  }
  if (def.calendar && !known.calendars.has(def.calendar)) problems.push({ path: 'calendar', message: msg('flow.unknown_calendar', { code: def.calendar }) });

  // The graph questions only make sense once every reference resolves.
  if (problems.some((p) => p.message.key === 'flow.unknown_node' || p.message.key === 'flow.duplicate_node')) return problems;
  checkGraph(def, byId, index, problems);
  return problems;
}

/** Reachability, termination (no cycle: every path reaches an end) and well-nested parallel branches. */
function checkGraph(def: ApplicationDefinition, byId: (id: string) => FlowNode | undefined, index: Map<string, number>, problems: Problem[]) {
  const nodes = def.flow.nodes;
  // Cycles: depth-first search with colours; a back edge means a path that never ends.
  const colour = new Map<string, 'grey' | 'black'>();
  const cycleAt = new Set<string>();
  const visit = (id: string) => {
    colour.set(id, 'grey');
    for (const next of successors(byId(id)!)) {
      const c = colour.get(next.id);
      if (c === 'grey') cycleAt.add(id);
      else if (!c) visit(next.id);
    }
    colour.set(id, 'black');
  };
  visit(def.flow.start);
  for (const id of cycleAt) problems.push({ path: `flow.nodes[${index.get(id)}]`, message: msg('flow.cycle', { id }) });

  nodes.forEach((node, i) => {
    if (!colour.has(node.id)) problems.push({ path: `flow.nodes[${i}]`, message: msg('flow.unreachable', { id: node.id }) });
  });
  if (cycleAt.size > 0) return;

  const joinOwners = new Map<string, string[]>();
  for (const node of nodes) if (node.type === 'parallel') joinOwners.set(node.join, [...(joinOwners.get(node.join) ?? []), node.id]);
  nodes.forEach((node, i) => {
    if (node.type === 'join' && (joinOwners.get(node.id)?.length ?? 0) !== 1) {
      problems.push({ path: `flow.nodes[${i}]`, message: msg('flow.join_owner', { id: node.id }) });
    }
  });

  // Every branch of a parallel node must reach its own join, and no end, before anything after the join.
  nodes.forEach((node, i) => {
    if (node.type !== 'parallel') return;
    for (const branch of node.branches) {
      const bad = branchEscapes(branch, node.join, byId);
      if (bad) problems.push({ path: `flow.nodes[${i}]`, message: msg('flow.branch_escapes', { id: node.id, branch, node: bad }) });
    }
  });
}

/** The first node on a path from `from` that ends or leaves the branch instead of reaching `join`, or null. */
function branchEscapes(from: string, join: string, byId: (id: string) => FlowNode | undefined): string | null {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === join || seen.has(id)) continue;
    seen.add(id);
    const node = byId(id)!;
    if (node.type === 'end') return id;
    if (node.type === 'join') return id;
    if (node.type === 'parallel') {
      // A nested parallel block is a unit: continue after its own join.
      const inner = byId(node.join);
      if (inner?.type === 'join') stack.push(inner.next);
      continue;
    }
    for (const next of successors(node)) stack.push(next.id);
  }
  return null;
}

/** Renders problem paths for an error's `details.fields`. */
export const problemsAsFields = (problems: Problem[]): Record<string, Message> =>
  Object.fromEntries(problems.map((p) => [p.path, p.message]));

/** An amount written in prose: 10000 元, 1,000 元, 1.5 万元. */
const AMOUNT_IN_TEXT = /(\d[\d,，]*(?:\.\d+)?)\s*(万)?\s*元/g;

/**
 * Warnings, not problems: the type's description names an amount (低于 10000 元) that no condition of the flow
 * compares with — usually a threshold changed in the flow and not in the text, so applicants read a rule that no
 * longer holds.
 */
export function descriptionWarnings(description: string, def: ApplicationDefinition): Problem[] {
  const used = new Set<number>();
  for (const node of def.flow.nodes) {
    if (node.type !== 'condition') continue;
    for (const branch of node.branches) for (const c of branch.when) if (typeof c.value === 'number') used.add(c.value);
  }
  const warnings: Problem[] = [];
  const seen = new Set<number>();
  for (const match of description.matchAll(AMOUNT_IN_TEXT)) {
    const amount = Number(match[1]!.replace(/[,，]/g, '')) * (match[2] ? 10000 : 1);
    if (!Number.isFinite(amount) || used.has(amount) || seen.has(amount)) continue;
    seen.add(amount);
    warnings.push({ path: 'description', message: msg('flow.description_amount_unused', { amount: match[0]!.trim() }) });
  }
  return warnings;
}
