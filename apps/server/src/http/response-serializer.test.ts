import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createResponseSerializerCompiler, fastSerializer, nullableWithoutUnion } from './response-serializer.js';

const Answer = z.object({
  name: z.string(),
  months: z.array(z.object({ month: z.string(), yuan: z.number() })),
  unit: z.object({ name: z.string() }).nullable(),
  note: z.string().optional(),
  kind: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('paid'), amount: z.number() }),
    z.object({ kind: z.literal('owed'), reason: z.string() }),
  ]),
});

async function appWith(crossCheck: boolean, answer: unknown, schema: z.ZodType = Answer) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setSerializerCompiler(createResponseSerializerCompiler({ crossCheck }));
  app.get('/answer', { schema: { response: { 200: schema } } }, async () => answer as never);
  return app;
}

describe('response serializer', () => {
  const row = {
    name: '张伟',
    idNumber: '44010619880512031X', // not in the schema: must never be written
    months: [{ month: '2025-01', yuan: 1234.5, internal: 'x' }],
    unit: { name: '广州某某有限公司', uscc: '91440101MA5CXXXX0X' },
    kind: { kind: 'owed', reason: '未足额缴费', amount: 9 },
  };

  it('writes exactly what zod would: declared properties only, unions and nullables alike', () => {
    const fast = fastSerializer(Answer);
    expect(fast).not.toBeNull();
    const text = fast?.(row) ?? '';
    expect(text).toBe(JSON.stringify(Answer.parse(row)));
    expect(text).not.toContain('44010619880512031X');
    expect(text).not.toContain('internal');
    expect(JSON.parse(text).kind).toEqual({ kind: 'owed', reason: '未足额缴费' });
  });

  it('writes nullable objects and arrays as zod does, null or not (no union left for ajv to decide)', () => {
    const Nullables = z.object({
      unit: z.object({ name: z.string() }).nullable(),
      months: z.array(z.object({ month: z.string() })).nullable(),
      note: z.string().nullable(),
    });
    const fast = fastSerializer(Nullables);
    for (const value of [
      { unit: null, months: null, note: null },
      { unit: { name: '某某公司', uscc: 'x' }, months: [{ month: '2025-01', extra: 1 }], note: '备注' },
    ]) {
      expect(fast?.(value)).toBe(JSON.stringify(Nullables.parse(value)));
    }
    const object = { type: 'object', properties: { name: { type: 'string' } } };
    expect(nullableWithoutUnion({ description: 'd', anyOf: [object, { type: 'null' }] })).toEqual({
      description: 'd',
      ...object,
      nullable: true,
    });
    // Other unions stay unions: two object branches, or a branch that is a reference.
    const two = { anyOf: [object, { type: 'object', properties: {} }] };
    expect(nullableWithoutUnion(two)).toEqual(two);
    const ref = { anyOf: [{ $ref: '#/definitions/x' }, { type: 'null' }] };
    expect(nullableWithoutUnion(ref)).toEqual(ref);
  });

  it('keeps the zod path for a schema JSON Schema cannot express', () => {
    expect(fastSerializer(z.object({ at: z.date() }))).toBeNull();
    expect(fastSerializer(z.object({ n: z.string().transform((s) => s.length) }))).toBeNull();
  });

  it('serves a route through the fast path, with and without the cross-check', async () => {
    for (const crossCheck of [false, true]) {
      const app = await appWith(crossCheck, row);
      const res = await app.inject({ url: '/answer' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(JSON.stringify(Answer.parse(row)));
      await app.close();
    }
  });

  it('with the cross-check, a value the schema refuses still fails the request (zod runs first)', async () => {
    const app = await appWith(true, { ...row, months: [{ month: '2025-01', yuan: 'a lot' }] });
    expect((await app.inject({ url: '/answer' })).statusCode).toBe(500);
    await app.close();
    // The fast path alone refuses this one too (it cannot write 'a lot' as a number), but not every such
    // value: see the next test.
    const alone = await appWith(false, { ...row, months: [{ month: '2025-01', yuan: 'a lot' }] });
    expect((await alone.inject({ url: '/answer' })).statusCode).toBe(500);
    await alone.close();
  });

  it('with the cross-check, output that differs from zod fails the request', async () => {
    // Infinity: zod refuses it on the way out, fast-json-stringify would write null.
    const Schema = z.object({ n: z.number() });
    const app = await appWith(true, { n: Number.POSITIVE_INFINITY }, Schema);
    expect((await app.inject({ url: '/answer' })).statusCode).toBe(500);
    await app.close();
  });

  it('with the cross-check, the same JSON in another key order passes (an optional property written last)', async () => {
    const Schema = z.object({ id: z.string(), nameEn: z.string().optional(), code: z.number() });
    const app = await appWith(true, { id: 'a', nameEn: 'A', code: 1 }, Schema);
    const res = await app.inject({ url: '/answer' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'a', nameEn: 'A', code: 1 });
    await app.close();
  });
});
