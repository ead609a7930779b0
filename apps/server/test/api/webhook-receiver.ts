/**
 * A real HTTP receiver for webhook tests: node:http on 127.0.0.1 (a free port), recording every request by path and
 * answering each path with a status the test chooses. Signatures are checked here independently of the server's code.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeliveryBody } from '../../src/kernel/webhooks/delivery.ts';
import { now } from '../../src/kernel/clock.ts';

export interface ReceivedWebhook {
  method: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  text: string;
  body: DeliveryBody;
}

export class WebhookReceiver {
  private readonly received = new Map<string, ReceivedWebhook[]>();
  private readonly statuses = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    private readonly origin: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const text = Buffer.concat(chunks).toString('utf8');
        receiver!.record(path, { method: req.method ?? '', headers: req.headers, text, body: JSON.parse(text) as DeliveryBody });
        res.writeHead(receiver!.statuses.get(path) ?? 200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return receiver;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** The requests that reached `path`, oldest first. */
  at(path: string): ReceivedWebhook[] {
    return this.received.get(path) ?? [];
  }

  /** From now on, `path` answers with `status`. */
  answer(path: string, status: number): void {
    this.statuses.set(path, status);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private record(path: string, request: ReceivedWebhook): void {
    this.received.set(path, [...this.at(path), request]);
  }
}

/** Checks `X-Henji-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` as a receiver would. */
export function signatureValid(request: ReceivedWebhook, secret: string): boolean {
  const header = request.headers['x-henji-signature'];
  const match = typeof header === 'string' ? /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match) return false;
  const [t, v1] = [match[1]!, match[2]!];
  if (Math.abs(now().getTime() / 1000 - Number(t)) > 300) return false; // a receiver also refuses stale signatures
  const expected = createHmac('sha256', secret).update(`${t}.${request.text}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}
