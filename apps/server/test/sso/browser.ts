/** A browser played in tests: follows redirects with cookies per host; Henji (at its public address) by inject(), others by fetch. */
import type { TestHenji } from '../harness.ts';

/** One browser: cookies per host (name → value; paths are not needed by these two servers). */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();
  constructor(
    private readonly h: TestHenji,
    private readonly publicUrl = 'http://henji.test',
  ) {}

  private jar(host: string) {
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    return jar;
  }

  private keep(host: string, setCookies: string[]) {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') this.jar(host).delete(name);
      else this.jar(host).set(name, value);
    }
  }

  cookie(host: string, name: string) {
    return this.jar(host).get(name);
  }

  /** One GET as a browser makes it; answers the status and the Location. */
  async get(url: string): Promise<{ status: number; location: string | null }> {
    const target = new URL(url);
    const cookie = [...this.jar(target.host)].map(([k, v]) => `${k}=${v}`).join('; ');
    if (target.origin === this.publicUrl) {
      const app = await this.h.app();
      const res = await app.inject({ method: 'GET', url: target.pathname + target.search, headers: cookie ? { cookie } : {} });
      const set = res.headers['set-cookie'];
      this.keep(target.host, set === undefined ? [] : Array.isArray(set) ? set : [set]);
      const location = res.headers.location;
      return { status: res.statusCode, location: typeof location === 'string' ? new URL(location, this.publicUrl).toString() : null };
    }
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    this.keep(target.host, res.headers.getSetCookie());
    const location = res.headers.get('location');
    await res.arrayBuffer();
    return { status: res.status, location: location ? new URL(location, url).toString() : null };
  }

  /**
   * Follows redirects from `url` until the answer is not one or the next hop is Henji's callback (which `tamper` may
   * change first); returns that hop.
   */
  async followToCallback(url: string, tamperAuthorization?: (u: URL) => void, callbackPath = '/api/auth/oidc/callback'): Promise<URL> {
    let next = url;
    for (let hop = 0; hop < 20; hop++) {
      const target = new URL(next);
      if (target.origin === this.publicUrl && target.pathname === callbackPath) return target;
      if (tamperAuthorization && target.pathname.endsWith('/auth') && target.searchParams.has('nonce')) {
        tamperAuthorization(target);
        tamperAuthorization = undefined;
      }
      const { status, location } = await this.get(target.toString());
      if (status < 300 || status >= 400 || !location) throw new Error(`stopped at ${next} with HTTP ${status}`);
      next = location;
    }
    throw new Error('too many redirects');
  }
}

