/**
 * The `henji` command: serve [--demo] | migrate | seed --demo | verify [--json] [--public-key B64] [--since FILE] |
 * checkpoint export [--out FILE] | users unlock|reset-password <name> | openapi.
 */
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { VERSION } from './version.ts';

const USAGE = `henji ${VERSION}
usage: henji <command>
  serve [--demo]        start the web app and API (PORT, HENJI_DATA_DIR, DATABASE_URL);
                        --demo first loads the demo company if it is not there yet
  migrate               apply database migrations and exit
  seed --demo           load the demo company built from the policies
  verify [--json] [--public-key BASE64] [--since FILE]
                        check every ledger entry, the Merkle tree and every checkpoint signature;
                        --since: and that the tree still extends a checkpoint exported earlier
  checkpoint export [--out FILE]
                        write the newest signed checkpoint (JSON) to keep outside the database
  users unlock <name>   end an account's lock after repeated failed sign-ins
  users reset-password <name> [--password-stdin]
                        set a new password (prompted twice, or the first line of standard input)
  openapi               print the OpenAPI 3.1 document`;

/** What to do instead, per command, when a server holds the PGlite data directory. */
const LOCKED_ADVICE: Record<string, string> = {
  seed:
    'To load the demo company, stop the server and run `npx henji seed --demo` again, ' +
    'or start the server with `npm start -- --demo` (it loads the demo company itself).',
  verify:
    '`henji verify` reads the data directory itself: stop the server, verify, then start it again. ' +
    '(With DATABASE_URL, verify runs beside any number of servers.)',
  users: 'Stop the server, run the users command, then start the server again.',
  checkpoint:
    'Stop the server and export again, or save GET /api/ledger/checkpoint from the running server (signed in): ' +
    '`henji verify --since` reads that JSON as well.',
};

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
      return (await import('./cli/serve.ts')).serve(config, pino({ level: config.logLevel }), args);
    case 'migrate':
      return (await import('./cli/migrate.ts')).migrateCommand(config);
    case 'seed':
      return (await import('./cli/seed.ts')).seedCommand(config, args);
    case 'verify':
      return (await import('./cli/verify.ts')).verifyCommand(config, args);
    case 'checkpoint':
      return (await import('./cli/checkpoint.ts')).checkpointCommand(config, args);
    case 'users':
      return (await import('./cli/users.ts')).usersCommand(config, args);
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
    if (error instanceof DataDirLockedError) {
      // An expected situation, not a bug: say what to do, no stack trace.
      console.error(`${error.message}\n${LOCKED_ADVICE[process.argv[2] ?? ''] ?? ''}`.trimEnd());
      process.exit(2);
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
