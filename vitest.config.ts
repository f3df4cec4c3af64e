import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@insights/source'] },
  ssr: { resolve: { conditions: ['@insights/source'] } },
  test: {
    include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 3,
  },
});
