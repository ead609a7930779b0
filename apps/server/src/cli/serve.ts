import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { buildServer } from '../http/server.ts';
import { appDepsOf, openRuntime } from '../runtime.ts';
import { seedDemoIfMissing } from './seed.ts';

/**
 * Runs until SIGINT/SIGTERM; returns -1 so main leaves the process to the signal handlers. `--demo` loads the demo
 * company first when it is not there yet — in this process, since on PGlite no other may open the data directory.
 */
export async function serve(config: Config, logger: Logger, args: string[] = []): Promise<number> {
  const unknown = args.filter((a) => a !== '--demo');
  if (unknown.length > 0) {
    console.error(`unknown option for serve: ${unknown.join(' ')}\nusage: henji serve [--demo]`);
    return 2;
  }
  const runtime = await openRuntime(config, {
    onBackgroundError: (err, where) => logger.error({ err, where }, `${where} failed`),
  });
  const demo = args.includes('--demo') ? await seedDemoIfMissing(runtime.handle.db) : null;
  const app = await buildServer(appDepsOf(runtime), logger);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  logger.info({ url, database: runtime.handle.kind, dataDir: config.dataDir }, 'Henji is running');
  if (runtime.bootstrap.adminCreated) {
    const password = runtime.bootstrap.generatedPassword
      ? `password: ${runtime.bootstrap.generatedPassword}  (shown once; you set your own at the first sign-in)`
      : 'password: the value of HENJI_ADMIN_PASSWORD';
    process.stdout.write(`\n  Henji 痕迹 is ready at ${url}\n  Sign in as: admin\n  ${password}\n\n`);
  }
  if (demo) process.stdout.write(`  ${demo}\n\n`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return -1;
}
