// What the browser tests stand on: a real dev node on free ports (as e2e/lib/node.js does it, in
// small), the built app served from dist/, headless Debian Chromium, signing helpers for the
// node-side set-up, screenshots and an axe-core pass per page.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { chromium } from 'playwright-core';
import { serve } from '../serve.js';

export const OUTPUT = new URL('../test-output/', import.meta.url).pathname;
mkdirSync(OUTPUT, { recursive: true });

const NODE_BINARY = process.env.NODE_BINARY ??
  join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/security-pool/target'), 'release/security-pool-node');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const UNIT = 10n ** 12n;

export function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: timed out after ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const freePort = () => new Promise((done, fail) => {
  const server = createServer();
  server.on('error', fail);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => done(port));
  });
});

/** A `--dev` node with its whole state kept (the app reads the history), and an API client on it. */
export async function startNode(name) {
  const basePath = mkdtempSync(join(tmpdir(), `security-pool-app-${name}-`));
  const rpcPort = await freePort();
  const args = ['--dev', '--state-pruning', 'archive', '--rpc-cors', 'all', '--base-path', basePath,
    '--rpc-port', String(rpcPort), '--port', String(await freePort()), '--no-prometheus', '--no-telemetry', '--no-mdns',
    '--rpc-max-connections', '1000'];
  const child = spawn(NODE_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(join(basePath, 'node.log'));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((done) => child.once('exit', done));
  const rpc = `ws://127.0.0.1:${rpcPort}`;
  const api = await within(120_000, `${name} RPC`, (async () => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`node exited (${child.exitCode}); log: ${basePath}/node.log`);
      try {
        const provider = new WsProvider(rpc, false);
        await provider.connect();
        await within(5_000, 'ws connect', provider.isReadyOrError);
        return await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })());
  return {
    api,
    rpc,
    async stop() {
      await api.disconnect().catch(() => {});
      child.kill('SIGKILL');
      await exited;
      if (!process.env.KEEP_NODE_STATE) rmSync(basePath, { recursive: true, force: true });
    },
  };
}

/** Key pairs of `//Alice` … and any other derivation paths. */
export async function keys(...uris) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return Object.fromEntries(uris.map((uri) => [uri, keyring.addFromUri(uri)]));
}

/** Sends `tx` from `signer` and waits for its block; throws on a dispatch error. Resolves with its events. */
export function send(api, tx, signer, nonce = -1) {
  return within(60_000, `${tx.method.section}.${tx.method.method}`, new Promise((done, fail) => {
    let unsubscribe;
    tx.signAndSend(signer, { nonce }, ({ status, events, dispatchError }) => {
      if (!status.isInBlock) return;
      unsubscribe?.();
      const sudid = events.find(({ event }) => api.events.sudo?.Sudid.is(event));
      const error = dispatchError ?? (sudid?.event.data.sudoResult.isErr ? sudid.event.data.sudoResult.asErr : undefined);
      if (error) {
        const { section, name } = error.isModule ? api.registry.findMetaError(error.asModule) : { section: '', name: error.toString() };
        fail(new Error(`${tx.method.method}: ${section}.${name}`));
      } else {
        done({ blockHash: status.asInBlock, events: events.map((r) => r.event) });
      }
    }).then((u) => { unsubscribe = u; }).catch(fail);
  }));
}

/** The data of the pool event `name` among `events`, as JSON. */
export function poolEvent(events, name) {
  const event = events.find((e) => e.section === 'securityPool' && e.method === name);
  return event && Object.fromEntries(event.data.names.map((field, i) => [field, event.data[i].toJSON()]));
}

/**
 * A vote as the runtime takes it: `{ choice: 'Aye' | 'Nay' | 'Abstain', … }`, or on a runtime
 * before abstentions `{ aye: bool, … }` (told by the default value of `vote`'s ballot type).
 */
export function ballot(api, choice, balance, conviction) {
  return hasChoice(api) ? { choice, balance, conviction } : { aye: choice === 'Aye', balance, conviction };
}

/** Whether the runtime's votes have a `choice` (and so may abstain). */
export function hasChoice(api) {
  const type = api.tx.securityPool.vote.meta.args[1].type.toString();
  return 'choice' in api.createType(type).toJSON();
}

/** Waits until the best block is at least `number`. */
export function bestAtLeast(api, number, ms = 120_000) {
  return within(ms, `best #${number}`, new Promise((done) => {
    let unsubscribe;
    api.rpc.chain.subscribeNewHeads((header) => {
      if (header.number.toNumber() >= number) {
        unsubscribe?.();
        done(header.number.toNumber());
      }
    }).then((u) => { unsubscribe = u; });
  }));
}

/** The app built in dist/, served on a free port, in headless Chromium. */
export async function startBrowser() {
  const { server, url } = await serve({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  return {
    url,
    context,
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

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now, as `rule: target` lines. */
export async function seriousViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}
