import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { App, AppDeps } from './context.ts';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  uptimeSeconds: z.number(),
});

export function healthRoutes(app: App, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    schema: { tags: ['system'], summary: 'Liveness and the storage in use', security: [], response: { 200: Health, 503: Health } },
  }, async (_req, reply) => {
    let ok = true;
    try {
      await deps.db.execute(sql`select 1`);
    } catch {
      ok = false;
    }
    return reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'degraded',
      database: deps.dbKind,
      version: deps.version,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });
}
