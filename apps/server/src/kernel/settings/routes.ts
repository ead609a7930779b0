import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CompanySettings, ErrorBody, UpdateCompanySettingsInput } from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { execute } from '../command.ts';
import { notFound } from '../errors.ts';
import { fileStoreFor } from '../files/store.ts';
import { updateCompanySettings } from './commands.ts';
import { companyLogo, presentCompany } from './queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function settingsRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const store = fileStoreFor(deps.config);
  const tags = ['settings'];

  // Public: the sign-in page shows whose Henji this is before anyone signs in.
  r.get('/api/settings/company', {
    schema: { tags, summary: 'The company name and logo (no sign-in needed)', security: [], response: { 200: CompanySettings } },
  }, async (req) => presentCompany(db, req.auth?.actor ?? null));

  r.put('/api/settings/company', {
    schema: { tags, summary: 'Set the company name and logo (administrators)', body: UpdateCompanySettingsInput, response: { 200: CompanySettings, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, updateCompanySettings, req.body);
    return presentCompany(db, caller.actor);
  });

  // Untyped on purpose: the answer is image bytes. Public like the name; only an image type is ever stored here.
  app.get('/api/settings/company/logo', {
    schema: { tags, summary: 'The company logo image (no sign-in needed)', security: [], response: { 404: ErrorBody } },
  }, async (_req, reply) => {
    const logo = await companyLogo(db);
    if (!logo) throw notFound('file');
    reply
      .header('etag', `"${logo.sha256}"`)
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox");
    return reply.type(logo.mime).header('content-length', logo.size).send(await store.open(logo.sha256));
  });
}
