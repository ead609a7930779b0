import { describe, expect, it } from 'vitest';
import { canonicalJson, entryLeafData, fromBase64, fromHex, toBase64, toHex } from '../src/index.ts';

describe('byte encodings', () => {
  it('round-trip hex and base64 for every length, matching Node', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 255);
      expect(toHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromHex(toHex(bytes))).toEqual(bytes);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromBase64('a*b')).toThrow();
  });
});

describe('canonical forms', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('encodes an entry as a JSON array in a fixed field order', () => {
    const data = entryLeafData({
      id: '7',
      recordedAt: '2026-11-21T09:30:00.000Z',
      actorId: null,
      onBehalfOfId: 'u2',
      action: 'department.create',
      subjectType: 'department',
      subjectId: 'd1',
      payload: '{"comment":"新建"}',
    });
    expect(data).toBe(
      '["henji.ledger.v1","7","2026-11-21T09:30:00.000Z",null,"u2","department.create","department","d1","{\\"comment\\":\\"新建\\"}"]',
    );
  });
});
