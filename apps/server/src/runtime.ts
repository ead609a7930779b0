/**
 * Opening Henji: database, migrations, built-ins, the ledger key and the sequencer. Shared by the server, the CLI and
 * the tests so that all three run exactly the same start-up.
 */
import type { Config } from './config.ts';
import { openDatabase, type DbHandle } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { noRequest, systemActor } from './kernel/actor.ts';
import { execute } from './kernel/command.ts';
import { loadOrCreateSigner, publishKey, type LedgerSigner } from './kernel/ledger/keys.ts';
import { Sequencer } from './kernel/ledger/sequencer.ts';
import { bootstrap } from './kernel/org/index.ts';
import type { BootstrapResult } from './kernel/org/bootstrap.ts';
import './kernel/auth/index.ts';

export interface Runtime {
  config: Config;
  handle: DbHandle;
  signer: LedgerSigner;
  sequencer: Sequencer;
  bootstrap: BootstrapResult;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, options: { startSequencer?: boolean; onSequencerError?: (e: unknown) => void } = {}): Promise<Runtime> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
  try {
    await migrate(handle.db);
    const signer = await loadOrCreateSigner(config.ledgerKeyFile);
    await publishKey(handle.db, signer);
    const boot = await execute(handle.db, { actor: systemActor('bootstrap'), meta: noRequest }, bootstrap, {
      adminPassword: config.adminPassword,
    });
    const sequencer = new Sequencer(handle.db, signer, {
      intervalMs: config.sequencerIntervalMs,
      ...(options.onSequencerError ? { onError: options.onSequencerError } : {}),
    });
    if (options.startSequencer ?? true) sequencer.start();
    return {
      config,
      handle,
      signer,
      sequencer,
      bootstrap: boot,
      close: async () => {
        await sequencer.stop();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
