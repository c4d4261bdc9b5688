/**
 * Composition root: builds the services from their explicit dependencies and registers every
 * module's routes under /api/v1, the OpenAPI document, the docs page and the web app.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import type { HashAlgorithm } from './domain/audit/canonical.ts';
import type { Api } from './http/api.ts';
import { accessHook } from './http/auth.ts';
import { AppError, errorBody, preferredLanguage } from './http/errors.ts';
import { validationError, validatorCompiler } from './http/validation.ts';
import { AuditChainService } from './modules/audit/chain-service.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { generateAuditSigningKey, type AuditSigningKey } from './modules/audit/signing-key.ts';
import { recordAudit } from './modules/audit/store.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { catalogTransferRoutes } from './modules/catalog/transfer/routes.ts';
import { CatalogTransferService, MAX_IMPORT_BYTES } from './modules/catalog/transfer/service.ts';
import { accessRecordRoutes, dataRoutes, verifyRoutes } from './modules/delivery/data-routes.ts';
import { appRoutes, mountRoutes } from './modules/delivery/routes.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { inboxRoutes } from './modules/inbox/routes.ts';
import { exchangeRoutes } from './modules/exchange/routes.ts';
import { FileDeliveryService } from './modules/files/deliveries.ts';
import { fileRoutes } from './modules/files/routes.ts';
import { TraceService } from './modules/files/trace-lookup.ts';
import { DEFAULT_FILE_MAX_BYTES, FileUploadService } from './modules/files/uploads.ts';
import { sharingRoutes } from './modules/sharing/routes.ts';
import { orgRoutes } from './modules/orgs/routes.ts';
import { oversightRoutes } from './modules/oversight/routes.ts';
import { platformRoutes } from './modules/platform/routes.ts';
import { settingsRoutes } from './modules/settings/routes.ts';
import { securityRoutes } from './modules/security/routes.ts';
import { GrantAssessmentService, grantAssessmentRoutes } from './modules/security/assessment-routes.ts';
import type { Outbound } from './modules/inbox/notify.ts';
import type { PlatformKey } from './modules/security/secret-box.ts';
import { buildServices } from './services.ts';

export interface ServerOptions {
  db: Db;
  config: Pick<Config, 'sessionHours' | 'secureCookies' | 'logLevel'>;
  /** Extra Fastify logger options (tests silence it). */
  logger?: FastifyServerOptions['logger'];
  webDist?: string;
  now?: () => Date;
  /** Outbound notification channel (webhook). */
  outbound?: Outbound;
  platformKey: PlatformKey;
  /** Upload limit of mounted files (default DEFAULT_FILE_MAX_BYTES, 50 MB). */
  fileMaxBytes?: number;
  /** Signs audit checkpoints (main.ts loads the key file); tests get a throwaway key. Hash: SM3 unless given. */
  audit?: { key: AuditSigningKey; alg: HashAlgorithm };
  /** The database's PostgreSQL URL, when it is a server: COPY streams (a full audit verification) need a plain client. */
  databaseUrl?: string;
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

export async function buildServer(opts: ServerOptions): Promise<Api> {
  const app = Fastify({
    logger: opts.logger ?? { level: opts.config.logLevel },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Errors met before routing (a path whose %-escapes are not UTF-8) get the same bilingual body as any other.
    frameworkErrors: (error, request, reply) => {
      const invalid = error.code === 'FST_ERR_BAD_URL'
        ? new AppError(400, 'URL_INVALID', '请求地址中的百分号编码无效（须为 UTF-8）', 'the request path has an invalid percent-encoding (it must be UTF-8)')
        : new AppError(400, 'BAD_REQUEST', '请求无效', 'bad request');
      void (reply as FastifyReply).code(400).send(errorBody(invalid, preferredLanguage(request.headers['accept-language']), String(request.id)));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  const { db } = opts;
  const services = buildServices({
    db, sessionHours: opts.config.sessionHours, now: opts.now, outbound: opts.outbound, platformKey: opts.platformKey, databaseUrl: opts.databaseUrl,
  });
  app.addHook('onClose', () => services.fronts.close()); // pooled 前置库 / sync-target connections
  const { identity, calendars, settings, catalog, withdrawals, changes, orgs, audit } = services;
  const transfer = new CatalogTransferService({ db, catalog, settings, now: opts.now });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'GDX 政务数据共享交换平台 API',
        version: '1',
        description: 'Implements 晋市政办〔2024〕1号 (data-sharing rules) and 4号 (data-security rules).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'gdx_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // Uploads (catalog import) only; the file is refused beyond the import limit while streaming in.
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 20 } });

  // Every API route must say who may call it; a route that forgets does not start (rather than stay open).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });
  // Before the body is even parsed: nobody learns the schema of, or uploads to, a route they may not call.
  app.addHook('onRequest', accessHook(identity));

  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    const lang = preferredLanguage(request.headers['accept-language']);
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (error.validation) appError = validationError(error.validationContext ?? 'body', error.validation as never);
    else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      appError = new AppError(413, 'BODY_TOO_LARGE', '请求体过大', 'request body too large');
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      appError = new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型', 'unsupported content type');
    } else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error.statusCode === 400 && error.code?.startsWith('FST_ERR_CTP'))) {
      appError = new AppError(400, 'MALFORMED_BODY', '请求体不是有效的 JSON', 'request body is not valid JSON');
    } else if (error.statusCode && error.statusCode < 500) {
      appError = new AppError(error.statusCode, error.code ?? 'BAD_REQUEST', '请求无效', 'bad request');
    } else {
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError(500, 'INTERNAL', '服务器内部错误，请联系管理员并提供请求编号', 'internal error; quote the request id to the operator');
    }
    // A logged-in user refused on a route without its own audit action is recorded too (security rules §13–§14, §17).
    const action = request.routeOptions.config?.audit ?? (appError.status === 403 && request.actor ? 'access.denied' : undefined);
    if (action && appError.status < 500 && action !== 'auth.login') {
      const outcome = appError.status === 401 || appError.status === 403 ? 'denied' : 'failure';
      const who = request.actor ?? { type: 'anonymous' as const, ip: request.ip, requestId: String(request.id) };
      await recordAudit(opts.db, who, {
        action, outcome, detail: { code: appError.code, status: appError.status, url: request.url, route: `${request.method} ${request.routeOptions.url ?? ''}` },
      }).catch((err) => request.log.error({ err }, 'could not audit a failed call'));
    }
    return reply.code(appError.status).send(errorBody(appError, lang, String(request.id)));
  });

  await app.register(async (api) => {
    const v1 = api as unknown as Api;
    platformRoutes(v1, { db });
    identityRoutes(v1, services, { secureCookies: opts.config.secureCookies });
    orgRoutes(v1, orgs);
    catalogRoutes(v1, { db, catalog, withdrawals, changes });
    catalogTransferRoutes(v1, { transfer });
    calendarRoutes(v1, calendars);
    settingsRoutes(v1, settings);
    securityRoutes(v1, { grading: services.grading, keys: services.keys });
    grantAssessmentRoutes(v1, new GrantAssessmentService({ db, grants: services.grants }));
    auditRoutes(v1, audit, new AuditChainService({
      db, signingKey: opts.audit?.key ?? generateAuditSigningKey(), alg: opts.audit?.alg ?? 'sm3', databaseUrl: opts.databaseUrl,
    }));
    mountRoutes(v1, services.mounts, services.mountChanges);
    appRoutes(v1, services.apps!);
    dataRoutes(v1, services.data!);
    accessRecordRoutes(v1, services.accessRecords);
    verifyRoutes(v1, services.verify!);
    sharingRoutes(v1, services);
    inboxRoutes(v1, services.inbox);
    exchangeRoutes(v1, services.exchange);
    oversightRoutes(v1, services);
    const fileMaxBytes = opts.fileMaxBytes ?? DEFAULT_FILE_MAX_BYTES;
    fileRoutes(v1, {
      uploads: new FileUploadService({ db, maxBytes: fileMaxBytes, platformKey: opts.platformKey, now: opts.now }),
      deliveries: new FileDeliveryService({ db, apps: services.apps!, platformKey: opts.platformKey, now: opts.now, onError: (err) => app.log.error({ err }, 'file delivery record') }),
      traces: new TraceService({ db }),
      maxBytes: fileMaxBytes,
    });
  }, { prefix: '/api/v1' });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDist = opts.webDist ?? DEFAULT_WEB_DIST;
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && existsSync(webDist + 'index.html');
    if (wantsPage) return reply.sendFile('index.html'); // client-side route of the web app
    const err = new AppError(404, 'NO_SUCH_ROUTE', `没有该接口：${request.method} ${request.url.split('?')[0]}`, `no such route: ${request.method} ${request.url.split('?')[0]}`);
    return reply.code(404).send(errorBody(err, preferredLanguage(request.headers['accept-language']), String(request.id)));
  });

  return app;
}
