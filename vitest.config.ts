import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    // Each file gets its own database; hashing and the shared server set the pace on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
