// What the browser tests stand on: a real dev node on free ports (the client's harness, with every
// block's state kept), the built app served from dist/, headless Debian Chromium, screenshots and
// an axe-core pass per page.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Node } from '@security-pool/client/node';
import { chromium } from 'playwright-core';
import { serve } from '../serve.js';

export const OUTPUT = new URL('../test-output/', import.meta.url).pathname;
mkdirSync(OUTPUT, { recursive: true });

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * A `--dev` node with its whole state kept (the app reads the history) that the browser may call,
 * started; `destroy()` stops it and removes its state.
 */
export const startNode = (name) =>
  new Node({ name: `app-${name}`, args: ['--dev', '--state-pruning', 'archive', '--rpc-cors', 'all'] }).start();

/** A vote as the runtime takes it. */
export const ballot = (choice, balance, conviction) => ({ choice, balance, conviction });

/**
 * The app built in dist/, served on a free port, in headless Chromium: one browser context, and
 * `newContext()` for another (a second person, with storage of its own).
 */
export async function startBrowser() {
  const { server, url } = await serve({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const newContext = () => browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const context = await newContext();
  return {
    url,
    context,
    newContext,
    async stop() {
      await browser.close();
      server.close();
    },
  };
}

/** Opens the app on the node `rpc` at `route` and waits until it shows the chain. */
export async function openApp(context, url, rpc, route = '') {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${url}?rpc=${encodeURIComponent(rpc)}#/${route}`);
  await page.waitForSelector('[data-head]', { timeout: 60_000 });
  return page;
}

/** Goes to `route` in an open app and waits for its heading. */
export async function visit(page, route) {
  await page.evaluate((r) => { location.hash = `#/${r}`; }, route);
  await page.waitForSelector('main h1');
}

/** Chooses the signing account by its dev name. */
export async function signAs(page, name) {
  await page.selectOption('#account', { label: `${name} (dev)` });
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}

/** A screenshot and an axe-core pass of `page` as it is now, under `name`: its violations go to `violations` (a Map). */
export async function record(page, name, violations) {
  await screenshot(page, name);
  violations.set(name, await seriousViolations(page));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now, as `rule: target` lines. */
export async function seriousViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}
