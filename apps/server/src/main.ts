/**
 * The `henji` command: serve | migrate | seed [--demo] | verify [--json] [--public-key B64] | openapi.
 */
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { VERSION } from './version.ts';

const USAGE = `henji ${VERSION}
usage: henji <command>
  serve                 start the web app and API (PORT, HENJI_DATA_DIR, DATABASE_URL)
  migrate               apply database migrations and exit
  seed --demo           load the demo company built from the policies
  verify [--json] [--public-key BASE64]
                        check every ledger entry, the Merkle tree and every checkpoint signature
  openapi               print the OpenAPI 3.1 document`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  switch (command) {
    case 'serve':
      return (await import('./cli/serve.ts')).serve(config, pino({ level: config.logLevel }));
    case 'migrate':
      return (await import('./cli/migrate.ts')).migrateCommand(config);
    case 'seed':
      return (await import('./cli/seed.ts')).seedCommand(config, args);
    case 'verify':
      return (await import('./cli/verify.ts')).verifyCommand(config, args);
    case 'openapi':
      return (await import('./cli/openapi.ts')).openapiCommand(config);
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
