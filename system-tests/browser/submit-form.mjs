// Fills and submits an HTML form in headless Chromium, as a person would, and prints where the browser ended up.
//
//   node submit-form.mjs <page-url> [name=value ...]
//
// Opens <page-url>, fills each named field (input, select or textarea by its name attribute), clicks the form's
// submit button, waits until the browser has navigated away from the page (the form's 303 and whatever follows)
// and prints the final URL on stdout. Exit 0 on success, 1 with the reason on stderr otherwise.
//
// Uses Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) through playwright-core: Playwright's own
// browser download is never used. The flags keep Chromium off the network except for the pages it is sent to.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [pageUrl, ...pairs] = process.argv.slice(2);
if (!pageUrl) {
  console.error('usage: node submit-form.mjs <page-url> [name=value ...]');
  process.exit(2);
}
const fields = pairs.map((pair) => {
  const at = pair.indexOf('=');
  if (at < 1) {
    console.error(`not a name=value pair: ${pair}`);
    process.exit(2);
  }
  return [pair.slice(0, at), pair.slice(at + 1)];
});

const timeout = Number(process.env.SUBMIT_TIMEOUT_MS || 30000);
const profile = mkdtempSync(join(tmpdir(), 'leadstream-chromium-'));
let context;
try {
  // a fresh, empty profile (--user-data-dir) per run
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    timeout,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(timeout);
  await page.goto(pageUrl, { waitUntil: 'load' });
  for (const [name, value] of fields) {
    const field = page.locator(`[name="${name}"]`);
    const tag = await field.evaluate((element) => element.tagName.toLowerCase());
    if (tag === 'select') {
      await field.selectOption(value);
    } else {
      await field.fill(value);
    }
  }
  const start = page.url();
  await Promise.all([
    page.waitForURL((url) => url.toString() !== start, { waitUntil: 'load' }),
    page.locator('form [type="submit"]').first().click(),
  ]);
  console.log(page.url());
} catch (error) {
  console.error(`submit-form: ${error && error.stack ? error.stack : error}`);
  process.exitCode = 1;
} finally {
  if (context) {
    await context.close();
  }
  rmSync(profile, { recursive: true, force: true });
}
