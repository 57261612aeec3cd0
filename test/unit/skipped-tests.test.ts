import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs the fixture in a jest of its own, with the project's configuration and an unreachable PostgreSQL. */
function runFixture(ci: boolean) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test',
  };
  delete env.CI;
  delete env.TEST_POSTGRES_UNAVAILABLE;
  if (ci) env.CI = 'true';
  const run = spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      ...['--config', 'jest.config.js', '--testMatch', '<rootDir>/test/skips/needs-services.fixture.ts'],
      '--runInBand',
    ],
    { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('a test that cannot run here', () => {
  it('is reported as skipped with its reason, loudly, and fails the run in CI', () => {
    const run = runFixture(true);
    expect(run.output).toMatch(/Tests:\s+1 skipped, 1 passed, 2 total/);
    expect(run.output).toMatch(
      /a block that needs PostgreSQL \[skipped: PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/test is unreachable/,
    );
    expect(run.output).toMatch(
      /1 test\(s\) SKIPPED, NOT RUN\. CI requires every test to run: this run FAILS/,
    );
    expect(run.status).toBe(1);
  });

  it('is allowed outside CI, but listed', () => {
    const run = runFixture(false);
    expect(run.output).toMatch(/Tests:\s+1 skipped, 1 passed, 2 total/);
    expect(run.output).toMatch(/1 test\(s\) SKIPPED, NOT RUN\. Allowed outside CI/);
    expect(run.status).toBe(0);
  });
});
