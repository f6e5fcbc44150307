import { isDeepStrictEqual } from 'node:util';
import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

type Serialize = (data: unknown) => string;

/**
 * The response serializer: each route's zod response schema, compiled once to JSON Schema and from there to
 * fast-json-stringify's generated code (Fastify's own serializer). It writes only the properties the schema
 * declares — like the zod path it replaces, unknown fields (a department's extra data, an unmasked number)
 * never leave — but without parsing the answer again first: on a 12-month 社保 statement the zod parse +
 * JSON.stringify took ~60 µs a request, this ~23 µs.
 *
 * What it gives up is zod's check of the values on the way out. So in tests (`crossCheck`) every response is
 * also serialized the zod way — which still throws on a value the schema refuses — and the two must be the
 * same JSON (the same values, key order aside), or the request fails loudly: every route the test suites call
 * proves the fast path equal to the checked one. A schema JSON Schema cannot express (dates, transforms, custom
 * checks) keeps the zod path.
 */
export function createResponseSerializerCompiler({ crossCheck }: { crossCheck: boolean }) {
  // Built on a route's first answer of each status, not when the route is registered: compiling all ~125 routes'
  // schemas took ~1.4 s of every start on a slow machine (a fifth of it) — every test app paid it, and
  // `npm start`, for routes most runs never call. A schema's problem shows the same way, on its first answer.
  const compiler: FastifySerializerCompiler<unknown> = (routeSchema) => {
    let serialize: Serialize | undefined;
    return (data: unknown) => {
      serialize ??= build(routeSchema);
      return serialize(data);
    };
  };
  const build = (routeSchema: Parameters<FastifySerializerCompiler<unknown>>[0]): Serialize => {
    const viaZod = zodSerializerCompiler(routeSchema as never) as Serialize;
    const fast = fastSerializer(routeSchema.schema);
    if (!fast) return viaZod;
    if (!crossCheck) return fast;
    return (data: unknown) => {
      const checked = viaZod(data);
      const text = fast(data);
      // The same JSON, though not always the same text: fast-json-stringify may write optional properties after
      // the required ones, where zod keeps the schema's order. Key order means nothing to a JSON reader.
      if (text !== checked && !isDeepStrictEqual(JSON.parse(text), JSON.parse(checked))) {
        throw new Error(
          `fast response serializer differs from zod for ${routeSchema.method} ${routeSchema.url} ` +
            `${routeSchema.httpStatus}:\n  zod:  ${checked.slice(0, 400)}\n  fast: ${text.slice(0, 400)}`,
        );
      }
      return text;
    };
  };
  return compiler;
}

/** fast-json-stringify's function for a zod schema, or null when the schema has no JSON Schema form. */
export function fastSerializer(schema: unknown): Serialize | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    const json = z.toJSONSchema(schema as ZodType, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
    return fastJsonStringify(
      nullableWithoutUnion(withoutClosedObjects(json)) as Parameters<typeof fastJsonStringify>[0],
    ) as Serialize;
  } catch {
    return null;
  }
}

/**
 * zod's output JSON Schema closes every object (`additionalProperties: false`). fast-json-stringify writes only
 * declared properties anyway, but it picks a union's branch by validating the data against each branch: with
 * closed objects an answer carrying one field more than its branch (a database row, say) would match no
 * branch and fail, where zod strips the field. Opened, both pick the first branch that fits and drop the rest.
 */
function withoutClosedObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutClosedObjects);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = withoutClosedObjects(value);
  }
  return out;
}

/**
 * zod writes a nullable object or array as `anyOf: [schema, { type: 'null' }]`; fast-json-stringify picks an
 * `anyOf` branch by validating the data against each branch with ajv on every answer — for the 12-month 社保
 * statement a whole validation of the statement per request (~9 µs). The same schema as OpenAPI's
 * `nullable: true`, which fast-json-stringify writes with a null check, serialises the same JSON.
 */
export function nullableWithoutUnion(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableWithoutUnion);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = nullableWithoutUnion(value);
  const branches = out.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return out;
  const isNull = (b: unknown) => isDeepStrictEqual(b, { type: 'null' });
  const other = branches.find((b) => !isNull(b)) as Record<string, unknown> | undefined;
  if (!other || !branches.some(isNull) || (other.type !== 'object' && other.type !== 'array')) return out;
  const { anyOf: _union, ...rest } = out;
  return { ...rest, ...other, nullable: true };
}
