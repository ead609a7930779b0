import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateDelegationInput,
  CreateDepartmentInput,
  CreatePositionInput,
  CreateRoleInput,
  CreateUserInput,
  Delegation,
  Department,
  ErrorBody,
  IdParams,
  ImportReport,
  Position,
  ResetPasswordInput,
  Role,
  UpdateDepartmentInput,
  UpdatePositionInput,
  UpdateRoleInput,
  UpdateUserInput,
  User,
  UserListQuery,
  pageOf,
} from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import { requirePermission } from '../access/policy.ts';
import { execute } from '../command.ts';
import { invalid } from '../errors.ts';
import { msg } from '../messages.ts';
import { createDepartment } from './commands/create-department.ts';
import { createUser } from './commands/create-user.ts';
import { createDelegation, revokeDelegation } from './commands/delegations.ts';
import { importUsers, presentImportReport, sha256Hex } from './commands/import-users.ts';
import { createPosition, createRole, updatePosition, updateRole } from './commands/positions-and-roles.ts';
import { resetUserPassword } from './commands/reset-user-password.ts';
import { unlockUser } from './commands/unlock-user.ts';
import { updateDepartment } from './commands/update-department.ts';
import { updateUser } from './commands/update-user.ts';
import { importTemplate, readImportFile } from './import-file.ts';
import { IMPORT_LIMITS, tooLarge } from './import-limits.ts';
import {
  delegationSubject,
  getDepartment,
  getPosition,
  getRole,
  getUser,
  listDelegations,
  listDepartments,
  listPositions,
  listRoles,
  listUsers,
  presentDelegation,
} from './queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export function orgRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/departments', { schema: { tags: ['org'], summary: 'Departments (flat; parentId builds the tree)', response: { 200: list(Department), ...errors } } },
    async (req) => ({ items: await listDepartments(db, callerOf(req).actor) }));
  r.post('/api/departments', { schema: { tags: ['org'], body: CreateDepartmentInput, response: { 201: Department, ...errors } } },
    async (req, reply) => {
      const caller = callerOf(req);
      const row = await execute(db, caller, createDepartment, req.body);
      return reply.status(201).send(await getDepartment(db, caller.actor, row.id));
    });
  r.get('/api/departments/:id', { schema: { tags: ['org'], params: IdParams, response: { 200: Department, ...errors } } },
    async (req) => getDepartment(db, callerOf(req).actor, req.params.id));
  r.patch('/api/departments/:id', { schema: { tags: ['org'], params: IdParams, body: UpdateDepartmentInput, response: { 200: Department, ...errors } } },
    async (req) => {
      const caller = callerOf(req);
      await execute(db, caller, updateDepartment, { id: req.params.id, changes: req.body });
      return getDepartment(db, caller.actor, req.params.id);
    });

  r.get('/api/users', { schema: { tags: ['org'], querystring: UserListQuery, response: { 200: pageOf(User), ...errors } } },
    async (req) => listUsers(db, callerOf(req).actor, req.query));
  r.post('/api/users', { schema: { tags: ['org'], body: CreateUserInput, response: { 201: User, ...errors } } },
    async (req, reply) => {
      const caller = callerOf(req);
      const row = await execute(db, caller, createUser, req.body);
      return reply.status(201).send(await getUser(db, caller.actor, row.id));
    });
  r.get('/api/users/:id', { schema: { tags: ['org'], params: IdParams, response: { 200: User, ...errors } } },
    async (req) => getUser(db, callerOf(req).actor, req.params.id));
  r.patch('/api/users/:id', { schema: { tags: ['org'], params: IdParams, body: UpdateUserInput, response: { 200: User, ...errors } } },
    async (req) => {
      const caller = callerOf(req);
      await execute(db, caller, updateUser, { id: req.params.id, changes: req.body });
      return getUser(db, caller.actor, req.params.id);
    });
  r.post('/api/users/:id/password', { schema: { tags: ['org'], params: IdParams, body: ResetPasswordInput, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await execute(db, callerOf(req), resetUserPassword, { id: req.params.id, password: req.body.password });
      return reply.status(204).send(null);
    });
  r.post('/api/users/:id/unlock', { schema: { tags: ['org'], params: IdParams, response: { 200: User, ...errors } } },
    async (req) => {
      const caller = callerOf(req);
      await execute(db, caller, unlockUser, { id: req.params.id });
      return getUser(db, caller.actor, req.params.id);
    });

  r.get('/api/users/import/template', { schema: { tags: ['org'], summary: 'xlsx template for the user import' } },
    async (req, reply) => {
      callerOf(req);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="henji-users-template.xlsx"`)
        .send(await importTemplate());
    });
  r.post('/api/users/import', {
    schema: {
      tags: ['org'],
      summary: 'Import users from an xlsx or csv file (multipart field "file"); all or nothing, with a per-row report',
      querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('true') }),
      consumes: ['multipart/form-data'],
      response: { 200: ImportReport, ...errors, 413: ErrorBody, 415: ErrorBody },
    },
    // Before a byte of the upload is read: only those who may import make the server receive and parse a file.
    onRequest: async (req) => requirePermission(callerOf(req).actor, 'org.manage'),
  }, async (req) => {
    const caller = callerOf(req);
    if (!req.isMultipart()) throw invalid({ file: msg('import.send_multipart') });
    const file = await req.file({ limits: { fileSize: IMPORT_LIMITS.bytes } });
    if (!file || file.fieldname !== 'file') {
      file?.file.resume();
      throw invalid({ file: msg('import.send_file_field') });
    }
    const bytes = await file.toBuffer().catch((error: unknown) => {
      throw (error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : error;
    });
    const rows = await readImportFile(file.filename, bytes);
    const outcome = await execute(db, caller, importUsers, {
      fileName: file.filename,
      fileSha256: sha256Hex(bytes),
      rows,
      dryRun: req.query.dryRun === 'true',
    });
    return presentImportReport(localeOf(req), outcome);
  });

  r.get('/api/positions', { schema: { tags: ['org'], response: { 200: list(Position), ...errors } } },
    async (req) => ({ items: await listPositions(db, callerOf(req).actor) }));
  r.post('/api/positions', { schema: { tags: ['org'], body: CreatePositionInput, response: { 201: Position, ...errors } } },
    async (req, reply) => {
      const caller = callerOf(req);
      const row = await execute(db, caller, createPosition, req.body);
      return reply.status(201).send(await getPosition(db, caller.actor, row.id));
    });
  r.patch('/api/positions/:id', { schema: { tags: ['org'], params: IdParams, body: UpdatePositionInput, response: { 200: Position, ...errors } } },
    async (req) => {
      const caller = callerOf(req);
      const row = await execute(db, caller, updatePosition, { id: req.params.id, changes: req.body });
      return getPosition(db, caller.actor, row.id);
    });

  r.get('/api/roles', { schema: { tags: ['org'], response: { 200: list(Role), ...errors } } },
    async (req) => ({ items: await listRoles(db, callerOf(req).actor) }));
  r.post('/api/roles', { schema: { tags: ['org'], body: CreateRoleInput, response: { 201: Role, ...errors } } },
    async (req, reply) => {
      const caller = callerOf(req);
      const row = await execute(db, caller, createRole, req.body);
      return reply.status(201).send(await getRole(db, caller.actor, row.id));
    });
  r.patch('/api/roles/:id', { schema: { tags: ['org'], params: IdParams, body: UpdateRoleInput, response: { 200: Role, ...errors } } },
    async (req) => {
      const caller = callerOf(req);
      const row = await execute(db, caller, updateRole, { id: req.params.id, changes: req.body });
      return getRole(db, caller.actor, row.id);
    });

  r.get('/api/delegations', {
    schema: {
      tags: ['org'],
      querystring: z.strictObject({ state: Delegation.shape.state.optional(), userId: z.uuid().optional() }),
      response: { 200: list(Delegation), ...errors },
    },
  }, async (req) => ({ items: await listDelegations(db, callerOf(req).actor, req.query) }));
  r.post('/api/delegations', { schema: { tags: ['org'], body: CreateDelegationInput, response: { 201: Delegation, ...errors } } },
    async (req, reply) => {
      const caller = callerOf(req);
      const row = await execute(db, caller, createDelegation, req.body);
      return reply.status(201).send(presentDelegation(caller.actor, await delegationSubject(db, row)));
    });
  r.post('/api/delegations/:id/revoke', {
    schema: {
      tags: ['org'],
      params: IdParams,
      body: z.strictObject({ reason: z.string().trim().max(500).optional() }).optional(),
      response: { 204: z.null(), ...errors },
    },
  }, async (req, reply) => {
    await execute(db, callerOf(req), revokeDelegation, { id: req.params.id, reason: req.body?.reason });
    return reply.status(204).send(null);
  });
}
