import { describe, expect, it } from 'vitest';
import type { MinutesContent } from '@henji/contracts';
import { diffMinutes, diffText, tokenize } from './diff.ts';

describe('word diff', () => {
  it('splits Chinese by character and other text by word, keeping spaces', () => {
    expect(tokenize('完成 report v2!')).toEqual(['完', '成', ' ', 'report', ' ', 'v2', '!']);
  });

  it('marks what was added and removed, in reading order', () => {
    expect(diffText('完成供应商合同续签', '两周内完成合同续签')).toEqual([
      { op: 'added', text: '两周内' },
      { op: 'same', text: '完成' },
      { op: 'removed', text: '供应商' },
      { op: 'same', text: '合同续签' },
    ]);
    expect(diffText('the old plan', 'the new plan')).toEqual([
      { op: 'same', text: 'the ' },
      { op: 'removed', text: 'old' },
      { op: 'added', text: 'new' },
      { op: 'same', text: ' plan' },
    ]);
    expect(diffText('', '')).toEqual([]);
    expect(diffText('同', '同')).toEqual([{ op: 'same', text: '同' }]);
  });
});

describe('minutes diff', () => {
  const agenda = '11111111-1111-4111-8111-111111111111';
  const base: MinutesContent = {
    items: [
      {
        agendaItemId: agenda,
        title: '预算',
        statements: [{ speakerId: null, speakerName: '王经理', departmentId: null, points: '预算超支' }],
        result: '原则同意',
        resolutions: [{ key: 'a', content: '压缩开支', departmentId: null, ownerId: null, deadline: null }],
      },
      { agendaItemId: null, title: '临时动议', statements: [], result: '', resolutions: [] },
    ],
    notes: '',
  };

  it('matches items by agenda item, statements by speaker and resolutions by key', () => {
    const next: MinutesContent = {
      items: [
        {
          ...base.items[0]!,
          statements: [
            { speakerId: null, speakerName: '王经理', departmentId: null, points: '预算略有超支' },
            { speakerId: null, speakerName: '李会计', departmentId: null, points: '同意' },
          ],
          resolutions: [{ key: 'b', content: '下月复核', departmentId: null, ownerId: null, deadline: null }],
        },
      ],
      notes: '无',
    };
    const diff = diffMinutes(1, 2, base, next);
    expect(diff.items.map((i) => [i.title, i.change])).toEqual([
      ['预算', 'changed'],
      ['临时动议', 'removed'],
    ]);
    const item = diff.items[0]!;
    expect(item.statements.added.map((s) => s.speakerName)).toEqual(['李会计']);
    expect(item.statements.changed[0]!.fields[0]!.parts).toEqual([
      { op: 'same', text: '预算' },
      { op: 'added', text: '略有' },
      { op: 'same', text: '超支' },
    ]);
    expect(item.resolutions.added.map((r) => r.key)).toEqual(['b']);
    expect(item.resolutions.removed.map((r) => r.key)).toEqual(['a']);
    expect(diff.notes).toEqual([{ op: 'added', text: '无' }]);
  });

  it('finds nothing between equal versions', () => {
    const diff = diffMinutes(1, 2, base, structuredClone(base));
    expect(diff.items.every((i) => i.change === 'same')).toBe(true);
  });
});
