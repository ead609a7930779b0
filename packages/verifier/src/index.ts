export * from './bytes.ts';
export * from './merkle.ts';
export * from './entry.ts';
export * from './checkpoint.ts';
export * from './bundle.ts';
export * from './summary.ts';
