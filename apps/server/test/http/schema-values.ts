/**
 * Values derived from an operation's JSON Schema: a valid sample (so a probe can break exactly one thing), values of a
 * JSON type the schema does not admit, and query-string values that a parameter's constraints reject.
 */
import { randomUUID } from 'node:crypto';
import type { JsonSchema } from './openapi-operations.ts';

export type Resolve = (schema: JsonSchema) => JsonSchema;

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object';

const typeOf = (value: unknown): JsonType => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
};

/** The JSON types a schema admits, or null when it does not constrain the type. */
export function admittedTypes(schema: JsonSchema, resolve: Resolve): Set<JsonType> | null {
  const s = resolve(schema);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const out = new Set<JsonType>();
    for (const alt of alternatives) {
      const types = admittedTypes(alt, resolve);
      if (!types) return null;
      types.forEach((t) => out.add(t));
    }
    return out;
  }
  if (s.allOf?.[0]) return admittedTypes(s.allOf[0], resolve);
  if (s.const !== undefined) return new Set([typeOf(s.const)]);
  if (s.enum) return new Set(s.enum.map(typeOf));
  if (s.type === undefined) return null;
  const types = new Set((Array.isArray(s.type) ? s.type : [s.type]) as JsonType[]);
  if (types.has('number')) types.add('integer');
  return types;
}

/** One value of every JSON type; `wrongTypedValues` keeps those a schema does not admit. */
const ONE_OF_EACH: readonly unknown[] = ['fuzz', 7, 1.5, true, null, [1], { fuzz: 1 }];

export function wrongTypedValues(schema: JsonSchema, resolve: Resolve): unknown[] {
  const admitted = admittedTypes(schema, resolve);
  if (!admitted) return [];
  return ONE_OF_EACH.filter((v) => !admitted.has(typeOf(v)));
}

const STRING_CANDIDATES = ['fuzzsample', 'FUZZ', 'ab', 'AB', 'a1', 'A1', 'fuzz_sample', '13800000000', 'fuzz@example.com'];

function fits(s: JsonSchema, value: string): boolean {
  if (s.minLength !== undefined && value.length < s.minLength) return false;
  if (s.maxLength !== undefined && value.length > s.maxLength) return false;
  return !s.pattern || new RegExp(s.pattern).test(value);
}

/**
 * A value the schema accepts, or undefined when none can be derived. Objects get their required properties only.
 * Fresh uuids every call, so a sample never names an existing object.
 */
export function sampleOf(schema: JsonSchema, resolve: Resolve): unknown {
  const s = resolve(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    for (const alt of alternatives) {
      const v = sampleOf(alt, resolve);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  if (s.allOf?.[0]) return sampleOf(s.allOf[0], resolve);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') ?? 'null' : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) {
        const prop = s.properties?.[name];
        const v = prop ? sampleOf(prop, resolve) : undefined;
        if (v === undefined) return undefined;
        out[name] = v;
      }
      return out;
    }
    case 'string': {
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2031-01-01';
      if (s.format === 'date-time') return '2031-01-01T00:00:00.000Z';
      if (s.format === 'email') return 'fuzz@example.com';
      const grown = 'x'.repeat(Math.max(1, s.minLength ?? 1));
      return [...STRING_CANDIDATES, grown].find((c) => fits(s, c));
    }
    case 'integer':
    case 'number': {
      const low = s.minimum ?? 0;
      return s.maximum !== undefined && s.maximum < low ? undefined : Math.max(low, Math.min(1, s.maximum ?? 1));
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return (s.minItems ?? 0) === 0 ? [] : undefined;
    default:
      return undefined;
  }
}

/** Does the schema admit strings (the properties hostile strings are aimed at)? */
export function admitsString(schema: JsonSchema, resolve: Resolve): boolean {
  const types = admittedTypes(schema, resolve);
  return types === null || types.has('string');
}

/** Query-string values that the parameter's schema rejects, each with the reason, for a test name. */
export function badQueryValues(schema: JsonSchema, resolve: Resolve): { value: string; why: string }[] {
  const s = resolve(schema);
  const out: { value: string; why: string }[] = [];
  const types = admittedTypes(s, resolve);
  if (types?.has('integer') || types?.has('number')) {
    out.push({ value: 'abc', why: 'non-numeric' }, { value: 'NaN', why: 'NaN' }, { value: 'Infinity', why: 'infinite' });
    out.push({ value: '1e400', why: 'overflowing' }, { value: '99999999999999999999999', why: 'huge' });
    if (!types.has('number')) out.push({ value: '1.5', why: 'fractional' });
    if (s.minimum !== undefined) out.push({ value: String(s.minimum - 1), why: 'below the minimum' });
    if (s.minimum !== undefined && s.minimum > 0) out.push({ value: '', why: 'empty' });
    if (s.maximum !== undefined) out.push({ value: String(s.maximum + 1), why: 'above the maximum' });
    return out;
  }
  if (s.enum) out.push({ value: 'not-in-the-enum', why: 'not one of the allowed values' });
  if (s.format === 'uuid') out.push({ value: 'not-a-uuid', why: 'not a uuid' }, { value: '123', why: 'a number, not a uuid' });
  if (s.pattern) {
    for (const value of ['!!', 'A B', '-1', '%']) {
      if (!new RegExp(s.pattern).test(value)) out.push({ value, why: `not matching ${s.pattern}` });
    }
  }
  if (s.minLength !== undefined && s.minLength > 0) out.push({ value: '', why: 'empty' });
  if (s.maxLength !== undefined) out.push({ value: 'x'.repeat(s.maxLength + 1), why: 'too long' });
  return out;
}
