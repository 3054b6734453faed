// Incidents in headless Chromium against a real dev node: an incident declared from the form with a
// published 5-leaf list (dev accounts and accounts that never existed), voted through from the page
// and by dev accounts; once its claims open, a never-existing victim checks its compensation and
// claims it without a wallet (its balance becomes the share), a dev account claims with its wallet,
// claims of paid leaves are refused before any block (the same claim again; already paid), and a
// tampered list is refused against the incident's root. A screenshot and an axe-core pass of every page state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { UNIT, keyPairs, poolEvent, sendOk } from '@security-pool/client';
import { bestAtLeast, within } from '@security-pool/client/node';
import { OUTPUT, ballot, openApp, record as recordPage, signAs, startBrowser, startNode, visit } from './harness.js';
import { appMerkle, publishedList } from './loss-list.js';

let node;
let api;
let browser;
let page;
let dev;
const violations = new Map();
const PAGE_STATES = [
  'incidents-declare', 'incidents-list', 'incident-voting', 'incident-check', 'incident-claimed', 'incident-wallet-claim',
  'incident-already-paid', 'incident-tampered',
];
/** Accounts that never existed: their leaves are paid to new accounts. */
const fresh = [0, 1, 2].map(() => encodeAddress(randomAsU8a(32), 42));
const ED = 10n ** 9n;
let list;
let listFile;
let incident;

before(async () => {
  dev = await keyPairs('//Alice', '//Bob', '//Ferdie', '//Alice//stash', '//Bob//stash');
  node = await startNode('incidents');
  api = node.api;
  assert.ok(api.tx.securityPool.declareIncident && api.call.securityPoolApi.compensation, 'this runtime has incidents');
  browser = await startBrowser();
  page = await openApp(browser.context, browser.url, node.rpc);
  // Leaf 4's loss is so small that its share stays below the existential deposit.
  list = publishedList(await appMerkle(), [
    [dev['//Alice'].address, 60_000n * UNIT],
    [fresh[0], 40_000n * UNIT],
    [dev['//Bob'].address, 30_000n * UNIT],
    [fresh[1], 20_000n * UNIT - ED / 2n],
    [fresh[2], ED / 2n],
  ]);
  listFile = join(OUTPUT, 'loss-list.json');
  writeFileSync(listFile, JSON.stringify(list, null, 2));
});

after(async () => {
  await browser?.stop();
  await node?.destroy();
});

const record = (name) => recordPage(page, name, violations);

/** Waits until `done()` holds, checking every second. */
const until = (what, done, ms = 120_000) => within(ms, what, (async () => {
  while (!(await done())) await new Promise((r) => setTimeout(r, 1_000));
})());

const request = async (id) => (await api.query.securityPool.requests(id)).unwrap();
const free = async (address) => (await api.query.system.account(address)).data.free.toBigInt();
const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const leaf = (index) => `.leaf[data-index="${index}"]`;

/** The blocks among `from`..`to` with a `Compensated` event of leaf `index`. */
async function compensations(index, from, to) {
  const found = [];
  for (let n = from; n <= to; n++) {
    const events = await (await api.at(await api.rpc.chain.getBlockHash(n))).query.system.events();
    const paid = events.some(({ event }) => api.events.securityPool.Compensated.is(event)
      && event.data.incident.toNumber() === incident && event.data.index.toNumber() === index);
    if (paid) found.push(n);
  }
  return found;
}

test('an incident is declared from the form, filled from its published list rebuilt in the browser', async () => {
  const { minClaimPeriod, maxClaimPeriod } = api.consts.securityPool;
  await signAs(page, 'Alice');
  await visit(page, 'incidents');
  assert.equal(await page.inputValue('#incident-claim-period'), minClaimPeriod.toString(), 'the shortest claim period by default');
  await page.setInputFiles('#incident-list-file', listFile);
  await page.waitForSelector('#incident-list-check.matches');
  assert.equal(await page.inputValue('#incident-total'), '150000');
  assert.equal(await page.inputValue('#incident-victims'), '5');
  assert.equal(await page.inputValue('#incident-root'), list.root);
  await page.fill('#incident-evidence', 'ipfs://bafy-bridge-hack-report and ipfs://bafy-loss-list');
  // Time enough for the stories after the claims open.
  const claimPeriod = Math.min(maxClaimPeriod.toNumber(), minClaimPeriod.toNumber() + 40);
  await page.fill('#incident-claim-period', String(claimPeriod));
  await page.waitForSelector('#incident-budget');
  // The track and the deposit, as the runtime API tells them.
  await page.waitForSelector('#incident-track[data-track]');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await record('incidents-declare');
  await page.click('button:has-text("Declare incident")');
  const link = await page.waitForSelector('#declared a', { timeout: 60_000 });
  incident = Number((await link.textContent()).replace(/\D/g, ''));

  const stored = await request(incident);
  const declared = stored.kind.asIncident;
  assert.equal(declared.root.toHex(), list.root);
  assert.equal(declared.total.toBigInt(), 150_000n * UNIT);
  assert.equal(declared.victims.toNumber(), 5);
  assert.equal(declared.claimPeriod.toNumber(), claimPeriod);
  assert.ok(stored.status.isVoting);

  await visit(page, 'incidents');
  const card = await page.waitForSelector(`article.incident[data-incident="${incident}"] .incident-facts[data-status="Voting"][data-budget="${stored.amount.toBigInt()}"]`, { timeout: 10_000 });
  assert.match(await card.textContent(), /what the pool reserves now\. The budget is fixed at approval/);
  await record('incidents-list');
});

test('the incident is voted through (from its page and by dev accounts) and its claims open', async () => {
  await signAs(page, 'Ferdie');
  await visit(page, `incidents/${incident}`);
  await page.waitForSelector('#incident-heading');
  await page.check('input[name="side"][value="aye"]');
  await page.fill('#vote-balance', '500000');
  await page.click('.vote button:has-text("Vote")');
  await page.waitForSelector('.vote .tx-done', { timeout: 60_000 });
  await record('incident-voting');
  for (const voter of ['//Alice//stash', '//Bob//stash']) {
    await sendOk(api, api.tx.securityPool.vote(incident, ballot('Aye', 500_000n * UNIT, 'Locked1x')), dev[voter]);
  }
  await until('approval', async () => (await request(incident)).status.isApproved);
  await until('the claim window', async () => (await request(incident)).status.isCompensating, 180_000);
  await page.waitForSelector('#request-status .status.compensating', { timeout: 30_000 });
});

test('a never-existing victim checks its compensation and claims it without a wallet; a dev account claims with its wallet', async () => {
  const { amount: budget, kind } = await request(incident);
  const total = kind.asIncident.total.toBigInt();
  const shareOf = (amount) => (BigInt(amount) * budget.toBigInt()) / total;
  const facts = await page.waitForSelector(`.incident-facts[data-budget="${budget.toBigInt()}"] .share-of-loss`, { timeout: 30_000 });
  const gcd = (a, b) => (b === 0n ? a : gcd(b, a % b));
  const divisor = gcd(budget.toBigInt(), total);
  assert.equal(await facts.getAttribute('data-numerator'), String(budget.toBigInt() / divisor), 'budget ÷ total, reduced');
  assert.equal(await facts.getAttribute('data-denominator'), String(total / divisor));

  await page.setInputFiles('#compensation-list-file', listFile);
  await page.waitForSelector(`#compensation-list-check[data-root="${list.root}"]`, { timeout: 30_000 });
  // Leaf 4: below the existential deposit for an account that does not exist.
  await page.fill('#compensation-account', fresh[2]);
  const small = await page.waitForSelector(`${leaf(4)} .compensation-now.refused[data-refused="ShareBelowMinimum"]`, { timeout: 30_000 });
  assert.match(await small.textContent(), /below the existential deposit while the account does not exist/);

  await page.fill('#compensation-account', fresh[0]);
  const now = await page.waitForSelector(`${leaf(1)} .compensation-now.claimable`, { timeout: 30_000 });
  const share = BigInt(await now.getAttribute('data-share'));
  assert.equal(share, shareOf(list.leaves[1].amount), 'floor(amount × budget ÷ total)');
  const proof = await page.$$eval(`${leaf(1)} ol.proof code`, (nodes) => nodes.map((n) => n.textContent));
  const judged = await api.call.securityPoolApi.compensation(incident, 1, fresh[0], list.leaves[1].amount, proof);
  assert.equal(judged.asOk.toBigInt(), share, "the runtime API's share for the page's proof");
  assert.equal(await free(fresh[0]), 0n, 'the account does not exist yet');
  await record('incident-check');

  await page.click(`${leaf(1)} button:has-text("Claim without a wallet")`);
  const paid = await page.waitForSelector(`${leaf(1)} .tx-done .compensated`, { timeout: 60_000 });
  assert.equal(BigInt(await paid.getAttribute('data-amount')), share);
  const block = Number(await paid.getAttribute('data-block'));
  assert.equal(await free(fresh[0]), share, "the victim's free balance is its share");
  const { block: { extrinsics } } = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(block));
  const claim = extrinsics.find((x) => x.method.section === 'securityPool' && x.method.method === 'claimCompensation');
  assert.ok(claim && !claim.isSigned, `an unsigned claim in block #${block}`);
  await page.waitForSelector(`${leaf(1)} .compensation-now.refused[data-refused="AlreadyCompensated"]`, { timeout: 30_000 });
  await record('incident-claimed');

  // Alice, chosen among the wallet's accounts, claims her leaf signed: the fee is refunded.
  await signAs(page, 'Alice');
  await page.selectOption('#compensation-wallet', { label: 'Alice (dev)' });
  await page.waitForSelector(`${leaf(0)} .compensation-now.claimable[data-share="${shareOf(list.leaves[0].amount)}"]`, { timeout: 30_000 });
  const before = await free(dev['//Alice'].address);
  await page.click(`${leaf(0)} button:has-text("Claim with my wallet")`);
  const signed = await page.waitForSelector(`${leaf(0)} .tx-done .compensated`, { timeout: 60_000 });
  assert.equal(BigInt(await signed.getAttribute('data-amount')), shareOf(list.leaves[0].amount));
  assert.equal(await free(dev['//Alice'].address) - before, shareOf(list.leaves[0].amount), 'the share, and no fee');
  await record('incident-wallet-claim');
});

test('claims of paid leaves are refused before any block: the same claim again, and an unsigned claim of a leaf paid signed', async () => {
  const balance = await free(fresh[0]);
  const from = await best();
  // The very same unsigned claim (the same bytes), already in a block: the transaction pool checks
  // it again, and the pallet's check refuses it.
  await page.fill('#compensation-account', fresh[0]);
  const refused = await page.waitForSelector(`${leaf(1)} .compensation-now.refused[data-refused="AlreadyCompensated"]`, { timeout: 30_000 });
  assert.match(await refused.textContent(), /already paid/);
  await page.click(`${leaf(1)} button:has-text("Claim without a wallet")`);
  const again = await (await page.waitForSelector(`${leaf(1)} .tx-error`, { timeout: 30_000 })).textContent();
  assert.match(again, /Refused by the transaction pool: already paid \(AlreadyCompensated\)\. Nothing went into a block/);
  // Alice's leaf, paid by her signed claim: its unsigned claim is new to the pool, which checks it.
  await page.selectOption('#compensation-wallet', { label: 'Alice (dev)' });
  await page.waitForSelector(`${leaf(0)} .compensation-now.refused[data-refused="AlreadyCompensated"]`, { timeout: 30_000 });
  await page.click(`${leaf(0)} button:has-text("Claim without a wallet")`);
  const text = await (await page.waitForSelector(`${leaf(0)} .tx-error`, { timeout: 30_000 })).textContent();
  assert.match(text, /Refused by the transaction pool: already paid \(AlreadyCompensated\)/);
  assert.match(text, /Nothing went into a block/);
  await record('incident-already-paid');
  const to = (await bestAtLeast(api, (await best()) + 2)).number.toNumber();
  assert.deepEqual(await compensations(1, from + 1, to), [], 'no block pays leaf 1 again');
  assert.deepEqual(await compensations(0, from + 1, to), [], 'no block pays leaf 0 again');
  assert.equal((await api.rpc.author.pendingExtrinsics()).length, 0, 'nothing waits in the pool');
  assert.equal(await free(fresh[0]), balance);
});

test("a tampered list (a changed amount), loaded from its URL, does not match the incident's root", async () => {
  const tampered = structuredClone(list);
  tampered.leaves[1].amount = String(50_000n * UNIT);
  const url = 'https://lists.example.org/incident/loss-list.json';
  await page.route(url, (route) => route.fulfill({ body: JSON.stringify(tampered), contentType: 'application/json' }));
  await page.fill('#compensation-list-url', url);
  await page.click('button:has-text("Load from the URL")');
  const problem = await page.waitForSelector('#compensation-list-problem', { timeout: 30_000 });
  assert.match(await problem.textContent(), new RegExp(`does not match incident ${incident}'s root`));
  assert.equal(await page.$('.leaf'), null, 'no leaf of the tampered list is offered');
  await record('incident-tampered');
});

test('no incident page state has serious or critical accessibility violations (axe-core)', () => {
  const found = [...violations].flatMap(([name, list]) => list.map((v) => `${name}: ${v}`));
  console.log(`axe-core: ${violations.size} of ${PAGE_STATES.length} incident page states checked, ${found.length} serious or critical violations`);
  assert.deepEqual([...violations.keys()].sort(), [...PAGE_STATES].sort());
  assert.deepEqual(found, []);
});
