/**
 * Where a restart's time goes: the steps of `henji serve` (cli/serve.ts → runtime.ts) done one by one with a clock
 * around each, on the data directory in HENJI_DATA_DIR. Prints one JSON line of step → milliseconds. Spawned by
 * bench/restart.ts with `node --import tsx`, so "process start" includes registering tsx, as bin/henji.mjs does.
 */
export {};

const steps: Record<string, number> = { 'node + tsx start': performance.now() };
let last = performance.now();
const step = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
  const value = await run();
  const now = performance.now();
  steps[name] = now - last;
  last = now;
  return value;
};

const { loadConfig } = await step('import config', () => import('../../apps/server/src/config.ts'));
const { openDatabase } = await step('import db (PGlite, drizzle, pg)', () => import('../../apps/server/src/db/client.ts'));
const runtimeModules = await step('import kernel (runtime.ts)', async () => ({
  migrate: (await import('../../apps/server/src/db/migrate.ts')).migrate,
  keys: await import('../../apps/server/src/kernel/ledger/keys.ts'),
  command: await import('../../apps/server/src/kernel/command.ts'),
  actor: await import('../../apps/server/src/kernel/actor.ts'),
  org: await import('../../apps/server/src/kernel/org/index.ts'),
  runtime: await import('../../apps/server/src/runtime.ts'),
}));
const { buildServer } = await step('import http (fastify, plugins, routes)', () => import('../../apps/server/src/http/server.ts'));
const { RateLimiter } = await import('../../apps/server/src/kernel/auth/rate-limit.ts');
const { VERSION } = await import('../../apps/server/src/version.ts');

const config = loadConfig();
const handle = await step('open PGlite data directory', () =>
  openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize }),
);
await step('migrate (nothing to apply)', () => runtimeModules.migrate(handle.db));
const signer = await step('load key, publish it', async () => {
  const s = await runtimeModules.keys.loadOrCreateSigner(config.ledgerKeyFile);
  await runtimeModules.keys.publishKey(handle.db, s);
  return s;
});
await step('bootstrap (already done)', () =>
  runtimeModules.command.execute(
    handle.db,
    { actor: runtimeModules.actor.systemActor('bootstrap'), meta: runtimeModules.actor.noRequest },
    runtimeModules.org.bootstrap,
    { adminPassword: config.adminPassword },
  ),
);
const app = await step('buildServer', () =>
  buildServer({
    config,
    db: handle.db,
    dbKind: handle.kind,
    signer,
    version: VERSION,
    loginLimiter: new RateLimiter(config.login.ratePerMinute, 60_000),
  }),
);
await step('listen', () => app.listen({ port: config.port, host: config.host }));
await step('first GET /api/health', async () => {
  const res = await fetch(`http://127.0.0.1:${config.port}/api/health`);
  if (res.status !== 200) throw new Error(`health: ${res.status}`);
  await res.arrayBuffer();
});
steps.total = performance.now();
await app.close();
await handle.close();
process.stdout.write(`${JSON.stringify(steps)}\n`);
