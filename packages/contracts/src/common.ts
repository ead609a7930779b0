import { z } from 'zod';

export const uuid = z.uuid();

/** Every 4xx and 5xx body. `details.fields` maps a field path to its messages for validation errors. */
export const ErrorBody = z
  .object({
    code: z.string().describe('machine-readable error code, e.g. not_found, validation_failed, conflict'),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Actions the caller may take on an object; the UI shows exactly these and never guesses. */
export const AllowedActions = z.array(z.string()).describe('actions the current user may take on this object');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const IdParams = z.strictObject({ id: uuid });
