import { describe, expect, it } from 'vitest';
import { deliveryNote, recipientsText } from './delivery-text.ts';
import { notifyEnUS } from './i18n.en-US.ts';
import { notifyZhCN } from './i18n.zh-CN.ts';

describe('a delivery in the log', () => {
  it('names everyone a group message is for, or its one recipient', () => {
    const one = { id: 'a', displayName: '张三' };
    expect(recipientsText({ recipient: one, recipients: [one, { id: 'b', displayName: '李四' }, { id: 'c', displayName: null }] }, '、')).toBe('张三、李四、c');
    expect(recipientsText({ recipient: one, recipients: [] }, '、')).toBe('张三');
  });

  it('says a skipped delivery was not sent and why, never as delivered', () => {
    expect(deliveryNote({ state: 'skipped', skipReason: 'channel_paused', lastError: null })).toEqual({ skipped: 'notify.delivery.skipReasons.channel_paused' });
    expect(deliveryNote({ state: 'failed', skipReason: null, lastError: 'the robot answered HTTP 500' })).toEqual({ error: 'the robot answered HTTP 500' });
    expect(deliveryNote({ state: 'done', skipReason: null, lastError: null })).toBeNull();
    expect(notifyZhCN.delivery.states.skipped).toBe('未发送');
    expect(notifyZhCN.delivery.skipReasons.channel_paused).toMatch(/未发送/);
    expect(notifyEnUS.delivery.skipReasons.channel_paused).toMatch(/Not sent/);
  });
});
