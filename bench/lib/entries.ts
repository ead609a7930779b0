/**
 * Realistic ledger entries in bulk: the actions of the catalogue, people acting (sometimes for someone else), diffs
 * with Chinese text, comments, evidence and request metadata, each payload in the canonical form `buildPayload`
 * gives a traced command.
 */
import { randomUUID } from 'node:crypto';
import { buildPayload, type FieldChange, type TraceInput } from '../../apps/server/src/kernel/ledger/append.ts';
import type { ActionName } from '../../apps/server/src/kernel/ledger/actions.ts';

export interface BulkEntry {
  recordedAt: string;
  actorId: string | null;
  onBehalfOfId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  payload: string;
}

/** A deterministic generator (mulberry32), so two fixture builds hold the same shapes of data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The people who act in the generated ledger. */
const ACTORS = Array.from({ length: 300 }, () => randomUUID());
const DEPARTMENT_NAMES = ['财务部', '人力资源部', '技术部', '行政部', '市场部', '法务部', '采购部', '质量管理部'];
const PEOPLE = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞'];
const COMMENTS = ['同意，请按计划执行。', '请补充预算明细后再提交。', '已核对，无异议。', '情况属实，建议批准。', '退回：附件不完整。'];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'henji-cli/0.1',
];

interface Template {
  action: ActionName;
  subjectType: string;
  weight: number;
  diff(pick: <T>(list: readonly T[]) => T, n: number): Record<string, FieldChange>;
}

const TEMPLATES: Template[] = [
  { action: 'auth.login', subjectType: 'user', weight: 30, diff: () => ({}) },
  {
    action: 'user.update',
    subjectType: 'user',
    weight: 20,
    diff: (pick, n) => ({
      displayName: { before: pick(PEOPLE), after: pick(PEOPLE) },
      email: { before: `u${n}@old.example.cn`, after: `u${n}@example.cn` },
    }),
  },
  {
    action: 'department.update',
    subjectType: 'department',
    weight: 15,
    diff: (pick, n) => ({ name: { before: pick(DEPARTMENT_NAMES), after: `${pick(DEPARTMENT_NAMES)}${n % 10}组` }, sortOrder: { before: n % 7, after: n % 11 } }),
  },
  {
    action: 'department.create',
    subjectType: 'department',
    weight: 5,
    diff: (pick, n) => ({
      code: { after: `D${n.toString(36).toUpperCase()}` },
      name: { after: pick(DEPARTMENT_NAMES) },
      parentId: { after: null },
      sortOrder: { after: 0 },
      active: { after: true },
    }),
  },
  {
    action: 'user.create',
    subjectType: 'user',
    weight: 10,
    diff: (pick, n) => ({
      username: { after: `user${n}` },
      displayName: { after: pick(PEOPLE) },
      email: { after: `user${n}@example.cn` },
      departmentId: { after: randomUUID() },
      roles: { after: ['finance'] },
    }),
  },
  { action: 'user.password_change', subjectType: 'user', weight: 10, diff: () => ({ password: { before: 'x', after: 'y' } }) },
  {
    action: 'delegation.create',
    subjectType: 'delegation',
    weight: 10,
    diff: (pick) => ({
      delegateId: { after: randomUUID() },
      startsOn: { after: '2026-03-01' },
      endsOn: { after: '2026-03-15' },
      reason: { after: `${pick(PEOPLE)}出差期间代为审批` },
    }),
  },
];
const TOTAL_WEIGHT = TEMPLATES.reduce((n, t) => n + t.weight, 0);

/** Makes `count` entries, `stepMs` apart on average, starting at `start`; `serial` numbers them across calls. */
export function makeEntries(random: () => number, serial: number, count: number, start: number, stepMs: number): BulkEntry[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: BulkEntry[] = new Array<BulkEntry>(count);
  let at = start;
  for (let k = 0; k < count; k++) {
    const n = serial + k;
    let roll = random() * TOTAL_WEIGHT;
    let template = TEMPLATES[0]!;
    for (const t of TEMPLATES) {
      roll -= t.weight;
      if (roll < 0) {
        template = t;
        break;
      }
    }
    const actorId = random() < 0.05 ? null : pick(ACTORS);
    const input: TraceInput = {
      action: template.action,
      subjectType: template.subjectType,
      subjectId: template.action === 'auth.login' && actorId ? actorId : randomUUID(),
      diff: template.diff(pick, n),
      comment: random() < 0.2 ? pick(COMMENTS) : null,
      evidence: random() < 0.05 ? [{ name: '审批附件.pdf', sha256: randomUUID().replaceAll('-', '').repeat(2) }] : [],
      ...(template.action === 'user.password_change' ? { confidential: ['password'] } : {}),
    };
    at += Math.floor(random() * 2 * stepMs);
    const recordedAt = new Date(at);
    out[k] = {
      recordedAt: recordedAt.toISOString(),
      actorId,
      onBehalfOfId: actorId && random() < 0.02 ? pick(ACTORS) : null,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      payload: buildPayload(input, {
        actorId,
        onBehalfOfId: null,
        requestId: randomUUID(),
        ip: `10.0.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`,
        userAgent: pick(USER_AGENTS),
        recordedAt,
      }),
    };
  }
  return out;
}
