import { describe, expect, it } from 'vitest';
import { changedFields, isEmptyPatch } from './patch.ts';

interface ProfilePatch {
  name?: string;
  rank?: number;
  email?: string | null;
  roles?: string[];
}

describe('changedFields', () => {
  it('keeps only the fields whose value changed', () => {
    const current = { name: 'Finance', rank: 2, email: 'fin@example.com' };

    expect(changedFields<ProfilePatch>(current, { name: 'Finance', rank: 3, email: 'fin@example.com' })).toEqual({ rank: 3 });
  });

  it('is empty when nothing changed, so no request is sent', () => {
    const current = { name: 'Finance', rank: 2 };
    const patch = changedFields<ProfilePatch>(current, { name: 'Finance', rank: 2 });

    expect(patch).toEqual({});
    expect(isEmptyPatch(patch)).toBe(true);
  });

  it('never sends undefined, which means "leave as it is"', () => {
    const patch = changedFields<ProfilePatch>({ name: 'Finance', rank: 2 }, { name: undefined, rank: 5 });

    expect(patch).toEqual({ rank: 5 });
    expect(patch).not.toHaveProperty('name');
  });

  it('sends clearing a value as null, but treats a missing value and null as the same', () => {
    expect(changedFields<ProfilePatch>({ email: 'fin@example.com' }, { email: null })).toEqual({ email: null });
    expect(changedFields<ProfilePatch>({}, { email: null })).toEqual({});
  });

  it('compares lists as sets: the same items in another order are no change', () => {
    const current = { roles: ['finance', 'audit'] };

    expect(changedFields<ProfilePatch>(current, { roles: ['audit', 'finance'] })).toEqual({});
    expect(changedFields<ProfilePatch>(current, { roles: ['audit'] })).toEqual({ roles: ['audit'] });
    expect(changedFields<ProfilePatch>(current, { roles: ['audit', 'finance', 'hr'] })).toEqual({ roles: ['audit', 'finance', 'hr'] });
  });

  it('tells a number from its text', () => {
    expect(changedFields<{ code?: string }>({ code: 1 }, { code: '1' })).toEqual({ code: '1' });
  });
});

describe('isEmptyPatch', () => {
  it('is false as soon as one field is set, even to null', () => {
    expect(isEmptyPatch({ email: null })).toBe(false);
  });
});
