/**
 * Test helper: fast-check arbitraries generated from the API contract's zod schemas (through their
 * JSON Schema form), so fuzzed payloads are shaped like real calls and reach the handlers and the
 * engine instead of stopping at the boundary's validation.
 *
 * - `valid` mode draws values inside every bound the schema states.
 * - `edge` mode draws, for every field, one of the schema-valid extremes: the minimum and maximum,
 *   0, negative numbers, huge and tiny numbers (1e308, 5e-324), empty, maximal-length and unicode
 *   strings, empty and full arrays.
 *
 * Entity ids are placeholders (`@vm#3`) resolved just before sending against the world as it is then
 * (`resolveIds`), so a sequence of commands keeps naming guests that really exist. File paths are
 * always inside the given sandbox folder.
 */
import fc from 'fast-check';
import { z } from 'zod';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

export type Mode = 'valid' | 'edge';

export interface ArbOptions {
  mode: Mode;
  /** Folder every generated file path points into. */
  sandbox: string;
  /** Metric names to use for `metric` / `metrics` fields. */
  metrics: readonly string[];
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Entity kinds named by a field, from its key (`vmId`, `hostIds`, `entityIds`, …). */
const ID_KINDS: Record<string, string> = {
  vmId: 'vm',
  vmIds: 'vm',
  hostId: 'host',
  hostIds: 'host',
  failoverHostIds: 'host',
  clusterId: 'cluster',
  datastoreId: 'datastore',
  networkId: 'network',
  containerId: 'container',
  serviceId: 'service',
  taskId: 'task',
  alarmId: 'alarm',
  objectId: 'any',
  parentId: 'any',
  entityIds: 'any',
};
const PATH_KEYS = new Set(['path', 'workloadDir']);

const UNICODE = ['名前', 'é', '🙂', 'ｱ', '\u200d', '\u202e', 'Ω', '𝔘'];

/** Schema-valid strings at the edges of a length range (unicode counted in UTF-16 units, as zod does). */
function edgeStrings(min: number, max: number): string[] {
  const cap = Math.min(max, 100_000);
  const out = new Set<string>();
  if (min === 0) out.add('');
  out.add('a'.repeat(Math.max(min, 1)));
  out.add('x'.repeat(cap));
  out.add(' '.repeat(Math.max(min, 1)));
  let u = '';
  while (u.length < Math.max(min, 1)) u += UNICODE[u.length % UNICODE.length];
  out.add(u.slice(0, cap).length >= min ? u.slice(0, cap) : u);
  let long = '';
  while (long.length + 2 <= cap && long.length < 4000) long += UNICODE[long.length % UNICODE.length];
  if (long.length >= min) out.add(long);
  out.add('-1'.padEnd(Math.max(min, 2), '0').slice(0, Math.max(cap, min)));
  out.add('NaN'.padEnd(Math.max(min, 3), ' ').slice(0, Math.max(cap, min)));
  return [...out].filter((s) => s.length >= min && s.length <= max);
}

function edgeNumbers(min: number | undefined, max: number | undefined, integer: boolean): number[] {
  const lo = min ?? -Number.MAX_VALUE;
  const hi = max ?? Number.MAX_VALUE;
  const c = [
    0,
    1,
    -1,
    0.5,
    5e-324,
    -5e-324,
    1e-9,
    2 ** 31,
    2 ** 32,
    2 ** 53 - 1,
    -(2 ** 53 - 1),
    1e12,
    1e15,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
  ];
  if (min !== undefined) c.push(min, min + 1, min + 0.5);
  if (max !== undefined) c.push(max, max - 1, max - 0.5);
  const ok = c.filter(
    (v) => v >= lo && v <= hi && (!integer || Number.isInteger(v)) && (!integer || Number.isSafeInteger(v)),
  );
  return [...new Set(ok.map((v) => (Object.is(v, -0) ? 0 : v)))];
}

function idArb(kind: string, mode: Mode): fc.Arbitrary<string> {
  const real = fc.nat(1000).map((i) => `@${kind}#${i}`);
  if (mode === 'valid')
    return fc.oneof(
      { weight: 9, arbitrary: real },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
    );
  return fc.oneof(
    { weight: 3, arbitrary: real },
    { weight: 2, arbitrary: fc.constantFrom(...edgeStrings(1, 200)) },
  );
}

function pathArb(opts: ArbOptions): fc.Arbitrary<string> {
  const names =
    opts.mode === 'valid'
      ? fc.stringMatching(/^[a-z0-9-]{1,20}$/)
      : fc.constantFrom(
          'a',
          'x'.repeat(200),
          '名前🙂.vdc',
          ' .vdc',
          'new folder/deep/file.vdc',
          '-1.csv',
          '.hidden',
        );
  const ext = fc.constantFrom('', '.vdc', '.html', '.pdf', '.xlsx', '.csv', '.json');
  return fc.tuple(names, ext).map(([n, e]) => `${opts.sandbox}/${n}${e}`);
}

function numberArb(s: JsonSchema, opts: ArbOptions): fc.Arbitrary<number> {
  const integer = s.type === 'integer';
  if (opts.mode === 'edge') return fc.constantFrom(...edgeNumbers(s.minimum, s.maximum, integer));
  if (integer)
    return fc.integer({
      min: Math.max(s.minimum ?? -1e9, Number.MIN_SAFE_INTEGER),
      max: Math.min(s.maximum ?? 1e9, Number.MAX_SAFE_INTEGER),
    });
  return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
}

function stringArb(s: JsonSchema, key: string | undefined, opts: ArbOptions): fc.Arbitrary<string> {
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    if (s.pattern.startsWith('^[A-Za-z0-9+/]')) {
      const bytes =
        opts.mode === 'edge'
          ? fc.constantFrom(3, 300, 30_000).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
          : fc.uint8Array({ minLength: 3, maxLength: 300 });
      return bytes
        .map((b) => Buffer.from(b).toString('base64'))
        .filter((x) => x.length >= (s.minLength ?? 0) && x.length <= (s.maxLength ?? Infinity));
    }
    return fc.stringMatching(re);
  }
  if (key && PATH_KEYS.has(key)) return pathArb(opts);
  if (key && ID_KINDS[key]) return idArb(ID_KINDS[key]!, opts.mode);
  if (key === 'metric' && opts.metrics.length)
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...opts.metrics) },
      { weight: 1, arbitrary: fc.constantFrom(...edgeStrings(s.minLength ?? 1, s.maxLength ?? 100)) },
    );
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 100_000;
  if (opts.mode === 'edge') return fc.constantFrom(...edgeStrings(min, max));
  return fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 24)) });
}

/** An arbitrary for values of `s`; `key` is the property name it sits under (ids, paths, metrics). */
export function arbitraryOf(s: JsonSchema, opts: ArbOptions, key?: string): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.oneOf ?? s.anyOf;
  if (alts) return fc.oneof(...alts.map((a) => arbitraryOf(a, opts, key)));
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return numberArb(s, opts);
    case 'string':
      return stringArb(s, key, opts);
    case 'array': {
      const itemKey = key === 'metrics' ? 'metric' : key;
      const item = s.items
        ? arbitraryOf(
            s.items,
            opts,
            itemKey && ID_KINDS[itemKey] ? itemKey : itemKey === 'metric' ? 'metric' : undefined,
          )
        : fc.jsonValue({ maxDepth: 1 });
      const min = s.minItems ?? 0;
      const max = s.maxItems ?? 1000;
      if (opts.mode === 'valid')
        return fc.array(item, { minLength: min, maxLength: Math.min(max, Math.max(min, 4)) });
      const full = Math.min(max, 100);
      return fc
        .constantFrom(...new Set([min, Math.min(min + 1, max), full]))
        .chain((n) => fc.array(item, { minLength: n, maxLength: n }));
    }
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      if (keys.length === 0 && s.additionalProperties !== false)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of keys) rec[k] = arbitraryOf(props[k]!, opts, k);
      return fc.record(rec, { requiredKeys: (s.required ?? []).filter((k) => k in rec) });
    }
    default:
      // Unconstrained (z.unknown()): anything JSON can carry, with numeric and string extremes in edge mode.
      return opts.mode === 'edge'
        ? fc.oneof(
            fc.constantFrom(0, -1, 1e308, -1e308, '', 'x'.repeat(10_000), null, true, [], {}),
            fc.jsonValue({ maxDepth: 2 }),
          )
        : fc.jsonValue({ maxDepth: 2 });
  }
}

/** The current ids per entity kind, to resolve `@kind#n` placeholders. */
export type IdPools = Record<string, readonly string[]>;

/** Replaces every `@kind#n` placeholder with the n-th (modulo) id of that kind, or a missing id if none. */
export function resolveIds(v: unknown, pools: IdPools): unknown {
  if (typeof v === 'string') {
    const m = /^@([a-z]+)#(\d+)$/.exec(v);
    if (!m) return v;
    const pool = m[1] === 'any' ? Object.values(pools).flat() : (pools[m[1]!] ?? []);
    return pool.length ? pool[Number(m[2]) % pool.length] : `${m[1]}-none`;
  }
  if (Array.isArray(v)) return v.map((x) => resolveIds(x, pools));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveIds(x, pools)]));
  return v;
}
