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

export function securityHeaders(options: { hsts: boolean }) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', isApiData(request.url) ? API_CSP : WEB_CSP);
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // For browsers that predate frame-ancestors.
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (options.hsts) reply.header('strict-transport-security', HSTS);
  };
}
