/**
 * Properties of `snapshot` over generated values (fast-check). Run counts are set per
 * property (`numRuns`); together they are 5,000 generated cases per `vitest run`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { snapshot } from '../../../lib/hook/snapshot';

const RUNS = 1000;

/** Every kind of value fast-check can make, not only JSON. */
const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  maxDepth: 6,
});

/**
 * Values a page can hand over that plain data cannot: getters that throw, revoked and
 * throwing Proxies, named functions, symbols, cycles. fast-check inspects what it generates
 * (and would trip over a revoked Proxy itself), so it generates a plain recipe and the
 * property builds the hostile value from it.
 */
type Recipe =
  | { kind: 'data'; value: unknown }
  | { kind: 'thrower'; message: string }
  | { kind: 'revoked' }
  | { kind: 'trap'; trap: string }
  | { kind: 'function'; name: string }
  | { kind: 'symbol'; description: string }
  | { kind: 'cycle' }
  | { kind: 'array'; items: Recipe[] }
  | { kind: 'object'; entries: Array<[string, Recipe]> };

const recipe: fc.Arbitrary<Recipe> = fc.letrec<{ value: Recipe; array: Recipe; object: Recipe }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyValue.map((value): Recipe => ({ kind: 'data', value })),
    fc.string().map((message): Recipe => ({ kind: 'thrower', message })),
    fc.constant<Recipe>({ kind: 'revoked' }),
    fc.constantFrom('get', 'ownKeys', 'getPrototypeOf', 'has', 'getOwnPropertyDescriptor').map((trap): Recipe => ({ kind: 'trap', trap })),
    fc.string().map((name): Recipe => ({ kind: 'function', name })),
    fc.string().map((description): Recipe => ({ kind: 'symbol', description })),
    fc.constant<Recipe>({ kind: 'cycle' }),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items): Recipe => ({ kind: 'array', items })),
  object: fc.array(fc.tuple(fc.string(), tie('value')), { maxLength: 4 }).map((entries): Recipe => ({ kind: 'object', entries })),
})).value;

function build(r: Recipe): unknown {
  switch (r.kind) {
    case 'data':
      return r.value;
    case 'thrower':
      return {
        get broken(): never {
          throw new Error(r.message);
        },
      };
    case 'revoked': {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }
    case 'trap':
      return new Proxy({ a: 1 }, {
        [r.trap]: () => {
          throw new Error(r.trap);
        },
      });
    case 'function':
      return Object.defineProperty(() => {}, 'name', { value: r.name });
    case 'symbol':
      return Symbol(r.description);
    case 'cycle': {
      const self: Record<string, unknown> = {};
      self.self = self;
      return self;
    }
    case 'array':
      return r.items.map(build);
    case 'object': {
      const object: Record<string, unknown> = {};
      // Own properties, as JSON.parse makes them: a `__proto__` key must not set the prototype.
      for (const [key, value] of r.entries) Object.defineProperty(object, key, { value: build(value), enumerable: true, writable: true, configurable: true });
      return object;
    }
  }
}

describe('snapshot of generated values', () => {
  it('never throws and its output survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const copy = snapshot(value);
        expect(JSON.parse(JSON.stringify(copy))).toEqual(copy);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on getters that throw, revoked and throwing Proxies, functions, symbols and cycles', () => {
    fc.assert(
      fc.property(recipe, (r) => {
        const copy = snapshot(build(r));
        expect(JSON.parse(JSON.stringify(copy))).toEqual(copy);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- planted secrets --------------------------------------------------------------------

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
/** A random opaque token of 24 to 48 base64url characters. */
const token = fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 24, maxLength: 48 });
const b64url = (text: string): string => Buffer.from(text).toString('base64url');
/** A random signed JWT whose every segment is unique to the run. */
const jwt = fc
  .tuple(token, token, token, fc.integer({ min: 0, max: 4_000_000_000 }))
  .map(([kid, jti, signature, exp]) =>
    b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid })) + '.' + b64url(JSON.stringify({ jti, exp })) + '.' + signature,
  );

const SECRET_KEYS = ['app_token', 'access_token', 'refresh_token', 'client_secret', 'password', 'Authorization', 'x-api-key', 'csrfToken', 'apiKey'];
const TOKEN_PARAMS = ['code', 'token', 'access_token', 'id_token', 'Code', 'TOKEN', 'client_secret', 'sig', 'session'];

interface Plant {
  /** The secret that must not appear, whole or by its first 5 characters. */
  secret: string;
  /** Other parts that must not appear either (JWT segments). */
  parts: string[];
  /** Where to put it: a key and value of an object in the structure. */
  key: string;
  value: unknown;
}

/** An opaque token under a secret key, bare or after "Bearer ". */
const underSecretKey: fc.Arbitrary<Plant> = fc
  .tuple(token, fc.constantFrom(...SECRET_KEYS), fc.boolean())
  .map(([secret, key, bearer]) => ({ secret, parts: [], key, value: bearer ? 'Bearer ' + secret : secret }));

/** A JWT anywhere: in free text, in a URL, after Bearer, in JSON text, or as a key. */
const jwtAnywhere: fc.Arbitrary<Plant> = fc
  .tuple(jwt, fc.string(), fc.string(), fc.string(), fc.nat(5))
  .map(([secret, before, after, key, where]) => {
    const [header = '', payload = '', signature = ''] = secret.split('.');
    const texts = [
      before + ' ' + secret + ' ' + after,
      before + secret + after,
      'https://link.leantech.me/cb?state=' + secret + '&lang=en',
      'Authorization: Bearer ' + secret,
      '{"status":"OK","token":"' + secret + '"}',
    ];
    return where === 5
      ? { secret, parts: [header, payload, signature], key: secret, value: 1 }
      : { secret, parts: [header, payload, signature], key, value: texts[where]! };
  });

/** An opaque token as a code= / token= style URL parameter, plain or percent-encoded. */
const asUrlParam: fc.Arbitrary<Plant> = fc
  .tuple(token, fc.constantFrom(...TOKEN_PARAMS), fc.string(), fc.nat(3))
  .map(([secret, name, key, where]) => {
    const urls = [
      'https://shop.example/ok?consent_attempt_id=1&' + name + '=' + secret + '&x=2',
      'https://shop.example/ok#' + name + '=' + secret,
      'https://bank.example/a?redirect_uri=https%3A%2F%2Fshop.example%2Fcb%3F' + name + '%3D' + secret + '%26s%3D1',
      name + '=' + secret,
    ];
    return { secret, parts: [], key, value: urls[where]! };
  });

/**
 * Puts `plant` into a copy of `generated` at a place chosen by `path`, returning the
 * copy (fast-check reuses generated values while shrinking: never mutate them).
 */
function plantInto(generated: unknown, path: number[], plant: Plant): unknown {
  const root: unknown = structuredClone(generated);
  const entry = (): Record<string, unknown> => ({ [plant.key]: plant.value });
  const isPlain = (v: unknown): v is Record<string, unknown> => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v) as unknown;
    return proto === Object.prototype || proto === null;
  };
  if (!Array.isArray(root) && !isPlain(root)) return [root, entry()];
  let here: unknown[] | Record<string, unknown> = root;
  for (const step of path) {
    const children = Array.isArray(here) ? here : Object.values(here);
    const next: unknown = children.length > 0 ? children[step % children.length] : undefined;
    if (!Array.isArray(next) && !isPlain(next)) break;
    here = next;
  }
  if (Array.isArray(here)) here.push(entry());
  else here[plant.key] = plant.value;
  return root;
}

function assertNotLeaked(value: unknown, plant: Plant): void {
  const json = JSON.stringify(snapshot(value));
  expect(json).not.toContain(plant.secret);
  expect(json).not.toContain(plant.secret.slice(0, 5));
  for (const part of plant.parts) expect(json).not.toContain(part);
}

describe('a planted secret never reaches the snapshot', () => {
  const structure = fc.tuple(fc.anything({ maxDepth: 4 }), fc.array(fc.nat(), { maxLength: 6 }));

  it('as a random token under a secret key, anywhere in a nested structure', () => {
    fc.assert(
      fc.property(structure, underSecretKey, ([root, path], plant) => {
        assertNotLeaked(plantInto(root, path, plant), plant);
      }),
      { numRuns: RUNS },
    );
  });

  it('as a JWT anywhere in a nested structure (text, URL, Bearer, JSON text, key)', () => {
    fc.assert(
      fc.property(structure, jwtAnywhere, ([root, path], plant) => {
        assertNotLeaked(plantInto(root, path, plant), plant);
      }),
      { numRuns: RUNS },
    );
  });

  it('as a code= / token= URL parameter anywhere in a nested structure', () => {
    fc.assert(
      fc.property(structure, asUrlParam, ([root, path], plant) => {
        assertNotLeaked(plantInto(root, path, plant), plant);
      }),
      { numRuns: RUNS },
    );
  });
});
