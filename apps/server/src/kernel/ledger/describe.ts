/**
 * Trace entries in plain language (证据可读): each entry becomes a sentence ("张三 登录（来自 127.0.0.1）",
 * "李四 在「CEO 审批」同意"), the name of its object ("采购申请 CG20260001 办公电脑") and a table of the changed fields
 * with translated labels and values — people, departments and positions by name, states and decisions in words, the
 * flow's route as sentences. Ids and hashes stay in the entry itself (the web shows them behind 详情).
 *
 * The kernel knows users, departments, positions and roles; each area registers a describer for its own subject type
 * (`registerDescriber`) that names its objects and words its own fields. Used by the ledger list API and the PDF report.
 */
import { sql } from 'drizzle-orm';
import { LEDGER_VOCABULARY } from '@henji/contracts';
import { queryRows, type Queryable } from '../../db/client.ts';
import { isMessageKey, msg, render, type Locale, type Message, type MessageKey } from '../messages.ts';
import type { FieldChange } from './append.ts';
import { beijingMinute } from '../clock.ts';

/** The columns of an entry a description reads (a LedgerEntry from queries.ts has them all). */
export interface DescribableEntry {
  id: string;
  recordedAt: string;
  actorId: string | null;
  onBehalfOfId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  diff: Record<string, FieldChange>;
  comment: string | null;
  ip: string | null;
}

/** One changed field: its label and the two values as text; a side is null when the field did not exist on it. */
export interface DescribedField {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface EntryDescription {
  /** What happened, one sentence: who did what (and where). */
  sentence: string;
  /** Who acted, by name ("张三", "李四 代 张三", "系统"). A sign-in names the person signing in. */
  actorLabel: string;
  /** The object, named: "采购申请 CG20260001 办公电脑", "用户 张三". */
  subjectLabel: string;
  fields: DescribedField[];
}

/** Names the kernel resolves for every entry of a batch: any uuid met in an entry, looked up once. */
export interface Names {
  user(id: string): string | undefined;
  department(id: string): string | undefined;
  position(id: string): string | undefined;
  role(id: string): string | undefined;
  /** A user, department, position or role by id. */
  any(id: string): string | undefined;
  /** A role by its code ("finance" → 财务), as user entries record roles. */
  roleByCode(code: string): string | undefined;
  /** An object named by "type:id" (a notification's `about`): "采购申请 CG20260001 办公电脑". */
  subject(ref: string): string | undefined;
}

export interface DescribeContext {
  locale: Locale;
  names: Names;
  /** Renders a message in the reader's language. */
  text: (message: Message) => string;
}

/** What an area knows of its subjects, for one batch of entries. */
export interface PreparedDescriber {
  /** The object's name without its type ("张三"); undefined when it no longer exists. */
  name?(subjectId: string): string | undefined;
  /** The object's whole label when its type reads better as part of it ("采购申请 CG20260001 办公电脑"). */
  label?(subjectId: string): string | undefined;
  /** Where in the object the action happened (an approval node's name), for "在「…」". */
  where?(entry: DescribableEntry): string | undefined;
  /** A field's value in this area's words; undefined: the generic rendering. */
  value?(entry: DescribableEntry, field: string, value: unknown): string | undefined;
  /** Replaces the generic sentence. */
  sentence?(entry: DescribableEntry, actorLabel: string): string | undefined;
}

export type Describer = (q: Queryable, entries: DescribableEntry[], ctx: DescribeContext) => Promise<PreparedDescriber>;

const describers = new Map<string, Describer>();

/** An area's describer for the entries about its subject type. */
export function registerDescriber(subjectType: string, describer: Describer): void {
  describers.set(subjectType, describer);
}

/** Resolves a business number (CG20260001, DB20260003) to the subject it numbers. */
export type NumberResolver = (q: Queryable, number: string) => Promise<{ subjectType: string; subjectId: string } | null>;
const numberResolvers: NumberResolver[] = [];

export function registerNumberResolver(resolver: NumberResolver): void {
  numberResolvers.push(resolver);
}

export async function resolveNumber(q: Queryable, number: string): Promise<{ subjectType: string; subjectId: string } | null> {
  for (const resolver of numberResolvers) {
    const found = await resolver(q, number);
    if (found) return found;
  }
  return null;
}

/** Fields that hold ids or hashes only: left out of the plain table (the raw entry keeps them). */
const ID_FIELDS = new Set(['session', 'formHash', 'definitionHash', 'sha256', 'task', 'commentId', 'subjectId', 'requestId', 'sourceRef']);
/** Sign-in entries: the person signing in is the subject; the actor is the system's sign-in. */
const SIGN_IN_ACTIONS: Record<string, MessageKey> = {
  'auth.login': 'describe.login',
  'auth.login_failed': 'describe.login_failed',
  'auth.locked': 'describe.locked',
  'auth.logout': 'describe.logout',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const COMMITMENT = /^(hmac-sha256:[^:]+:|sha256:)[0-9a-f]{64}$/;
export const isUuid = (value: string) => UUID.test(value);
/**
 * Ids (each one that passed `isUuid`) for `where id in (…)`, compared as uuid so the primary key's index serves:
 * `id::text in (…)` reads the whole table — every users, applications or notifications row — for each page of a trace.
 */
export const uuidList = (ids: Iterable<string>) => sql.join([...ids].map((id) => sql`${id}::uuid`), sql`, `);

/** An instant as Beijing time, "2026-12-02 17:30": what every page shows for China-based users. */
export const beijingTime = (iso: string) => beijingMinute(iso);

const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', 'en-US': ', ' };

/** "application:<uuid>": a reference to another object, as notifications record what they are about. */
const SUBJECT_REF = /^([a-z_]{1,64}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function collectRefs(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (SUBJECT_REF.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collectRefs(v, into);
  }
}

function collectUuids(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) collectUuids(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collectUuids(v, into);
  }
}

async function loadNames(q: Queryable, ids: Set<string>, roleCodes: Set<string>): Promise<Names> {
  const maps = { user: new Map<string, string>(), department: new Map<string, string>(), position: new Map<string, string>(), role: new Map<string, string>() };
  const roleNames = new Map<string, string>();
  if (roleCodes.size > 0) {
    const rows = await queryRows<{ code: string; name: string }>(
      q,
      sql`select code, name from roles where code in (${sql.join([...roleCodes].map((c) => sql`${c}`), sql`, `)})`,
    );
    for (const row of rows) roleNames.set(row.code, row.name);
  }
  if (ids.size > 0) {
    const list = uuidList(ids);
    const rows = await queryRows<{ kind: keyof typeof maps; id: string; name: string }>(
      q,
      sql`select 'user' as kind, id::text as id, display_name as name from users where id in (${list})
          union all select 'department', id::text, name from departments where id in (${list})
          union all select 'position', id::text, name from positions where id in (${list})
          union all select 'role', id::text, name from roles where id in (${list})`,
    );
    for (const row of rows) maps[row.kind].set(row.id, row.name);
  }
  return {
    user: (id) => maps.user.get(id),
    department: (id) => maps.department.get(id),
    position: (id) => maps.position.get(id),
    role: (id) => maps.role.get(id),
    any: (id) => maps.user.get(id) ?? maps.department.get(id) ?? maps.position.get(id) ?? maps.role.get(id),
    roleByCode: (code) => roleNames.get(code),
    subject: () => undefined,
  };
}

/**
 * Describes entries in a language. Queries: one for the names of every uuid the entries mention, and one or two per
 * subject type present (its describer's).
 */
export async function describeEntries(q: Queryable, entries: readonly DescribableEntry[], locale: Locale): Promise<EntryDescription[]> {
  const ids = new Set<string>();
  const roleCodes = new Set<string>();
  for (const e of entries) {
    for (const id of [e.actorId, e.onBehalfOfId, e.subjectId]) if (id && UUID.test(id)) ids.add(id.toLowerCase());
    collectUuids(e.diff, ids);
    for (const side of [e.diff.roles?.before, e.diff.roles?.after]) {
      if (Array.isArray(side)) for (const code of side) if (typeof code === 'string') roleCodes.add(code);
    }
  }
  const names = await loadNames(q, ids, roleCodes);
  const ctx: DescribeContext = { locale, names, text: (m) => render(locale, m) };
  const refs = new Set<string>();
  for (const e of entries) collectRefs(e.diff, refs);
  if (refs.size > 0) {
    const labels = await subjectLabels(q, [...refs], ctx);
    names.subject = (ref) => labels.get(ref);
  }

  const byType = new Map<string, DescribableEntry[]>();
  for (const e of entries) byType.set(e.subjectType, [...(byType.get(e.subjectType) ?? []), e]);
  const prepared = new Map<string, PreparedDescriber>();
  for (const [type, list] of byType) {
    const describer = describers.get(type);
    prepared.set(type, describer ? await describer(q, list, ctx) : {});
  }
  return entries.map((e) => describeOne(e, ctx, prepared.get(e.subjectType) ?? {}));
}

/** Labels of objects met as "type:id" references, through their areas' describers. */
async function subjectLabels(q: Queryable, refs: string[], ctx: DescribeContext): Promise<Map<string, string>> {
  const byType = new Map<string, string[]>();
  for (const ref of refs) {
    const [, type, id] = SUBJECT_REF.exec(ref)!;
    byType.set(type!, [...(byType.get(type!) ?? []), id!.toLowerCase()]);
  }
  const labels = new Map<string, string>();
  for (const [type, ids] of byType) {
    const pseudo = ids.map((id) => ({ id: '0', recordedAt: '', actorId: null, onBehalfOfId: null, action: '', subjectType: type, subjectId: id, diff: {}, comment: null, ip: null }));
    const area = (await describers.get(type)?.(q, pseudo, ctx)) ?? {};
    for (const id of ids) labels.set(`${type}:${id}`, subjectLabelOf(type, id, area, ctx));
  }
  return labels;
}

function subjectLabelOf(type: string, id: string, area: PreparedDescriber, ctx: DescribeContext): string {
  const typeLabel = LEDGER_VOCABULARY[ctx.locale].subjectTypes[type] ?? type;
  const name = area.name?.(id) ?? ctx.names.any(id);
  return area.label?.(id) ?? (name ? `${typeLabel} ${name}` : typeLabel);
}

function describeOne(e: DescribableEntry, ctx: DescribeContext, area: PreparedDescriber): EntryDescription {
  const vocabulary = LEDGER_VOCABULARY[ctx.locale];
  const { names, text } = ctx;
  const person = (id: string | null) => (id ? (names.user(id) ?? text(msg('describe.unknown_user'))) : text(msg('describe.system')));

  const subjectLabel = subjectLabelOf(e.subjectType, e.subjectId, area, ctx);

  let actorLabel = e.onBehalfOfId
    ? text(msg('describe.on_behalf', { delegate: person(e.actorId), principal: person(e.onBehalfOfId) }))
    : person(e.actorId);
  const action = vocabulary.actions[e.action] ?? e.action;

  let sentence: string | undefined;
  const signIn = SIGN_IN_ACTIONS[e.action];
  if (signIn && e.subjectType === 'user') {
    // Sign-ins run as the system (nobody is signed in yet): the person is the entry's subject.
    const user = person(e.subjectId);
    if (e.action !== 'auth.logout') actorLabel = user;
    const ip = e.ip ?? text(msg('describe.unknown_address'));
    sentence = text({ key: signIn, params: { user, ip } });
  }
  sentence ??= area.sentence?.(e, actorLabel);
  if (sentence === undefined) {
    const where = area.where?.(e);
    sentence = where
      ? text(msg('describe.sentence_at', { actor: actorLabel, where, action }))
      : text(msg('describe.sentence', { actor: actorLabel, action }));
  }

  const fields: DescribedField[] = [];
  for (const [field, change] of Object.entries(e.diff)) {
    if (ID_FIELDS.has(field)) continue;
    const show = (value: unknown) => area.value?.(e, field, value) ?? genericValue(field, value, ctx, e);
    fields.push({
      field,
      label: vocabulary.fields[field] ?? field,
      before: 'before' in change ? show(change.before) : null,
      after: 'after' in change ? show(change.after) : null,
    });
  }
  return { sentence, actorLabel, subjectLabel, fields };
}

/** A value as text: references by name, instants in Beijing time, codes in words, secrets as "保密". */
export function genericValue(field: string, value: unknown, ctx: DescribeContext, entry?: DescribableEntry): string {
  const { text, names, locale } = ctx;
  if (value === null || value === undefined) return text(msg('describe.empty'));
  if (typeof value === 'boolean') return text(msg(value ? 'describe.yes' : 'describe.no'));
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') {
    if (value === '') return text(msg('describe.empty'));
    if (UUID.test(value)) return names.any(value.toLowerCase()) ?? text(msg('describe.unknown_ref'));
    if (SUBJECT_REF.test(value)) return names.subject(value.toLowerCase()) ?? text(msg('describe.unknown_ref'));
    if (COMMITMENT.test(value)) return text(msg('describe.secret'));
    if (ISO_INSTANT.test(value)) return beijingTime(value);
    if (field === 'status' && (entry?.subjectType === 'user' || entry === undefined)) {
      const key = `describe.user_status.${value}`;
      if (isMessageKey(key)) return text({ key });
    }
    if (field === 'roles') {
      const name = names.roleByCode(value);
      if (name) return name;
    }
    if (field === 'locale') {
      const key = `describe.locale.${value}`;
      if (isMessageKey(key)) return text({ key });
    }
    if (field === 'subjectType') return LEDGER_VOCABULARY[locale].subjectTypes[value] ?? value;
    const words = LEDGER_VOCABULARY[locale].values;
    return (entry && words[`${entry.subjectType}.${field}.${value}`]) ?? words[`${field}.${value}`] ?? value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return text(msg('describe.empty_list'));
    return value.map((v) => genericValue(field, v, ctx, entry)).join(LIST_SEPARATOR[locale]);
  }
  if (typeof value === 'object') {
    // Keys are field names ({ kind, source }) or codes of the field's own list ({ email: true, dingtalk_app: false }).
    const { fields: labels, values: words } = LEDGER_VOCABULARY[locale];
    const keyLabel = (k: string) => labels[k] ?? (entry && words[`${entry.subjectType}.${field}.${k}`]) ?? words[`${field}.${k}`] ?? k;
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${keyLabel(k)}: ${genericValue(k, v, ctx, entry)}`)
      .join(locale === 'zh-CN' ? '；' : '; ');
  }
  return String(value);
}

/** Kernel subjects named from the names already loaded; the rest by a query per type. */
const namedBy = (pick: (names: Names, id: string) => string | undefined): Describer => async (_q, _entries, ctx) => ({
  name: (id) => pick(ctx.names, id),
});
registerDescriber('user', namedBy((n, id) => n.user(id)));
registerDescriber('department', namedBy((n, id) => n.department(id)));
registerDescriber('position', namedBy((n, id) => n.position(id)));
registerDescriber('role', namedBy((n, id) => n.role(id)));

/** A describer that names subjects by one column of their table. */
export function namedByColumn(table: string, column: string): Describer {
  return async (q, entries) => {
    const ids = [...new Set(entries.map((e) => e.subjectId))].filter((id) => UUID.test(id));
    const map = new Map<string, string>();
    if (ids.length > 0) {
      const rows = await queryRows<{ id: string; name: string }>(
        q,
        sql`select id::text as id, ${sql.identifier(column)}::text as name from ${sql.identifier(table)}
            where id in (${uuidList(ids)})`,
      );
      for (const row of rows) map.set(row.id, row.name);
    }
    return { name: (id) => map.get(id) };
  };
}
registerDescriber('calendar', namedByColumn('calendars', 'name'));
registerDescriber('notification_channel', namedByColumn('notification_channels', 'name'));
registerDescriber('file', namedByColumn('files', 'name'));
registerDescriber('webhook', namedByColumn('webhook_subscriptions', 'name'));
registerDescriber('api_token', namedByColumn('api_tokens', 'name'));
