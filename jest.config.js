/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  // Whether PostgreSQL answers is known before the files are collected (tests that need it skip, with the
  // reason), and the understanding has learned once from the examples for all the bots the tests start.
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  // Every skip is listed at the end; in CI a skip fails the run.
  reporters: ['default', '<rootDir>/test/reporters/skipped-tests.js'],
};
