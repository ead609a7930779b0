/**
 * Imports users from rows read by import-file.ts. All or nothing: every row is checked first, and if any row has an
 * error nothing is written and the report lists every error by row. Existing usernames are updated. The report's
 * problems are messages and zod issues, rendered in the reader's language by `presentImportReport`.
 */
import { createHash } from 'node:crypto';
import { CreateUserInput, type ImportReport } from '@henji/contracts';
import { requirePermission } from '../../access/policy.ts';
import { hashPassword } from '../../auth/password.ts';
import { renderProblem, type Problem } from '../../issue-messages.ts';
import { msg, type Locale } from '../../messages.ts';
import { defineCommand } from '../../command.ts';
import type { ImportRow } from '../import-file.ts';
import { departments, positions, roles, users } from '../schema.ts';
import { insertUser } from './create-user.ts';
import { updateUser } from './update-user.ts';

export interface ImportUsersInput {
  fileName: string;
  fileSha256: string;
  rows: ImportRow[];
  dryRun: boolean;
}

export interface ImportOutcome extends Omit<ImportReport, 'errors'> {
  errors: { row: number; field?: string; problem: Problem }[];
}

export const presentImportReport = (locale: Locale, { errors, ...counts }: ImportOutcome): ImportReport => ({
  ...counts,
  errors: errors.map(({ problem, ...where }) => ({ ...where, message: renderProblem(locale, problem) })),
});

interface Planned {
  row: number;
  input: CreateUserInput;
  existingId: string | null;
  managerUsername: string | null;
}

export const importUsers = defineCommand('org.importUsers', async (ctx, input: ImportUsersInput): Promise<ImportOutcome> => {
  requirePermission(ctx.actor, 'org.manage');
  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const deptRows = await ctx.tx.select({ id: departments.id, code: departments.code }).from(departments);
  const positionRows = await ctx.tx.select({ id: positions.id, code: positions.code, name: positions.name }).from(positions);
  const roleRows = await ctx.tx.select({ code: roles.code, name: roles.name }).from(roles);
  const userRows = await ctx.tx.select({ id: users.id, username: users.username }).from(users);
  const deptByCode = new Map(deptRows.map((d) => [d.code, d.id]));
  const positionByKey = new Map(positionRows.flatMap((p) => [[p.code, p.id], [p.name, p.id]] as const));
  const roleByKey = new Map(roleRows.flatMap((r) => [[r.code, r.code], [r.name, r.code]] as const));
  const userByName = new Map(userRows.map((u) => [u.username, u.id]));

  const errors: ImportOutcome['errors'] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of input.rows) {
    const before = errors.length;
    const departmentId = values.departmentCode ? deptByCode.get(values.departmentCode.toUpperCase()) : null;
    if (values.departmentCode && !departmentId) errors.push({ row, field: 'departmentCode', problem: msg('import.no_department', { code: values.departmentCode }) });
    const positionId = values.position ? positionByKey.get(values.position) : null;
    if (values.position && !positionId) errors.push({ row, field: 'position', problem: msg('import.no_position', { position: values.position }) });
    const roleCodes = (values.roles ?? '').split(/[,，、;；\s]+/).filter(Boolean);
    const unknownRoles = roleCodes.filter((r) => !roleByKey.has(r));
    if (unknownRoles.length) errors.push({ row, field: 'roles', problem: msg('org.unknown_roles', { roles: unknownRoles }) });
    const parsed = CreateUserInput.safeParse({
      username: values.username ?? '',
      displayName: values.displayName ?? '',
      email: values.email ?? null,
      phone: values.phone ?? null,
      departmentId: departmentId ?? null,
      positionId: positionId ?? null,
      roles: roleCodes.map((r) => roleByKey.get(r) ?? r),
      ...(values.password ? { password: values.password } : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row, field: issue.path.map(String).join('.'), problem: issue });
    } else {
      const earlier = seen.get(parsed.data.username);
      if (earlier !== undefined) errors.push({ row, field: 'username', problem: msg('import.same_username', { row: earlier }) });
      seen.set(parsed.data.username, row);
    }
    if (errors.length === before && parsed.success) {
      planned.push({
        row,
        input: parsed.data,
        existingId: userByName.get(parsed.data.username) ?? null,
        managerUsername: values.managerUsername?.toLowerCase() ?? null,
      });
    }
  }
  for (const p of planned) {
    if (p.managerUsername && !userByName.has(p.managerUsername) && !seen.has(p.managerUsername)) {
      errors.push({ row: p.row, field: 'managerUsername', problem: msg('import.no_manager', { username: p.managerUsername }) });
    }
  }
  const report: ImportOutcome = {
    dryRun: input.dryRun,
    totalRows: input.rows.length,
    created: planned.filter((p) => !p.existingId).length,
    updated: planned.filter((p) => p.existingId).length,
    errors: errors.sort((a, b) => a.row - b.row),
  };
  // A dry run reports what would happen; a run with errors writes nothing.
  if (input.dryRun) return report;
  if (errors.length > 0 || planned.length === 0) return { ...report, created: 0, updated: 0 };

  for (const p of planned) {
    if (p.existingId) {
      const { username: _username, password: _password, ...changes } = p.input;
      await updateUser.run(ctx, { id: p.existingId, changes });
    } else {
      const row = await insertUser(ctx, p.input, p.input.password ? await hashPassword(p.input.password) : null, true);
      userByName.set(row.username, row.id);
    }
  }
  for (const p of planned.filter((x) => x.managerUsername)) {
    const id = userByName.get(p.input.username)!;
    await updateUser.run(ctx, { id, changes: { managerId: userByName.get(p.managerUsername!)! } });
  }
  await ctx.trace({
    action: 'user.import',
    subjectType: 'user_import',
    subjectId: input.fileSha256,
    diff: { created: { after: report.created }, updated: { after: report.updated } },
    evidence: [{ name: input.fileName, sha256: input.fileSha256 }],
  });
  return report;
});

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
