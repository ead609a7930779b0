import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, HomeOverview, PersonalHome, SetupChecklist } from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import { hasPermission } from '../../kernel/access/policy.ts';
import { notFound } from '../../kernel/errors.ts';
import { homeOverview, personalHome, setupChecklist } from './queries.ts';

const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function homeRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['home'];

  r.get('/api/home/setup', {
    schema: { tags, summary: 'The administrator\'s setup checklist, computed from the data (org.manage; 404 to others)', response: { 200: SetupChecklist, ...errors } },
  }, async (req) => {
    if (!hasPermission(callerOf(req).actor, 'org.manage')) throw notFound('record');
    return setupChecklist(db);
  });

  r.get('/api/home/personal', {
    schema: { tags, summary: 'What waits on me, my applications in progress and my tracked tasks', response: { 200: PersonalHome, ...errors } },
  }, async (req) => personalHome(db, callerOf(req).actor, localeOf(req)));

  r.get('/api/home/overview', {
    schema: {
      tags,
      summary: 'What waits on whom: the whole company for the CEO and flow monitors, a department head\'s subtrees; null for anyone else',
      response: { 200: z.object({ overview: HomeOverview.nullable() }), ...errors },
    },
  }, async (req) => ({ overview: await homeOverview(db, callerOf(req).actor, localeOf(req)) }));
}
