#!/usr/bin/env node
// The henji command. Runs the TypeScript sources directly through tsx (installed with the project), so there is no
// server build step: `npm ci && npm start` is all a new machine needs.
import { register } from 'tsx/esm/api';

register();
await import('../apps/server/src/main.ts');
