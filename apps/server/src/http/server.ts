/** Assembles the HTTP server: parsers, auth, routes, OpenAPI, the web app, and the error mapping. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import '../kernel/org/index.ts';
import '../kernel/auth/index.ts';
// Numbering has no routes yet; importing it registers its actions and the voidNumber command with everything else.
import '../kernel/numbering/index.ts';
import { authRoutes } from '../kernel/auth/index.ts';
import { ssoRoutes } from '../kernel/sso/index.ts';
import { ledgerRoutes } from '../kernel/ledger/routes.ts';
import { msg } from '../kernel/messages.ts';
import { orgRoutes } from '../kernel/org/index.ts';
import { webhookRoutes } from '../kernel/webhooks/index.ts';
import { calendarRoutes } from '../kernel/calendar/index.ts';
import { notifyRoutes } from '../kernel/notify/index.ts';
import { fileRoutes } from '../kernel/files/index.ts';
import { settingsRoutes } from '../kernel/settings/index.ts';
import { applicationRoutes } from '../modules/applications/index.ts';
import { homeRoutes } from '../modules/home/index.ts';
import { taskRoutes } from '../kernel/tasks/index.ts';
import { feedRoutes, meetingRoutes, roomRoutes, signInRoutes } from '../modules/meetings/index.ts';
import { minutesRoutes } from '../modules/meetings/minutes/index.ts';
import { authHook } from './auth-hook.ts';
import type { App, AppDeps } from './context.ts';
import { handleError, sendError } from './errors.ts';
import { healthRoutes } from './health.ts';
import { securityHeaders } from './security-headers.ts';
import { decodeUtf8Body, requireWellFormed, wellFormedQuery } from './unicode.ts';
import { serializerCompiler } from './serialization.ts';
import { validatorCompiler } from './validation.ts';
import { registerCompression, registerWebApp } from './web-assets.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * A multipart route streams its file instead of validating a body schema, so without this the document would show no
 * request body at all and clients could not tell such an operation takes a form.
 */
const transform: typeof jsonSchemaTransform = (route) => {
  const out = jsonSchemaTransform(route);
  if (out.schema.body !== undefined || !out.schema.consumes?.includes('multipart/form-data')) return out;
  const form = { type: 'object', description: 'multipart/form-data; the summary names the fields' };
  return { ...out, schema: { ...out.schema, body: form } };
};

export async function buildServer(deps: AppDeps, logger: FastifyServerOptions['loggerInstance'] | false = false): Promise<App> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // A URL Fastify cannot decode (`/api/users/%ED%A0%80`) gets the same { code, message, details } 400 as other bad input.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
    ajv: { customOptions: { removeAdditional: false } },
  }) as unknown as App;

  // Only JSON and multipart bodies are accepted (415 otherwise). An empty JSON body on a route without a body is not an
  // error: clients commonly send the header on every request. Bytes that are not UTF-8 and lone surrogates are a 400
  // (http/unicode.ts), as they are in the query string and path parameters.
  app.removeContentTypeParser(['text/plain']);
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decodeUtf8Body(body as Buffer);
    } catch (error) {
      return done(error as Error, undefined);
    }
    if (text === '') return done(null, undefined);
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      try {
        requireWellFormed(value, 'body');
      } catch (refused) {
        return done(refused as Error, undefined);
      }
      done(null, value);
    });
  });
  app.addHook('preValidation', wellFormedQuery);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', securityHeaders({ hsts: deps.config.secureCookies }));

  await registerCompression(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 10, parts: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Henji API',
        version: deps.version,
        description: '痕迹 Henji: every change is a traced command recorded in a tamper-evident ledger.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'henji_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', authHook(deps));

  healthRoutes(app, deps);
  authRoutes(app, deps);
  ssoRoutes(app, deps);
  orgRoutes(app, deps);
  ledgerRoutes(app, deps);
  webhookRoutes(app, deps);
  calendarRoutes(app, deps);
  notifyRoutes(app, deps);
  fileRoutes(app, deps);
  settingsRoutes(app, deps);
  applicationRoutes(app, deps);
  homeRoutes(app, deps);
  taskRoutes(app, deps);
  roomRoutes(app, deps);
  minutesRoutes(app, deps);
  meetingRoutes(app, deps);
  feedRoutes(app, deps);
  signInRoutes(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDist = deps.config.webDist;
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await registerWebApp(app, webDist);

  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0]!;
    if (url.startsWith('/api/') || url === '/api') {
      const other = METHODS.filter((m) => m !== request.method && app.hasRoute({ method: m, url }));
      const routed = other.length > 0 || METHODS.some((m) => app.findRoute({ method: m, url }) !== null);
      if (routed) {
        reply.header('allow', METHODS.filter((m) => app.findRoute({ method: m, url }) !== null).join(', '));
        return sendError(reply, 'method_not_allowed', msg('http.method_not_allowed', { method: request.method, url }));
      }
      return sendError(reply, 'not_found', msg('http.no_api_route', { method: request.method, url }));
    }
    if ((request.method === 'GET' || request.method === 'HEAD') && hasWeb) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(reply, 'not_found', hasWeb ? msg('http.no_route', { method: request.method, url }) : msg('http.web_not_built'));
  });
  return app;
}
