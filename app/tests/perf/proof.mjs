// Browser measurement (not a test): how long the app's Merkle code (src/chain/merkle.ts, bundled for
// the browser with its dependencies) takes in headless Chromium, in the built app's page, from the
// text of a 100,000-victim published loss list to the proof of its last account: parse, rebuild
// the root and check it, find the account, build its proof. Five runs; writes
// docs/performance/browser-proof.json. Run: `node tests/perf/proof.mjs` (after `npm run build`).
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { cryptoWaitReady, encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { chromium } from 'playwright-core';
import { serve } from '../../serve.js';
import { OUTPUT } from '../harness.js';
import { appMerkle, publishedList } from '../loss-list.js';

const VICTIMS = 100_000;
const RUNS = 5;
const TARGET_SECONDS = 3;
const RESULT = new URL('../../../docs/performance/browser-proof.json', import.meta.url).pathname;
const APP = new URL('../../', import.meta.url).pathname;

await cryptoWaitReady();
const entries = Array.from({ length: VICTIMS }, () => [encodeAddress(randomAsU8a(32), 42), 1n + BigInt(Math.floor(Math.random() * 1e15))]);
const list = JSON.stringify(publishedList(await appMerkle(), entries));
const last = entries[VICTIMS - 1][0];

// The module as the app bundles it, with `cryptoWaitReady` (the app awaits it before it signs or hashes).
const bundle = join(OUTPUT, 'merkle.browser.mjs');
await build({
  stdin: { contents: "export * from './src/chain/merkle.ts'; export { cryptoWaitReady } from '@polkadot/util-crypto';", resolveDir: APP, loader: 'ts' },
  bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: bundle, logLevel: 'error',
});

const { server, url } = await serve({ port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.route('**/perf/merkle.mjs', (route) => route.fulfill({ path: bundle, contentType: 'text/javascript' }));
  await page.route('**/perf/list.json', (route) => route.fulfill({ body: list, contentType: 'application/json' }));
  // The built app, on a node that is not there: its page, without a chain to read.
  await page.goto(`${url}?rpc=ws://127.0.0.1:1#/`);
  await page.waitForSelector('main h1');
  const [load] = loadavg();
  const seconds = await page.evaluate(async ({ runs, account }) => {
    const merkle = await import('/perf/merkle.mjs');
    await merkle.cryptoWaitReady();
    const text = await (await fetch('/perf/list.json')).text();
    const root = JSON.parse(text).root;
    const times = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const parsed = merkle.parseLossList(text, { root, name: "the incident's root" });
      const [leaf] = merkle.leavesOf(parsed, account);
      const proof = merkle.proofOf(parsed, leaf);
      times.push((performance.now() - started) / 1000);
      if (leaf.index !== parsed.victims - 1 || !proof.length) throw new Error('not the last leaf\'s proof');
    }
    return times;
  }, { runs: RUNS, account: last });
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(RUNS / 2)];
  const result = {
    measuredAt: new Date().toISOString(),
    victims: VICTIMS,
    listBytes: list.length,
    what: 'parse the published list, rebuild its root and check it, find the last account, build its proof (src/chain/merkle.ts in headless Chromium)',
    seconds: seconds.map((s) => Number(s.toFixed(3))),
    median: Number(median.toFixed(3)),
    targetSeconds: TARGET_SECONDS,
    chromium: browser.version(),
    // What else the machine was doing: the one-minute load average before the runs, and its cores.
    loadAverage: Number(load.toFixed(2)),
    cores: cpus().length,
  };
  writeFileSync(RESULT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`${VICTIMS.toLocaleString('en')} victims: ${result.seconds.join(', ')} s; median ${result.median} s (target ≤ ${TARGET_SECONDS} s); Chromium ${result.chromium} → ${RESULT}`);
} finally {
  await browser.close();
  server.close();
}
