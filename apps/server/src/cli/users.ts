/**
 * `henji users unlock <name>` and `henji users reset-password <name>`: the way back in when no administrator can sign
 * in (the only one locked out or their password lost). Both run the same traced commands as the web app, as the
 * system actor `cli:users`, so the ledger shows the change like any other.
 *
 * The new password never comes from the command line, where `ps` and shell history would keep it: it is read from
 * standard input with `--password-stdin` (first line), or typed twice at a prompt that does not echo.
 */
import { eq } from 'drizzle-orm';
import { Password } from '@henji/contracts';
import type { Config } from '../config.ts';
import { noRequest, systemActor } from '../kernel/actor.ts';
import { execute } from '../kernel/command.ts';
import { DomainError } from '../kernel/errors.ts';
import { render } from '../kernel/messages.ts';
import { resetUserPassword } from '../kernel/org/commands/reset-user-password.ts';
import { unlockUser } from '../kernel/org/commands/unlock-user.ts';
import { users } from '../kernel/org/schema.ts';
import { openRuntime } from '../runtime.ts';

const USAGE = `usage: henji users unlock <name>
       henji users reset-password <name> [--password-stdin] [--own-password]
  unlock            end an account's lock after repeated failed sign-ins
  reset-password    set a new password (ends every session of the user); typed twice at a prompt, or with
                    --password-stdin the first line of standard input, e.g. from a password manager.
                    The user must choose their own at the next sign-in, unless --own-password says that
                    the person typing it is the user themself`;

const caller = { actor: systemActor('cli:users'), meta: noRequest };

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return (finish(), resolve(value));
        if (ch === '\u0003' || ch === '\u0004') return (finish(), reject(new Error('cancelled')));
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    input.on('data', onData);
  });
}

async function newPassword(name: string, fromStdin: boolean): Promise<string | null> {
  if (fromStdin) return firstLineOfStdin();
  if (!process.stdin.isTTY) {
    console.error('standard input is not a terminal: pass the password with --password-stdin');
    return null;
  }
  const first = await promptHidden(`new password for ${name}: `);
  const again = await promptHidden('again: ');
  if (first !== again) {
    console.error('the two passwords differ; nothing was changed');
    return null;
  }
  return first;
}

export async function usersCommand(config: Config, args: string[]): Promise<number> {
  const [action, name, ...rest] = args;
  const options = new Set(rest);
  const known = action === 'unlock' ? [] : ['--password-stdin', '--own-password'];
  if ((action !== 'unlock' && action !== 'reset-password') || !name || name.startsWith('-') || rest.some((o) => !known.includes(o))) {
    if (rest.some((o) => o.startsWith('--password='))) console.error('the password is never taken from the command line\n');
    console.error(USAGE);
    return 2;
  }
  let password: string | null = null;
  if (action === 'reset-password') {
    password = await newPassword(name, options.has('--password-stdin'));
    if (password === null) return 1;
    const checked = Password.safeParse(password);
    if (!checked.success) {
      console.error('the password must be 10 to 200 characters; nothing was changed');
      return 1;
    }
  }
  const runtime = await openRuntime(config, { startBackground: false });
  try {
    const db = runtime.handle.db;
    const [user] = await db.select({ id: users.id, username: users.username }).from(users).where(eq(users.username, name.toLowerCase()));
    if (!user) {
      console.error(`no user ${name}`);
      return 1;
    }
    if (password === null) {
      await execute(db, caller, unlockUser, { id: user.id });
      console.log(`${user.username} is unlocked: they can sign in again`);
    } else {
      const chosenByUser = options.has('--own-password');
      await execute(db, caller, resetUserPassword, { id: user.id, password, chosenByUser });
      console.log(
        `${user.username} has a new password; their sessions have ended` +
          (chosenByUser ? '' : '; they must choose their own at the next sign-in (--own-password: they typed it)'),
      );
    }
    await runtime.sequencer.flush();
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(render('en-US', error.reason));
      return 1;
    }
    throw error;
  } finally {
    await runtime.close();
  }
}
