import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          root: './apps/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: { name: 'verifier', root: './packages/verifier', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      {
        test: { name: 'web', root: './apps/web', include: ['src/**/*.test.ts'] },
      },
    ],
  },
});
