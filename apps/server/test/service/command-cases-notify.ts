/**
 * The command walker's cases for notifications (K8); merged into CASES in command-cases.ts. notify() itself is not a
 * command: the channel test runs it (one inbox row, one notification.send trace, one delivery job), and the API test
 * (test/api/notifications.test.ts) drives it through a test-only command.
 */
import { expect } from 'vitest';
import { execute } from '../../src/kernel/command.ts';
import { createChannel, testChannel, updateChannel } from '../../src/kernel/notify/channels/commands.ts';
import { markNotificationsRead } from '../../src/kernel/notify/inbox.ts';
import { setNotificationPreferences } from '../../src/kernel/notify/preferences.ts';
import { callerFor, makeUser, unique, type TestHenji } from '../harness.ts';
import { admin, notificationChannel, plan, user, type Case } from './command-plan.ts';

/** Nothing listens there: the walker never runs the job runner, so no delivery is attempted. */
const robot = () => ({ kind: 'wecom' as const, name: unique('机器人'), config: { url: 'http://127.0.0.1:9/robot?key=walker' } });

/** An administrator with one notification from a channel test in their inbox. */
async function adminWithNotification(h: TestHenji) {
  const caller = callerFor(await admin(h));
  const channel = await execute(h.db, caller, createChannel, robot());
  const { notificationId } = await execute(h.db, caller, testChannel, { id: channel.id });
  return { caller, notificationId };
}

export const NOTIFY_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'notify.createChannel': async (h) => [
    plan('sets up a robot', createChannel, callerFor(await admin(h)), { ...robot(), config: { url: 'http://127.0.0.1:9/r', secret: 'SECwalker' } }, (r) => [
      notificationChannel(r.id),
    ]),
    plan('sets up an SMTP server', createChannel, callerFor(await admin(h)), {
      kind: 'smtp',
      name: unique('邮件'),
      config: { host: '127.0.0.1', port: 9, secure: false, username: 'henji', password: 'walker-password', from: 'henji@example.com' },
    }, (r) => [notificationChannel(r.id)]),
  ],
  'notify.updateChannel': async (h) => {
    const caller = callerFor(await admin(h));
    const channel = await execute(h.db, caller, createChannel, robot());
    return [
      plan('pauses it and replaces its secret', updateChannel, caller, { id: channel.id, changes: { active: false, config: { secret: 'SECnew' } } }, () => [
        notificationChannel(channel.id),
      ]),
      plan('a change that changes nothing is not traced', updateChannel, caller, { id: channel.id, changes: { active: false, config: { secret: 'SECnew' } } }, () => [], {
        quiet: true,
      }),
    ];
  },
  'notify.testChannel': async (h) => {
    const caller = callerFor(await admin(h));
    const channel = await execute(h.db, caller, createChannel, robot());
    // The inbox row and the delivery job belong to the notification batch (SUBJECT_OF_ROW in commands-traced.test.ts).
    return [plan('sends a test notification', testChannel, caller, { id: channel.id }, () => [notificationChannel(channel.id)])];
  },
  'notify.markRead': async (h) => {
    const { caller, notificationId } = await adminWithNotification(h);
    const readerId = caller.actor.kind === 'user' ? caller.actor.userId : '';
    return [
      plan('marks one read', markNotificationsRead, caller, { ids: [notificationId] }, (r) => {
        expect(r.marked).toBe(1);
        return [user(readerId)];
      }),
      plan('marking it again changes nothing', markNotificationsRead, caller, { ids: [notificationId] }, () => [], { quiet: true }),
      plan('marking all when all are read changes nothing', markNotificationsRead, caller, { all: true }, () => [], { quiet: true }),
    ];
  },
  'notify.setPreferences': async (h) => {
    const person = await makeUser(h);
    const caller = callerFor(person.actor);
    return [
      plan('chooses channels and quiet hours', setNotificationPreferences, caller, {
        channels: { wecom: true },
        quietStart: '22:00',
        quietEnd: '07:00',
      }, () => [user(person.row.id)]),
      plan('saving the same again changes nothing', setNotificationPreferences, caller, { channels: { wecom: true } }, () => [], { quiet: true }),
    ];
  },
};

