import { describe, expect, it } from 'vitest';
import type { UserActor } from '../actor.ts';
import { systemActor } from '../actor.ts';
import { allowedActions, authorize, can, definePolicy } from './policy.ts';
import { mayRead } from './confidentiality.ts';

const user = (over: Partial<UserActor> = {}): UserActor => ({
  kind: 'user', userId: 'u1', username: 'u1', displayName: 'U', departmentId: 'd1', positionCode: 'specialist', roles: new Set(), locale: 'zh-CN', tokenId: null, ...over,
});

definePolicy<{ owner: string }>('test_thing', {
  read: (a, t) => a.userId === t.owner || a.roles.has('audit'),
  edit: (a, t) => a.userId === t.owner,
});

describe('access policies', () => {
  it('deny by default: an action without a rule is refused', () => {
    expect(can(user(), 'delete', 'test_thing', { owner: 'u1' })).toBe(false);
    expect(can(systemActor('t'), 'delete', 'test_thing', { owner: 'u1' })).toBe(true);
  });

  it('an unreadable subject is not found, a readable one without the right is forbidden', () => {
    expect(() => authorize(user({ userId: 'u2' }), 'edit', 'test_thing', { owner: 'u1' })).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => authorize(user({ userId: 'u2', roles: new Set(['audit']) }), 'edit', 'test_thing', { owner: 'u1' })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(() => authorize(user(), 'edit', 'test_thing', { owner: 'u1' })).not.toThrow();
  });

  it('lists allowed actions per object', () => {
    expect(allowedActions(user(), 'test_thing', { owner: 'u1' })).toEqual(['edit']);
    expect(allowedActions(user({ userId: 'u9' }), 'test_thing', { owner: 'u1' })).toEqual([]);
  });

  it('confidentiality levels: a 机密 contract only for its department director', () => {
    const contract = { confidentiality: 'top_secret' as const, departmentId: 'sales' };
    expect(mayRead(user({ departmentId: 'sales', positionCode: 'director' }), contract)).toBe(true);
    expect(mayRead(user({ departmentId: 'sales', positionCode: 'specialist' }), contract)).toBe(false);
    expect(mayRead(user({ departmentId: 'hr', positionCode: 'director' }), contract)).toBe(false);
    const secret = { confidentiality: 'secret' as const, departmentId: 'sales', extraRoles: ['audit'] };
    expect(mayRead(user({ departmentId: 'sales' }), secret)).toBe(true);
    expect(mayRead(user({ departmentId: 'hr', roles: new Set(['audit']) }), secret)).toBe(true);
    expect(mayRead(user({ departmentId: 'hr' }), secret)).toBe(false);
    expect(mayRead(user({ departmentId: null }), { confidentiality: 'internal', departmentId: 'x' })).toBe(true);
  });
});
