/**
 * `npm run faults [-- --short] [-- --only NAME]`: drives the built bot from outside (loopback only) through
 * crashes, a paused replica, a PostgreSQL restart, a failing LINE and random bodies, and prints one line of
 * figures per scenario. Exits 1 when an event was answered twice, lost or left stuck, or another check failed.
 * `--short` (or FAULTS_SHORT=1) is the CI size.
 */
import { readCommandLine, usageError } from '../lib/cli';
import { fuzzScenario } from './fuzz';
import { describe, passes } from './lib/tally';
import { LINE_FAULTS, lineFaultScenario } from './lineFaults';
import { postgresRestartScenario } from './postgresRestart';
import { replicasScenario } from './replicas';
import { FULL, SHORT, type Scale, type ScenarioResult } from './scale';
import { sigkillScenario } from './sigkill';

const SCENARIOS: { name: string; run: (scale: Scale) => Promise<ScenarioResult> }[] = [
  { name: 'sigkill', run: sigkillScenario },
  { name: 'replicas-paused', run: replicasScenario },
  { name: 'postgres-restart', run: postgresRestartScenario },
  ...LINE_FAULTS.map((fault, i) => ({
    name: ['line-500', 'line-429', 'line-hang'][i]!,
    run: (scale: Scale) => lineFaultScenario(scale, fault),
  })),
  { name: 'fuzz', run: fuzzScenario },
];

async function main() {
  const commandLine = {
    usage: [
      'usage: npm run faults [-- [--short] [--only NAME[,NAME…]]]',
      `  --short  the CI size (or FAULTS_SHORT=1); --only  some of: ${SCENARIOS.map((s) => s.name).join(', ')}`,
      '  FAULTS_STRICT=1 fails a scenario that is awaiting a fix.',
    ].join('\n'),
    language: 'en',
    options: { short: { type: 'boolean' }, only: { type: 'string' } },
  } as const;
  const { values } = readCommandLine(commandLine);
  const short = values.short || process.env.FAULTS_SHORT === '1';
  const only = values.only?.split(',');
  const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
  if (unknown.length) usageError(commandLine, `no scenario named ${unknown.join(', ')}`);
  const strict = process.env.FAULTS_STRICT === '1';
  const scale = short ? SHORT : FULL;
  console.log(`fault suite (${short ? 'short' : 'full'}), ${new Date().toISOString()}`);
  let failed = 0;
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
    const started = Date.now();
    let line: string;
    let verdict: 'PASS' | 'FAIL' | 'AWAITING';
    try {
      const result = await scenario.run(scale);
      const good = passes(result.figures) && result.ok !== false;
      verdict = good ? 'PASS' : result.awaiting && !strict ? 'AWAITING' : 'FAIL';
      line = `${describe(result.figures)} | ${result.note}${result.awaiting ? ` | ${result.awaiting}` : ''}`;
    } catch (error) {
      verdict = 'FAIL';
      line = `could not run: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (verdict === 'FAIL') failed++;
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`${verdict.padEnd(8)} ${scenario.name.padEnd(16)} ${line} (${seconds} s)`);
  }
  process.exit(failed > 0 ? 1 : 0);
}

void main();
