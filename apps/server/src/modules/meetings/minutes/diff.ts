/**
 * The difference between two minutes versions (修订对比): per agenda item, statements and resolutions added, removed
 * or changed, and the changed text fields word by word. A small LCS diff of our own: minutes are short (a field holds
 * at most a few thousand characters), so the O(n·m) table is cheap, and tokens are words, CJK characters one by one,
 * and runs of spaces and line breaks — a Chinese sentence has no spaces to split on.
 */
import type { DiffPart, MinutesContent, MinutesItem, MinutesResolution, MinutesStatement, VersionDiff } from '@henji/contracts';

/** Above this many tokens on either side the diff gives up on the detail: the whole old text removed, the new added. */
const MAX_TOKENS = 4000;

export function tokenize(text: string): string[] {
  return text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}_]+|\s+|[^\s\p{L}\p{N}_]/gu) ?? [];
}

/** Word diff of two texts: runs of unchanged, removed and added tokens, in reading order. */
export function diffText(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else if (text !== '') parts.push({ op, text });
  };
  if (a.length > MAX_TOKENS || b.length > MAX_TOKENS) {
    if (before === after) return before === '' ? [] : [{ op: 'same', text: before }];
    push('removed', before);
    push('added', after);
    return parts;
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const lcs = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return parts;
}

const changed = (parts: DiffPart[]) => parts.some((p) => p.op !== 'same');

function fieldDiffs(pairs: [string, string, string][]): { field: string; parts: DiffPart[] }[] {
  return pairs.map(([field, before, after]) => ({ field, parts: diffText(before, after) })).filter((f) => changed(f.parts));
}

/** Items are matched by agenda item; 临时动议 (no agenda item) by title, then by position among them. */
function itemKey(item: MinutesItem, index: number, items: MinutesItem[]): string {
  if (item.agendaItemId) return `agenda:${item.agendaItemId}`;
  const sameTitle = items.slice(0, index).filter((i) => !i.agendaItemId && i.title === item.title).length;
  return `extra:${item.title}:${sameTitle}`;
}

/** Statements are matched by speaker (id, else name) and their order among that speaker's statements. */
function statementKeys(statements: MinutesStatement[]): string[] {
  const seen = new Map<string, number>();
  return statements.map((s) => {
    const who = s.speakerId ?? `name:${s.speakerName}`;
    const n = seen.get(who) ?? 0;
    seen.set(who, n + 1);
    return `${who}#${n}`;
  });
}

function diffStatements(before: MinutesStatement[], after: MinutesStatement[], label: Labeler) {
  const beforeKeys = statementKeys(before);
  const afterKeys = statementKeys(after);
  const old = new Map(beforeKeys.map((k, i) => [k, before[i]!]));
  const fresh = new Map(afterKeys.map((k, i) => [k, after[i]!]));
  return {
    added: afterKeys.filter((k) => !old.has(k)).map((k) => fresh.get(k)!),
    removed: beforeKeys.filter((k) => !fresh.has(k)).map((k) => old.get(k)!),
    changed: afterKeys
      .filter((k) => old.has(k))
      .map((k) => {
        const o = old.get(k)!;
        const n = fresh.get(k)!;
        return {
          speakerName: n.speakerName,
          fields: fieldDiffs([
            ['speakerName', o.speakerName, n.speakerName],
            ['departmentId', label('departmentId', o.departmentId), label('departmentId', n.departmentId)],
            ['points', o.points, n.points],
          ]),
        };
      })
      .filter((c) => c.fields.length > 0),
  };
}

function diffResolutions(before: MinutesResolution[], after: MinutesResolution[], label: Labeler) {
  const old = new Map(before.map((r) => [r.key, r]));
  const fresh = new Map(after.map((r) => [r.key, r]));
  return {
    added: after.filter((r) => !old.has(r.key)),
    removed: before.filter((r) => !fresh.has(r.key)),
    changed: after
      .filter((r) => old.has(r.key))
      .map((n) => {
        const o = old.get(n.key)!;
        return {
          key: n.key,
          fields: fieldDiffs([
            ['content', o.content, n.content],
            ['departmentId', label('departmentId', o.departmentId), label('departmentId', n.departmentId)],
            ['ownerId', label('ownerId', o.ownerId), label('ownerId', n.ownerId)],
            ['deadline', label('deadline', o.deadline), label('deadline', n.deadline)],
          ]),
        };
      })
      .filter((c) => c.fields.length > 0),
  };
}

/** How a coded field reads in a field diff: a person's or department's name, a deadline in Beijing time. */
export type Labeler = (field: 'departmentId' | 'ownerId' | 'deadline', value: string | null) => string;
const asIs: Labeler = (_field, value) => value ?? '';

export function diffMinutes(from: number, to: number, before: MinutesContent, after: MinutesContent, label: Labeler = asIs): VersionDiff {
  const oldItems = new Map(before.items.map((item, i) => [itemKey(item, i, before.items), item]));
  const newKeys = after.items.map((item, i) => itemKey(item, i, after.items));
  const items: VersionDiff['items'] = after.items.map((item, i) => {
    const old = oldItems.get(newKeys[i]!);
    const empty: MinutesItem = { agendaItemId: null, title: '', statements: [], result: '', resolutions: [] };
    const base = old ?? empty;
    const fields = fieldDiffs([
      ['title', base.title, item.title],
      ['result', base.result, item.result],
    ]);
    const statements = diffStatements(base.statements, item.statements, label);
    const resolutions = diffResolutions(base.resolutions, item.resolutions, label);
    const same = fields.length === 0 && [statements, resolutions].every((d) => d.added.length + d.removed.length + d.changed.length === 0);
    return { title: item.title, change: old ? (same ? 'same' : 'changed') : 'added', fields, statements, resolutions };
  });
  const kept = new Set(newKeys);
  before.items.forEach((item, i) => {
    if (kept.has(itemKey(item, i, before.items))) return;
    items.push({
      title: item.title,
      change: 'removed',
      fields: fieldDiffs([
        ['title', item.title, ''],
        ['result', item.result, ''],
      ]),
      statements: { added: [], removed: item.statements, changed: [] },
      resolutions: { added: [], removed: item.resolutions, changed: [] },
    });
  });
  return { from, to, items, notes: diffText(before.notes, after.notes) };
}
