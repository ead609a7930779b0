/**
 * First start: the built-in positions and roles, and the administrator `admin`. Idempotent; traced like any change.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { defineCommand } from '../command.ts';
import { hashPassword } from '../auth/password.ts';
import { insertUser } from './commands/create-user.ts';
import { createPosition, createRole } from './commands/positions-and-roles.ts';
import { positions, roles, users } from './schema.ts';

export const BUILTIN_POSITIONS = [
  { code: 'head', name: '负责人', rank: 400 },
  { code: 'director', name: '总监', rank: 300 },
  { code: 'supervisor', name: '主管', rank: 200 },
  { code: 'specialist', name: '专员', rank: 100 },
] as const;

export const BUILTIN_ROLE_DEFS = [
  { code: 'admin', name: '系统管理员', description: '管理组织架构、用户和系统配置' },
  { code: 'ceo', name: '总经理', description: '公司最高审批人 (CEO)' },
  { code: 'finance', name: '财务', description: '财务部审核' },
  { code: 'hr', name: '人力资源', description: '人事、请假和仲裁' },
  { code: 'audit', name: '审计', description: '内部审计与痕迹检查，可查阅全部痕迹' },
  { code: 'custodian', name: '行政保管', description: '文件、会议室和办公用品的保管人' },
  { code: 'pm_committee', name: '项目管理委员会', description: '项目立项、变更与验收审批' },
  { code: 'board', name: '董事会', description: '无上级可审时的审批人：如总经理本人的采购申请' },
  { code: 'emergency', name: '应急临时小组', description: '突发情况下可直接执行紧急申请，事后须复核会签' },
] as const;

export interface BootstrapResult {
  adminCreated: boolean;
  /** Set only when the password was generated here; printed once on the console. */
  generatedPassword: string | null;
}

export const bootstrap = defineCommand(
  'org.bootstrap',
  async (ctx, input: { adminPassword: string | undefined }): Promise<BootstrapResult> => {
    for (const p of BUILTIN_POSITIONS) {
      const [found] = await ctx.tx.select({ id: positions.id }).from(positions).where(eq(positions.code, p.code));
      if (!found) await createPosition.run(ctx, { ...p, builtin: true });
    }
    for (const r of BUILTIN_ROLE_DEFS) {
      const [found] = await ctx.tx.select({ id: roles.id }).from(roles).where(eq(roles.code, r.code));
      if (!found) await createRole.run(ctx, { ...r, builtin: true });
    }
    const [admin] = await ctx.tx.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
    if (admin) return { adminCreated: false, generatedPassword: null };
    const generatedPassword = input.adminPassword ? null : randomBytes(12).toString('base64url');
    await insertUser(
      ctx,
      { username: 'admin', displayName: '系统管理员', roles: ['admin'], locale: 'zh-CN' },
      await hashPassword(input.adminPassword ?? generatedPassword!),
      // A generated password was printed on a console (and may sit in a log): replace it at the first sign-in.
      // HENJI_ADMIN_PASSWORD is the operator's own choice, made deliberately in the configuration: kept.
      generatedPassword !== null,
    );
    return { adminCreated: true, generatedPassword };
  },
);
