/**
 * The bad requests the fuzz test sends to one operation, derived from its OpenAPI description: each probe says what it
 * breaks and what the answer must be. Also the fast-check arbitraries for generated bodies and query strings.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ErrorCode } from '@henji/contracts';
import { urlOf, type ApiDocument, type Operation } from './openapi-operations.ts';
import { admitsString, badQueryValues, sampleOf, wrongTypedValues } from './schema-values.ts';

/** OAuth / OpenID Connect redirect URIs (kernel/sso): providers add parameters of their own to them. */
const OAUTH_REDIRECT = /^\/api\/auth\/[a-z]+\/callback$/;

/** What a probe must get back. */
export type Expectation =
  /** Clearly invalid: a 4xx with one of these codes; a validation error names `field`, or mentions `mentions`. */
  | { kind: 'rejected'; codes: readonly ErrorCode[]; field?: string; mentions?: string }
  /** Passes validation: the admin gets one of `adminCodes`, an anonymous caller is told to sign in. */
  | { kind: 'valid'; adminCodes: readonly ErrorCode[] }
  /** Anything but a server error. */
  | { kind: 'survives' };

export interface Probe {
  name: string;
  method: string;
  url: string;
  contentType?: string;
  payload?: string;
  expect: Expectation;
}

type Body = { contentType: string; payload: string };

export const JSON_TYPE = 'application/json';
const MALFORMED_JSON = ['{"a":', "{'a':1}", '[1,2', '{"a":1}}', 'nul', '\u0000', '{"a":1,}', ''];
const PROTOTYPE_POISON = ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}'];
const NOT_AN_OBJECT = ['[]', '"text"', '42', 'null', 'true'];
const HOSTILE_STRINGS = ['fuzz\u0000sample', 'fuzz\ud800sample', '\u202efuzzsample🙂', 'x'.repeat(10_000), "fuzz'; drop table users; --"];
const OVERSIZED = JSON.stringify({ fuzz: 'a'.repeat(1024 * 1024 + 16) });
const UNKNOWN = '__fuzz_unknown';

const raw = (contentType: string, payload: string): Body => ({ contentType, payload });
const json = (value: unknown): Body => raw(JSON_TYPE, JSON.stringify(value));
const rejected = (codes: readonly ErrorCode[], more: { field?: string; mentions?: string } = {}): Expectation => ({
  kind: 'rejected',
  codes,
  ...more,
});
const invalidField = (field: string) => rejected(['validation_failed'], { field });

/** Builds probes for one operation, by default at its URL with the uuid of nothing in every placeholder. */
const prober =
  (op: Operation, defaultUrl = urlOf(op)) =>
  (name: string, expect: Expectation, body: Partial<Body> = {}, url = defaultUrl): Probe => ({
    name,
    method: op.method,
    url,
    ...body,
    expect,
  });

export class ProbeBuilder {
  constructor(private readonly api: ApiDocument) {}

  /** Every fixed probe for the operation. */
  probesFor(op: Operation): Probe[] {
    return [...(op.method === 'GET' ? [] : this.bodyProbes(op)), ...this.pathProbes(op), ...(op.query.length ? this.queryProbes(op) : [])];
  }

  /** A valid JSON body for the operation (required properties only), or undefined when none is derivable. */
  sampleBody(op: Operation): Record<string, unknown> | undefined {
    if (!op.jsonBody) return undefined;
    const sample = sampleOf(op.jsonBody, this.api.resolve);
    return sample !== null && typeof sample === 'object' && !Array.isArray(sample) ? (sample as Record<string, unknown>) : undefined;
  }

  /** Valid values for the required query parameters. */
  sampleQuery(op: Operation): URLSearchParams {
    const query = new URLSearchParams();
    for (const p of op.query.filter((q) => q.required)) query.set(p.name, String(sampleOf(p.schema, this.api.resolve) ?? ''));
    return query;
  }

  private bodyProbes(op: Operation): Probe[] {
    const { resolve } = this.api;
    const probe = prober(op);
    const probes = [
      ...MALFORMED_JSON.filter((p) => p !== '').map((p) =>
        probe(`malformed JSON ${JSON.stringify(p)}`, rejected(['invalid_json']), raw(JSON_TYPE, p)),
      ),
      // An empty JSON body is no body: fine where none is expected, a validation error where one is required.
      ...(op.jsonBody && op.bodyRequired ? [probe('empty JSON body', rejected(['validation_failed']), raw(JSON_TYPE, ''))] : []),
      ...PROTOTYPE_POISON.map((p) => probe(`prototype poisoning ${p}`, rejected(['invalid_json', 'validation_failed']), raw(JSON_TYPE, p))),
      probe('application/xml', rejected(['unsupported_media_type']), raw('application/xml', '<fuzz/>')),
      probe('form-urlencoded', rejected(['unsupported_media_type']), raw('application/x-www-form-urlencoded', 'fuzz=1')),
      probe('a body over 1 MiB', rejected(['payload_too_large']), raw(JSON_TYPE, OVERSIZED)),
    ];
    const wrongMedia = rejected(['validation_failed', 'unsupported_media_type']);
    if (op.multipart) {
      probes.push(probe('JSON instead of multipart', wrongMedia, json({ file: 'users.csv' })));
      probes.push(probe('text/plain instead of multipart', wrongMedia, raw('text/plain', 'fuzz')));
    }
    const schema = op.jsonBody && resolve(op.jsonBody);
    if (!schema) return probes;
    const sample = this.sampleBody(op) ?? {};
    probes.push(probe('text/plain', wrongMedia, raw('text/plain', JSON.stringify(sample))));
    probes.push(...NOT_AN_OBJECT.map((p) => probe(`not an object: ${p}`, rejected(['validation_failed']), raw(JSON_TYPE, p))));
    if (schema.additionalProperties === false) {
      probes.push(probe('an unknown field', rejected(['validation_failed'], { mentions: UNKNOWN }), json({ ...sample, [UNKNOWN]: 1 })));
    }
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      for (const wrong of wrongTypedValues(prop, resolve)) {
        probes.push(probe(`${name} = ${JSON.stringify(wrong)}`, invalidField(name), json({ ...sample, [name]: wrong })));
      }
      const items = resolve(prop).items;
      for (const wrong of items ? wrongTypedValues(items, resolve) : []) {
        probes.push(probe(`${name} = [${JSON.stringify(wrong)}]`, invalidField(name), json({ ...sample, [name]: [wrong] })));
      }
    }
    for (const name of schema.required ?? []) {
      const { [name]: _missing, ...rest } = sample;
      probes.push(probe(`without ${name}`, invalidField(name), json(rest)));
    }
    return probes;
  }

  private pathProbes(op: Operation): Probe[] {
    if (op.pathParams.length === 0) return [];
    const sample = this.sampleBody(op);
    const body = op.jsonBody && sample ? json(sample) : {};
    const query = this.sampleQuery(op).toString();
    const probe = prober(op, urlOf(op, {}, query));
    const probes: Probe[] = [];
    for (const param of op.pathParams) {
      const bad = badQueryValues(param.schema, this.api.resolve).map((b) => b.value).filter((v) => v !== '');
      const values = [...bad, "1' or '1'='1", 'zzzzzzzz-zzzz-4zzz-8zzz-zzzzzzzzzzzz', `${randomUUID()}0`, '%00'];
      for (const value of values) {
        const url = urlOf(op, { [param.name]: value }, query);
        probes.push(probe(`${param.name} = ${JSON.stringify(value.slice(0, 40))}`, invalidField(param.name), body, url));
      }
    }
    if (!op.jsonBody || sample) probes.push(probe('the uuid of nothing', { kind: 'valid', adminCodes: ['not_found'] }, body));
    return probes;
  }

  private queryProbes(op: Operation): Probe[] {
    const required = this.sampleQuery(op);
    const at = (change: (q: URLSearchParams) => void) => {
      const q = new URLSearchParams(required);
      change(q);
      return urlOf(op, {}, q.toString());
    };
    const probe = prober(op);
    // Henji's query schemas are strict by convention, so an operation that declares query parameters rejects others —
    // except the sign-in redirect URIs, which must ignore response parameters they do not know (RFC 6749 §4.1.2).
    const unknownKey = rejected(['validation_failed'], { mentions: UNKNOWN });
    const probes = OAUTH_REDIRECT.test(op.path) ? [] : [probe('an unknown query key', unknownKey, {}, at((q) => q.set(UNKNOWN, '1')))];
    for (const param of op.query) {
      const good = String(sampleOf(param.schema, this.api.resolve) ?? 'x');
      const twice = at((q) => {
        q.set(param.name, good);
        q.append(param.name, good);
      });
      probes.push(probe(`${param.name} twice`, invalidField(param.name), {}, twice));
      for (const bad of badQueryValues(param.schema, this.api.resolve)) {
        const name = `${param.name} ${bad.why} (${JSON.stringify(bad.value.slice(0, 30))})`;
        probes.push(probe(name, invalidField(param.name), {}, at((q) => q.set(param.name, bad.value))));
      }
      if (param.required) probes.push(probe(`without ${param.name}`, invalidField(param.name), {}, at((q) => q.delete(param.name))));
    }
    return probes;
  }

  /**
   * Hostile strings in every string property, aimed at each real object so that they reach the database through the
   * handlers and not only the validators.
   */
  hostileProbes(op: Operation, realIds: readonly string[]): Probe[] {
    const schema = op.method === 'GET' || !op.jsonBody ? null : this.api.resolve(op.jsonBody);
    if (!schema) return [];
    const sample = this.sampleBody(op) ?? {};
    const at = (id: string) => urlOf(op, Object.fromEntries(op.pathParams.map((p) => [p.name, id])));
    const urls = op.pathParams.length ? realIds.map(at) : [urlOf(op)];
    const probe = prober(op);
    const probes: Probe[] = [];
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      if (!admitsString(prop, this.api.resolve)) continue;
      for (const hostile of HOSTILE_STRINGS) {
        for (const url of urls) {
          const label = `${name} = ${JSON.stringify(hostile.slice(0, 24))} at ${url}`;
          probes.push(probe(label, { kind: 'survives' }, json({ ...sample, [name]: hostile }), url));
        }
      }
    }
    return probes;
  }

  /** Generated JSON bodies: arbitrary JSON, and objects of the declared properties with sample or arbitrary values. */
  bodyArbitrary(op: Operation): fc.Arbitrary<string> {
    const props = Object.keys(this.api.resolve(op.jsonBody ?? {}).properties ?? {});
    const sample = this.sampleBody(op) ?? {};
    const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
    const value = (name: string) => fc.oneof(fc.constant(sample[name] ?? null), fc.jsonValue(), anyString, fc.integer(), fc.double());
    const shaped = fc.record(Object.fromEntries(props.map((name) => [name, value(name)])), { requiredKeys: [] });
    return fc.oneof(fc.jsonValue(), shaped).map((v) => JSON.stringify(v) ?? 'null');
  }

  /** Generated query strings over the declared parameter names and arbitrary ones. */
  queryArbitrary(op: Operation): fc.Arbitrary<string> {
    const key = fc.oneof(fc.constantFrom(...op.query.map((p) => p.name)), fc.string({ minLength: 1, maxLength: 8 }));
    const number = fc.oneof(fc.integer(), fc.double()).map(String);
    const value = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 20 }), number, fc.constant(''));
    return fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString());
  }
}
