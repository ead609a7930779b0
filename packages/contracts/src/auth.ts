import { z } from 'zod';

export const LoginInput = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const Me = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    departmentId: z.uuid().nullable(),
    roles: z.array(z.string()),
    locale: z.enum(['zh-CN', 'en-US']),
    csrfToken: z.string().nullable().describe('send as x-csrf-token on every unsafe request made with the session cookie'),
    actingFor: z.array(z.object({ id: z.uuid(), displayName: z.string() })).describe('users who currently delegate to me'),
    permissions: z.array(z.string()).describe('global capabilities, e.g. org.manage, ledger.read_all'),
    mustChangePassword: z
      .boolean()
      .describe('the password was generated or set by someone else: every other call answers 403 password_change_required until POST /api/me/password'),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    allowedActions: z.array(z.string()),
  })
  .meta({ id: 'ApiToken' });

export const CreateApiTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});

export const CreatedApiToken = z.object({
  token: ApiToken,
  secret: z.string().describe('shown once; send as Authorization: Bearer <secret>'),
});
