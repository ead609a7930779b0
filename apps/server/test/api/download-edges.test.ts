/**
 * Downloads whose names or contents come from stored data must not turn into a 500: a proof bundle of an object whose
 * id holds Chinese characters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdmin, startHenji, type TestHenji } from '../harness.ts';

let h: TestHenji;

beforeAll(async () => {
  h = await startHenji();
});
afterAll(async () => {
  await h.close();
});

describe('downloads named or filled from stored data', () => {
  it('a proof bundle of an object whose id is Chinese keeps the name in filename* (no raw header byte, no 500)', async () => {
    const admin = await signInAdmin(h);
    await h.sequencer.flush();
    const res = await (await h.app()).inject({ method: 'GET', url: `/api/ledger/bundle?subjectType=department&subjectId=${encodeURIComponent('财务部')}`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="henji-proof-department-___.json"; filename*=UTF-8''henji-proof-department-${encodeURIComponent('财务部')}.json`,
    );
  });
});
