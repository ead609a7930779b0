/** The command walker's cases for approver comfort (saved phrases, signature, exports); merged into CASES in command-cases.ts. */
import { expect } from 'vitest';
import { deleteSignature, recordExport, savePhrases, saveSignature } from '../../src/modules/applications/comfort/commands.ts';
import { execute } from '../../src/kernel/command.ts';
import { callerFor, makeUser, type TestHenji } from '../harness.ts';
import { plan, user, type Case } from './command-plan.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export const COMFORT_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'comfort.savePhrases': async (h) => {
    const { actor } = await makeUser(h, {});
    const me = callerFor(actor);
    await execute(h.db, me, savePhrases, { phrases: ['同意。'] });
    return [
      plan('adds and reorders phrases', savePhrases, me, { phrases: ['请补充材料。', '同意。'] }, (items) => {
        expect(items.map((p) => p.text)).toEqual(['请补充材料。', '同意。']);
        return [user(actor.userId)];
      }),
      plan('deletes them all', savePhrases, me, { phrases: [] }, () => [user(actor.userId)]),
    ];
  },
  'comfort.saveSignature': async (h) => {
    const { actor } = await makeUser(h, {});
    return [plan('saves a signature', saveSignature, callerFor(actor), { image: PNG }, () => [user(actor.userId)])];
  },
  'comfort.deleteSignature': async (h) => {
    const { actor } = await makeUser(h, {});
    await execute(h.db, callerFor(actor), saveSignature, { image: PNG });
    return [plan('deletes the saved signature', deleteSignature, callerFor(actor), {}, () => [user(actor.userId)])];
  },
  'comfort.recordExport': async (h) => {
    const { actor } = await makeUser(h, {});
    return [
      plan('records an xlsx download', recordExport, callerFor(actor), { list: 'todo', filters: { tab: 'todo' }, rows: 0, sha256: '0'.repeat(64), name: '我的待办.xlsx' }, () => [
        user(actor.userId),
      ], { traceOnly: true }),
    ];
  },
};
