/**
 * `npm run notice -- --file notice.json [--dry-run]`: sends a notice through the running bot's admin API
 * (BOT_URL, default http://localhost:$PORT or 3000, with ADMIN_TOKEN). See the README for the file's format.
 * `npm run notice -- cancel ID [--sender NAME]`: cancels a notice that has not gone out yet. `--help` says so.
 */
import fs from 'node:fs';
import { describeIssuesJa, describeJsonErrorJa } from '../src/notices/describe-ja';
import { noticeRequestSchema } from '../src/notices/schema';
import { formatJapanTime } from '../src/staff/time';
import { readCommandLine, usageError } from './lib/cli';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const USAGE = [
  'usage: npm run notice -- --file notice.json [--dry-run]   send a notice through the bot (dry run: only show it)',
  '       npm run notice -- cancel ID [--sender NAME]         cancel a notice that has not gone out yet',
  '       npm run notice -- --help',
  'The bot is BOT_URL (default http://localhost:$PORT or 3000); ADMIN_TOKEN is the token it was started with.',
].join('\n');

// A wrong command line exits 1, as every other mistake of this script does.
const COMMAND_LINE = {
  usage: USAGE,
  language: 'en',
  exitCode: 1,
  positionals: true,
  options: {
    file: { type: 'string' },
    'dry-run': { type: 'boolean' },
    sender: { type: 'string' },
  },
} as const;

async function main() {
  const { values, positionals } = readCommandLine(COMMAND_LINE);
  if (positionals[0] === 'cancel') {
    if (values.file !== undefined || values['dry-run'])
      usageError(COMMAND_LINE, 'cancel takes no --file or --dry-run');
    if (positionals.length > 2) usageError(COMMAND_LINE, `unexpected argument "${positionals[2]}"`);
    const id = positionals[1];
    if (!id) fail(USAGE);
    return cancel(id, values.sender);
  }
  if (positionals.length) usageError(COMMAND_LINE, `unknown command "${positionals[0]}"`);
  if (values.sender !== undefined) usageError(COMMAND_LINE, '--sender goes with cancel');
  const file = values.file;
  const dryRun = values['dry-run'] ?? false;
  if (!file) fail(USAGE);
  const token = adminToken();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      code === 'ENOENT'
        ? `${file}: ファイルが見つかりません。`
        : code === 'EISDIR'
          ? `${file}: フォルダーです。お知らせのJSONファイルを指定してください。`
          : `${file}: 読めません（${(error as Error).message}）。`,
    );
  }
  let notice: Record<string, unknown>;
  try {
    notice = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    fail(`${file}: ${describeJsonErrorJa(text.replace(/^\uFEFF/, ''), error as Error)}`);
  }
  // Checked here too, so that staff read what is wrong in Japanese, field by field, before anything is sent.
  const checked = noticeRequestSchema.safeParse({ ...notice, ...(dryRun ? { dryRun: true } : {}) });
  if (!checked.success)
    fail(
      [
        `${file} のお知らせに直すところがあります:`,
        ...describeIssuesJa(checked.error).map((p) => `  - ${p}`),
      ].join('\n'),
    );
  const res = await callAdmin('/admin/notices', token, { ...notice, ...(dryRun ? { dryRun: true } : {}) });
  const body = (await res.json().catch(() => ({}))) as { message?: string; problems?: string[] };
  if (res.status === 404) fail(`${botUrl()} has no admin API: start the bot with ADMIN_TOKEN set`);
  if (!res.ok)
    fail(
      [
        `refused (${res.status}): ${body.message ?? ''}`,
        ...(body.problems ?? []).map((p) => `  - ${p}`),
      ].join('\n'),
    );
  console.log(JSON.stringify(inJapanTime(body), null, 2));
}

/** The API's times are UTC (ISO 8601); staff read Japan time. */
function inJapanTime(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const key of ['sendAt', 'createdAt', 'finishedAt']) {
    const value = out[key];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value)))
      out[key] = `${formatJapanTime(Date.parse(value))}（日本時間）`;
  }
  return out;
}

async function cancel(id: string, sender: string | undefined) {
  const res = await callAdmin(`/admin/notices/${encodeURIComponent(id)}/cancel`, adminToken(), {
    ...(sender ? { sender } : {}),
  });
  const body = (await res.json().catch(() => ({}))) as { message?: string; status?: string };
  // The admin API's own 404 names the notice; a bare one means there is no admin API.
  if (res.status === 404 && !body.message)
    fail(`${botUrl()} has no admin API: start the bot with ADMIN_TOKEN set`);
  if (!res.ok) fail(`not cancelled (${res.status}): ${body.message ?? ''}`);
  console.log(`notice ${id} cancelled`);
}

function adminToken(): string {
  const token = process.env.ADMIN_TOKEN;
  if (!token) fail('ADMIN_TOKEN is not set: it must be the token the bot was started with');
  return token;
}

const botUrl = () => process.env.BOT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

async function callAdmin(path: string, token: string, body: object): Promise<Response> {
  const base = botUrl();
  try {
    return await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  } catch (error) {
    fail(`the bot at ${base} did not answer (${(error as Error).message}); is it running? set BOT_URL`);
  }
}

void main();
