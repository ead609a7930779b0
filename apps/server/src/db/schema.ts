/** Every table, for drizzle-kit and for typed queries. Modules add their schema files here. */
export * from '../kernel/ledger/schema.ts';
export * from '../kernel/org/schema.ts';
export * from '../kernel/auth/schema.ts';
export * from '../kernel/jobs/schema.ts';
export * from '../kernel/webhooks/schema.ts';
export * from "../kernel/notify/schema.ts";
export * from "../kernel/files/schema.ts";
export * from "../kernel/numbering/schema.ts";
export * from "../kernel/calendar/schema.ts";
export * from "../modules/applications/schema.ts";
export * from "../kernel/tasks/schema.ts";
export * from "../kernel/settings/schema.ts";
export * from "../modules/applications/comfort/schema.ts";
export * from "../modules/meetings/schema.ts";
