import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (no browser download from npm), or another one named by CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or null. Known when a file is collected, so that its tests register as
 * skipped (CI then fails), never as passed: pass it to `describeUnless`.
 */
export function chromiumUnavailable(): string | null {
  return fs.existsSync(CHROMIUM)
    ? null
    : `${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_PATH)`;
}

/** Headless, quiet Chromium: no sandbox (CI runs as root), no GPU, nothing fetched in the background. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
