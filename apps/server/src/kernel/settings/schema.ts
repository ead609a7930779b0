/** System settings (company name, logo…): one row per key, changed only through `settings.update`. */
import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';
import { users } from '../org/schema.ts';

export const systemSettings = pgTable('system_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
  updatedById: uuid('updated_by_id').references(() => users.id),
});
