import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api, type ProcName } from '../../shared/api';
import { snapshotDb, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';

type AnySchema = z.ZodType & { _zod: { def: any }; maxLength?: number | null };

function unwrap(s: AnySchema): AnySchema {
  const def = s._zod.def;
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(def.type)) return unwrap(def.innerType);
  if (def.type === 'pipe') return unwrap(def.in);
  return s;
}

const BOUNDED_FORMATS = new Set(['uuid', 'datetime', 'date', 'time']);
function hasMax(s: AnySchema, check: string): boolean {
  return (s._zod.def.checks ?? []).some((c: any) => c._zod.def.check === check);
}

/** A string is bounded by max(), by a fixed-size format, or by an anchored pattern without open-ended repeats. */
function stringBounded(s: AnySchema): boolean {
  if (s.maxLength != null) return true;
  const def = s._zod.def;
  if (BOUNDED_FORMATS.has(def.format)) return true;
  const patterns = (def.checks ?? []).map((c: any) => c._zod.def.pattern).filter(Boolean) as RegExp[];
  return patterns.some((p) => p.source.startsWith('^') && p.source.endsWith('$') && !/[+*]|\{\d+,\}/.test(p.source));
}

/** Every unbounded string or array in a schema, by path. */
function unbounded(s: AnySchema, path = ''): string[] {
  const inner = unwrap(s);
  const def = inner._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, AnySchema>).flatMap(([k, v]) => unbounded(v, path ? `${path}.${k}` : k));
    case 'array':
      return [...(hasMax(inner, 'max_length') ? [] : [`${path}[]`]), ...unbounded(def.element, `${path}.0`)];
    case 'string':
      return stringBounded(inner) ? [] : [path];
    default:
      return [];
  }
}

/** Every string field of a schema, nested ones too (an array's element stands at index 0). */
function stringFields(s: AnySchema, path: (string | number)[] = []): { path: (string | number)[]; freeText: boolean }[] {
  const inner = unwrap(s);
  const def = inner._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, AnySchema>).flatMap(([k, v]) => stringFields(v, [...path, k]));
    case 'array':
      return stringFields(def.element, [...path, 0]);
    case 'string': {
      const patterned = (def.checks ?? []).some((c: any) => c._zod.def.pattern) || def.format != null;
      return [{ path, freeText: !patterned }];
    }
    default:
      return [];
  }
}

/** An input holding `value` at `path` and nothing else. */
function inputWith(path: (string | number)[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, seg) => (typeof seg === 'number' ? [inner] : { [seg]: inner }), value);
}

function topFields(name: ProcName): [string, AnySchema][] {
  const def = (api[name].input as unknown as AnySchema)._zod.def;
  return Object.entries(def.shape as Record<string, AnySchema>);
}

function isRequired(s: AnySchema): boolean {
  return !['optional', 'default', 'prefault'].includes(s._zod.def.type) && !(s._zod.def.type === 'nullable' && isRequired(s._zod.def.innerType) === false);
}

function wrongValueFor(s: AnySchema): unknown {
  const t = unwrap(s)._zod.def.type;
  return t === 'string' || t === 'enum' ? { not: 'a string' } : 'not-a-' + t;
}

const names = Object.keys(api) as ProcName[];

describe('the contract', () => {
  it.each(names)('%s: input is a strict object with every string and list bounded', (name) => {
    const input = api[name].input as unknown as AnySchema;
    expect(input._zod.def.type).toBe('object');
    expect(input._zod.def.catchall?._zod.def.type).toBe('never');
    expect(unbounded(input)).toEqual([]);
  });
});

describe('the dispatcher refuses bad input on every procedure and changes nothing', () => {
  let app: TestApp;
  let owner: string;
  let before: string;

  withTestOrg('file', async (org) => {
    ({ app, owner } = org);
    await app.call(owner, 'clients.create', { kind: 'person', name: 'Jānis Bērziņš', phones: [{ number: '+37129123456' }], emails: [], addresses: [], contacts: [] });
    await app.call(owner, 'auth.me', {});
    before = snapshotDb(app.core);
  });
  // Registered after the fixture's hook, so it runs before the core closes.
  afterAll(() => expect(snapshotDb(app.core)).toBe(before));

  const refused = async (name: ProcName, input: unknown) => {
    const r = await app.raw(owner, name, input);
    expect(r.ok, `${name} accepted ${JSON.stringify(input).slice(0, 120)}`).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('validation');
      expect(r.error.key).toMatch(/^errors\./);
      expect(JSON.stringify(r.error)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    return r;
  };

  it.each(names)('%s: wrong types', async (name) => {
    await refused(name, 42);
    await refused(name, 'text');
    await refused(name, [1, 2]);
    for (const [field, schema] of topFields(name)) {
      const r = await refused(name, { [field]: wrongValueFor(schema) });
      if (!r.ok) expect(r.error.field).toBeDefined();
    }
  });

  it.each(names)('%s: unknown fields', async (name) => {
    const issues = api[name].input.safeParse({ __unknown__: 1 }).error?.issues ?? [];
    expect(issues.map((i) => i.code)).toContain('unrecognized_keys');
    await refused(name, { __unknown__: 1 });
  });

  it.each(names.filter((n) => topFields(n).some(([, s]) => isRequired(s))))('%s: missing fields', async (name) => {
    const r = await refused(name, {});
    if (!r.ok) expect(r.error.key).toBe('errors.required');
  });

  it.each(names.filter((n) => stringFields(api[n].input as unknown as AnySchema).length > 0))('%s: a NUL byte in any string field, nested ones too', async (name) => {
    for (const { path, freeText } of stringFields(api[name].input as unknown as AnySchema)) {
      const at = path.join('.');
      const input = inputWith(path, 'Bērziņš\u0000; drop');
      const issues = (api[name].input.safeParse(input).error?.issues ?? []).filter((i) => i.path.join('.') === at);
      expect(issues.length, `${name}.${at} accepted a NUL byte`).toBeGreaterThan(0);
      // Free text is refused by the shared helper, with its own translated message.
      if (freeText) expect(issues.map((i) => i.message), `${name}.${at} is not built with the shared text helper`).toContain('errors.control_char');
      await refused(name, input);
    }
  });

  it.each(names.filter((n) => topFields(n).some(([, s]) => unwrap(s)._zod.def.type === 'string')))('%s: oversize strings', async (name) => {
    for (const [field, schema] of topFields(name)) {
      if (unwrap(schema)._zod.def.type !== 'string') continue;
      const issues = api[name].input.safeParse({ [field]: 'x'.repeat(100_001) }).error?.issues ?? [];
      expect(issues.some((i) => i.path[0] === field), `${name}.${field} accepted 100,001 characters`).toBe(true);
      await refused(name, { [field]: 'x'.repeat(100_001) });
    }
  });
});
