import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openApiDocument } from './openapi.ts';

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and matches the committed docs/openapi.json (run `npm run openapi` after changing routes)', async () => {
    const doc = (await openApiDocument(loadConfig({}))) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/ledger/proofs/inclusion');
    const committed = JSON.parse(await readFile(new URL('../../../../docs/openapi.json', import.meta.url), 'utf8')) as unknown;
    expect(JSON.parse(JSON.stringify(doc))).toEqual(committed);
  });
});
