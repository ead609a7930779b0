/** The `notify.deliver` job: one message to one recipient through one external channel. */
import type { ChannelKind } from './schema.ts';

export const DELIVER_JOB = 'notify.deliver';

export interface DeliveryPayload {
  notificationId: string;
  /** The notification batch, the subject the job belongs to (the command walker counts it so). */
  batchId: string;
  channelId: string;
  kind: ChannelKind;
  recipientId: string;
  /** A channel test from 系统集成 → 通知渠道: delivered even while the channel is paused. */
  test?: true;
}
