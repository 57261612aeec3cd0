import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's scripts from source, as `npm run` would, and keeps its exit code and output. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<ScriptResult> {
  return run(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: ScriptResult) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}
