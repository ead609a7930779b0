/**
 * One outbound HTTP POST whose connection goes only to an address the policy allows (address-policy.ts): the name is
 * resolved by our own `lookup`, every address checked, and the socket opened to the checked one — no second
 * resolution for a rebinding DNS server to answer differently. No redirects are followed (a redirect could carry the
 * body, and a robot's key, elsewhere). Failures are thrown as text the delivery log can show.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { resolveAllowed } from './address-policy.ts';

export interface PostAnswer {
  status: number;
  text: string;
}

const MAX_ANSWER_BYTES = 64 * 1024;

const lookupAllowed: LookupFunction = (hostname, options, callback) => {
  resolveAllowed(hostname).then(
    (addresses) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    },
    (error: NodeJS.ErrnoException) => callback(error, '', 4),
  );
};

export function postGuarded(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostAnswer> {
  return requestGuarded('POST', url, body, headers, timeoutMs);
}

/** A GET under the same rules (the platforms' access-token endpoints of DingTalk and WeCom are GETs). */
export function getGuarded(url: string, headers: Record<string, string>, timeoutMs: number): Promise<PostAnswer> {
  return requestGuarded('GET', url, null, headers, timeoutMs);
}

async function requestGuarded(method: 'GET' | 'POST', url: string, body: string | null, headers: Record<string, string>, timeoutMs: number): Promise<PostAnswer> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // A literal address never reaches `lookup`: check it here.
  if (isIP(host)) await resolveAllowed(host);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<PostAnswer>((resolve, reject) => {
    const request = client.request(
      target,
      {
        method,
        headers: body === null ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: lookupAllowed,
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
    request.end(body ?? undefined);
  });
}
