/** The command walker's cases for outbound webhooks (K12); merged into CASES in command-cases.ts. */
import { expect } from 'vitest';
import { execute } from '../../src/kernel/command.ts';
import { createWebhook, pingWebhook, rotateWebhookSecret, updateWebhook } from '../../src/kernel/webhooks/commands.ts';
import { callerFor, unique, type TestHenji } from '../harness.ts';
import { admin, plan, webhook, type Case } from './command-plan.ts';

const subscription = () => ({ name: unique('集成'), url: 'http://127.0.0.1:9/henji', events: ['department.', '*'] });

export const WEBHOOK_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'webhooks.create': async (h) => [
    plan('subscribes a URL', createWebhook, callerFor(await admin(h)), subscription(), (r) => {
      expect(r.secret).toMatch(/^whsec_/);
      return [webhook(r.row.id)];
    }),
  ],
  'webhooks.update': async (h) => {
    const caller = callerFor(await admin(h));
    const { row } = await execute(h.db, caller, createWebhook, subscription());
    return [
      plan('pauses it and changes its events', updateWebhook, caller, { id: row.id, changes: { active: false, events: ['user.'] } }, () => [
        webhook(row.id),
      ]),
      plan('an update that changes nothing is not traced', updateWebhook, caller, {
        id: row.id,
        changes: { active: false, events: ['user.', 'user.'] },
      }, () => [], { quiet: true }),
    ];
  },
  'webhooks.rotateSecret': async (h) => {
    const caller = callerFor(await admin(h));
    const created = await execute(h.db, caller, createWebhook, subscription());
    return [
      plan('replaces the secret', rotateWebhookSecret, caller, { id: created.row.id }, (r) => {
        expect(r.secret).not.toBe(created.secret);
        return [webhook(created.row.id)];
      }),
    ];
  },
  'webhooks.ping': async (h) => {
    const caller = callerFor(await admin(h));
    const { row } = await execute(h.db, caller, createWebhook, subscription());
    // The queued delivery is a jobs row, which belongs to the webhook (SUBJECT_OF_ROW in commands-traced.test.ts).
    return [plan('queues a test delivery', pingWebhook, caller, { id: row.id }, () => [webhook(row.id)])];
  },
};
