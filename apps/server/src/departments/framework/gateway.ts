import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DepartmentImplementation, DepartmentSpec, OperationSpec } from './contract.js';
import { operationPath } from './http-transport.js';
import { SignatureVerifier } from './signing.js';

/** What the fault test (and an operator's chaos drill) can make one department do. */
export type Fault =
  | { mode: 'hang' }
  | { mode: 'slow'; delayMs: number }
  | { mode: 'fail'; status?: number }
  | { mode: 'garbage' };

export interface GatewayDepartment {
  spec: DepartmentSpec;
  impl: DepartmentImplementation<DepartmentSpec>;
}

export interface GatewayOptions {
  departments: readonly GatewayDepartment[];
  /** Callers' signing keys by key id. */
  keys: ReadonlyMap<string, Buffer>;
  /** Per-department faults; the map is read on every request, so tests change it while the gateway runs. */
  faults?: Map<string, Fault>;
  logger?: boolean | { level: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

const problem = (status: number, code: string, detail: string) => ({
  type: `about:blank`,
  title: code,
  status,
  code,
  detail,
});

/**
 * The department gateway (`dept-gateway`): serves the sandbox departments over the same contracts as HTTP
 * JSON, POST /v1/{department}/{operation}, for a platform configured with DEPARTMENTS_URL. Every request
 * must carry a valid signature of a known caller. The contracts are described at /openapi.json.
 */
export async function buildDepartmentGateway(options: GatewayOptions): Promise<FastifyInstance> {
  // forceCloseConnections: closing must not wait for a request a fault keeps hanging
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const verifier = new SignatureVerifier(options.keys);

  // Keep the exact body text: the signature covers it.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    req.rawBody = body as string;
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('body is not JSON'), { statusCode: 400 }), undefined);
    }
  });

  app.setErrorHandler((error: { statusCode?: number; validation?: unknown; message: string }, req, reply) => {
    const status = error.validation ? 400 : (error.statusCode ?? 500);
    if (status >= 500) req.log.error({ err: error }, 'department failed');
    void reply
      .status(status)
      .type('application/problem+json')
      .send(problem(status, status === 400 ? 'INVALID_REQUEST' : 'DEPARTMENT_ERROR', error.message));
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '粤省事 department connector contracts',
        version: '1',
        description:
          'The HTTP JSON contract of each department system the platform reads and writes. Every request is ' +
          'signed: x-yss-key-id, x-yss-timestamp (ms), x-yss-nonce and x-yss-signature = base64url HMAC-SHA256 ' +
          'of "METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nhex(SHA-256(body))".',
      },
      tags: options.departments.map((d) => ({ name: d.spec.id, description: d.spec.name })),
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  for (const { spec, impl } of options.departments) {
    for (const [name, op] of Object.entries(spec.operations) as [string, OperationSpec][]) {
      const path = operationPath(spec, name);
      app.post(
        path,
        {
          schema: { tags: [spec.id], summary: op.summary, body: op.input, response: { 200: op.output } },
          preHandler: async (req, typedReply) => {
            // error answers are outside the typed 200 contract
            const reply = typedReply as unknown as FastifyReply;
            const check = verifier.verify(req.headers, 'POST', path, req.rawBody ?? '');
            if (!check.ok) {
              req.log.warn({ reason: check.reason }, 'refused unsigned or badly signed request');
              return reply
                .status(401)
                .type('application/problem+json')
                .send(problem(401, 'UNAUTHORISED', check.reason));
            }
            const fault = options.faults?.get(spec.id);
            if (!fault) return;
            if (fault.mode === 'hang') await new Promise(() => {}); // never answers: the caller's deadline must
            if (fault.mode === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
            if (fault.mode === 'fail') {
              const status = fault.status ?? 503;
              return reply
                .status(status)
                .type('application/problem+json')
                .send(problem(status, 'DOWN', 'fault injected'));
            }
            if (fault.mode === 'garbage') return reply.type('application/json').send('{"总之":"不是合同里的东西"');
          },
        },
        async (req) => {
          const fn = (impl as Record<string, (input: unknown) => Promise<unknown>>)[name];
          if (!fn) throw Object.assign(new Error(`${name} not implemented`), { statusCode: 501 });
          return fn(req.body);
        },
      );
    }
  }
  return app;
}
