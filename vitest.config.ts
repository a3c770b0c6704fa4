import { defineConfig } from 'vitest/config';

// Three kinds of test, kept apart: unit (pure), integration (real DynamoDB Local), e2e (HTTP through
// serverless-offline, and Chromium for the dashboard). Integration and e2e files each start their own stack.
// perf holds the timing checks (linearity, time per character): benchmarks, run by `npm run bench`, never by `npm test`.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          // each file starts serverless-offline and DynamoDB Local: two at a time is what two cores carry
          maxConcurrency: 1,
        },
      },
      // one file at a time: a timing measured beside another file measures the other file too
      { extends: true, test: { name: 'perf', include: ['test/perf/**/*.test.ts'], testTimeout: 120_000, fileParallelism: false } },
    ],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: ['default', './test/support/summary-reporter.ts'],
    fileParallelism: true,
    maxWorkers: 2,
  },
});
