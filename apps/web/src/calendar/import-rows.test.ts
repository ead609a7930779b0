import { describe, expect, it } from 'vitest';
import type { CalendarImportPreview } from '@henji/contracts';
import { previewRows } from './import-rows.ts';

describe('the import preview rows', () => {
  it('put removed days among the imported ones, by date', () => {
    const preview: CalendarImportPreview = {
      year: 2027,
      format: 'notice',
      known: true,
      problems: [],
      items: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦', change: 'same', before: null, conflict: false },
        { date: '2027-02-07', kind: 'workday', name: '春节', change: 'change', before: { date: '2027-02-07', kind: 'holiday', name: '春节', source: 'imported' }, conflict: true },
      ],
      removals: [{ date: '2027-01-20', kind: 'holiday', name: '旧', source: 'imported' }],
    };
    expect(previewRows(preview).map((r) => [r.date, r.change, r.conflict])).toEqual([
      ['2027-01-01', 'same', false],
      ['2027-01-20', 'remove', false],
      ['2027-02-07', 'change', true],
    ]);
  });
});
