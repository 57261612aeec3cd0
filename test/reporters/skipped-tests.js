// A jest reporter, loaded by jest itself (not transformed, hence plain CommonJS). It lists every skipped test
// loudly after the summary, and in CI (CI set, not "false" or "0") it fails the run: a test that could not run
// there is a gap in what CI proves. A run narrowed with -t skips the rest on purpose and is left alone.
const path = require('node:path');

const SKIPPED = new Set(['pending', 'skipped', 'todo', 'disabled']);
const inCi = () => Boolean(process.env.CI) && !['false', '0'].includes(process.env.CI);

class SkippedTestsReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    if (this.globalConfig.testNamePattern) return;
    const skipped = [];
    for (const file of results.testResults) {
      const where = path.relative(this.globalConfig.rootDir, file.testFilePath);
      for (const test of file.testResults) {
        if (SKIPPED.has(test.status)) skipped.push(`${where}: ${test.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    const banner = '*'.repeat(100);
    const verdict = inCi()
      ? 'CI requires every test to run: this run FAILS.'
      : 'Allowed outside CI; CI fails on any skip.';
    process.stderr.write(
      `\n${banner}\n*** ${skipped.length} test(s) SKIPPED, NOT RUN. ${verdict}\n` +
        skipped.map((s) => `***   ${s}\n`).join('') +
        `${banner}\n\n`,
    );
    if (inCi()) this.error = new Error(`${skipped.length} test(s) skipped in CI`);
  }

  getLastError() {
    return this.error;
  }
}

module.exports = SkippedTestsReporter;
