/**
 * A local stand-in for the open APIs of DingTalk, WeCom and Feishu, answering the requests their documentation
 * describes (paths, query parameters, JSON bodies, tokens) and recording every request so tests can assert their exact
 * shape. Served under /dingtalk, /wecom and /feishu, each the base URL a channel is configured with.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlatformRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | null;
}

export const APP = {
  dingtalk: { appKey: 'ding-app-key', appSecret: 'ding-app-secret', agentId: '3012345678', token: 'dt-access-token' },
  wecom: { corpId: 'ww-corp-id', secret: 'wecom-app-secret', agentId: '1000002', token: 'wc-access-token' },
  feishu: { appId: 'cli_feishu_app', appSecret: 'feishu-app-secret', token: 't-feishu-tenant-token' },
};

/** Who signs in at a platform's login page next, as the platform knows them. */
export interface PlatformAccount {
  id: string;
  mobile?: string;
  email?: string;
}

export class FakePlatforms {
  readonly requests: PlatformRequest[] = [];
  /** The account each platform's login page signs in (as if the person scanned the QR code). */
  readonly loginAs: Partial<Record<'dingtalk' | 'wecom' | 'feishu', PlatformAccount>> = {};
  private readonly codes = new Map<string, PlatformAccount>();
  private readonly userTokens = new Map<string, PlatformAccount>();
  private issued = 0;
  /** Who each platform knows: mobile number or email → the platform's user id. */
  readonly people = { dingtalk: new Map<string, string>(), wecom: new Map<string, string>(), feishu: new Map<string, string>() };

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<FakePlatforms> {
    let fake: FakePlatforms | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const text = Buffer.concat(chunks).toString('utf8');
        const request: PlatformRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
        };
        fake!.requests.push(request);
        const login = fake!.loginPage(request);
        if (login) {
          res.writeHead(302, { location: login }).end();
          return;
        }
        const answer = fake!.answer(request);
        const status = typeof answer === 'object' && answer !== null && '__status' in answer ? Number((answer as { __status: number }).__status) : 200;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakePlatforms(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** Every account a login page has signed in so far (WeCom's member lookup answers for them). */
  private *codesSeen() {
    for (const a of Object.values(this.loginAs)) if (a) yield a;
  }

  base(platform: 'dingtalk' | 'wecom' | 'feishu') {
    return `${this.origin}/${platform}`;
  }

  of(prefix: string) {
    return this.requests.filter((r) => r.path.startsWith(prefix));
  }

  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The platforms' login pages: the person is signed in at once and sent back with a code and the state. */
  private loginPage(r: PlatformRequest): string | null {
    const platform = r.path === '/dingtalk-login/oauth2/auth' ? 'dingtalk' : r.path === '/wecom-login/wwlogin/sso/login' ? 'wecom' : r.path === '/feishu/authen/v1/authorize' ? 'feishu' : null;
    if (!platform) return null;
    const account = this.loginAs[platform];
    const back = new URL(r.query['redirect_uri']!);
    if (!account) {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = `${platform}-code-${++this.issued}`;
      this.codes.set(code, account);
      back.searchParams.set(platform === 'dingtalk' ? 'authCode' : 'code', code);
    }
    back.searchParams.set('state', r.query['state'] ?? '');
    return back.toString();
  }

  private userToken(code: unknown): string | null {
    const account = this.codes.get(String(code));
    if (!account) return null;
    this.codes.delete(String(code)); // a code is good once
    const token = `user-token-${++this.issued}`;
    this.userTokens.set(token, account);
    return token;
  }

  private answer(r: PlatformRequest): unknown {
    const { dingtalk, wecom, feishu } = APP;
    const b = r.body ?? {};
    switch (`${r.method} ${r.path}`) {
      // DingTalk (oapi): 获取企业内部应用的 access_token; 根据手机号查询用户; 发送工作通知.
      case 'GET /dingtalk/gettoken':
        return r.query['appkey'] === dingtalk.appKey && r.query['appsecret'] === dingtalk.appSecret
          ? { errcode: 0, errmsg: 'ok', access_token: dingtalk.token, expires_in: 7200 }
          : { errcode: 40089, errmsg: '不合法的corpid或corpsecret' };
      case 'POST /dingtalk/topapi/v2/user/getbymobile': {
        if (r.query['access_token'] !== dingtalk.token) return { errcode: 40014, errmsg: '不合法的access_token' };
        const userid = this.people.dingtalk.get(String(b['mobile']));
        return userid ? { errcode: 0, errmsg: 'ok', result: { userid } } : { errcode: 60121, errmsg: '找不到该用户' };
      }
      case 'POST /dingtalk/topapi/user/getbyunionid': {
        if (r.query['access_token'] !== dingtalk.token) return { errcode: 40014, errmsg: '不合法的access_token' };
        const userid = this.people.dingtalk.get(`union:${String(b['unionid'])}`);
        return userid ? { errcode: 0, errmsg: 'ok', result: { contact_type: 0, userid } } : { errcode: 60121, errmsg: '找不到该用户' };
      }
      case 'POST /dingtalk/topapi/message/corpconversation/asyncsend_v2':
        return r.query['access_token'] === dingtalk.token ? { errcode: 0, errmsg: 'ok', task_id: 256271667526 } : { errcode: 40014, errmsg: '不合法的access_token' };
      // WeCom: 获取access_token; 手机号获取userid; 邮箱获取userid; 发送应用消息.
      case 'GET /wecom/gettoken':
        return r.query['corpid'] === wecom.corpId && r.query['corpsecret'] === wecom.secret
          ? { errcode: 0, errmsg: 'ok', access_token: wecom.token, expires_in: 7200 }
          : { errcode: 40001, errmsg: 'invalid credential' };
      case 'POST /wecom/user/getuserid':
      case 'POST /wecom/user/get_userid_by_email': {
        if (r.query['access_token'] !== wecom.token) return { errcode: 40014, errmsg: 'invalid access_token' };
        const userid = this.people.wecom.get(String(b['mobile'] ?? b['email']));
        return userid ? { errcode: 0, errmsg: 'ok', userid } : { errcode: 46004, errmsg: 'user no exist' };
      }
      case 'POST /wecom/message/send':
        return r.query['access_token'] === wecom.token ? { errcode: 0, errmsg: 'ok', msgid: 'wc-msg-1' } : { errcode: 40014, errmsg: 'invalid access_token' };
      // Feishu: 自建应用获取 tenant_access_token; 通过手机号或邮箱获取用户 ID; 发送消息.
      case 'POST /feishu/auth/v3/tenant_access_token/internal':
        return b['app_id'] === feishu.appId && b['app_secret'] === feishu.appSecret
          ? { code: 0, msg: 'ok', tenant_access_token: feishu.token, expire: 7200 }
          : { code: 10014, msg: 'app secret invalid' };
      case 'POST /feishu/contact/v3/users/batch_get_id': {
        if (r.headers.authorization !== `Bearer ${feishu.token}`) return { code: 99991663, msg: 'Invalid access token' };
        const asked = [...((b['mobiles'] as string[] | undefined) ?? []), ...((b['emails'] as string[] | undefined) ?? [])];
        const user_list = asked.map((key) => {
          const user_id = this.people.feishu.get(key);
          const field = key.includes('@') ? 'email' : 'mobile';
          return user_id ? { user_id, [field]: key } : { [field]: key };
        });
        return { code: 0, msg: 'success', data: { user_list } };
      }
      case 'POST /feishu/im/v1/messages':
        return r.headers.authorization === `Bearer ${feishu.token}` ? { code: 0, msg: 'success', data: { message_id: 'om_1' } } : { code: 99991663, msg: 'Invalid access token' };
      // DingTalk sign-in (api.dingtalk.com): 获取用户token; 获取用户通讯录个人信息.
      case 'POST /dingtalk-api/v1.0/oauth2/userAccessToken': {
        if (b['clientId'] !== dingtalk.appKey || b['clientSecret'] !== dingtalk.appSecret || b['grantType'] !== 'authorization_code') {
          return { __status: 400, code: 'invalidClient', message: 'client invalid' };
        }
        const accessToken = this.userToken(b['code']);
        return accessToken ? { accessToken, refreshToken: 'r', expireIn: 7200, corpId: 'ding-corp' } : { __status: 400, code: 'invalidAuthCode', message: 'code invalid' };
      }
      case 'GET /dingtalk-api/v1.0/contact/users/me': {
        const account = this.userTokens.get(String(r.headers['x-acs-dingtalk-access-token']));
        return account ? { nick: '钉钉用户', unionId: account.id, openId: `open-${account.id}`, mobile: account.mobile, stateCode: '86', email: account.email } : { __status: 401, code: 'InvalidAuthentication', message: 'token invalid' };
      }
      // WeCom sign-in: 获取访问用户身份; 读取成员.
      case 'GET /wecom/auth/getuserinfo': {
        if (r.query['access_token'] !== wecom.token) return { errcode: 40014, errmsg: 'invalid access_token' };
        const account = this.codes.get(String(r.query['code']));
        if (!account) return { errcode: 40029, errmsg: 'invalid code' };
        this.codes.delete(String(r.query['code']));
        return { errcode: 0, errmsg: 'ok', userid: account.id, user_ticket: 'ticket' };
      }
      case 'GET /wecom/user/get': {
        if (r.query['access_token'] !== wecom.token) return { errcode: 40014, errmsg: 'invalid access_token' };
        const account = [...this.codesSeen()].find((a) => a.id === r.query['userid']);
        return account ? { errcode: 0, errmsg: 'ok', userid: account.id, name: '企微用户', mobile: account.mobile ?? '', email: account.email ?? '' } : { errcode: 60111, errmsg: 'userid not found' };
      }
      // Feishu sign-in: 获取 user_access_token (v2); 获取用户信息.
      case 'POST /feishu/authen/v2/oauth/token': {
        if (b['client_id'] !== feishu.appId || b['client_secret'] !== feishu.appSecret || b['grant_type'] !== 'authorization_code') return { code: 20002, error: 'invalid_client' };
        const access_token = this.userToken(b['code']);
        return access_token ? { code: 0, access_token, expires_in: 7200, token_type: 'Bearer', scope: '' } : { code: 20003, error: 'invalid_grant' };
      }
      case 'GET /feishu/authen/v1/user_info': {
        const account = this.userTokens.get(String(r.headers.authorization).replace(/^Bearer /, ''));
        return account
          ? { code: 0, msg: 'success', data: { name: '飞书用户', open_id: account.id, union_id: `on_${account.id}`, mobile: account.mobile, email: account.email } }
          : { code: 99991668, msg: 'Invalid access token' };
      }
      default:
        return { errcode: 404, errmsg: `no such API: ${r.method} ${r.path}` };
    }
  }
}
