/* global process, console */
// `npm run test:acceptance`: the shared acceptance conversations (../shared/acceptance, beside the clone) against
// the built bot. A clone without ../shared cannot run them: it says so, and CI fails rather than skip them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const shared = path.resolve(process.cwd(), '../shared/acceptance');
const harness = path.join(shared, 'converse.mjs');
if (!fs.existsSync(harness)) {
  const message = [
    `The acceptance conversations are not here: ${harness} does not exist.`,
    'They live in the shared folder beside this clone (../shared/acceptance), which a plain clone does not have.',
    'Put it there to run them; every other test runs with `npm test`.',
  ].join('\n');
  if (process.env.CI) {
    console.error(`${message}\nCI needs them: failing.`);
    process.exit(1);
  }
  console.warn(`\n*** acceptance conversations SKIPPED ***\n${message}\n`);
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  [
    harness,
    '--cases',
    path.join(shared, 'cases'),
    '--start',
    'node dist/src/main.js',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
