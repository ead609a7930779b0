/**
 * A Henji kernel on a benchmark database, started the way runtime.ts starts one (migrations, published key,
 * bootstrap) but with a signer the benchmark holds, so a fixture can keep its key beside its data.
 */
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig, type Config } from '../../apps/server/src/config.ts';
import { openDatabase, type DbHandle } from '../../apps/server/src/db/client.ts';
import { migrate } from '../../apps/server/src/db/migrate.ts';
import { noRequest, systemActor } from '../../apps/server/src/kernel/actor.ts';
import { execute } from '../../apps/server/src/kernel/command.ts';
import { publishKey, signerFromPem, type LedgerSigner } from '../../apps/server/src/kernel/ledger/keys.ts';
import { bootstrap } from '../../apps/server/src/kernel/org/index.ts';
import '../../apps/server/src/kernel/auth/index.ts';

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

export interface BenchHenji {
  handle: DbHandle;
  signer: LedgerSigner;
  pem: string;
  config: Config;
}

export const newSignerPem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** Config as the server would load it from an empty environment, pointed at `databaseUrl`. */
export function benchConfig(databaseUrl: string, poolSize?: number): Config {
  const base = loadConfig({});
  return {
    ...base,
    databaseUrl,
    poolSize: poolSize ?? base.poolSize,
    webDist: '/nonexistent',
    adminPassword: BENCH_ADMIN_PASSWORD,
  };
}

/** Opens (and on first use migrates and bootstraps) Henji on `databaseUrl`. */
export async function openBenchHenji(
  databaseUrl: string,
  options: { poolSize?: number; pem?: string } = {},
): Promise<BenchHenji> {
  const config = benchConfig(databaseUrl, options.poolSize);
  const handle = await openDatabase({ databaseUrl, dataDir: null, poolSize: config.poolSize });
  await migrate(handle.db);
  const pem = options.pem ?? newSignerPem();
  const signer = signerFromPem(pem);
  await publishKey(handle.db, signer);
  await execute(handle.db, { actor: systemActor('bench'), meta: noRequest }, bootstrap, {
    adminPassword: BENCH_ADMIN_PASSWORD,
  });
  return { handle, signer, pem, config };
}
