import { describe, expect, it } from 'vitest';
import type { InboxItem } from '@henji/contracts';
import { addPhrase, batchItems, batchRows, batchSelectable, editPhrase, fileNameOf, insertPhrase, movePhrase, phraseProblem, removePhrase, suggestionsFor, toggleAll, toggleOne, PHRASES_MAX } from './logic.ts';

const item = (taskId: string, changes: Partial<InboxItem> = {}): InboxItem => ({
  taskId,
  kind: 'approve',
  status: 'pending',
  decision: null,
  nodeId: 'head',
  nodeName: '部门负责人审批',
  assignee: { id: 'u1', displayName: '张三' },
  onBehalfOf: null,
  application: { id: `app-${taskId}`, number: null, title: `申请 ${taskId}`, typeName: '采购申请', initiator: { id: 'u2', displayName: '李四' }, urgent: false, status: 'running' },
  receivedAt: '2026-12-02T06:00:00.000Z',
  actedAt: null,
  deadline: null,
  slaState: 'none',
  formHash: `sha256:${taskId}`,
  ...changes,
});

describe('saved phrases', () => {
  it('refuses empty, too long, duplicate and one too many', () => {
    expect(phraseProblem(['同意。'], '  ')).toBe('empty');
    expect(phraseProblem([], 'x'.repeat(201))).toBe('tooLong');
    expect(phraseProblem(['同意。'], ' 同意。 ')).toBe('duplicate');
    expect(phraseProblem(Array.from({ length: PHRASES_MAX }, (_, i) => `p${i}`), '新的')).toBe('tooMany');
    expect(phraseProblem(['同意。', '不同意。'], '同意。', 0)).toBeNull();
    expect(phraseProblem(['同意。', '不同意。'], '不同意。', 0)).toBe('duplicate');
  });

  it('adds, edits, removes and moves', () => {
    const list = addPhrase(['同意。'], ' 请补充材料。 ');
    expect(list).toEqual(['同意。', '请补充材料。']);
    expect(editPhrase(list, 1, '请补充报价单。')).toEqual(['同意。', '请补充报价单。']);
    expect(movePhrase(list, 1, -1)).toEqual(['请补充材料。', '同意。']);
    expect(movePhrase(list, 0, -1)).toEqual(list);
    expect(movePhrase(list, 1, 1)).toEqual(list);
    expect(removePhrase(list, 0)).toEqual(['请补充材料。']);
  });

  it('offers only suggestions not saved yet, and inserts a phrase on a new line', () => {
    expect(suggestionsFor(['同意。'], ['同意。', '不同意。'])).toEqual(['不同意。']);
    expect(insertPhrase(undefined, '同意。')).toBe('同意。');
    expect(insertPhrase('情况属实。  ', '同意。')).toBe('情况属实。\n同意。');
  });
});

describe('batch approval', () => {
  const items = [item('a'), item('b'), item('c', { kind: 'review' }), item('d', { formHash: undefined })];

  it('selects open approvals carrying a form hash only', () => {
    expect(items.map(batchSelectable)).toEqual([true, true, false, false]);
    const all = toggleAll(items, new Set());
    expect([...all].sort()).toEqual(['a', 'b']);
    expect([...toggleAll(items, all)]).toEqual([]);
    expect([...toggleAll(items, new Set(['a']))].sort()).toEqual(['a', 'b']);
    expect([...toggleOne(new Set(['a']), 'a')]).toEqual([]);
  });

  it('sends the chosen items with the hash the list showed', () => {
    expect(batchItems(items, new Set(['b', 'c', 'gone']))).toEqual([{ applicationId: 'app-b', taskId: 'b', formHash: 'sha256:b' }]);
  });

  it('lists failures first, each beside its title', () => {
    const rows = batchRows(
      {
        approved: 1,
        failed: 1,
        results: [
          { applicationId: 'app-a', taskId: 'a', ok: true, code: null, message: null },
          { applicationId: 'app-b', taskId: 'b', ok: false, code: 'conflict', message: '表单已被修改' },
        ],
      },
      items,
    );
    expect(rows.map((r) => [r.title, r.ok])).toEqual([
      ['申请 b', false],
      ['申请 a', true],
    ]);
  });
});

describe('download names', () => {
  it('reads the UTF-8 name first', () => {
    expect(fileNameOf(`attachment; filename="____-2026-12-02.xlsx"; filename*=UTF-8''%E6%88%91%E7%9A%84%E5%BE%85%E5%8A%9E-2026-12-02.xlsx`, 'x.xlsx')).toBe('我的待办-2026-12-02.xlsx');
    expect(fileNameOf('attachment; filename="a.xlsx"', 'x.xlsx')).toBe('a.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
