import { z } from 'zod';
import { AllowedActions, PageQuery, uuid } from './common.ts';
import { messageKey } from './messages.ts';
import { USER_STATUSES } from './values.ts';

/** Department codes are used in document numbers such as HR2023001, so they are short upper-case words. */
export const DepartmentCode = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, messageKey('contract.department_code'));

const name = z.string().trim().min(1).max(100);

export const Department = z
  .object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    parentId: uuid.nullable(),
    sortOrder: z.number().int(),
    headUserId: uuid.nullable(),
    active: z.boolean(),
    memberCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Department' });
export type Department = z.infer<typeof Department>;

export const CreateDepartmentInput = z.strictObject({
  code: DepartmentCode,
  name,
  parentId: uuid.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export type CreateDepartmentInput = z.infer<typeof CreateDepartmentInput>;

export const UpdateDepartmentInput = z.strictObject({
  code: DepartmentCode.optional(),
  name: name.optional(),
  parentId: uuid.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  headUserId: uuid.nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateDepartmentInput = z.infer<typeof UpdateDepartmentInput>;

export const Position = z
  .object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    rank: z.number().int(),
    builtin: z.boolean(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Position' });
export type Position = z.infer<typeof Position>;

const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, messageKey('contract.code'));

export const CreatePositionInput = z.strictObject({ code, name, rank: z.number().int().min(0).max(1000) });
export const UpdatePositionInput = z.strictObject({ name: name.optional(), rank: z.number().int().min(0).max(1000).optional() });

export const Role = z
  .object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    description: z.string(),
    builtin: z.boolean(),
    memberCount: z.number().int(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const CreateRoleInput = z.strictObject({ code, name, description: z.string().trim().max(500).default('') });
export const UpdateRoleInput = z.strictObject({ name: name.optional(), description: z.string().trim().max(500).optional() });

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{1,31}$/, messageKey('contract.username'));

export const Password = z.string().min(10, messageKey('contract.password_length')).max(200);

export const User = z
  .object({
    id: uuid,
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    departmentId: uuid.nullable(),
    positionId: uuid.nullable(),
    managerId: uuid.nullable(),
    status: z.enum(USER_STATUSES),
    locale: z.enum(['zh-CN', 'en-US']),
    roles: z.array(z.string()),
    lockedUntil: z.string().nullable(),
    mustChangePassword: z.boolean().describe('the password was generated or set by someone else and the user has not replaced it yet'),
    createdAt: z.string(),
    updatedAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

const email = z.email().max(200);
const phone = z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, messageKey('contract.phone'));

export const CreateUserInput = z.strictObject({
  username: Username,
  displayName: name,
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  departmentId: uuid.nullable().optional(),
  positionId: uuid.nullable().optional(),
  managerId: uuid.nullable().optional(),
  roles: z.array(code).max(20).optional(),
  password: Password.optional(),
  locale: z.enum(['zh-CN', 'en-US']).optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.strictObject({
  displayName: name.optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  departmentId: uuid.nullable().optional(),
  positionId: uuid.nullable().optional(),
  managerId: uuid.nullable().optional(),
  roles: z.array(code).max(20).optional(),
  status: z.enum(USER_STATUSES).optional(),
  locale: z.enum(['zh-CN', 'en-US']).optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const ResetPasswordInput = z.strictObject({ password: Password });
export const ChangePasswordInput = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: Password });

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: uuid.optional(),
  status: z.enum(USER_STATUSES).optional(),
  role: code.optional(),
  sort: z.enum(['username', 'displayName', 'createdAt']).default('username'),
  order: z.enum(['asc', 'desc']).default('asc'),
}).strict();

export const Delegation = z
  .object({
    id: uuid,
    principalId: uuid,
    delegateId: uuid,
    startsOn: z.string(),
    endsOn: z.string(),
    scope: z.array(z.string()).describe('process keys the delegation covers; empty means all'),
    reason: z.string(),
    createdById: uuid.nullable(),
    revokedAt: z.string().nullable(),
    state: z.enum(['scheduled', 'active', 'expired', 'revoked']),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Delegation' });
export type Delegation = z.infer<typeof Delegation>;

const isoDate = z.iso.date();

export const CreateDelegationInput = z
  .strictObject({
    principalId: uuid,
    delegateId: uuid,
    startsOn: isoDate,
    endsOn: isoDate,
    scope: z.array(code).max(50).default([]),
    reason: z.string().trim().min(1).max(500),
  })
  .refine((d) => d.startsOn <= d.endsOn, { message: messageKey('contract.ends_before_starts'), path: ['endsOn'] })
  .refine((d) => d.principalId !== d.delegateId, { message: messageKey('contract.delegate_to_self'), path: ['delegateId'] });
export type CreateDelegationInput = z.infer<typeof CreateDelegationInput>;

export const ImportRowError = z.object({ row: z.number().int(), field: z.string().optional(), message: z.string() });
export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    totalRows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    errors: z.array(ImportRowError),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;
