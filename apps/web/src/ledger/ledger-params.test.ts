import { describe, expect, it } from 'vitest';
import { actionChoice, groupActions, readLedgerFilter, withActionChoice, writeLedgerFilter } from './ledger-params.ts';

const USER = '0b7c1f3e-6a2d-4c1b-9e8f-1234567890ab';

describe('ledger filter in the URL', () => {
  it('round-trips every filter', () => {
    const filter = { actorId: USER, departmentId: USER, actionGroup: 'application', subjectType: 'application', from: '2026-12-01', to: '2026-12-02', number: 'CG20260001' };
    expect(readLedgerFilter(writeLedgerFilter(filter))).toEqual(filter);
  });

  it('drops what the server would reject', () => {
    const params = new URLSearchParams({ actorId: 'not-a-uuid', from: '2026-13-45', to: 'tomorrow', actionGroup: 'App!', subjectType: 'x y', number: '   ' });
    expect(readLedgerFilter(params)).toEqual({});
  });

  it('an action wins over a group', () => {
    expect(readLedgerFilter(new URLSearchParams({ action: 'application.approve', actionGroup: 'auth' }))).toEqual({ action: 'application.approve' });
  });

  it('the action select chooses an action or a whole group', () => {
    expect(actionChoice({ actionGroup: 'auth' })).toBe('group:auth');
    expect(withActionChoice({ action: 'auth.login', number: 'X' }, 'group:application')).toEqual({ actionGroup: 'application', number: 'X' });
    expect(withActionChoice({ actionGroup: 'auth' }, 'auth.login')).toEqual({ action: 'auth.login' });
    expect(withActionChoice({ actionGroup: 'auth', from: '2026-12-01' }, undefined)).toEqual({ from: '2026-12-01' });
  });
});

describe('action groups', () => {
  it('groups actions by prefix, each group offering itself first', () => {
    const groups = groupActions(
      { 'auth.login': '登录', 'application.approve': '同意', 'auth.logout': '退出登录' },
      (g) => ({ auth: '登录与账户', application: '申请' })[g] ?? g,
      (label) => `全部：${label}`,
    );
    expect(groups).toEqual([
      { label: '登录与账户', title: '登录与账户', options: [{ value: 'group:auth', label: '全部：登录与账户' }, { value: 'auth.login', label: '登录' }, { value: 'auth.logout', label: '退出登录' }] },
      { label: '申请', title: '申请', options: [{ value: 'group:application', label: '全部：申请' }, { value: 'application.approve', label: '同意' }] },
    ]);
  });
});
