/**
 * An application's trace in plain language (kernel/ledger/describe.ts): the object named by type, number and title
 * ("采购申请 CG20260001 办公电脑"), node ids by the names of the definition version, decisions and states in words, and
 * the route the engine recorded (`run.log`, engine/flow.ts) as sentences — "条件「总金额 ≥ 10000 元」成立 → CEO 审批",
 * "CEO 审批：同意，流程结束". The route strings are read as the engine writes them; nothing here changes them.
 */
import { sql } from 'drizzle-orm';
import type { ApplicationDefinition, Condition, ConditionNode, FlowNode, ScalarField } from '@henji/contracts';
import { queryRows, type Queryable } from '../../db/client.ts';
import { genericValue, isUuid, registerDescriber, registerNumberResolver, namedByColumn, uuidList, type DescribableEntry, type DescribeContext } from '../../kernel/ledger/describe.ts';
import { isMessageKey, msg, type Message, type MessageKey } from '../../kernel/messages.ts';
import { chooseBranch } from './definition/conditions.ts';

interface AppInfo {
  id: string;
  number: string | null;
  title: string;
  typeName: string;
  typeId: string;
  versionId: string;
  form: Record<string, unknown>;
}

interface VersionInfo {
  id: string;
  typeId: string;
  version: number;
  definition: ApplicationDefinition;
}

async function loadApplications(q: Queryable, ids: string[]) {
  const apps = new Map<string, AppInfo>();
  const versions: VersionInfo[] = [];
  const typeNames = new Map<string, string>();
  if (ids.length === 0) return { apps, versions, typeNames };
  const rows = await queryRows<AppInfo>(
    q,
    sql`select a.id::text as id, a.number, a.title, t.name as "typeName", a.type_id::text as "typeId",
               a.version_id::text as "versionId", a.form
        from applications a join application_types t on t.id = a.type_id
        where a.id in (${uuidList(ids)})`,
  );
  for (const row of rows) apps.set(row.id, row);
  const typeIds = [...new Set(rows.map((r) => r.typeId))];
  if (typeIds.length > 0) {
    versions.push(
      ...(await queryRows<VersionInfo>(
        q,
        sql`select id::text as id, type_id::text as "typeId", version, definition from application_type_versions
            where type_id in (${uuidList(typeIds)}) order by version desc`,
      )),
    );
    const types = await queryRows<{ id: string; code: string; name: string }>(
      q,
      sql`select id::text as id, code, name from application_types where id in (${uuidList(typeIds)})`,
    );
    for (const t of types) typeNames.set(t.code, t.name);
  }
  return { apps, versions, typeNames };
}

registerDescriber('application', async (q, entries, ctx) => {
  const { apps, versions, typeNames } = await loadApplications(q, [...new Set(entries.map((e) => e.subjectId))].filter(isUuid));
  const taskIds = new Set<string>();
  for (const e of entries) {
    for (const step of routeOf(e)) {
      const [kind, , id] = step.split(':');
      if (kind === 'task' && id && isUuid(id)) taskIds.add(id);
    }
  }
  const tasks = new Map<string, string>();
  if (taskIds.size > 0) {
    const rows = await queryRows<{ id: string; number: string | null; title: string }>(
      q,
      sql`select id::text as id, number, title from tracked_tasks where id in (${uuidList(taskIds)})`,
    );
    for (const row of rows) tasks.set(row.id, [row.number, row.title].filter(Boolean).join(' '));
  }

  const t = (key: MessageKey, params?: Record<string, string | number>) => ctx.text(params ? ({ key, params } as Message) : { key });
  /** The definitions an entry's node ids may come from: its application's version first, then the type's others. */
  const definitionsOf = (appId: string): ApplicationDefinition[] => {
    const app = apps.get(appId);
    if (!app) return [];
    const own = versions.filter((v) => v.id === app.versionId);
    return [...own, ...versions.filter((v) => v.typeId === app.typeId && v.id !== app.versionId)].map((v) => v.definition);
  };
  const nodeOf = (appId: string, nodeId: string): FlowNode | undefined => {
    for (const def of definitionsOf(appId)) {
      const node = def.flow.nodes.find((n) => n.id === nodeId);
      if (node) return node;
    }
    return undefined;
  };
  const nodeName = (appId: string, nodeId: string) => (nodeId === 'initiator' ? t('describe.app.initiator') : (nodeOf(appId, nodeId)?.name ?? nodeId));
  const fieldOf = (appId: string, key: string): ScalarField | undefined => {
    for (const def of definitionsOf(appId)) {
      for (const field of def.form.fields) {
        if (field.key === key && field.type !== 'table') return field;
        if (field.type === 'table') {
          const column = field.columns.find((c) => c.key === key);
          if (column) return column;
        }
      }
    }
    return undefined;
  };
  const formLabel = (appId: string, key: string) => {
    for (const def of definitionsOf(appId)) {
      const field = def.form.fields.find((f) => f.key === key);
      if (field) return field.label;
    }
    return fieldOf(appId, key)?.label ?? key;
  };

  const conditionValue = (field: ScalarField | undefined, value: Condition['value']): string => {
    if (value === undefined) return '';
    if (Array.isArray(value)) return value.map((v) => conditionValue(field, v)).join(ctx.locale === 'zh-CN' ? '、' : ', ');
    if (typeof value === 'boolean') return t(value ? 'describe.yes' : 'describe.no');
    if (field?.type === 'money' && typeof value === 'number') return t('describe.app.money', { amount: value });
    if (field?.type === 'select') return field.options?.find((o) => o.value === String(value))?.label ?? String(value);
    return String(value);
  };
  const conditionText = (appId: string, c: Condition) => {
    const op = t(`describe.app.op.${c.op}`);
    const label = formLabel(appId, c.field);
    if (c.op === 'empty' || c.op === 'not_empty') return `${label} ${op}`;
    return `${label} ${op} ${conditionValue(fieldOf(appId, c.field), c.value)}`;
  };

  /** `branch:<condition node>-><target>`: the branch that leads there, its conditions in words. */
  const branchText = (appId: string, at: string, target: string) => {
    const node = nodeOf(appId, at);
    const to = nodeName(appId, target);
    if (!node || node.type !== 'condition') return t('describe.route.enter', { node: to });
    const candidates = node.branches.map((b, i) => ({ b, i })).filter(({ b }) => b.next === target);
    let branch: number | null = candidates[0]?.i ?? null;
    if (candidates.length > 1 || (candidates.length === 1 && node.otherwise === target)) {
      // Several ways lead to the target: the one the form takes now (the form the flow read is no longer known).
      const chosen = chooseBranch(node as ConditionNode, apps.get(appId)?.form ?? {});
      if (chosen.next === target) branch = chosen.branch;
    }
    if (branch === null) return t('describe.route.otherwise', { at: node.name, node: to });
    const conditions = node.branches[branch]!.when.map((c) => conditionText(appId, c)).join(t('describe.app.and'));
    return t('describe.route.branch', { condition: conditions, node: to });
  };

  const routeStep = (appId: string, step: string): string => {
    const parts = step.split(':');
    const [kind] = parts;
    const node = (id: string | undefined) => nodeName(appId, id ?? '');
    switch (kind) {
      case 'enter':
        return t('describe.route.enter', { node: node(parts[1]) });
      case 'branch': {
        const [at, target] = (parts[1] ?? '').split('->');
        return branchText(appId, at ?? '', target ?? '');
      }
      case 'complete': {
        const outcome = parts[2] ?? '';
        const key = `describe.app.outcome.${outcome}`;
        return t('describe.route.complete', { node: node(parts[1]), outcome: isMessageKey(key) ? t(key) : outcome });
      }
      case 'finish': {
        const key = `describe.route.finish.${parts[1]}`;
        return isMessageKey(key) ? t(key) : t('describe.route.unknown');
      }
      case 'substitute': {
        // substitute:<node>:<reason>-><via>
        const [reason, via] = (parts[2] ?? '').split('->');
        const reasonKey = `describe.route.reason.${reason}`;
        const viaKey = `describe.route.via.${via}`;
        if (!isMessageKey(reasonKey) || !isMessageKey(viaKey)) return t('describe.route.unknown');
        return t('describe.route.substitute', { node: node(parts[1]), reason: t(reasonKey), via: t(viaKey) });
      }
      case 'emergency':
        return t('describe.route.emergency', { node: node(parts[1]) });
      case 'skip_empty':
        return t('describe.route.skip_empty', { node: node(parts[1]) });
      case 'fork':
        return t('describe.route.fork', { node: node(parts[1]) });
      case 'join':
        return t('describe.route.join', { node: node(parts[1]) });
      case 'cc':
        return t('describe.route.cc', { node: node(parts[1]) });
      case 'notify':
        return t('describe.route.notify', { node: node(parts[1]) });
      case 'task':
        return t('describe.route.task', { node: node(parts[1]), task: tasks.get(parts[2] ?? '') ?? '' });
      case 'number':
        return t('describe.route.number', { number: parts.slice(1).join(':') });
      case 'restart': {
        const fields = (parts[1] ?? '').split(',').filter(Boolean).map((k) => formLabel(appId, k));
        return t('describe.route.restart', { fields: fields.join(ctx.locale === 'zh-CN' ? '、' : ', ') });
      }
      case 'resume':
        return t('describe.route.resume', { node: node(parts[1]) });
      case 'return': {
        const [from, to] = (parts[1] ?? '').split('->');
        return to === 'initiator'
          ? t('describe.route.return_initiator', { node: node(from) })
          : t('describe.route.return_to', { node: node(from), to: node(to) });
      }
      case 'add_signer': {
        const key = `describe.route.add_signer.${parts[1]}`;
        return isMessageKey(key) ? t(key) : t('describe.route.unknown');
      }
      case 'emergency_execute':
        return t('describe.route.emergency_execute');
      case 'review': {
        const key = `describe.route.review.${parts[1]}`;
        return isMessageKey(key) ? t(key) : t('describe.route.unknown');
      }
      case 'escalate':
      case 'transfer':
      case 'auto_approve':
      case 'auto_reject':
        return t(`describe.route.${kind}`, { node: node(parts[1]) });
      case 'flag':
        return parts[1] === 'split_purchase' ? t('describe.route.split', { count: parts[2] ?? '' }) : t('describe.route.unknown');
      case 'form_version':
        return t('describe.route.form_version', { version: parts[1] ?? '' });
      default:
        return t('describe.route.unknown');
    }
  };

  /** The route as one text: steps separated by "；", a step's decision and the flow's end joined by "，". */
  const routeText = (appId: string, steps: readonly string[]): string => {
    const sep = ctx.locale === 'zh-CN' ? { step: '；', end: '，' } : { step: '; ', end: ', ' };
    let out = '';
    steps.forEach((step, i) => {
      const text = routeStep(appId, step);
      if (i > 0) out += step.startsWith('finish:') && steps[i - 1]!.startsWith('complete:') ? sep.end : sep.step;
      out += text;
    });
    return out;
  };

  const fieldValue = (entry: DescribableEntry, field: string, value: unknown, ctx2: DescribeContext): string | undefined => {
    const appId = entry.subjectId;
    if (value === null || value === undefined) return undefined;
    switch (field) {
      case 'status': {
        const key = `flow.status.${String(value)}`;
        return isMessageKey(key) ? t(key) : undefined;
      }
      case 'node':
      case 'returnTo':
        return typeof value === 'string' ? nodeName(appId, value) : undefined;
      case 'nodes':
        // A list of nodes, or (a migration) the nodes that moved: { from: to }.
        if (Array.isArray(value)) {
          return value.length === 0 ? t('describe.empty_list') : value.map((v) => nodeName(appId, String(v))).join(ctx.locale === 'zh-CN' ? '、' : ', ');
        }
        return typeof value === 'object' ? movedNodes(value as Record<string, unknown>, (id) => nodeName(appId, id), ctx) : undefined;
      case 'decision': {
        const key = `describe.app.decision.${String(value)}`;
        return isMessageKey(key) ? t(key) : undefined;
      }
      case 'route':
        return Array.isArray(value) ? routeText(appId, value.map(String)) : undefined;
      case 'type':
        return typeof value === 'string' ? (typeNames.get(value) ?? value) : undefined;
      case 'version':
      case 'from':
      case 'formVersion':
        return typeof value === 'number' ? t('describe.app.version', { version: value }) : undefined;
      case 'position': {
        const key = `describe.app.position.${String(value)}`;
        return isMessageKey(key) ? t(key) : undefined;
      }
      case 'kind': {
        const key = `describe.app.kind.${String(value)}`;
        return isMessageKey(key) ? t(key) : undefined;
      }
      case 'changed':
        return Array.isArray(value) ? value.map((k) => formLabel(appId, String(k))).join(ctx.locale === 'zh-CN' ? '、' : ', ') || t('describe.empty_list') : undefined;
      case 'moved':
        return Array.isArray(value)
          ? value
              .map((m: { from?: unknown; to?: unknown }) =>
                t('describe.app.moved', { from: genericValue('from', m.from, ctx2), to: genericValue('to', m.to, ctx2) }),
              )
              .join(ctx.locale === 'zh-CN' ? '、' : ', ')
          : undefined;
      default:
        return undefined;
    }
  };

  return {
    label: (id) => {
      const app = apps.get(id);
      return app ? [app.typeName, app.number, app.title].filter(Boolean).join(' ') : undefined;
    },
    where: (e) => {
      const node = e.diff.node?.after;
      return typeof node === 'string' ? nodeName(e.subjectId, node) : undefined;
    },
    value: (e, field, value) => fieldValue(e, field, value, ctx),
  };
});

/** "「部门负责人审批」→「部门经理审批」、…": nodes mapped onto others by a migration, by name; none moved reads 无. */
function movedNodes(map: Record<string, unknown>, name: (id: string) => string, ctx: DescribeContext): string {
  const pairs = Object.entries(map).filter((pair): pair is [string, string] => typeof pair[1] === 'string');
  if (pairs.length === 0) return ctx.text(msg('describe.empty_list'));
  return pairs
    .map(([from, to]) => ctx.text(msg('describe.app.node_moved', { from: name(from), to: name(to) })))
    .join(ctx.locale === 'zh-CN' ? '、' : ', ');
}

/**
 * A type named by its own name ("采购申请") in its trace; a migration's node map names the nodes of its versions.
 * One query for the names, one for the versions' definitions when an entry maps nodes.
 */
registerDescriber('application_type', async (q, entries, ctx) => {
  const { name } = await namedByColumn('application_types', 'name')(q, entries, ctx);
  const mapping = entries.filter((e) => e.diff.nodeMap !== undefined && isUuid(e.subjectId));
  const nodeNames = new Map<string, Map<string, string>>();
  if (mapping.length > 0) {
    const rows = await queryRows<{ typeId: string; definition: ApplicationDefinition }>(
      q,
      sql`select type_id::text as "typeId", definition from application_type_versions
          where type_id in (${uuidList(new Set(mapping.map((e) => e.subjectId)))}) order by version desc`,
    );
    for (const row of rows) {
      const names = nodeNames.get(row.typeId) ?? new Map<string, string>();
      for (const node of row.definition.flow.nodes) if (!names.has(node.id)) names.set(node.id, node.name);
      nodeNames.set(row.typeId, names);
    }
  }
  return {
    name,
    value: (e, field, value) =>
      field === 'nodeMap' && value !== null && typeof value === 'object'
        ? movedNodes(value as Record<string, unknown>, (id) => nodeNames.get(e.subjectId)?.get(id) ?? id, ctx)
        : undefined,
  };
});

function routeOf(e: DescribableEntry): string[] {
  const route = e.diff.route?.after;
  return Array.isArray(route) ? route.map(String) : [];
}

registerNumberResolver(async (q, number) => {
  const [row] = await queryRows<{ id: string }>(q, sql`select id::text as id from applications where number = ${number}`);
  return row ? { subjectType: 'application', subjectId: row.id } : null;
});
