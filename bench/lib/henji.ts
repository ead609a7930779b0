/**
 * A Henji kernel on a benchmark database, started by runtime.ts (migrations, published key, bootstrap) with a signer
 * the benchmark holds, so a fixture can keep its key beside its data. The sequencer and job runner are not started.
 */
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig, type Config } from '../../apps/server/src/config.ts';
import type { DbHandle } from '../../apps/server/src/db/client.ts';
import { signerFromPem, type LedgerSigner } from '../../apps/server/src/kernel/ledger/keys.ts';
import { openRuntime } from '../../apps/server/src/runtime.ts';

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

export interface BenchHenji {
  handle: DbHandle;
  signer: LedgerSigner;
  pem: string;
  config: Config;
}

export const newSignerPem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** Config as the server would load it from an empty environment, pointed at `databaseUrl` (or PGlite in `dataDir`). */
export function benchConfig(databaseUrl: string | undefined, poolSize?: number, dataDir?: string): Config {
  const base = loadConfig({});
  return {
    ...base,
    databaseUrl,
    ...(dataDir ? { dataDir } : {}),
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
  const pem = options.pem ?? newSignerPem();
  const runtime = await openRuntime(config, { signer: signerFromPem(pem), startBackground: false });
  const { handle, signer } = runtime;
  return { handle, signer, pem, config };
}
