/**
 * Form rules that check with the same zod schemas the server validates with (@henji/contracts), so the browser and
 * the server agree on what is valid; the message is ours, translated, instead of the schema's English one.
 */
import type { FormRule } from 'antd';

export interface Schema {
  safeParse(value: unknown): { success: boolean };
}

export function schemaRule(schema: Schema, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      // Emptiness is the `required` rule's business; optional fields may stay empty.
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}

/** Trims text inputs as they are typed into the store, the way the server trims them. */
export const trimmed = (value: unknown) => (typeof value === 'string' ? value.trimStart() : value);

/** Optional text fields: the API distinguishes "no value" (null) from a value, and '' is not a value. */
export const emptyToNull = (value: string | null | undefined): string | null => {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
};
