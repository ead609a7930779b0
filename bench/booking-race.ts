/**
 * The booking race (R3, issue 11): 32 clients, each signed in as a different employee on a socket of its own, send
 * `POST /api/bookings` for the same slot at the same moment. Exactly one may win; the other 31 must get 409 naming the
 * booking in the way — never a 500, never two winners. Measured on PostgreSQL (the product's exclusion constraint
 * `booking_resources_no_overlap` decides, not a read-then-write check in the application).
 *
 * Two kinds of round alternate: all 32 ask for one room; or 32 ask for 32 different rooms with the same projector (the
 * equipment claim decides). After every round the database is asked how many unreleased claims overlap the slot for
 * the contested resource: it must be exactly one. Slots lie in 2030 so that no clock reading is needed to stay in
 * the future. Reports the winners per round, the statuses, the request latencies and the time for a round's 32 answers.
 */
import pg from 'pg';
import type { Booking } from '@henji/contracts';
import { noRequest, systemActor } from '../apps/server/src/kernel/actor.ts';
import { execute, type Caller } from '../apps/server/src/kernel/command.ts';
import { createDepartment } from '../apps/server/src/kernel/org/commands/create-department.ts';
import { createUser } from '../apps/server/src/kernel/org/commands/create-user.ts';
import '../apps/server/src/modules/meetings/index.ts';
import { createEquipment, createRoom } from '../apps/server/src/modules/meetings/commands/rooms.ts';
import { waitForQuietMachine } from './lib/cpu.ts';
import { createBenchDatabase } from './lib/database.ts';
import { openBenchHenji } from './lib/henji.ts';
import { HttpClient, type Session } from './lib/http-client.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { latencyLine, machine, ms, note, printResult, summarise } from './lib/report.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const PASSWORD = 'bench-user-password';
/** A Monday in 2030, 09:00 Beijing; round i books hour i of the following days. */
const FIRST_SLOT = Date.parse('2030-01-07T09:00:00+08:00');
const HOUR = 3_600_000;

const bench: Caller = { actor: systemActor('bench'), meta: noRequest };

export async function main(): Promise<void> {
  const database = await createBenchDatabase();
  const henji = await openBenchHenji(database.url, { poolSize: 2 });
  const { db } = henji.handle;
  let server: ServerProcess | null = null;
  let http: HttpClient | null = null;
  const lines: Record<string, string> = { ...(await machine()) };
  let met = false;
  try {
    const dept = await execute(db, bench, createDepartment, { code: 'XZ', name: '行政部', parentId: null });
    const roomIds: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const room = await execute(db, bench, createRoom, { name: `${301 + i} 会议室`, location: '3 楼', capacity: 12, fixedEquipment: [], bookableBy: 'everyone', departmentIds: [], approvalRequired: false });
      roomIds.push(room.id);
    }
    const projector = await execute(db, bench, createEquipment, { name: '投影仪', code: 'TYY-01', kind: 'projector', location: '行政部' });
    const usernames: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const username = `employee${i + 1}`;
      await execute(db, bench, createUser, {
        username, displayName: `员工${i + 1}`, roles: [], departmentId: dept.id, positionId: null, managerId: null, password: PASSWORD, passwordChosenByUser: true,
      });
      usernames.push(username);
    }
    server = await startServerProcess(database.url, henji.pem);
    http = new HttpClient(server.base, CLIENTS);
    const sessions: Session[] = [];
    for (const username of usernames) sessions.push(await http.signIn(username, PASSWORD));
    lines.server = 'buildServer + openRuntime in a child process (sequencer and job runner running), its default connection pool, loopback keep-alive HTTP';
    lines.clients = `${CLIENTS} employees, each signed in with its own cookie on its own socket; all ${CLIENTS} requests of a round sent at once (Promise.all)`;

    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    const latencies: number[] = [];
    const roundTimes: number[] = [];
    const statuses = new Map<number, number>();
    const winners: number[] = [];
    const held: number[] = [];
    try {
      await waitForQuietMachine(note);
      for (let round = 0; round < ROUNDS; round++) {
        const startsAt = new Date(FIRST_SLOT + Math.floor(round / 8) * 24 * HOUR + (round % 8) * HOUR);
        const endsAt = new Date(startsAt.getTime() + HOUR);
        const sameRoom = round % 2 === 0;
        const t0 = performance.now();
        const answers = await Promise.all(
          sessions.map(async (session, i) => {
            const body = {
              roomId: sameRoom ? roomIds[0]! : roomIds[i]!,
              equipmentIds: sameRoom ? [] : [projector.id],
              startsAt: startsAt.toISOString(),
              endsAt: endsAt.toISOString(),
              purpose: `抢订 第${round + 1}轮`,
            };
            const s = performance.now();
            const res = await http!.send<Booking>('POST', '/api/bookings', { session, body });
            latencies.push(performance.now() - s);
            return res.status;
          }),
        );
        roundTimes.push(performance.now() - t0);
        for (const status of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
        winners.push(answers.filter((s) => s === 201).length);
        const contested = sameRoom ? roomIds[0]! : projector.id;
        const { rows } = await check.query<{ n: number }>(
          `select count(*)::int as n from booking_resources where resource_id = $1 and not released and during && tstzrange($2, $3, '[)')`,
          [contested, startsAt.toISOString(), endsAt.toISOString()],
        );
        held.push(rows[0]!.n);
      }
    } finally {
      await check.end();
    }
    met = winners.every((w) => w === 1) && held.every((h) => h === 1) && [...statuses.keys()].every((s) => s === 201 || s === 409);
    lines.rounds = `${ROUNDS} (${Math.ceil(ROUNDS / 2)} on one room, ${Math.floor(ROUNDS / 2)} on one projector across ${CLIENTS} rooms)`;
    lines['winners per round'] = winners.join(' ');
    lines['claims held on the contested resource after each round'] = held.join(' ');
    lines.statuses = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(', ');
    lines['POST /api/bookings (all requests)'] = latencyLine(summarise(latencies));
    const rounds = summarise(roundTimes);
    lines['a round (32 answers)'] = `p50 ${ms(rounds.p50)}, max ${ms(rounds.max)}; each: ${roundTimes.map((t) => Math.round(t)).join(' ')} ms`;
  } finally {
    http?.close();
    await server?.stop();
    await henji.handle.close();
    await database.drop();
  }
  printResult('booking-race', lines, { target: 'exactly one 201 per round, every other answer 409, one claim held', met });
}
