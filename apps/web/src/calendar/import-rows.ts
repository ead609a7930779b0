/** The rows of the import preview: the year's days as the import leaves them, and the days it removes, by date. */
import type { CalendarDay, CalendarImportPreview } from '@henji/contracts';

export interface PreviewRow {
  date: string;
  kind: CalendarDay['kind'];
  name: string;
  change: 'add' | 'change' | 'same' | 'remove';
  before: CalendarDay | null;
  conflict: boolean;
}

export function previewRows(preview: CalendarImportPreview): PreviewRow[] {
  return [
    ...preview.items,
    ...preview.removals.map((d): PreviewRow => ({ date: d.date, kind: d.kind, name: d.name, change: 'remove', before: d, conflict: false })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}
