/** Organisation (K3): departments as a tree, users, positions, roles, reporting lines and delegations (代理). */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    sortOrder: integer('sort_order').notNull().default(0),
    headUserId: uuid('head_user_id').references((): AnyPgColumn => users.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('departments_code_key').on(t.code), index('departments_parent_idx').on(t.parentId)],
);

export const positions = pgTable(
  'positions',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    rank: integer('rank').notNull(),
    builtin: boolean('builtin').notNull().default(false),
  },
  (t) => [uniqueIndex('positions_code_key').on(t.code)],
);

export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    builtin: boolean('builtin').notNull().default(false),
  },
  (t) => [uniqueIndex('roles_code_key').on(t.code)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    departmentId: uuid('department_id').references(() => departments.id),
    positionId: uuid('position_id').references(() => positions.id),
    /** 汇报关系: the direct superior. */
    managerId: uuid('manager_id').references((): AnyPgColumn => users.id),
    status: text('status', { enum: ['active', 'disabled', 'left'] }).notNull().default('active'),
    locale: text('locale', { enum: ['zh-CN', 'en-US'] }).notNull().default('zh-CN'),
    passwordHash: text('password_hash'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamptz('locked_until'),
    /** Set when someone else chose or generated the password: until the user sets their own, only that is allowed. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(t.username),
    index('users_department_idx').on(t.departmentId),
    index('users_manager_idx').on(t.managerId),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    roleId: uuid('role_id').notNull().references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index('user_roles_role_idx').on(t.roleId)],
);

/** 代理: the delegate acts for the principal between two dates, for the listed processes (empty: all). */
export const delegations = pgTable(
  'delegations',
  {
    id: uuid('id').primaryKey(),
    principalId: uuid('principal_id').notNull().references(() => users.id),
    delegateId: uuid('delegate_id').notNull().references(() => users.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    scope: jsonb('scope').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    reason: text('reason').notNull(),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [index('delegations_principal_idx').on(t.principalId), index('delegations_delegate_idx').on(t.delegateId)],
);
