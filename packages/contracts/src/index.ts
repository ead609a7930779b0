export * from './common.ts';
export * from './org.ts';
export * from './auth.ts';
export * from './ledger.ts';
export * from './messages.ts';
export * from './webhooks.ts';
