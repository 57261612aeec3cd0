import { runScript } from '../helpers/scripts';

/**
 * The staff-facing scripts and those that measure understanding: `--help` prints how to use them; an option they
 * do not know is refused, by name, before anything is loaded.
 */
const SCRIPTS = [
  {
    script: 'scripts/notice.ts',
    usage: /npm run notice -- cancel ID/,
    unknown: /^unknown option --force$/m,
    code: 1,
  },
  {
    script: 'scripts/report.ts',
    usage: /npm run report -- unanswered \[--since/,
    unknown: /^unknown option --force$/m,
    code: 2,
  },
  {
    script: 'scripts/staff.ts',
    usage: /npm run staff -- disable 名前/,
    unknown: /^「--force」というオプションはありません。$/m,
    code: 2,
  },
  {
    script: 'scripts/nlu/run.ts',
    usage: /npm run nlu:eval \[-- --rows FILE\]/,
    unknown: /^unknown option --force$/m,
    code: 2,
  },
  {
    script: 'scripts/nlu/explain.ts',
    usage: /npm run nlu:explain -- "message"/,
    unknown: /^unknown option --force$/m,
    code: 2,
  },
];

describe.each(SCRIPTS)('$script', ({ script, usage, unknown, code }) => {
  it('prints its usage for --help, and exits 0', async () => {
    const r = await runScript(script, ['--help'], {});
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(usage);
  });

  it('refuses an option it does not know, names it, and shows the usage', async () => {
    const r = await runScript(script, ['--force'], {});
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(unknown);
    expect(r.stderr).toMatch(usage);
  });
});
