/**
 * Request validation with the shared zod schemas. Unlike fastify-type-provider-zod's compiler, this one parses with
 * `reportInput` and keeps each zod issue whole, because the message is rendered only later, in the caller's language
 * (http/errors.ts): zod needs the issue (and for "expected string, received number" the input) to say it again in
 * Chinese or English. The input stays in memory; nothing sends or logs it.
 */
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';

const issueOfEntry = new WeakMap<FastifySchemaValidationError, z.core.$ZodIssue>();

function entryOf(issue: z.core.$ZodIssue): FastifySchemaValidationError {
  const path = issue.path.map(String).join('/');
  const entry: FastifySchemaValidationError = {
    keyword: issue.code,
    instancePath: `/${path}`,
    schemaPath: `#/${path}/${issue.code}`,
    message: issue.message,
    params: { issue },
  };
  issueOfEntry.set(entry, issue);
  return entry;
}

export const validatorCompiler: FastifySchemaCompiler<z.core.$ZodType> = ({ schema }) => (data) => {
  const result = z.safeParse(schema, data, { reportInput: true });
  return result.success ? { value: result.data } : { error: result.error.issues.map(entryOf) };
};

/** The zod issues of a request validation error from the compiler above, or null for any other error. */
export function validationIssues(error: unknown): z.core.$ZodIssue[] | null {
  const validation: unknown = error instanceof Error && 'validation' in error ? error.validation : null;
  if (!Array.isArray(validation) || validation.length === 0) return null;
  const issues = validation.map((entry: FastifySchemaValidationError) => issueOfEntry.get(entry));
  return issues.every((issue): issue is z.core.$ZodIssue => issue !== undefined) ? issues : null;
}
