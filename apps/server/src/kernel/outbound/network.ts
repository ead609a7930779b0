/** Network notation for HENJI_ALLOW_PRIVATE_NETWORKS, apart from the policy so that config.ts can validate with it. */
import { isIP } from 'node:net';

/** Parses `a.b.c.d/n` or an address (a /32 or /128); null when it is neither. */
export function parseNetwork(text: string): { network: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', bits, ...rest] = text.trim().split('/');
  const version = isIP(address);
  if (!version || rest.length > 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { network: address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}
