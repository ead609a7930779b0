/**
 * The minutes' trace in plain language: "「周例会」会议纪要", statuses and version states in words, the content as
 * "3 项议题，2 条决议" (or, for a confidential meeting, that only a commitment was kept), departments by name.
 */
import { inArray } from 'drizzle-orm';
import { beijingMinute } from '../../../kernel/clock.ts';
import { isUuid, registerDescriber, type DescribeContext } from '../../../kernel/ledger/describe.ts';
import { isMessageKey, msg } from '../../../kernel/messages.ts';
import { meetings } from '../schema.ts';

const word = (ctx: DescribeContext, key: string) => (isMessageKey(key) ? ctx.text({ key }) : undefined);

registerDescriber('meeting_minutes', async (q, entries, ctx) => {
  const ids = [...new Set(entries.map((e) => e.subjectId))].filter(isUuid);
  const rows = ids.length === 0 ? [] : await q.select({ id: meetings.id, topic: meetings.topic }).from(meetings).where(inArray(meetings.id, ids));
  const topics = new Map(rows.map((r) => [r.id, r.topic]));
  return {
    label: (id) => {
      const topic = topics.get(id);
      return topic === undefined ? undefined : ctx.text(msg('describe.minutes.label', { topic }));
    },
    value: (_e, field, value) => {
      if (field === 'status' && typeof value === 'string') return word(ctx, `minutes.status.${value}`);
      if (field === 'content') {
        if (typeof value === 'string') return ctx.text(msg('describe.minutes.committed'));
        if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
          const items = (value as { items: { resolutions?: unknown[] }[] }).items;
          return ctx.text(msg('describe.minutes.content', { items: items.length, resolutions: items.reduce((n, i) => n + (i.resolutions?.length ?? 0), 0) }));
        }
      }
      if (field === 'body' && typeof value === 'string' && value.startsWith('hmac-sha256:')) return ctx.text(msg('describe.minutes.committed'));
      if (field === 'distributionDepartmentIds' && Array.isArray(value)) return value.map((id) => (typeof id === 'string' ? (ctx.names.department(id) ?? id) : String(id))).join('、');
      if (field === 'feedbackUntil' && typeof value === 'string') return beijingMinute(value);
      if (field === 'removedResolutions' && Array.isArray(value)) return value.join('、');
      return undefined;
    },
  };
});
