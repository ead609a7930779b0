/**
 * Real receivers for the notification tests, on 127.0.0.1 (free ports): an SMTP server (smtp-server) that keeps every
 * mail it accepts, and an HTTP server standing in for group robots and an SMS provider, answering each path with the
 * status and JSON body a test chooses. Mail is decoded here (headers' encoded words, base64 / quoted-printable
 * parts) independently of the code that sent it.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
}

export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  /** Addresses the server refuses at RCPT TO with a 550. */
  readonly refused = new Set<string>();

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SmtpReceiver> {
    let receiver: SmtpReceiver | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (receiver!.refused.has(address.address)) {
          callback(Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }));
        } else callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          receiver!.mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, ...parseMail(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new SmtpReceiver(server, (server.server.address() as AddressInfo).port);
    return receiver;
  }

  /** The mails addressed to `address`, oldest first. */
  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A small MIME reader: enough for what nodemailer writes (multipart/alternative, base64 or quoted-printable).

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** RFC 2047 encoded words: =?UTF-8?B?…?= and =?UTF-8?Q?…?=. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([\w-]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text' | 'html'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const parts: { headers: Record<string, string>; body: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const at = chunk.indexOf('\r\n\r\n');
      parts.push({ headers: parseHeaders(chunk.slice(0, at).trim()), body: chunk.slice(at + 4).replace(/\r\n$/, '') });
    }
  } else parts.push({ headers, body });
  const partOf = (type: string) => parts.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith(type));
  const text = partOf('text/plain');
  const html = partOf('text/html');
  return {
    headers,
    subject: decodeWords(headers.subject ?? ''),
    text: text ? decodeBody(text.headers, text.body) : '',
    html: html ? decodeBody(html.headers, html.body) : '',
  };
}

// ---------------------------------------------------------------------------------------------------------------

export interface ReceivedPost {
  /** The full request target, query string included (DingTalk signs there). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** Robots and an SMS provider on one HTTP server: each path records its requests and answers as told. */
export class HttpReceiver {
  private readonly received = new Map<string, ReceivedPost[]>();
  private readonly answers = new Map<string, { status: number; body: unknown }>();

  private constructor(
    private readonly server: Server,
    private readonly origin: string,
  ) {}

  static async start(): Promise<HttpReceiver> {
    let receiver: HttpReceiver | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = req.url ?? '/';
        const path = url.split('?')[0]!;
        const text = Buffer.concat(chunks).toString('utf8');
        receiver!.received.set(path, [...receiver!.at(path), { url, headers: req.headers, body: JSON.parse(text) as Record<string, unknown> }]);
        const answer = receiver!.answers.get(path) ?? { status: 200, body: { errcode: 0, errmsg: 'ok' } };
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new HttpReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return receiver;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  at(path: string): ReceivedPost[] {
    return this.received.get(path) ?? [];
  }

  /** From now on, `path` answers with this status and JSON body (by default 200 {errcode: 0, errmsg: 'ok'}). */
  answer(path: string, status: number, body: unknown = { errcode: 0, errmsg: 'ok' }): void {
    this.answers.set(path, { status, body });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
