/**
 * Opening Henji: database, migrations, built-ins, the ledger key and the sequencer. Shared by the server, the CLI and
 * the tests so that all three run exactly the same start-up.
 */
import type { Config } from './config.ts';
import type { AppDeps } from './http/context.ts';
import { RateLimiter } from './kernel/auth/rate-limit.ts';
import { VERSION } from './version.ts';
import { openDatabase, type DbHandle } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { noRequest, systemActor } from './kernel/actor.ts';
import { execute } from './kernel/command.ts';
import { installClock, TestClock } from './kernel/clock.ts';
import { loadOrCreateSigner, publishKey, type LedgerSigner } from './kernel/ledger/keys.ts';
import {
  commitmentKeyFileFor,
  ephemeralCommitmentKey,
  installCommitmentKey,
  loadOrCreateCommitmentKey,
  type CommitmentKey,
} from './kernel/ledger/commitment-key.ts';
import { Sequencer } from './kernel/ledger/sequencer.ts';
import { registeredJobHandlers } from './kernel/jobs/handlers.ts';
import { JobRunner } from './kernel/jobs/queue.ts';
import { enqueueDeliveries } from './kernel/webhooks/index.ts';
import { bootstrap } from './kernel/org/index.ts';
import { bootstrapCalendars, checkNextYear } from './kernel/calendar/index.ts';
import { bootstrapApplicationTypes } from './modules/applications/index.ts';
import { configureTaskRules } from './kernel/tasks/index.ts';
import { configureNotifyLinks } from './kernel/notify/index.ts';
import { configureOutbound } from './kernel/outbound/address-policy.ts';
import type { BootstrapResult } from './kernel/org/bootstrap.ts';
import './kernel/auth/index.ts';
// Registers the notify.deliver job handler with the runner.
import './kernel/notify/index.ts';

export interface Runtime {
  config: Config;
  handle: DbHandle;
  signer: LedgerSigner;
  sequencer: Sequencer;
  jobs: JobRunner;
  bootstrap: BootstrapResult;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Start the sequencer and the job runner (the server does; one-shot CLI commands do not). */
  startBackground?: boolean;
  onBackgroundError?: (error: unknown, where: 'sequencer' | 'jobs') => void;
  /** Keep an embedded database in memory instead of config.dataDir (tests). */
  inMemory?: boolean;
  /** Sign with this key instead of the key file (tests). */
  signer?: LedgerSigner;
  /**
   * Commit confidential values with this key instead of the one beside the key file. A caller that brings its own
   * signer (tests, benchmarks) gets a fresh in-memory key unless it passes one, so it never writes a key file.
   */
  commitmentKey?: CommitmentKey;
  /** Sign a checkpoint after every sequencer batch instead of at most once a second (tests). */
  checkpointIntervalMs?: number;
}

/** What the HTTP server needs from a runtime. */
export const appDepsOf = (runtime: Runtime): AppDeps => ({
  config: runtime.config,
  db: runtime.handle.db,
  dbKind: runtime.handle.kind,
  signer: runtime.signer,
  version: VERSION,
  loginLimiter: new RateLimiter(runtime.config.login.ratePerMinute, 60_000),
});

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  if (config.clockStart) installClock(new TestClock(config.clockStart));
  configureTaskRules(config.tasks);
  configureNotifyLinks(config.publicUrl);
  configureOutbound(config.allowPrivateNetworks);
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: options.inMemory ? null : config.dataDir,
    poolSize: config.poolSize,
  });
  try {
    await migrate(handle.db);
    const signer = options.signer ?? (await loadOrCreateSigner(config.ledgerKeyFile));
    installCommitmentKey(
      options.commitmentKey ??
        (options.signer ? ephemeralCommitmentKey() : await loadOrCreateCommitmentKey(commitmentKeyFileFor(config.ledgerKeyFile))),
    );
    await publishKey(handle.db, signer);
    const boot = await execute(handle.db, { actor: systemActor('bootstrap'), meta: noRequest }, bootstrap, {
      adminPassword: config.adminPassword,
    });
    await execute(handle.db, { actor: systemActor('bootstrap'), meta: noRequest }, bootstrapCalendars, {});
    await execute(handle.db, { actor: systemActor('bootstrap'), meta: noRequest }, bootstrapApplicationTypes, {});
    const onError = options.onBackgroundError;
    const sequencer = new Sequencer(handle.db, signer, {
      intervalMs: config.sequencerIntervalMs,
      onIntegrated: enqueueDeliveries,
      ...(options.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: options.checkpointIntervalMs } : {}),
      ...(onError ? { onError: (e: unknown) => onError(e, 'sequencer') } : {}),
    });
    const jobs = new JobRunner(handle.db, registeredJobHandlers(), {
      pollMs: config.jobPollMs,
      ...(onError ? { onError: (e: unknown) => onError(e, 'jobs') } : {}),
    });
    if (options.startBackground ?? true) {
      // A server (not a one-shot CLI command) checks at once whether next year's holidays are missing, and queues the yearly check.
      await execute(handle.db, { actor: systemActor('calendar-check'), meta: noRequest }, checkNextYear, { jobId: null });
      sequencer.start();
      jobs.start();
    }
    return {
      config,
      handle,
      signer,
      sequencer,
      jobs,
      bootstrap: boot,
      close: async () => {
        await jobs.stop();
        await sequencer.stop();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
