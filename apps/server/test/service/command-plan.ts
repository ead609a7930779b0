/**
 * Building the command walker's cases (command-cases.ts, commands-traced.test.ts): a case runs one command with a
 * caller and valid input, and names the subjects it must trace.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type Database } from '../../src/db/client.ts';
import { systemActor, type UserActor } from '../../src/kernel/actor.ts';
import type { LoginInput } from '../../src/kernel/auth/commands.ts';
import { execute, type Caller, type Command } from '../../src/kernel/command.ts';
import { makeUser, type TestHenji } from '../harness.ts';
import { now } from '../../src/kernel/clock.ts';

export interface Subject {
  type: string;
  id: string;
}

export interface Case {
  label: string;
  command: Command<never, unknown>;
  caller: Caller;
  /** A path that changes nothing, and so must trace nothing. */
  quiet: boolean;
  /** A path that changes no row but records an event all the same (a download): it must trace and change nothing. */
  traceOnly?: boolean;
  /** Runs the command; returns the subjects it must have traced besides those of the rows it changed. */
  run(db: Database): Promise<Subject[]>;
}

export function plan<I, O>(
  label: string,
  command: Command<I, O>,
  caller: Caller,
  input: I,
  subjects: (result: O) => Subject[] = () => [],
  options: { quiet?: boolean; traceOnly?: boolean } = {},
): Case {
  return {
    label,
    command,
    caller,
    quiet: options.quiet ?? false,
    traceOnly: options.traceOnly ?? false,
    run: async (db) => subjects(await execute(db, caller, command, input)),
  };
}

const subject = (type: string) => (id: string): Subject => ({ type, id });
export const department = subject('department');
export const user = subject('user');
export const delegation = subject('delegation');
export const apiToken = subject('api_token');
export const position = subject('position');
export const role = subject('role');
export const webhook = subject('webhook');
export const file = subject('file');
export const notification = subject('notification');
export const notificationChannel = subject('notification_channel');
export const calendar = subject('calendar');
export const application = subject('application');
export const applicationType = subject('application_type');
export const trackedTask = subject('tracked_task');

export const requestMeta = () => ({ requestId: randomUUID(), ip: '203.0.113.7', userAgent: 'commands-traced' });
/** How the login route calls the login command. */
export const signInCaller = (): Caller => ({ actor: systemActor('sign-in'), meta: requestMeta() });
export const loginInput = (username: string, password: string, maxFailures = 5): LoginInput => ({
  username,
  password,
  sessionHours: 1,
  maxFailures,
  lockMinutes: 10,
});
export const deptCode = () => `T${randomBytes(4).toString('hex').toUpperCase()}`;
export const today = () => now().toISOString().slice(0, 10);
export const inDays = (n: number) => new Date(now().getTime() + n * 86400_000).toISOString().slice(0, 10);

export async function admin(h: TestHenji): Promise<UserActor> {
  return (await makeUser(h, { roles: ['admin'] })).actor;
}
