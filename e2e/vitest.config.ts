import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'browser',
    root: import.meta.dirname,
    include: ['**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // expect.poll gives up after 1 s by default; a page on a busy 2-core CI machine can take longer to settle.
    expect: { poll: { timeout: 10_000 } },
  },
});
