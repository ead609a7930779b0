/**
 * Security headers on every response (API, web app, API docs). A small onSend hook rather than a plugin: the policies
 * are three strings, and which response gets which is Henji's decision (see ARCHITECTURE.md, "HTTP security headers").
 *
 * - API responses are data, never a page: nothing may load, run or frame them.
 * - The web app and the API docs (swagger-ui) load only their own scripts — neither has an inline script — and may
 *   style elements inline: Ant Design (CSS-in-JS) and swagger-ui set `style` attributes and inject `<style>` elements
 *   at run time, so `style-src` keeps 'unsafe-inline'. Inline styles cannot run code; scripts stay 'self' only.
 * - A response that already chose its policy keeps it (file downloads send a sandbox CSP of their own).
 * - HSTS only when cookies are secure, i.e. Henji is known to be served over HTTPS.
 * - The web app's built scripts and styles (`/assets/…`, hashed names) get only what a subresource uses — nosniff and
 *   the referrer policy. The document policies (CSP, X-Frame-Options, COOP) act on the page that loads them, which
 *   has its own, and are ignored on a script or stylesheet; sent with each of the ~75 files of a first visit they
 *   were 26 KB of the 400 KB budget (docs/BENCHMARKS.md §7). The app starts no workers; one that is added must be
 *   served with WEB_CSP, since a worker takes the policy of its own response.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HSTS = 'max-age=31536000';

const isApiData = (url: string) => (url.startsWith('/api/') || url === '/api') && !url.startsWith('/api/docs');
/** A script or stylesheet of the build — judged by what is sent, so an HTML answer under /assets/ still gets the page policies. */
function isBuiltSubresource(url: string, reply: FastifyReply): boolean {
  const type = String(reply.getHeader('content-type') ?? '');
  return url.startsWith('/assets/') && /^(text|application)\/javascript|^text\/css/.test(type);
}

export function securityHeaders(options: { hsts: boolean }) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (isBuiltSubresource(request.url, reply)) return;
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', isApiData(request.url) ? API_CSP : WEB_CSP);
    }
    // For browsers that predate frame-ancestors.
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (options.hsts) reply.header('strict-transport-security', HSTS);
  };
}
