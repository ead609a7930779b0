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

export class FakePlatforms {
  readonly requests: PlatformRequest[] = [];
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
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(fake!.answer(request)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakePlatforms(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
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
      default:
        return { errcode: 404, errmsg: `no such API: ${r.method} ${r.path}` };
    }
  }
}
