/** System settings: the company's name and logo (shown in the header, on the sign-in page and on printed PDFs). */
import { z } from 'zod';
import { AllowedActions } from './common.ts';

export const CompanySettings = z
  .object({
    name: z.string().nullable().describe('the company name; null until an administrator sets it'),
    logoFileId: z.uuid().nullable(),
    logoUrl: z.string().nullable().describe('where the logo image can be fetched without signing in'),
    updatedAt: z.string().nullable(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'CompanySettings' });
export type CompanySettings = z.infer<typeof CompanySettings>;

export const UpdateCompanySettingsInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    logoFileId: z.uuid().nullable().describe('an uploaded PNG, JPEG, GIF or WebP image (POST /api/files); null removes the logo'),
  })
  .meta({ id: 'UpdateCompanySettingsInput' });
export type UpdateCompanySettingsInput = z.infer<typeof UpdateCompanySettingsInput>;
