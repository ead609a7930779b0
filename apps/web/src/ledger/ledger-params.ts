/**
 * 痕迹账本 keeps its filters in the URL (like the other list pages): person, department, action or action group, object
 * type, date range and business number. Values the server would reject are dropped here instead of failing there.
 */
import type { LedgerFilter } from '../api/query-keys.ts';
import { uuidParam, writeListParams } from '../api/list-params.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const GROUP = /^[a-z_]{1,48}$/;
const ACTION = /^[a-z_]+\.[a-z_.]+$/;
const SUBJECT_TYPE = /^[a-z_]{1,64}$/;

const validDay = (value: string | null) => (value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined);

export function readLedgerFilter(params: URLSearchParams): LedgerFilter {
  const filter: LedgerFilter = {
    actorId: uuidParam(params.get('actorId')),
    departmentId: uuidParam(params.get('departmentId')),
    action: params.get('action')?.match(ACTION)?.[0],
    actionGroup: params.get('actionGroup')?.match(GROUP)?.[0],
    subjectType: params.get('subjectType')?.match(SUBJECT_TYPE)?.[0],
    from: validDay(params.get('from')),
    to: validDay(params.get('to')),
    number: params.get('number')?.trim().slice(0, 64) || undefined,
  };
  // One of action and group: the action is the narrower choice.
  if (filter.action) delete filter.actionGroup;
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as LedgerFilter;
}

export const writeLedgerFilter = (filter: LedgerFilter) => writeListParams({ ...filter });

/** The action select holds either an action ("application.approve") or a whole group ("group:application"). */
export const actionChoice = (filter: LedgerFilter) => filter.action ?? (filter.actionGroup ? `group:${filter.actionGroup}` : undefined);

export function withActionChoice(filter: LedgerFilter, choice: string | undefined): LedgerFilter {
  const { action: _a, actionGroup: _g, ...rest } = filter;
  if (!choice) return rest;
  return choice.startsWith('group:') ? { ...rest, actionGroup: choice.slice('group:'.length) } : { ...rest, action: choice };
}

export interface ActionGroupOption {
  label: string;
  title: string;
  options: { value: string; label: string }[];
}

/**
 * The actions as option groups by their prefix ("application.approve" → 申请): each group first offers itself
 * ("全部：申请"), then its actions. A group's name is its subject type's label, or the given one (auth → 登录与账户).
 */
export function groupActions(
  actions: Record<string, string>,
  groupLabel: (group: string) => string,
  allOf: (label: string) => string,
): ActionGroupOption[] {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const [value, label] of Object.entries(actions)) {
    const group = value.split('.')[0]!;
    groups.set(group, [...(groups.get(group) ?? []), { value, label }]);
  }
  return [...groups].map(([group, options]) => {
    const label = groupLabel(group);
    return { label, title: label, options: [{ value: `group:${group}`, label: allOf(label) }, ...options] };
  });
}
