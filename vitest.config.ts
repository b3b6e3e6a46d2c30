import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,db,electron,server,renderer,scripts,integration}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
