import { api } from '../api/client.ts';
import type { ApiToken, ChangePasswordInput, CreateApiTokenInput, CreatedApiToken, ItemsOf } from '../api/types.ts';

export const changePassword = (input: ChangePasswordInput) => api<void>('/api/me/password', { method: 'POST', body: input });

export const fetchApiTokens = () => api<ItemsOf<ApiToken>>('/api/me/tokens').then((r) => r.items);
export const createApiToken = (input: CreateApiTokenInput) => api<CreatedApiToken>('/api/me/tokens', { method: 'POST', body: input });
export const revokeApiToken = (id: string) => api<ApiToken | undefined>(`/api/me/tokens/${id}/revoke`, { method: 'POST' });
