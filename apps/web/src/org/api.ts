/**
 * Organisation endpoints (K3) and the queries shared by several pages. Mutations live next to the forms that use them.
 */
import { skipToken, useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  CreateDelegationInput,
  CreateDepartmentInput,
  CreateUserInput,
  Delegation,
  Department,
  ImportReport,
  Position,
  Role,
  UpdateDepartmentInput,
  UpdateUserInput,
  User,
} from '@henji/contracts';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import type {
  CreatePositionInput,
  CreateRoleInput,
  ItemsOf,
  PageOf,
  UpdatePositionInput,
  UpdateRoleInput,
  UserListQuery,
} from '../api/types.ts';

/** Reference data changes rarely; a minute of staleness saves a request on every form that offers it as options. */
const REFERENCE_STALE_MS = 60_000;

export const useDepartments = () =>
  useQuery({
    queryKey: queryKeys.departments,
    queryFn: () => api<ItemsOf<Department>>('/api/departments').then((r) => r.items),
    staleTime: REFERENCE_STALE_MS,
  });

export const usePositions = () =>
  useQuery({
    queryKey: queryKeys.positions,
    queryFn: () => api<ItemsOf<Position>>('/api/positions').then((r) => r.items),
    staleTime: REFERENCE_STALE_MS,
  });

export const useRoles = () =>
  useQuery({
    queryKey: queryKeys.roles,
    queryFn: () => api<ItemsOf<Role>>('/api/roles').then((r) => r.items),
    staleTime: REFERENCE_STALE_MS,
  });

export const fetchUsers = (query: UserListQuery) => api<PageOf<User>>('/api/users', { query });

export const useUser = (id: string | null | undefined) =>
  useQuery({
    queryKey: queryKeys.users.detail(id ?? ''),
    queryFn: id ? () => api<User>(`/api/users/${encodeURIComponent(id)}`) : skipToken,
    staleTime: REFERENCE_STALE_MS,
  });

export const createDepartment = (input: CreateDepartmentInput) => api<Department>('/api/departments', { method: 'POST', body: input });
export const updateDepartment = (id: string, input: UpdateDepartmentInput) =>
  api<Department>(`/api/departments/${id}`, { method: 'PATCH', body: input });

export const createUser = (input: CreateUserInput) => api<User>('/api/users', { method: 'POST', body: input });
export const updateUser = (id: string, input: UpdateUserInput) => api<User>(`/api/users/${id}`, { method: 'PATCH', body: input });
export const resetUserPassword = (id: string, password: string) =>
  api<void>(`/api/users/${id}/password`, { method: 'POST', body: { password } });
export const unlockUser = (id: string) => api<User | undefined>(`/api/users/${id}/unlock`, { method: 'POST' });

export function importUsers(file: File, dryRun: boolean): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file);
  return api<ImportReport>('/api/users/import', { method: 'POST', query: { dryRun }, body: form });
}
export const USER_IMPORT_TEMPLATE_URL = '/api/users/import/template';

export const createPosition = (input: CreatePositionInput) => api<Position>('/api/positions', { method: 'POST', body: input });
export const updatePosition = (id: string, input: UpdatePositionInput) =>
  api<Position>(`/api/positions/${id}`, { method: 'PATCH', body: input });

export const createRole = (input: CreateRoleInput) => api<Role>('/api/roles', { method: 'POST', body: input });
export const updateRole = (id: string, input: UpdateRoleInput) => api<Role>(`/api/roles/${id}`, { method: 'PATCH', body: input });

export const fetchDelegations = (state: Delegation['state'] | undefined) =>
  api<ItemsOf<Delegation>>('/api/delegations', { query: { state } }).then((r) => r.items);
export const createDelegation = (input: CreateDelegationInput) => api<Delegation>('/api/delegations', { method: 'POST', body: input });
/** The reason becomes the written comment of the revocation's trace. */
export const revokeDelegation = (id: string, reason?: string) =>
  api<void>(`/api/delegations/${id}/revoke`, { method: 'POST', body: reason ? { reason } : {} });

/**
 * After a change to one subject: refresh the lists it appears in (`scope`), its trace panel and the checkpoint,
 * so the new entry shows up with a 待封存 badge at once.
 */
export async function afterChange(
  queryClient: QueryClient,
  scope: readonly unknown[],
  subject: { type: string; id: string },
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: scope }),
    queryClient.invalidateQueries({ queryKey: queryKeys.ledger.subject(subject.type, subject.id) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.ledger.checkpoint }),
  ]);
}

/** The ledger's subject types for organisation objects; the trace panel and the proof bundle query by them. */
export const SUBJECT = {
  department: 'department',
  user: 'user',
  position: 'position',
  role: 'role',
  delegation: 'delegation',
} as const;
