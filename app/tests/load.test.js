// The dashboard with a full pool: 64 open requests and over 1,000 past pool events. Measures the
// first render after the connection with the Performance API and prints it (not asserted).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT, keyPairs, sendOk } from '@security-pool/client';
import { within } from '@security-pool/client/node';
import { openApp, screenshot, startBrowser, startNode } from './harness.js';

const ACCOUNTS = 16;
const CLAIMS_EACH = 4;
const CONTRIBUTIONS_EACH = 32;

let node;
let api;
let browser;

before(async () => {
  node = await startNode('load');
  api = node.api;
  browser = await startBrowser();
});

after(async () => {
  await browser?.stop();
  await node?.destroy();
});

/** Signs every `[signer, tx, nonce]` and hands them all to the node at once. */
async function submitAll(list) {
  const signed = await Promise.all(list.map(([signer, tx, nonce]) => tx.signAsync(signer, { nonce })));
  await Promise.all(signed.map((tx) => api.rpc.author.submitExtrinsic(tx)));
}

/** Waits until `done()` holds, checking at every new block. */
async function untilBlock(what, done, ms = 300_000) {
  await within(ms, what, (async () => {
    while (!(await done())) await new Promise((r) => setTimeout(r, 1_000));
  })());
}

/** Pool events in every block from 1 to the best block. */
async function poolEventCount() {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  let count = 0;
  for (let n = 1; n <= best; n++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    count += (await at.query.system.events()).filter(({ event }) => event.section === 'securityPool').length;
  }
  return count;
}

/** The measure `name` of the page, in ms. */
const measure = (page, name) => page.evaluate((n) => performance.getEntriesByName(n, 'measure')[0]?.duration, name);

test('64 open requests and 1,000 past events: the pages render, first render time printed', { timeout: 900_000 }, async () => {
  const uris = Array.from({ length: ACCOUNTS }, (_, i) => `//Load${i}`);
  const k = await keyPairs('//Alice', ...uris);
  const alice = k['//Alice'];
  const parameters = (await api.query.securityPool.parameters()).toJSON();
  // Long votes, on every track (the claims of 10 SPT below take the development chain's small track).
  const tracks = parameters.tracks?.map((track) => ({ ...track, votingPeriod: 100_000 }));
  await sendOk(api, api.tx.sudo.sudo(api.tx.securityPool.setParameters({ ...parameters, votingPeriod: 100_000, ...(tracks && { tracks }) })), alice);

  const aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  await submitAll(uris.map((uri, i) => [alice, api.tx.balances.transferKeepAlive(k[uri].address, 10_000n * UNIT), aliceNonce + i]));
  await untilBlock('funding', async () => (await api.query.system.account(k[uris.at(-1)].address)).data.free.toBigInt() > 0n);

  await submitAll(uris.flatMap((uri) => [
    ...Array.from({ length: CLAIMS_EACH }, (_, n) => [k[uri], api.tx.securityPool.submitClaim(10n * UNIT, k[uri].address, `ipfs://load-${uri}-${n}`), n]),
    ...Array.from({ length: CONTRIBUTIONS_EACH }, (_, n) => [k[uri], api.tx.securityPool.contribute(UNIT), CLAIMS_EACH + n]),
  ]));
  const expectedNonce = CLAIMS_EACH + CONTRIBUTIONS_EACH;
  await untilBlock('all transactions in blocks', async () => {
    const nonces = await Promise.all(uris.map((uri) => api.query.system.account(k[uri].address)));
    return nonces.every((account) => account.nonce.toNumber() === expectedNonce);
  });
  const open = (await api.call.securityPoolApi.poolStatus()).toJSON().openRequests;
  assert.equal(open, 64);
  const events = await poolEventCount();
  assert.ok(events >= 1_000, `only ${events} pool events`);

  const requests = await openApp(browser.context, browser.url, node.rpc, 'requests');
  await requests.waitForFunction(() => document.querySelectorAll('table.requests tbody tr[data-status="Voting"]').length === 64, null, { timeout: 60_000 });
  const firstRender = await measure(requests, 'requests:first-render');
  await requests.waitForFunction(() => performance.getEntriesByName('requests:history', 'measure').length > 0, null, { timeout: 60_000 });
  const withHistory = await measure(requests, 'requests:history');
  await screenshot(requests, 'requests-64-open');

  const overview = await openApp(browser.context, browser.url, node.rpc, '');
  await overview.waitForSelector('#history-span', { timeout: 60_000 });
  const shownEvents = Number(await overview.getAttribute('#history-span', 'data-events'));
  const overviewFirst = await measure(overview, 'overview:first-render');
  const overviewHistory = await measure(overview, 'overview:history');
  await screenshot(overview, 'overview-1000-events');
  assert.ok(shownEvents >= 1_000, `the overview read ${shownEvents} events`);

  console.log(`load: ${open} open requests, ${events} pool events on chain, ${shownEvents} read by the page`);
  console.log(`first render after connection: requests ${firstRender.toFixed(0)} ms (with history ${withHistory.toFixed(0)} ms), overview ${overviewFirst.toFixed(0)} ms (with history and chart ${overviewHistory.toFixed(0)} ms)`);
});
