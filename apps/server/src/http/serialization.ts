/**
 * Response serialisation. Every response goes through its zod schema (fastify-type-provider-zod's serializer: the
 * schema's codecs applied, keys it does not name left out) — except those whose schema is in `BUILT_BY_THE_SERVER`:
 * objects the server's own typed mappers assemble field by field on the hot path (the application detail, answered
 * to every read and every action; the rooms' timeline, thousands of bookings a week), sent with `JSON.stringify`. Encoding the detail through zod cost about a tenth of
 * the server's CPU on the purchase path (docs/BENCHMARKS.md §5) and could only find a bug the type checker and the
 * tests already find: under Vitest those responses are encoded through the schema as well and must come out equal,
 * so every test that reads an application checks the shortcut.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as encodeThroughSchema } from 'fastify-type-provider-zod';
import { Application, Timeline } from '@henji/contracts';
import type { z } from 'zod';

const BUILT_BY_THE_SERVER = new Set<unknown>([Application, Timeline]);
const checkShortcut = process.env.VITEST !== undefined;

export const serializerCompiler: FastifySerializerCompiler<z.core.$ZodType> = (route) => {
  const encode = encodeThroughSchema(route);
  if (!BUILT_BY_THE_SERVER.has(route.schema)) return encode;
  if (!checkShortcut) return (data) => JSON.stringify(data);
  return (data) => {
    const direct = JSON.stringify(data);
    if (!isDeepStrictEqual(JSON.parse(direct), JSON.parse(encode(data)))) {
      throw new Error(`the response of ${route.method} ${route.url} is not what its schema would send`);
    }
    return direct;
  };
};
