/* global process, console */
// `npm run test:acceptance`: the shared acceptance conversations (../shared/acceptance, beside the clone) against
// the built bot. A clone without ../shared cannot run them: it says so, and CI fails rather than skip them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

// The harness's own options, passed on to it; it is always given the shared cases and the built bot.
const HARNESS_OPTIONS = {
  'min-pass': { type: 'string' },
  concurrency: { type: 'string' },
  json: { type: 'string' },
  verbose: { type: 'boolean' },
  'ready-s': { type: 'string' },
  'reply-s': { type: 'string' },
  'max-chars': { type: 'string' },
};
const USAGE = `usage: npm run test:acceptance [-- OPTIONS]
  the shared acceptance conversations (../shared/acceptance/cases) against the built bot (node dist/src/main.js);
  OPTIONS are the harness's: --verbose, --json FILE, --min-pass 1.0, --concurrency 4, --ready-s 90, --reply-s 8,
  --max-chars 800`;

let options;
try {
  options = parseArgs({
    options: { ...HARNESS_OPTIONS, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }).values;
} catch (error) {
  const option = /'([^']+)'/.exec(error.message)?.[1]?.replace(/ <value>$/, '') ?? '';
  const problem =
    error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `unknown option ${option}`
      : error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? `${option} needs a value`
        : error.message;
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const passedOn = Object.entries(options).flatMap(([name, value]) =>
  value === true ? [`--${name}`] : typeof value === 'string' ? [`--${name}`, value] : [],
);

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
  [harness, '--cases', path.join(shared, 'cases'), '--start', 'node dist/src/main.js', ...passedOn],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
