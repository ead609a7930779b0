/** The `notify.deliver` job: one message to one recipient through one external channel. */
import type { ChannelKind } from './schema.ts';

export const DELIVER_JOB = 'notify.deliver';

export interface DeliveryPayload {
  notificationId: string;
  /** The notification batch, the subject the job belongs to (the command walker counts it so). */
  batchId: string;
  channelId: string;
  kind: ChannelKind;
  /** The recipient; for a group robot, the first of those its one message names. */
  recipientId: string;
  /**
   * Group robots: everyone of the batch the one message posted into the group names (and @mentions where the
   * platform can); absent for personal channels (email, SMS) and in deliveries queued before robots were grouped.
   */
  recipientIds?: string[];
  /** A channel test from 系统集成 → 通知渠道: delivered even while the channel is paused. */
  test?: true;
}
