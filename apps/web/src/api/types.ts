/**
 * Types of API objects that @henji/contracts exports only as schemas. Importing them as types keeps zod out of the
 * bundle for these; the shapes stay defined in one place.
 */
import type { z } from 'zod';
import type {
  ApiToken as ApiTokenSchema,
  CreatedApiToken as CreatedApiTokenSchema,
  CreatedWebhook as CreatedWebhookSchema,
  CreatePositionInput as CreatePositionInputSchema,
  CreateRoleInput as CreateRoleInputSchema,
  ImportRowError as ImportRowErrorSchema,
  InclusionProof as InclusionProofSchema,
  PublicKey as PublicKeySchema,
  UpdatePositionInput as UpdatePositionInputSchema,
  UpdateRoleInput as UpdateRoleInputSchema,
  UserListQuery as UserListQuerySchema,
  CreateApiTokenInput as CreateApiTokenInputSchema,
  ChangePasswordInput as ChangePasswordInputSchema,
  LoginInput as LoginInputSchema,
  LedgerEntries as LedgerEntriesSchema,
} from '@henji/contracts';

export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;
/** A webhook subscription with its signing secret, which the server returns only on creation and rotation. */
export type CreatedWebhook = z.infer<typeof CreatedWebhookSchema>;
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInputSchema>;
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;
export type LoginInput = z.infer<typeof LoginInputSchema>;
export type CreatePositionInput = z.infer<typeof CreatePositionInputSchema>;
export type UpdatePositionInput = z.infer<typeof UpdatePositionInputSchema>;
export type CreateRoleInput = z.input<typeof CreateRoleInputSchema>;
export type UpdateRoleInput = z.infer<typeof UpdateRoleInputSchema>;
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;
export type PublicKey = z.infer<typeof PublicKeySchema>;
export type InclusionProof = z.infer<typeof InclusionProofSchema>;
/** A page of ledger entries, newest first; `nextBeforeId` continues with older ones (null on the last page). */
export type LedgerEntriesPage = z.infer<typeof LedgerEntriesSchema>;
/** What the users list accepts; every member optional because the server fills the defaults. */
export type UserListQuery = Partial<z.infer<typeof UserListQuerySchema>>;

export type UserSort = NonNullable<UserListQuery['sort']>;
export type SortOrder = NonNullable<UserListQuery['order']>;

export interface ItemsOf<T> {
  items: T[];
}

export interface PageOf<T> extends ItemsOf<T> {
  total: number;
  page: number;
  pageSize: number;
}
