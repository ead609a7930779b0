/**
 * Where Henji may send outbound requests (webhooks, group robots, SMS, SMTP). An administrator who can name a URL must
 * not make the server reach its own loopback, the cloud metadata service or the office network (SSRF), so addresses
 * that are loopback, link-local, private (RFC 1918, fc00::/7), shared (100.64/10), unspecified, multicast or reserved
 * are refused — unless the operator allows a network with HENJI_ALLOW_PRIVATE_NETWORKS (`10.0.0.0/8,127.0.0.1/32`),
 * e.g. for an intranet SMTP server.
 *
 * It is checked twice: when a URL or host is saved (a validation error on the field), and at every delivery on the
 * addresses DNS gives at that moment — the connection goes to the address that was checked (outbound/connect.ts), so a
 * name that resolves to a public address when saved and to 127.0.0.1 later (DNS rebinding) is still refused.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { parseNetwork } from './network.ts';
import { invalid } from '../errors.ts';
import { msg } from '../messages.ts';

const REFUSED: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", 0.0.0.0
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
  ['2001:db8::', 32, 'ipv6'], // documentation
];

const refused = new BlockList();
for (const [network, prefix, family] of REFUSED) refused.addSubnet(network, prefix, family);

let allowed = new BlockList();
let allowedText: readonly string[] = [];

/** Installs the operator's allowed networks (runtime start-up, from HENJI_ALLOW_PRIVATE_NETWORKS). */
export function configureOutbound(allowNetworks: readonly string[]): void {
  const list = new BlockList();
  for (const text of allowNetworks) {
    const parsed = parseNetwork(text);
    if (!parsed) throw new RangeError(`not a network: ${text}`);
    list.addSubnet(parsed.network, parsed.prefix, parsed.family);
  }
  allowed = list;
  allowedText = [...allowNetworks];
}

/** IPv4 written as IPv6 (::ffff:127.0.0.1, NAT64 64:ff9b::7f00:1) is judged as the IPv4 address it carries. */
function embeddedIpv4(address: string): string | null {
  const mapped = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** Whether Henji may connect to this IP address. */
export function mayConnectTo(address: string): boolean {
  const v4 = embeddedIpv4(address);
  const [ip, family] = v4 ? [v4, 'ipv4' as const] : [address, isIP(address) === 6 ? ('ipv6' as const) : ('ipv4' as const)];
  if (allowed.check(ip, family)) return true;
  return !refused.check(ip, family);
}

export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `${host === address ? address : `${host} (${address})`} is a loopback, private or reserved address; ` +
        `allow its network with HENJI_ALLOW_PRIVATE_NETWORKS${allowedText.length ? ` (now: ${allowedText.join(',')})` : ''}`,
    );
  }
}

const hostOf = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/**
 * The addresses to connect to for `host`, all of them allowed, or a RefusedAddressError. An IP literal is its own
 * address; a name is resolved now, and refused if any of its addresses is refused (the resolver may pick any).
 */
export async function resolveAllowed(hostname: string): Promise<{ address: string; family: 4 | 6 }[]> {
  const host = hostOf(hostname);
  const version = isIP(host);
  const addresses = version ? [{ address: host, family: version as 4 | 6 }] : ((await lookup(host, { all: true })) as { address: string; family: 4 | 6 }[]);
  for (const { address } of addresses) if (!mayConnectTo(address)) throw new RefusedAddressError(host, address);
  return addresses;
}

/**
 * The check when a URL or host is saved: null when allowed, else the refused address. A name that does not resolve now
 * is accepted (DNS may be down, or the name served only where Henji runs later); delivery checks it again.
 */
export async function refusedDestination(hostname: string): Promise<string | null> {
  const host = hostOf(hostname);
  if (/^localhost\.?$|\.localhost\.?$/i.test(host)) return host;
  try {
    await resolveAllowed(host);
    return null;
  } catch (error) {
    if (error instanceof RefusedAddressError) return error.address;
    return null;
  }
}

/** The host of an http(s) URL, or the text itself when it is a bare host name (SMTP). */
const hostOfDestination = (destination: string) => {
  try {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(destination) ? new URL(destination).hostname : destination;
  } catch {
    return destination;
  }
};

/**
 * The check when a destination is saved, as a field error: `requireAllowedDestination('url', input.url)` throws a
 * validation error on `url` when it names a refused address.
 */
export async function requireAllowedDestination(field: string, destination: string): Promise<void> {
  const address = await refusedDestination(hostOfDestination(destination));
  if (address !== null) throw invalid({ [field]: msg('outbound.refused_address', { address }) });
}
