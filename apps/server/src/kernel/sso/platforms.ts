/**
 * Sign-in with a DingTalk, WeCom or Feishu account through the platform's OAuth endpoints, as each documents them:
 *
 * - DingTalk: the browser to `login.dingtalk.com/oauth2/auth?client_id&redirect_uri&response_type=code&scope=openid
 *   &state&prompt=consent`; back with `authCode` (or `code`) and `state`; POST api.dingtalk.com
 *   `/v1.0/oauth2/userAccessToken` {clientId, clientSecret, code, grantType}; GET `/v1.0/contact/users/me` with
 *   `x-acs-dingtalk-access-token` → mobile, email.
 * - WeCom: the browser to `login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid&agentid&redirect_uri
 *   &state`; back with `code`; the app's token (GET `/cgi-bin/gettoken`), GET `/cgi-bin/auth/getuserinfo?code` →
 *   userid (a member only), GET `/cgi-bin/user/get?userid` → mobile, email.
 * - Feishu: the browser to `open.feishu.cn/open-apis/authen/v1/authorize?client_id&redirect_uri&state`; back with
 *   `code`; POST `/open-apis/authen/v2/oauth/token` {grant_type, client_id, client_secret, code, redirect_uri}; GET
 *   `/open-apis/authen/v1/user_info` (Bearer) → open_id, mobile, email.
 *
 * The identity is then matched by ssoSignIn (commands.ts) to an existing user: Feishu's open_id against the one users
 * entered in 通知设置, else mobile, else email. Requests go through the outbound guard (HENJI_ALLOW_PRIVATE_NETWORKS).
 */
import type { PlatformLoginConfig } from '../../config.ts';
import { accessToken, type AppKind } from '../notify/channels/apps.ts';
import { getJson, postJson, type JsonAnswer } from '../notify/channels/http.ts';
import type { ProviderIdentity } from './commands.ts';
import { OidcRefusal } from './oidc.ts';

export type Platform = 'dingtalk' | 'wecom' | 'feishu';

export function platformAuthorizeUrl(platform: Platform, config: PlatformLoginConfig, redirectUri: string, state: string): string {
  const url = new URL(config.authorizeUrl);
  const params: Record<string, string> =
    platform === 'dingtalk'
      ? { redirect_uri: redirectUri, response_type: 'code', client_id: config.clientId, scope: 'openid', state, prompt: 'consent' }
      : platform === 'wecom'
        ? { login_type: 'CorpApp', appid: config.clientId, agentid: config.agentId!, redirect_uri: redirectUri, state }
        : { client_id: config.clientId, redirect_uri: redirectUri, state };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** The callback's `state` against the browser's, the code exchanged, the person's details asked. */
export async function completePlatformSignIn(
  platform: Platform,
  config: PlatformLoginConfig,
  redirectUri: string,
  query: Record<string, string | undefined>,
  expectedState: string | null,
): Promise<ProviderIdentity> {
  if (!expectedState || !query['state'] || query['state'] !== expectedState) throw new OidcRefusal('state', 'the state does not match this browser\'s sign-in');
  const code = platform === 'dingtalk' ? (query['authCode'] ?? query['code']) : query['code'];
  if (!code) throw new OidcRefusal('provider_error', `the answer carries no code${query['error'] ? ` (${query['error']})` : ''}`);
  const api = config.apiUrl.replace(/\/+$/, '');
  try {
    switch (platform) {
      case 'dingtalk': {
        const token = await postJson(`${api}/v1.0/oauth2/userAccessToken`, { clientId: config.clientId, clientSecret: config.clientSecret, code, grantType: 'authorization_code' });
        const accessToken = field(token, 'accessToken', 'the token request');
        const me = await getJson(`${api}/v1.0/contact/users/me`, { 'x-acs-dingtalk-access-token': accessToken });
        const b = ok(me, 'the user request') as { unionId?: unknown; mobile?: unknown; email?: unknown };
        const unionId = text(b.unionId);
        // Without the mapping (the app lacks the permission, oapi unreachable) mobile and email still decide.
        const userid = unionId && config.oapiUrl ? await dingtalkUserIdOf(config, unionId).catch(() => null) : null;
        return { identity: `dingtalk#${String(unionId)}`, dingtalkUserId: userid, mobile: text(b.mobile), email: text(b.email) };
      }
      case 'wecom': {
        const accessToken = await appToken('wecom_app', config, api);
        const info = await getJson(`${api}/auth/getuserinfo?access_token=${encodeURIComponent(accessToken)}&code=${encodeURIComponent(code)}`);
        const who = ok(info, 'the user request') as { userid?: unknown; UserId?: unknown };
        const userid = text(who.userid ?? who.UserId);
        // Not a member of the company (an outside contact answers with openid): nobody to match.
        if (!userid) return { identity: 'wecom#(not a member)' };
        const member = await getJson(`${api}/user/get?access_token=${encodeURIComponent(accessToken)}&userid=${encodeURIComponent(userid)}`);
        const b = ok(member, 'the member request') as { mobile?: unknown; email?: unknown; biz_mail?: unknown };
        return { identity: `wecom#${userid}`, wecomUserId: userid, mobile: text(b.mobile), email: text(b.email) ?? text(b.biz_mail) };
      }
      case 'feishu': {
        const token = await postJson(`${api}/authen/v2/oauth/token`, {
          grant_type: 'authorization_code',
          client_id: config.clientId,
          client_secret: config.clientSecret,
          code,
          redirect_uri: redirectUri,
        });
        const accessToken = field(token, 'access_token', 'the token request');
        const info = await getJson(`${api}/authen/v1/user_info`, { authorization: `Bearer ${accessToken}` });
        const b = (ok(info, 'the user request') as { data?: { open_id?: unknown; mobile?: unknown; email?: unknown; enterprise_email?: unknown } }).data ?? {};
        return { identity: `feishu#${String(b.open_id)}`, feishuOpenId: text(b.open_id), mobile: text(b.mobile), email: text(b.email) ?? text(b.enterprise_email) };
      }
    }
  } catch (error) {
    if (error instanceof OidcRefusal) throw error;
    throw new OidcRefusal('unavailable', error instanceof Error ? error.message : String(error));
  }
}

/**
 * The company's userid of a DingTalk unionId (oapi `topapi/user/getbyunionid` with the app's token), to match the
 * userid users enter in 通知设置. Someone outside the company has none: null, and mobile or email decide.
 */
async function dingtalkUserIdOf(config: PlatformLoginConfig, unionId: string): Promise<string | null> {
  const oapi = config.oapiUrl!.replace(/\/+$/, '');
  const accessToken = await appToken('dingtalk_app', config, oapi);
  const answer = await postJson(`${oapi}/topapi/user/getbyunionid?access_token=${encodeURIComponent(accessToken)}`, { unionid: unionId });
  const b = (answer.body ?? {}) as { errcode?: unknown; result?: { userid?: unknown } };
  return answer.status === 200 && b.errcode === 0 ? text(b.result?.userid) : null;
}

/** The app's token, kept between sign-ins as for notifications (notify/channels/apps.ts); a refusal is `token`. */
const appToken = (kind: AppKind, config: PlatformLoginConfig, baseUrl: string) =>
  accessToken(kind, { appId: config.clientId, appSecret: config.clientSecret, agentId: config.agentId, baseUrl }).catch((error: unknown) => {
    throw new OidcRefusal('token', error instanceof Error ? error.message : String(error));
  });

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** DingTalk's new API answers errors with HTTP 4xx {code, message}; WeCom {errcode, errmsg}; Feishu {code, msg}. */
function ok({ status, body }: JsonAnswer, what: string): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  const code = b['errcode'] ?? (typeof b['code'] === 'number' ? b['code'] : undefined);
  if (status < 200 || status >= 300 || (code !== undefined && code !== 0) || body === null) {
    throw new OidcRefusal('token', `the platform refused ${what}: HTTP ${status} ${String(b['errmsg'] ?? b['msg'] ?? b['message'] ?? b['code'] ?? '')}`.trim());
  }
  return b;
}

function field(answer: JsonAnswer, name: string, what: string): string {
  const value = text(ok(answer, what)[name]);
  if (!value) throw new OidcRefusal('token', `the platform answered ${what} without ${name}`);
  return value;
}
