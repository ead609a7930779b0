/**
 * Messages to one person through the company's app on DingTalk (工作通知), WeCom (应用消息) and Feishu (消息), each as
 * a card whose button opens the item in Henji. The platform's requests as documented:
 *
 * - DingTalk: GET /gettoken?appkey&appsecret → POST /topapi/v2/user/getbymobile {mobile} → POST
 *   /topapi/message/corpconversation/asyncsend_v2 {agent_id, userid_list, msg: {msgtype: action_card, …}}.
 * - WeCom: GET /cgi-bin/gettoken?corpid&corpsecret → POST /cgi-bin/user/getuserid {mobile} or
 *   /cgi-bin/user/get_userid_by_email {email, email_type} → POST /cgi-bin/message/send {touser, msgtype: textcard, agentid, textcard}.
 * - Feishu: POST /open-apis/auth/v3/tenant_access_token/internal {app_id, app_secret} → POST
 *   /open-apis/contact/v3/users/batch_get_id?user_id_type=open_id {emails, mobiles} → POST
 *   /open-apis/im/v1/messages?receive_id_type=open_id {receive_id, msg_type: interactive, content}.
 *
 * Access tokens are kept until shortly before they expire and the platform user ids found by mobile or email are kept
 * (in this process's memory: both are the platform's answers, not Henji's data, and are asked again after a restart).
 * A person the platform does not know is not an error to retry: the delivery is skipped as `recipient_unmatched`.
 */
import { now } from '../../clock.ts';
import type { AppConfig } from '../schema.ts';
import { getJson, postJson, type JsonAnswer } from './http.ts';

export type AppKind = 'dingtalk_app' | 'wecom_app' | 'feishu_app';

export const DEFAULT_BASE_URLS: Record<AppKind, string> = {
  dingtalk_app: 'https://oapi.dingtalk.com',
  wecom_app: 'https://qyapi.weixin.qq.com/cgi-bin',
  feishu_app: 'https://open.feishu.cn/open-apis',
};

/** Tokens are renewed this long before the platform says they expire. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export interface AppRecipient {
  /** The platform's own user id when the user entered it (Feishu open_id in 通知设置). */
  platformUserId: string | null;
  mobile: string | null;
  email: string | null;
}

export interface AppMessage {
  title: string;
  body: string;
  /** The absolute link to the item; null when HENJI_PUBLIC_URL is not set (the message then carries no button). */
  url: string | null;
  /** The button's text, in the recipient's language. */
  button: string;
}

/** The platform has nobody with this user id, mobile number or email. */
export class RecipientUnmatched extends Error {}

const tokens = new Map<string, { token: string; until: number }>();
const userIds = new Map<string, string>();

const baseOf = (kind: AppKind, config: AppConfig) => (config.baseUrl ?? DEFAULT_BASE_URLS[kind]).replace(/\/+$/, '');
const cacheKey = (kind: AppKind, config: AppConfig) => `${kind}\n${baseOf(kind, config)}\n${config.appId}\n${config.appSecret}`;

export async function sendToApp(kind: AppKind, config: AppConfig, recipient: AppRecipient, message: AppMessage): Promise<void> {
  const userId = await platformUserId(kind, config, recipient);
  const base = baseOf(kind, config);
  const token = await accessToken(kind, config);
  switch (kind) {
    case 'dingtalk_app': {
      const msg = message.url
        ? { msgtype: 'action_card', action_card: { title: message.title, markdown: `### ${message.title}\n\n${message.body}`, single_title: message.button, single_url: message.url } }
        : { msgtype: 'markdown', markdown: { title: message.title, text: `### ${message.title}\n\n${message.body}` } };
      const answer = await postJson(`${base}/topapi/message/corpconversation/asyncsend_v2?access_token=${encodeURIComponent(token)}`, {
        agent_id: Number(config.agentId),
        userid_list: userId,
        msg,
      });
      checkAnswer(kind, answer);
      return;
    }
    case 'wecom_app': {
      const body = message.url
        ? { msgtype: 'textcard', textcard: { title: message.title, description: message.body, url: message.url, btntxt: message.button } }
        : { msgtype: 'text', text: { content: `${message.title}\n${message.body}` } };
      const answer = await postJson(`${base}/message/send?access_token=${encodeURIComponent(token)}`, { touser: userId, agentid: Number(config.agentId), ...body });
      checkAnswer(kind, answer);
      return;
    }
    case 'feishu_app': {
      const elements: unknown[] = [{ tag: 'div', text: { tag: 'plain_text', content: message.body } }];
      if (message.url) {
        elements.push({ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: message.button }, type: 'primary', url: message.url }] });
      }
      const card = { config: { wide_screen_mode: true }, header: { title: { tag: 'plain_text', content: message.title } }, elements };
      const answer = await postJson(
        `${base}/im/v1/messages?receive_id_type=open_id`,
        { receive_id: userId, msg_type: 'interactive', content: JSON.stringify(card) },
        { authorization: `Bearer ${token}` },
      );
      checkAnswer(kind, answer);
      return;
    }
  }
}

/**
 * The platform's token for the app, asked again shortly before it expires — also for sign-in with the same kind of
 * app (sso/platforms.ts): WeCom and DingTalk block apps that ask `gettoken` for every request.
 */
export async function accessToken(kind: AppKind, config: AppConfig): Promise<string> {
  const key = cacheKey(kind, config);
  const cached = tokens.get(key);
  if (cached && cached.until > now().getTime()) return cached.token;
  const base = baseOf(kind, config);
  let token: unknown;
  let seconds: unknown;
  if (kind === 'feishu_app') {
    const answer = await postJson(`${base}/auth/v3/tenant_access_token/internal`, { app_id: config.appId, app_secret: config.appSecret });
    checkAnswer(kind, answer, 'the token request');
    const b = answer.body as { tenant_access_token?: unknown; expire?: unknown };
    token = b.tenant_access_token;
    seconds = b.expire;
  } else {
    const query = kind === 'dingtalk_app' ? `appkey=${encodeURIComponent(config.appId)}&appsecret=` : `corpid=${encodeURIComponent(config.appId)}&corpsecret=`;
    const answer = await getJson(`${base}/gettoken?${query}${encodeURIComponent(config.appSecret)}`);
    checkAnswer(kind, answer, 'the token request');
    const b = answer.body as { access_token?: unknown; expires_in?: unknown };
    token = b.access_token;
    seconds = b.expires_in;
  }
  if (typeof token !== 'string' || token === '') throw new Error('the platform answered the token request without a token');
  const lifetime = typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : 7200_000;
  tokens.set(key, { token, until: now().getTime() + Math.max(lifetime - TOKEN_MARGIN_MS, 60_000) });
  return token;
}

/** The recipient's id on the platform: the one they entered, else found by mobile number, then by email. */
async function platformUserId(kind: AppKind, config: AppConfig, recipient: AppRecipient): Promise<string> {
  if (recipient.platformUserId) return recipient.platformUserId;
  const key = `${cacheKey(kind, config)}\n${recipient.mobile ?? ''}\n${recipient.email ?? ''}`;
  const cached = userIds.get(key);
  if (cached) return cached;
  const found = (recipient.mobile ? await lookUp(kind, config, 'mobile', recipient.mobile) : null)
    ?? (recipient.email ? await lookUp(kind, config, 'email', recipient.email) : null);
  if (!found) throw new RecipientUnmatched(`the platform knows nobody with the recipient's ${[recipient.mobile && 'mobile number', recipient.email && 'email'].filter(Boolean).join(' or ') || 'details (no mobile number or email in the profile)'}`);
  userIds.set(key, found);
  return found;
}

/** Errors of the lookups that mean "no such person" rather than a failure to retry. */
const NOT_FOUND_CODES: Record<AppKind, readonly number[]> = {
  dingtalk_app: [60121, 33012],
  wecom_app: [46004, 60111],
  feishu_app: [],
};

async function lookUp(kind: AppKind, config: AppConfig, by: 'mobile' | 'email', value: string): Promise<string | null> {
  const base = baseOf(kind, config);
  const token = await accessToken(kind, config);
  let answer: JsonAnswer;
  if (kind === 'dingtalk_app') {
    if (by === 'email') return null; // DingTalk finds people by mobile number only
    answer = await postJson(`${base}/topapi/v2/user/getbymobile?access_token=${encodeURIComponent(token)}`, { mobile: value });
  } else if (kind === 'wecom_app') {
    answer = by === 'mobile'
      ? await postJson(`${base}/user/getuserid?access_token=${encodeURIComponent(token)}`, { mobile: value })
      : await postJson(`${base}/user/get_userid_by_email?access_token=${encodeURIComponent(token)}`, { email: value, email_type: 1 });
  } else {
    answer = await postJson(
      `${base}/contact/v3/users/batch_get_id?user_id_type=open_id`,
      by === 'mobile' ? { mobiles: [value] } : { emails: [value] },
      { authorization: `Bearer ${token}` },
    );
  }
  const code = codeOf(answer.body);
  if (answer.status >= 200 && answer.status < 300 && code !== null && NOT_FOUND_CODES[kind].includes(code)) return null;
  checkAnswer(kind, answer, 'the user lookup');
  const b = answer.body as { result?: { userid?: unknown }; userid?: unknown; data?: { user_list?: { user_id?: unknown }[] } };
  const id = kind === 'dingtalk_app' ? b.result?.userid : kind === 'wecom_app' ? b.userid : b.data?.user_list?.[0]?.user_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** DingTalk and WeCom answer {errcode, errmsg}, Feishu {code, msg}; 0 is success. */
const codeOf = (body: unknown): number | null => {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const code = b['errcode'] ?? b['code'];
  return typeof code === 'number' ? code : null;
};

function checkAnswer(kind: AppKind, { status, body }: JsonAnswer, what = 'the message'): void {
  const code = codeOf(body);
  const b = (body ?? {}) as Record<string, unknown>;
  const why = code !== null && code !== 0 ? ` (${kind === 'feishu_app' ? 'code' : 'errcode'} ${code}: ${String(b['errmsg'] ?? b['msg'] ?? '')})` : '';
  if (status < 200 || status >= 300) throw new Error(`the platform answered ${what} with HTTP ${status}${why}`);
  if (code === null) throw new Error(`the platform answered ${what} without a result code`);
  if (code !== 0) throw new Error(`the platform refused ${what}${why}`);
}
