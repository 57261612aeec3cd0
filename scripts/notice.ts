/**
 * `npm run notice -- --file notice.json [--dry-run]`: sends a notice through the running bot's admin API
 * (BOT_URL, default http://localhost:$PORT or 3000, with ADMIN_TOKEN). See the README for the file's format.
 */
import fs from 'node:fs';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  let file: string | undefined;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--file') file = args[++i];
    else if (args[i] === '--dry-run') dryRun = true;
    else fail(`unknown option ${args[i]}\nusage: npm run notice -- --file notice.json [--dry-run]`);
  }
  if (!file) fail('usage: npm run notice -- --file notice.json [--dry-run]');
  const token = process.env.ADMIN_TOKEN;
  if (!token) fail('ADMIN_TOKEN is not set: it must be the token the bot was started with');
  let notice: Record<string, unknown>;
  try {
    notice = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`${file} could not be read as JSON: ${(error as Error).message}`);
  }
  const base = process.env.BOT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  let res: Response;
  try {
    res = await fetch(`${base}/admin/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...notice, ...(dryRun ? { dryRun: true } : {}) }),
    });
  } catch (error) {
    fail(`the bot at ${base} did not answer (${(error as Error).message}); is it running? set BOT_URL`);
  }
  const body = (await res.json().catch(() => ({}))) as { message?: string; problems?: string[] };
  if (res.status === 404) fail(`${base} has no admin API: start the bot with ADMIN_TOKEN set`);
  if (!res.ok)
    fail(
      [
        `refused (${res.status}): ${body.message ?? ''}`,
        ...(body.problems ?? []).map((p) => `  - ${p}`),
      ].join('\n'),
    );
  console.log(JSON.stringify(body, null, 2));
}

void main();
