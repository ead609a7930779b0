/**
 * The load generator's HTTP client: node:http over a keep-alive agent (one socket per concurrent client, reused), as a
 * browser keeps its connection to the server open. Lighter on the shared CPU than fetch, so more of the two cores is
 * left to the server being measured. Sessions are signed in through /api/auth/login and carry the cookie and the
 * CSRF token like the web app does.
 */
import { Agent, request } from 'node:http';

export interface Session {
  username: string;
  userId: string;
  cookie: string;
  csrf: string;
}

export interface Response<T> {
  status: number;
  body: T;
  text: string;
}

export class HttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(base: string, sockets: number) {
    this.url = new URL(base);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  /** `label` goes out as `x-bench-action`, so the server's diagnostic query count can tell actions apart. */
  send<T>(method: 'GET' | 'POST', path: string, options: { session?: Session; body?: unknown; label?: string } = {}): Promise<Response<T>> {
    const payload = options.body === undefined ? null : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': 'zh-CN' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (options.session) {
      headers.cookie = options.session.cookie;
      if (method !== 'GET') headers['x-csrf-token'] = options.session.csrf;
    }
    if (options.label) headers['x-bench-action'] = options.label;
    return new Promise((resolve, reject) => {
      const req = request(
        { host: this.url.hostname, port: this.url.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 0, body: (text === '' ? null : JSON.parse(text)) as T, text });
            } catch (error) {
              reject(new Error(`${method} ${path}: ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`, { cause: error }));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** Signs in through the real login route; the cookie and CSRF token are what the web app would keep. */
  async signIn(username: string, password: string): Promise<Session> {
    const res = await new Promise<{ status: number; text: string; setCookie: string[] }>((resolve, reject) => {
      const body = Buffer.from(JSON.stringify({ username, password }));
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
          agent: this.agent,
        },
        (r) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString('utf8')));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, text, setCookie: r.headers['set-cookie'] ?? [] }));
          r.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${res.text}`);
    const me = JSON.parse(res.text) as { id: string; csrfToken: string };
    return { username, userId: me.id, cookie: res.setCookie[0]!.split(';')[0]!, csrf: me.csrfToken };
  }

  close(): void {
    this.agent.destroy();
  }
}
