/**
 * System settings are read by everyone signed in (the company's name and logo are in every page's header; the public
 * subset is also served to the sign-in page) and changed by administrators (`org.manage`).
 */
import { eq } from 'drizzle-orm';
import { definePolicy, hasPermission } from '../access/policy.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';
import { systemSettings } from './schema.ts';

export const settingsPolicy = definePolicy<{ key: string }>('system_setting', {
  read: () => true,
  update: (actor) => hasPermission(actor, 'org.manage'),
});

registerSubjectLoader('system_setting', async (q, key) => {
  const [row] = await q.select({ key: systemSettings.key }).from(systemSettings).where(eq(systemSettings.key, key));
  return row ?? null;
});
