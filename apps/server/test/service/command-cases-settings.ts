/** The command walker's cases for system settings (the company's name and logo); merged into CASES in command-cases.ts. */
import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { execute } from '../../src/kernel/command.ts';
import { uploadFile } from '../../src/kernel/files/commands.ts';
import { updateCompanySettings } from '../../src/kernel/settings/index.ts';
import { callerFor, type TestHenji } from '../harness.ts';
import { admin, file, plan, type Case } from './command-plan.ts';

const uploadedPng = () => {
  const bytes = Buffer.from(`\x89PNG\r\n\x1a\n${randomUUID()}`, 'latin1');
  return { name: '标志.png', mime: 'image/png', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
};

export const SETTINGS_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'settings.updateCompany': async (h) => {
    const boss = callerFor(await admin(h));
    const first = await execute(h.db, boss, uploadFile, uploadedPng());
    const second = await execute(h.db, boss, uploadFile, uploadedPng());
    const company = { type: 'system_setting', id: 'company' };
    return [
      plan('sets the name and attaches the logo', updateCompanySettings, boss, { name: `公司${randomUUID().slice(0, 4)}`, logoFileId: first.id }, (v) => {
        expect(v.logoFileId).toBe(first.id);
        return [company, file(first.id)];
      }),
      plan('replaces the logo: the old one is detached', updateCompanySettings, boss, { name: '痕迹科技', logoFileId: second.id }, () => [
        company,
        file(first.id),
        file(second.id),
      ]),
    ];
  },
};
