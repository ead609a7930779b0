/** The OpenAPI document without a database: the routes are built with inert dependencies and never called. */
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { RateLimiter } from '../kernel/auth/rate-limit.ts';
import { ephemeralSigner } from '../kernel/ledger/keys.ts';
import { VERSION } from '../version.ts';
import { buildServer } from './server.ts';

export async function openApiDocument(config: Config): Promise<unknown> {
  const app = await buildServer({
    config: { ...config, webDist: '/nonexistent' },
    db: null as unknown as Database,
    dbKind: 'pglite',
    signer: ephemeralSigner(),
    version: VERSION,
    loginLimiter: new RateLimiter(1, 1),
  });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}
