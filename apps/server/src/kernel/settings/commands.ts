import { eq } from 'drizzle-orm';
import type { UpdateCompanySettingsInput } from '@henji/contracts';
import { authorize } from '../access/policy.ts';
import { defineCommand } from '../command.ts';
import { invalid } from '../errors.ts';
import { attachFiles, detachFiles } from '../files/commands.ts';
import { files } from '../files/schema.ts';
import { msg } from '../messages.ts';
import { COMPANY_KEY, LOGO_TYPES, readCompany, type CompanyValue } from './queries.ts';
import { systemSettings } from './schema.ts';

/**
 * Sets the company's name and logo. The logo is an uploaded image attached to the setting (files kernel), so its
 * SHA-256 is evidence in the trace; a replaced logo goes back to its uploader's unattached files.
 */
export const updateCompanySettings = defineCommand(
  'settings.updateCompany',
  async (ctx, input: UpdateCompanySettingsInput): Promise<CompanyValue> => {
    authorize(ctx.actor, 'update', 'system_setting', { key: COMPANY_KEY });
    const before = await readCompany(ctx.tx, true);
    const after: CompanyValue = { name: input.name, logoFileId: input.logoFileId };
    if (before.name === after.name && before.logoFileId === after.logoFileId) return before;

    let evidence: { name: string; sha256: string }[] = [];
    if (after.logoFileId !== before.logoFileId) {
      if (after.logoFileId) {
        const [file] = await ctx.tx.select({ mime: files.mime, subjectType: files.subjectType }).from(files).where(eq(files.id, after.logoFileId));
        if (file && file.subjectType === null && !LOGO_TYPES.has(file.mime)) throw invalid({ logoFileId: msg('settings.logo_not_image') });
      }
      await detachFiles(ctx, { subjectType: 'system_setting', subjectId: COMPANY_KEY, keep: after.logoFileId ? [after.logoFileId] : [] });
      if (after.logoFileId) {
        evidence = await attachFiles(ctx, { fileIds: [after.logoFileId], subjectType: 'system_setting', subjectId: COMPANY_KEY, field: 'logoFileId' });
      }
    }
    await ctx.tx
      .insert(systemSettings)
      .values({ key: COMPANY_KEY, value: after, updatedAt: ctx.now, updatedById: ctx.actor.kind === 'user' ? ctx.actor.userId : null })
      .onConflictDoUpdate({
        target: systemSettings.key,
        set: { value: after, updatedAt: ctx.now, updatedById: ctx.actor.kind === 'user' ? ctx.actor.userId : null },
      });
    await ctx.trace({
      action: 'settings.update',
      subjectType: 'system_setting',
      subjectId: COMPANY_KEY,
      diff: {
        ...(before.name !== after.name ? { companyName: { before: before.name, after: after.name } } : {}),
        ...(before.logoFileId !== after.logoFileId ? { logoFileId: { before: before.logoFileId, after: after.logoFileId } } : {}),
      },
      evidence,
    });
    return after;
  },
);
