/**
 * Group robots (群机器人) of WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书): each posts one text message into its
 * group for everyone it is for and, where the platform can, @mentions them: WeCom and DingTalk by mobile number, Feishu
 * by user id (`<at user_id="…">`) for those who entered theirs in their notification settings (个人设置 → 通知设置,
 * `notification_preferences.feishu_user_id`); the others are named in text only (the message's last line names
 * everyone, on every platform). A robot answers HTTP 200 even when it refuses a message; the refusal is in the body
 * (errcode / code), which becomes the delivery's error.
 */
import { createHmac } from 'node:crypto';
import type { RobotConfig } from '../schema.ts';
import { postJson, type JsonAnswer } from './http.ts';
import { now as clockNow } from '../../clock.ts';

export type RobotKind = 'wecom' | 'dingtalk' | 'feishu';

export interface RobotMention {
  name: string;
  /** To @mention on WeCom and DingTalk; null when the profile has none. */
  mobile: string | null;
  /** A Feishu user id (open_id), to @mention on Feishu; null when the user has not set one. */
  feishuId?: string | null;
}

export interface RobotMessage {
  text: string;
  /** Who the message is for, in order. */
  mentions: RobotMention[];
}

/** DingTalk 加签: base64(HMAC-SHA256(key = secret, "<ms timestamp>\n<secret>")), URL-encoded, on the query string. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${encodeURIComponent(sign)}`;
}

/** Feishu 签名校验: base64(HMAC-SHA256(key = "<s timestamp>\n<secret>", empty message)), in the body. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export async function sendToRobot(kind: RobotKind, config: RobotConfig, message: RobotMessage, now = clockNow().getTime()): Promise<void> {
  const mobiles = message.mentions.flatMap((m) => (m.mobile ? [m.mobile] : []));
  let answer: JsonAnswer;
  switch (kind) {
    case 'wecom':
      answer = await postJson(config.url, { msgtype: 'text', text: { content: message.text, mentioned_mobile_list: mobiles } });
      break;
    case 'dingtalk': {
      const url = config.secret ? dingtalkSignedUrl(config.url, config.secret, now) : config.url;
      // DingTalk shows the @mention only when the text itself names the number.
      const content = mobiles.length > 0 ? `${message.text}\n${mobiles.map((m) => `@${m}`).join(' ')}` : message.text;
      answer = await postJson(url, { msgtype: 'text', text: { content }, at: { atMobiles: mobiles, isAtAll: false } });
      break;
    }
    case 'feishu': {
      // A custom Feishu robot mentions only by user id: those known are mentioned; the text names everyone anyway.
      const timestamp = Math.floor(now / 1000);
      const signature = config.secret ? { timestamp: String(timestamp), sign: feishuSign(config.secret, timestamp) } : {};
      const ats = message.mentions.flatMap((m) => (m.feishuId ? [`<at user_id="${m.feishuId}">${escapeFeishu(m.name)}</at>`] : []));
      const text = ats.length > 0 ? `${message.text}\n${ats.join(' ')}` : message.text;
      answer = await postJson(config.url, { ...signature, msg_type: 'text', content: { text } });
      break;
    }
  }
  checkAnswer(answer);
}

/** A name inside Feishu's `<at>` markup: no markup of its own. */
const escapeFeishu = (name: string) => name.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

function checkAnswer({ status, body }: JsonAnswer): void {
  if (status < 200 || status >= 300) throw new Error(`the robot answered HTTP ${status}${refusal(body) ?? ''}`);
  const why = refusal(body);
  if (why) throw new Error(`the robot refused the message${why}`);
  if (body === null) throw new Error('the robot answered without a JSON result');
}

/** WeCom and DingTalk answer {errcode, errmsg}, Feishu {code, msg} (older robots {StatusCode, StatusMessage}). */
function refusal(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  for (const [codeField, messageField] of [['errcode', 'errmsg'], ['code', 'msg'], ['StatusCode', 'StatusMessage']] as const) {
    const code = b[codeField];
    if (code !== undefined && code !== 0) return `: ${codeField} ${String(code)} (${String(b[messageField] ?? '')})`;
  }
  return null;
}
