import { describe, expect, it } from 'vitest';
import type { ApplicationTypeVersion } from '@henji/contracts';
import { baseVersion } from './use-designer.ts';
import { purchase } from './test-definitions.ts';

const version = (n: number, status: ApplicationTypeVersion['status']): ApplicationTypeVersion => ({
  id: `v${n}`,
  typeId: 't',
  version: n,
  status,
  definition: purchase(),
  definitionHash: `sha256:${n}`,
  createdAt: '2026-01-01T00:00:00Z',
  publishedAt: null,
  publishedBy: null,
  runningCount: 0,
  allowedActions: [],
});

describe('baseVersion', () => {
  it('edits the draft when there is one, else the published version', () => {
    expect(baseVersion([version(1, 'superseded'), version(3, 'draft'), version(2, 'published')])?.id).toBe('v3');
    expect(baseVersion([version(1, 'superseded'), version(2, 'published')])?.id).toBe('v2');
    expect(baseVersion([])).toBeUndefined();
  });
});
