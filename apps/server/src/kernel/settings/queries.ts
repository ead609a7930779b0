import { eq } from 'drizzle-orm';
import type { CompanySettings } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { allowedActions } from '../access/policy.ts';
import { files } from '../files/schema.ts';
import { systemSettings } from './schema.ts';

export const COMPANY_KEY = 'company';
/** Images a browser shows in an <img> without running anything (no SVG). */
export const LOGO_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export interface CompanyValue {
  name: string | null;
  logoFileId: string | null;
}

function companyOf(value: unknown): CompanyValue {
  const v = (value ?? {}) as Partial<CompanyValue>;
  return { name: typeof v.name === 'string' ? v.name : null, logoFileId: typeof v.logoFileId === 'string' ? v.logoFileId : null };
}

export async function readCompany(q: Queryable, forUpdate = false): Promise<CompanyValue & { updatedAt: Date | null }> {
  const query = q.select().from(systemSettings).where(eq(systemSettings.key, COMPANY_KEY));
  const [row] = forUpdate ? await query.for('update') : await query;
  return { ...companyOf(row?.value), updatedAt: row?.updatedAt ?? null };
}

/** The company's name, or null until an administrator sets it: for printed documents (PDFs) and messages. */
export async function companyName(q: Queryable): Promise<string | null> {
  return (await readCompany(q)).name;
}

/** The logo's stored file (type and SHA-256), or null when there is none. */
export async function companyLogo(q: Queryable): Promise<{ mime: string; sha256: string; size: number } | null> {
  const { logoFileId } = await readCompany(q);
  if (!logoFileId) return null;
  const [file] = await q.select({ mime: files.mime, sha256: files.sha256, size: files.size }).from(files).where(eq(files.id, logoFileId));
  return file ?? null;
}

export async function presentCompany(q: Queryable, actor: Actor | null): Promise<CompanySettings> {
  const company = await readCompany(q);
  return {
    name: company.name,
    logoFileId: company.logoFileId,
    // The file id in the query makes a changed logo a new URL, so browsers may cache each one.
    logoUrl: company.logoFileId ? `/api/settings/company/logo?v=${company.logoFileId.slice(0, 8)}` : null,
    updatedAt: company.updatedAt?.toISOString() ?? null,
    allowedActions: actor ? allowedActions(actor, 'system_setting', { key: COMPANY_KEY }) : [],
  };
}
