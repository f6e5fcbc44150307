import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ERROR_CODES, type ErrorCode, Problem } from '@yss/contracts';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import { OutboxEmailGateway } from './connectors/email/outbox-gateway.js';
import { OutboxSmsGateway } from './connectors/sms/outbox-gateway.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { populationRegisterFromClient } from './departments/population-register/spec.js';
import { seedProvinceOnce } from './departments/province/seed-once.js';
import { createDepartments, type Departments } from './departments/registry.js';
import { registerCsrfGuard } from './http/csrf.js';
import { genReqId, loggerOptions } from './http/logging.js';
import { frameworkProblem, registerProblemHandlers, sendProblem } from './http/problem.js';
import { trackRequestsInFlight } from './http/requests-in-flight.js';
import { createResponseSerializerCompiler } from './http/response-serializer.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerWebApps } from './http/static-app.js';
import { connectRedis } from './infra/redis.js';
import {
  AppointmentGate,
  AppointmentNoShows,
  AppointmentPassKeys,
  AppointmentReminders,
  appointmentCitizenRoutes,
  appointmentConsoleRoutes,
  appointmentPublicRoutes,
  BookingService,
  CheckInService,
  SlotService,
  seedDemoSlots,
} from './modules/appointments/index.js';
import { auditConsoleRoutes } from './modules/audit/console-routes.js';
import { AuditLog } from './modules/audit/index.js';
import { BackupService, backupConsoleRoutes } from './modules/backup/index.js';
import { calculatorRoutes } from './modules/calculators/index.js';
import {
  CaseFulfilmentOutbox,
  CaseService,
  CitizenGate,
  caseAttachmentRoutes,
  caseCitizenRoutes,
  caseConsoleRoutes,
  maskLegacyCaseMessages,
  sealLegacyEventNotes,
} from './modules/cases/index.js';
import {
  CatalogAdmin,
  CatalogService,
  catalogConsoleRoutes,
  catalogRoutes,
  seedCatalog,
} from './modules/catalog/index.js';
import {
  CoachGate,
  CoachOrderService,
  CoachStationLinks,
  CoachStationService,
  CoachTicketKeys,
  coachCitizenRoutes,
  coachPublicRoutes,
  coachStationRoutes,
  seedDemoStationLinks,
} from './modules/coach/index.js';
import { registerCredit } from './modules/credit/index.js';
import { DelegationService, delegationRoutes } from './modules/delegation/index.js';
import { EndorsementService, endorsementRoutes } from './modules/endorsements/index.js';
import { feedbackConsoleRoutes, feedbackRoutes, sealLegacyFeedback } from './modules/feedback/index.js';
import { FlightCheckInGate, FlightsService, flightRoutes } from './modules/flights/index.js';
import { HousingFundWithdrawals, housingFundWithdrawalRoutes } from './modules/housing-fund-withdrawal/index.js';
import {
  IdentityService,
  identityRoutes,
  identitySettings,
  PasskeyService,
  RegisterIdentityProofing,
} from './modules/identity/index.js';
import { RedisSessionInvalidation } from './modules/identity/redis-invalidation.js';
import { RedisSessionStore } from './modules/identity/redis-session-store.js';
import { DatabaseSessionStore, type SessionStore } from './modules/identity/session-store.js';
import { invoiceTitleRoutes } from './modules/invoice-titles/index.js';
import { educationLookupRoutes } from './modules/lookups/education/routes.js';
import { housingFundLookupRoutes } from './modules/lookups/housing-fund-routes.js';
import { lookupRoutes, PersonalLookupGate } from './modules/lookups/index.js';
import { invoiceLookupRoutes } from './modules/lookups/invoice-routes.js';
import { pointsLookupRoutes } from './modules/lookups/points-routes.js';
import { realEstateLookupRoutes } from './modules/lookups/real-estate-routes.js';
import { recordsLookupRoutes } from './modules/lookups/records-routes.js';
import { socialInsuranceLookupRoutes } from './modules/lookups/social-insurance-routes.js';
import { taxLookupRoutes } from './modules/lookups/tax-routes.js';
import { utilityLookupRoutes } from './modules/lookups/utilities/routes.js';
import { welfareLookupRoutes } from './modules/lookups/welfare-routes.js';
import { medicalInsuranceRoutes } from './modules/medical-insurance/index.js';
import { MoveCarGate, MoveCarService, moveCarRoutes } from './modules/move-car/index.js';
import { NotificationService, notificationRoutes } from './modules/notifications/index.js';
import { registerPayments } from './modules/payments/index.js';
import type { Payments } from './modules/payments/port.js';
import {
  PensionCertificationService,
  PensionReminders,
  pensionCertificationRoutes,
} from './modules/pension-certification/index.js';
import {
  cipherOf,
  establishIndexKey,
  type FieldCipher,
  holdAsServerCopy,
  resolveDataKeys,
} from './modules/privacy/index.js';
import { PurchaseTaxService, purchaseTaxRoutes } from './modules/purchase-tax/index.js';
import { StaffService, seedDemoStaff, staffRoutes, staffSettings } from './modules/staff/index.js';
import { TaxCertificates, taxCertificateRoutes } from './modules/tax-certificates/index.js';
import { TaxPaymentService, taxPaymentRoutes } from './modules/tax-payments/index.js';
import { TravelService, travelPublicRoutes, travelTripRoutes } from './modules/travel/index.js';
import { UtilityPaymentService, utilityPaymentRoutes } from './modules/utility-payments/index.js';
import { hasValidLink, WalletService, walletLinkRoutes, walletRoutes } from './modules/wallet/index.js';
import { walletOfflineRoutes } from './modules/wallet-offline/index.js';
import { registerWalletSync } from './modules/wallet-sync/index.js';
import { seedDemoVerifiers, verifierAdminRoutes, walletVerifierRoutes } from './modules/wallet-verifier/index.js';
import { WorkCalendar, workCalendarRoutes } from './modules/work-calendar/index.js';

// Validation messages in Chinese: the citizen reads them.
z.config(z.locales.zhCN());

export interface BuildOptions {
  /** Use this database instead of opening one from the config (tests); it is not closed with the app. */
  database?: DatabaseHandle;
  /** Run migrations and seed reference data before serving (default true). */
  prepare?: boolean;
  /** Department connectors to use instead of those the config describes (tests: faults, other transports). */
  departments?: Departments;
  /** The clock of 预约's time rules (tests move it to after a slot's start); default the system clock. */
  now?: () => Date;
  /** The payments module to use instead of the platform's own (tests: an in-memory fake of the port). */
  payments?: Payments;
}

/**
 * Apply migrations, (re)seed the reference data and, in demo mode, the sandbox province and the demo staff
 * accounts (their TOTP secrets are encrypted, hence the cipher); idempotent. Production mode creates no
 * account of any kind: staff accounts come from the CLI (staff-create) only.
 */
export async function prepareDatabase(
  database: DatabaseHandle,
  options: { demo?: boolean; cipher?: FieldCipher } = {},
) {
  const applied = await migrate(database.db);
  // The blind indexes' key, before anything computes an index (the seeds below do).
  if (options.cipher) await establishIndexKey(database.db, options.cipher);
  // Free text written in clear before migrations/0075 (the notes of cases' logs, 意见反馈): sealed before serving.
  if (options.cipher) {
    await sealLegacyEventNotes(database.db, options.cipher);
    await sealLegacyFeedback(database.db, options.cipher);
  }
  // 消息 written before 0075 quoted those notes in clear: masked the way a quote is masked today (marked by 0077).
  await maskLegacyCaseMessages(database.db);
  const seeded = await seedCatalog(database.db);
  // 工作日历: the State Council's holiday notices the contract carries, each year seeded once (operators correct it).
  const calendar = await new WorkCalendar({ db: database.db }).start();
  // The sandbox province: the demo people of the README plus a small synthetic population, with every
  // sandbox department's records for them. Only where no real department is connected (demo mode). Skipped when
  // this database holds the province this code seeds already (a restart).
  if (options.demo !== false) await seedProvinceOnce(database.db, { count: 200, seed: 1 });
  if (options.demo !== false && options.cipher) await seedDemoStaff(database.db, options.cipher);
  if (options.demo !== false && options.cipher) await seedDemoVerifiers(database.db, options.cipher);
  // 长途车: the demo coach-station verifiers' organisations are stations of the ticketing system.
  if (options.demo !== false && options.cipher) await seedDemoStationLinks(database.db);
  // 预约: the demo service points keep the next working days of the 工作日历 published (each start tops them up).
  if (options.demo !== false) await seedDemoSlots(database.db, new Date(), calendar);
  return { applied, seeded };
}

/**
 * Build the whole platform as one Fastify instance, without listening: main.ts listens, tests inject. What the
 * assembly took before it failed (the server-copy lock's connection) is given back before the error goes on.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const undoOnFailure: (() => Promise<void>)[] = [];
  try {
    return await assembleApp(config, options, undoOnFailure);
  } catch (err) {
    for (const undo of undoOnFailure.reverse()) await undo().catch(() => undefined);
    throw err;
  }
}

async function assembleApp(
  config: Config,
  options: BuildOptions,
  undoOnFailure: (() => Promise<void>)[],
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    genReqId,
    requestIdHeader: false,
    // A hop count is valid at run time (proxy-addr); Fastify's types only list string | boolean.
    trustProxy: config.trustProxy as boolean,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    frameworkErrors: frameworkProblem,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createResponseSerializerCompiler({ crossCheck: config.responseCrossCheck }));
  registerProblemHandlers(app);
  // Our write APIs take JSON only; anything else is answered 415 rather than parsed as text.
  app.removeContentTypeParser('text/plain');
  // Hooks every request runs are callback-style where they do not wait on anything: an async hook costs a
  // promise and a microtask per request (measurable on the cheapest routes, bench/).
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    done(null, payload);
  });

  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: `${config.dataDir}/pglite` }));
  if (!options.database) {
    // Graceful shutdown: requests already inside a handler finish before the database goes away. The same record
    // logs a request left unanswered (and a blocked event loop), which nothing else would show.
    const requests = trackRequestsInFlight(app);
    app.addHook('onClose', async () => {
      await requests.settled(5_000);
      await database.close();
    });
  }
  // Each copy says it runs (PostgreSQL: an advisory lock held shared), so that an index-key rotation, which needs
  // every copy stopped, refuses to start beside it — and this copy refuses to start during one.
  const copyLock = await holdAsServerCopy(database);
  if (copyLock) {
    undoOnFailure.push(() => copyLock.release());
    app.addHook('onClose', () => copyLock.release());
  }
  // The data keys: the current one seals, any others only open (a rotation in progress, docs/data-keys.md).
  const dataKeys = resolveDataKeys(config);
  const cipher = cipherOf(dataKeys);
  if (options.prepare !== false) {
    const { applied } = await prepareDatabase(database, { demo: config.mode === 'demo', cipher });
    if (applied.length) app.log.info({ applied }, 'migrations applied');
  } else {
    await establishIndexKey(database.db, cipher);
  }
  const catalog = new CatalogService(database.db);
  await catalog.reload();
  // console edits made in another server copy reach this one's snapshot within CATALOG_POLL_SECONDS
  catalog.startPolling(config.catalogPollMs, (err) => app.log.warn({ err }, 'catalog poll failed'));
  app.addHook('onClose', async () => catalog.stopPolling());

  const production = config.mode === 'production';
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // 'wasm-unsafe-eval' lets the app compile its own WebAssembly (the invoice QR reader, zxing-wasm, served
        // from /assets): it allows WebAssembly only, not eval() or inline scripts.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        // antd-mobile (citizen app) sets inline style attributes, and antd 5 (console) injects its CSS-in-JS
        // as <style> elements at run time. A nonce would cover the console's <style> elements but not the
        // style attributes both libraries set, and it needs a per-request index.html; so styles stay
        // 'unsafe-inline' (no script can come from it) while scripts stay 'self' only: no inline scripts,
        // no eval, in either app.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: production,
  });
  await app.register(fastifyCookie);
  registerCsrfGuard(app, config.publicOrigins);
  // With REDIS_URL, rate-limit counters and sessions (or, with the database session store, session
  // invalidations) are shared by every server copy.
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, {
        prefix: config.redisKeyPrefix,
        onError: (err) => app.log.warn({ err }, 'redis connection error'),
      })
    : undefined;
  if (redis) app.addHook('onClose', () => redis.close());
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis ? { redis: redis.client, nameSpace: 'rate:' } : {}),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '粤省事 (open edition) API',
        description:
          'Public and citizen APIs of the platform. Errors are RFC 9457 problem+json with a stable `code` and a Chinese `title`/`detail`.',
        version: '0.1.0',
      },
      tags: [
        { name: 'catalog', description: '服务目录: cities, services and their per-city availability' },
        { name: 'faq', description: '常见问题' },
        { name: 'feedback', description: '意见反馈' },
        { name: 'calculators', description: '个税计算器、加班工资计算器: no login, exact to the fen' },
        {
          name: 'identity',
          description: '登录与实名: accounts, passkeys (刷脸), PIN, SMS codes, sessions, step-up verification',
        },
        {
          name: 'lookups',
          description: '查询服务: lookups of department records (personal ones need a fresh verification)',
        },
        { name: 'wallet', description: '我的证照: issuers’ keys (JWKS), status lists, 证照核验 (POST /api/v1/verify)' },
        {
          name: 'cases',
          description: '我的办件: online applications (e.g. 无犯罪记录证明), their materials and progress',
        },
        {
          name: 'appointments',
          description: '预约: open slots (号源) of services that take appointments, booking and cancelling a place',
        },
        {
          name: 'work-calendar',
          description: '工作日历: working days, 法定节假日 and 调休上班 days from the State Council’s yearly notice',
        },
        {
          name: 'travel',
          description:
            '智慧出行: weather forecasts and warnings, expressway events and routes, city road congestion, trains ' +
            '(information only), and the citizen’s saved trips (行程订阅)',
        },
        {
          name: 'account',
          description: 'The logged-in citizen’s own account data that holds no department record (a session is enough)',
        },
        {
          name: 'coach',
          description:
            '长途车: coach stations and departures, orders paid through the payments module, e-ticket QR codes, ' +
            'refunds, and the station’s 验票 / 上车',
        },
        {
          name: 'payments',
          description:
            '支付: 支付订单 paid at the provider’s cashier (收银台; here the sandbox provider, 沙箱支付: no real money ' +
            'moves), its signed 支付结果通知, 主动查单, refunds; 燃气缴费 (G1)',
        },
        { name: 'inbox', description: '消息: the citizen’s own messages (e.g. 信用信息变更提醒)' },
        { name: 'delegation', description: '家人与授权 (为他人办理): consent, guardian links, acting for others' },
        { name: 'staff', description: '工作人员账号: console login (password + TOTP), roles and grants' },
        { name: 'console', description: '工作台: staff routes, each scoped to the caller’s department and city' },
        { name: 'sandbox', description: 'Sandbox-only endpoints (demo mode): no real outside system exists here' },
        { name: 'welfare', description: '社保与民生: 养老资格认证 (for oneself or for another person)' },
        {
          name: 'transport',
          description:
            '交通出行: 一键移车 (a reminder SMS to a car’s owner), 航班服务 and 航班在线值机 (flights, check-in)',
        },
        { name: 'ops', description: 'Health and readiness' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/healthz',
    { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Readiness: database (and Redis, when configured) reachable and catalog loaded',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string(), services: z.number() }),
          503: Problem,
        },
      },
    },
    async (req, reply) => {
      try {
        await database.ping();
      } catch (err) {
        req.log.warn({ err }, 'readiness: database unreachable');
        return sendProblem(reply, req, 'NOT_READY', '数据库暂时无法连接，请稍后再试。');
      }
      // Without Redis a copy can check no session (Redis store) and count no rate limit: not ready.
      if (redis) {
        try {
          await redis.client.ping();
        } catch (err) {
          req.log.warn({ err }, 'readiness: redis unreachable');
          return sendProblem(reply, req, 'NOT_READY', '服务暂时不可用，请稍后再试。');
        }
      }
      if (!catalog.ready) return sendProblem(reply, req, 'NOT_READY', '服务正在启动，请稍后再试。');
      return { status: 'ready' as const, database: database.engine, services: catalog.current.serviceCount };
    },
  );
  app.get(
    '/api/problems/:code',
    {
      schema: {
        hide: true,
        params: z.object({ code: z.string().max(50) }),
      },
    },
    async (req, reply) => {
      const code = req.params.code as ErrorCode;
      const spec = ERROR_CODES[code];
      if (!spec) return sendProblem(reply, req, 'NOT_FOUND', '没有这种错误类型。');
      return { code, status: spec.status, title: spec.title };
    },
  );

  await app.register(catalogRoutes(catalog));
  await app.register(calculatorRoutes());
  await app.register(
    feedbackRoutes({ db: database.db, cipher, catalog, perMinute: config.feedbackRateLimitPerMinute }),
  );
  const audit = new AuditLog(database.db);
  const settings = identitySettings(config);
  const outbox = new OutboxSmsGateway(database.db, cipher);
  const departments =
    options.departments ?? createDepartments(config, database.db, app.log.child({ module: 'departments' }));
  const populationRegister = populationRegisterFromClient(departments.populationRegister.client);
  // Redis is the shared truth when chosen: no in-process cache and so no pub/sub invalidation are needed.
  // The database store keeps its short cache, invalidated across copies through Redis when there is one.
  const sessions: SessionStore =
    config.sessionStore === 'redis' && redis
      ? new RedisSessionStore(redis, settings.sessionIdleMs, app.log)
      : new DatabaseSessionStore(database.db);
  const identity = new IdentityService({
    sessions,
    db: database.db,
    cipher,
    sms: outbox,
    proofing: new RegisterIdentityProofing(populationRegister),
    audit,
    settings,
    // Every copy's in-process caches (sessions in front of the database store, bound identities) hear of
    // logins, logouts and re-bindings in the others.
    invalidation: redis ? new RedisSessionInvalidation(redis) : undefined,
  });
  await identity.start();
  const passkeys = new PasskeyService(database.db, identity, settings);
  await app.register(
    identityRoutes({ identity, passkeys, audit, settings, outbox: config.mode === 'demo' ? outbox : undefined }),
  );
  const authenticate = (req: FastifyRequest) => identity.authenticate(req.cookies[settings.cookieName], req.id);
  const delegations = new DelegationService({
    db: database.db,
    cipher,
    identity,
    passkeys,
    register: populationRegister,
    catalog,
    audit,
  });
  await app.register(delegationRoutes({ delegations, authenticate }));
  const gate = new PersonalLookupGate({ identity, delegations, catalog, audit, authenticate });
  await app.register(socialInsuranceLookupRoutes({ gate, departments }));
  await app.register(housingFundLookupRoutes({ gate, departments }));
  const wallet = new WalletService({
    db: database.db,
    cipher,
    departments,
    catalog,
    baseUrl: config.publicOrigins[0] ?? 'http://localhost',
  });
  app.decorate('wallet', wallet);
  await app.register(walletRoutes({ wallet }));
  await app.register(walletOfflineRoutes({ wallet, db: database.db }));
  await app.register(
    walletLinkRoutes({ wallet, db: database.db, audit, identity, delegations, catalog, authenticate }),
  );
  await app.register(
    recordsLookupRoutes({
      gate,
      departments,
      catalog,
      // 毕业生档案去向查询 opens after 关联高校毕业生就业报到证 in 我的证照 (the guide's order)
      reportCardLinked: (accountId) => hasValidLink(database.db, accountId, 'graduate-report-card'),
    }),
  );
  await app.register(taxLookupRoutes({ gate, departments }));
  await app.register(invoiceLookupRoutes({ departments }));
  await app.register(utilityLookupRoutes({ gate, departments, db: database.db, cipher }));
  await app.register(realEstateLookupRoutes({ gate, departments }));
  await app.register(pointsLookupRoutes({ gate, departments }));
  await app.register(welfareLookupRoutes({ gate, departments }));
  const notifications = new NotificationService(database.db);
  await app.register(notificationRoutes({ notifications, authenticate }));
  // 信用信息 (F3): lookups, subscriptions, the change poller; sandbox endpoints in demo mode with embedded departments.
  const sandbox = config.mode === 'demo' && !config.departments.url;
  await registerCredit(app, {
    db: database.db,
    departments,
    gate,
    audit,
    notifications,
    pollMs: config.creditPollMs,
    sandbox,
  });
  // Linked certificates follow their department's record (revoke, suspend, reinstate; a message in 消息).
  await registerWalletSync(app, {
    db: database.db,
    wallet,
    identity,
    notifications,
    audit,
    intervalMs: config.walletSync.intervalMs,
    batchSize: config.walletSync.batchSize,
    sandbox,
  });
  await app.register(educationLookupRoutes({ gate, departments, db: database.db, cipher }));
  // 开通医保支付 and 养老资格认证 open only after 关联社保卡 in 我的证照 (the guide's order)
  const socialSecurityCardLinked = (accountId: string | null) =>
    hasValidLink(database.db, accountId, 'social-security-card');
  await app.register(
    medicalInsuranceRoutes({
      db: database.db,
      cipher,
      audit,
      gate,
      departments,
      socialSecurityCardLinked,
    }),
  );
  // 养老资格认证 (E4): status and 认证, for oneself or through a delegation; the 人社 sandbox records it.
  await app.register(
    pensionCertificationRoutes({
      gate,
      service: new PensionCertificationService({
        db: database.db,
        departments,
        identity,
        notifications,
        audit,
        socialSecurityCardLinked,
        now: options.now ?? (() => new Date()),
      }),
    }),
  );
  // 养老资格认证即将到期: a 消息 once per validity period, every 6 hours under a lease (the first run 6 hours after start).
  const pensionReminders = new PensionReminders({
    db: database.db,
    departments,
    identity,
    notifications,
    now: options.now ?? (() => new Date()),
    intervalMs: 6 * 3600_000,
    log: app.log.child({ module: 'pension-reminders' }),
  });
  app.decorate('pensionReminders', pensionReminders);
  app.addHook('onReady', async () => pensionReminders.start());
  app.addHook('preClose', async () => pensionReminders.stop());
  await app.register(
    lookupRoutes({
      countByName: (name) => departments.populationRegister.client.countByName({ name }),
      registerName: departments.populationRegister.spec.name,
    }),
  );
  const staffConfig = staffSettings(config);
  const staff = new StaffService({ db: database.db, cipher, audit, settings: staffConfig, catalog });
  await app.register(staffRoutes({ staff, settings: staffConfig, demo: config.mode === 'demo' }));
  await app.register(feedbackConsoleRoutes({ db: database.db, cipher, catalog, staff }));
  const catalogAdmin = new CatalogAdmin(database.db, catalog, (ids) => staff.displayNames(ids));
  await app.register(catalogConsoleRoutes({ admin: catalogAdmin, staff }));
  // 审计日志 for 审计人员: the hash-chained log, by department, and a check of the whole chain.
  await app.register(auditConsoleRoutes({ db: database.db, audit, staff, catalog }));
  // 数据备份 (H2): scheduled backups under a lease, the console's 立即备份 and 校验 (docs/backup.md).
  const backups = new BackupService({
    db: database.db,
    engine: database.engine,
    dataKey: dataKeys.current,
    decryptionKeys: dataKeys.decryptionKeys,
    ...config.backup,
    log: app.log.child({ module: 'backup' }),
    now: options.now,
  });
  app.decorate('backups', backups);
  app.addHook('onReady', async () => backups.start());
  app.addHook('preClose', async () => backups.stop());
  await app.register(backupConsoleRoutes({ backups, staff, engine: database.engine }));
  // 为他人办理: a case or a booking made for someone else is also told to the principal's account, if any.
  const accountOfPerson = async (personId: string) => (await identity.findAccountByPersonId(personId))?.id ?? null;
  // 办件: applications submitted online, their encrypted materials, and their review in the console.
  // 办件 write-back (docs/cases.md "Fulfilment"): approvals handed to the department by an outbox job.
  const caseFulfilment = new CaseFulfilmentOutbox({
    db: database.db,
    cipher,
    catalog,
    departments,
    notifications,
    audit,
    accountOfPerson,
    now: options.now ?? (() => new Date()),
    intervalMs: config.caseFulfilmentMs,
    log: app.log.child({ module: 'case-fulfilment' }),
  });
  app.decorate('caseFulfilment', caseFulfilment);
  app.addHook('onReady', async () => caseFulfilment.start());
  app.addHook('preClose', async () => caseFulfilment.stop());
  // 工作日历: holidays and 调休上班 (the 办件's 承诺办结时限 and the 预约 slots count its working days).
  const workCalendar = await new WorkCalendar({ db: database.db }).start();
  const cases = new CaseService({
    calendar: workCalendar,
    db: database.db,
    cipher,
    catalog,
    notifications,
    departments,
    now: options.now ?? (() => new Date()),
    onFulfilmentQueued: () => caseFulfilment.nudge(),
    accountOfPerson,
  });
  const caseGate = new CitizenGate({ identity, delegations, audit, catalog, authenticate });
  await app.register(
    caseAttachmentRoutes({ db: database.db, cipher, gate: caseGate, sessionCookie: settings.cookieName }),
  );
  await app.register(caseCitizenRoutes({ db: database.db, cipher, cases, gate: caseGate }));
  await app.register(caseConsoleRoutes({ cases, cipher, staff, fulfilment: caseFulfilment, accountOfPerson }));
  // 预约: slots published in the console, booked and cancelled by citizens, never beyond their places.
  const now = options.now ?? (() => new Date());
  const { limit, windowDays, blockDays } = config.appointmentNoShow;
  const noShowRule = { limit, windowDays, blockDays };
  const passKeys = new AppointmentPassKeys(database.db, cipher);
  const bookings = new BookingService({
    db: database.db,
    cipher,
    catalog,
    notifications,
    now,
    departments,
    accountOfPerson,
    noShowRule,
    passKeys,
  });
  // 未到: bookings still booked after their window ended become no_show (and the citizen hears of it).
  const appointmentNoShows = new AppointmentNoShows({
    db: database.db,
    catalog,
    notifications,
    accountOfPerson,
    now,
    rule: noShowRule,
    intervalMs: config.appointmentNoShow.intervalMs,
    log: app.log.child({ module: 'appointment-no-shows' }),
  });
  app.decorate('appointmentNoShows', appointmentNoShows);
  app.addHook('onReady', async () => appointmentNoShows.start());
  app.addHook('preClose', async () => appointmentNoShows.stop());
  // 预约提醒: a 消息 the day before each booked window, from one server copy at a time.
  const appointmentReminders = new AppointmentReminders({
    db: database.db,
    catalog,
    notifications,
    accountOfPerson,
    now,
    intervalMs: config.appointmentReminderMs,
    log: app.log.child({ module: 'appointment-reminders' }),
  });
  app.decorate('appointmentReminders', appointmentReminders);
  app.addHook('onReady', async () => appointmentReminders.start());
  app.addHook('preClose', async () => appointmentReminders.stop());
  await app.register(appointmentPublicRoutes({ bookings }));
  // 工作日历: public read; the console's 工作日历 for the operator's 事项管理员.
  await app.register(workCalendarRoutes({ calendar: workCalendar, staff }));
  await app.register(
    appointmentCitizenRoutes({
      bookings,
      gate: new AppointmentGate({ identity, delegations, audit, catalog, authenticate }),
    }),
  );
  await app.register(
    appointmentConsoleRoutes({
      slots: new SlotService({ db: database.db, catalog, notifications, accountOfPerson, now, calendar: workCalendar }),
      checkIns: new CheckInService({ db: database.db, catalog, passKeys, now }),
      staff,
      accountOfPerson,
      db: database.db,
      cipher,
    }),
  );
  // 支付: payment orders paid at the provider's cashier (PAYMENT_PROVIDER: the sandbox, its cashier under
  // /sandbox-pay/), 支付结果通知, 主动查单, the sweep. `payments` is the Payments port (modules/payments/port.ts) for
  // every module that sells something: it registers its fulfiller here and creates, closes and refunds its orders.
  const { payments, gate: paymentGate } = await registerPayments(app, {
    db: database.db,
    cipher,
    provider: config.payments.provider,
    publicOrigin: config.publicOrigins[0] ?? `http://localhost:${config.port}`,
    notifications,
    audit,
    identity,
    delegations,
    authenticate,
    sweepIntervalMs: config.payments.sweepMs,
  });
  // 燃气缴费 (G1): orders of purpose utility-bill; the bill is paid at the gas company once the payment is confirmed.
  const utilityPayments = new UtilityPaymentService({
    db: database.db,
    cipher,
    payments,
    departments,
    lookupGate: gate,
    log: app.log.child({ module: 'utility-payments' }),
  });
  payments.registerFulfiller('utility-bill', utilityPayments.fulfiller);
  await app.register(
    utilityPaymentRoutes({ service: utilityPayments, gate: paymentGate, sessionCookie: settings.cookieName }),
  );
  // 车船税缴款 (D4): orders of purpose vehicle-tax; the year is paid at the tax department once the payment is
  // confirmed, and its 完税凭证 number goes to the result page and 消息.
  const taxPayments = new TaxPaymentService({
    db: database.db,
    cipher,
    payments,
    departments,
    notifications,
    log: app.log.child({ module: 'tax-payments' }),
  });
  payments.registerFulfiller('vehicle-tax', taxPayments.fulfiller);
  await app.register(taxPaymentRoutes({ service: taxPayments, gate: paymentGate, sessionCookie: settings.cookieName }));
  // 车辆购置税 (D4): orders of purpose vehicle-purchase-tax; the purchase is declared and paid at the tax department
  // once the payment is confirmed, and its 完税证明 number goes to the result page and 消息.
  const purchaseTax = new PurchaseTaxService({
    db: database.db,
    cipher,
    payments,
    departments,
    notifications,
    log: app.log.child({ module: 'purchase-tax' }),
  });
  payments.registerFulfiller('vehicle-purchase-tax', purchaseTax.fulfiller);
  await app.register(
    purchaseTaxRoutes({ service: purchaseTax, gate: paymentGate, sessionCookie: settings.cookieName }),
  );
  // 在线签注 (D6): orders of purpose endorsement-fee; the exit-entry system takes the application once the fee is paid.
  const endorsements = new EndorsementService({
    db: database.db,
    cipher,
    payments,
    departments,
    lookupGate: gate,
    notifications,
    log: app.log.child({ module: 'endorsements' }),
  });
  payments.registerFulfiller('endorsement-fee', endorsements.fulfiller);
  await app.register(
    endorsementRoutes({
      service: endorsements,
      gate: paymentGate,
      lookups: gate,
      permitLinked: (accountId, type) => hasValidLink(database.db, accountId, type),
    }),
  );
  await app.register(
    walletVerifierRoutes({
      db: database.db,
      wallet,
      staff,
      staffCookie: staffConfig.cookieName,
      gate,
      audit,
    }),
  );
  await app.register(
    verifierAdminRoutes({
      db: database.db,
      staff,
      ticketing: new CoachStationLinks(database.db, departments.coach),
    }),
  );
  // 长途车 (D1): the ticketing system's seats, the citizen's orders paid through the payments port (the platform's
  // own payments, or the in-memory fake a coach module test hands in to drive payment outcomes directly).
  {
    const coachPayments: Payments = options.payments ?? payments;
    const coachKeys = new CoachTicketKeys(database.db, cipher);
    const coachOrders = new CoachOrderService({
      db: database.db,
      cipher,
      coach: departments.coach,
      payments: coachPayments,
      notifications,
      keys: coachKeys,
      now,
    });
    coachOrders.register();
    await app.register(coachPublicRoutes({ orders: coachOrders, keys: coachKeys }));
    await app.register(
      coachCitizenRoutes({
        orders: coachOrders,
        gate: new CoachGate({ identity, delegations, audit, catalog, authenticate }),
      }),
    );
    await app.register(
      coachStationRoutes({
        station: new CoachStationService({ db: database.db, coach: departments.coach, staff, keys: coachKeys, now }),
        staffCookie: staffConfig.cookieName,
      }),
    );
  }
  // 一键移车 (G6): a reminder SMS to a car's owner (phone from the traffic police), limits against harassment.
  await app.register(
    moveCarRoutes({
      service: new MoveCarService({ db: database.db, cipher, sms: outbox, departments, now }),
      gate: new MoveCarGate({ identity, delegations, audit, catalog, authenticate }),
      sessionCookie: settings.cookieName,
    }),
  );
  // 航班服务 and 航班在线值机 (D5): flights, airports and bookings from the civil-aviation system (docs/flights.md).
  await app.register(
    flightRoutes({
      service: new FlightsService({ departments, notifications, now }),
      gate: new FlightCheckInGate({ identity, delegations, audit, catalog, authenticate }),
    }),
  );
  // 公积金再次提取 (B6), 开具电子税票 (F4), 便捷开票 (F5): docs/taxfund.md.
  await app.register(
    housingFundWithdrawalRoutes({
      gate,
      withdrawals: new HousingFundWithdrawals({ db: database.db, cipher, departments, identity, notifications, audit }),
    }),
  );
  // E-mail goes to the sandbox outbox: this edition has no real e-mail connector (connectors/email/contract.ts).
  const emailOutbox = new OutboxEmailGateway(database.db, cipher);
  await app.register(
    taxCertificateRoutes({
      gate,
      certificates: new TaxCertificates({
        db: database.db,
        cipher,
        departments,
        email: emailOutbox,
        notifications,
        audit,
        log: app.log.child({ module: 'tax-certificates' }),
      }),
      outbox: config.mode === 'demo' ? emailOutbox : undefined,
    }),
  );
  await app.register(invoiceTitleRoutes({ db: database.db, cipher, gate, audit }));
  // 智慧出行 (D5): weather, expressways, city roads and trains from their departments; the citizen's saved trips.
  const travel = new TravelService({ db: database.db, departments, now: options.now });
  await app.register(travelPublicRoutes({ travel }));
  await app.register(travelTripRoutes({ travel, authenticate }));
  await registerWebApps(app, { citizen: config.citizenDist, console: config.consoleDist });
  return app;
}
