// The dashboard's stories in headless Chromium against a real dev node: the pool's figures, voting
// with conviction, filing a claim, a disclosure filed, its receipt downloaded and revealed from, a
// bad input in the pallet's words, the confirmation window; a screenshot and an axe-core pass of
// every page. The council's stories (key file, motions) are council.test.js.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { UNIT, keyPairs, poolEvent, sendOk } from '@security-pool/client';
import { bestAtLeast } from '@security-pool/client/node';
import { OUTPUT, ballot, openApp, record as recordPage, signAs, startBrowser, startNode, visit } from './harness.js';

let node;
let api;
let browser;
let page;
let dev;
const violations = new Map();
/** Every page state the stories record (`record`), each one checked by axe-core. */
const PAGE_STATES = [
  'overview', 'overview-fee-share', 'request-detail-vote', 'my-votes', 'file-claim', 'requests', 'bad-input',
  'file-disclosure', 'reveal', 'request-detail-disclosure', 'request-detail-confirming',
  'request-detail-abstain', 'my-votes-abstain', 'overview-tracks', 'file-claim-track', 'request-detail-track',
];
/** The overview's figures (`data-figure`) and the fields of `securityPoolApi.poolStatus()` they show. */
const POOL_FIGURES = {
  balance: 'balance', available: 'available', committed: 'committed', owed: 'owed', exposure: 'exposure',
  'open requests': 'openRequests', 'lifetime inflow': 'lifetimeInflow', 'lifetime payouts': 'lifetimeOutflow',
};

before(async () => {
  dev = await keyPairs('//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie', '//Alice//stash', '//Bob//stash', '//Charlie//stash');
  node = await startNode('stories');
  api = node.api;
  browser = await startBrowser();
  page = await openApp(browser.context, browser.url, node.rpc);
});

after(async () => {
  await browser?.stop();
  await node?.destroy();
});

/** Screenshot and axe-core pass of the page as it is now, under `name`. */
const record = (name) => recordPage(page, name, violations);

/**
 * Shows the overview once it follows the node's best block and asserts that it shows every field
 * of `poolStatus()`, each as the node tells it at the block the page shows; resolves with that status.
 */
async function showsPoolStatus() {
  await visit(page, '');
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  await page.waitForFunction((n) => Number(document.querySelector('[data-head]').dataset.head) >= n, best, { timeout: 30_000 });
  const { head, figures } = await page.evaluate(() => ({
    head: Number(document.querySelector('[data-head]').dataset.head),
    figures: Object.fromEntries([...document.querySelectorAll('#pool-status [data-figure]')].map((el) => [
      el.dataset.figure, el.querySelector('.amount')?.dataset.planck ?? el.querySelector('dd').textContent,
    ])),
  }));
  const status = await (await api.at(await api.rpc.chain.getBlockHash(head))).call.securityPoolApi.poolStatus();
  assert.deepEqual([...status.keys()].sort(), Object.values(POOL_FIGURES).sort(), 'the overview shows every field of poolStatus()');
  const expected = Object.fromEntries(Object.entries(POOL_FIGURES).map(([figure, field]) => [figure, status[field].toString()]));
  assert.deepEqual(figures, expected, `the pool's figures at #${head}`);
  return status;
}

/** Files a claim through the API (not the page) from `who`; resolves with its id. */
async function fileClaim(who, amount) {
  const { events } = await sendOk(api, api.tx.securityPool.submitClaim(amount * UNIT, who.address, 'ipfs://bafy-set-up'), who);
  return poolEvent(events, 'ClaimSubmitted').request;
}

/** The number of the latest block among the last few with pool event `name` of request `id`. */
async function blockOfEvent(name, id) {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let n = best; n > best - 10; n--) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    const events = (await at.query.system.events()).map((r) => r.event);
    if (poolEvent(events, name)?.request === id) return n;
  }
  throw new Error(`no ${name} of #${id} in the last blocks`);
}

const shownHead = async () => Number(await page.getAttribute('[data-head]', 'data-head'));
const errorDocs = (name) => api.errors.securityPool[name].meta.docs.map(String).join(' ').trim();

test('the pool overview shows every figure of the runtime API at the block it shows', async () => {
  await page.waitForSelector('.chart svg, .chart + p, figure.chart', { timeout: 30_000 });
  await showsPoolStatus();
  await record('overview');
});

test('the pool page shows the fee share: fixed on a fresh dev chain, then the adaptive share sudo sets', async () => {
  await visit(page, '');
  const fixed = (await api.call.securityPoolApi.feeShare()).toJSON();
  assert.equal(fixed.adaptive, null, 'a fresh dev chain takes the runtime\'s fixed share');
  assert.equal(fixed.current, fixed.fixed);
  const shownFixed = await page.waitForSelector(`#fee-share[data-kind="fixed"][data-current="${fixed.current}"][data-fixed="${fixed.fixed}"]`, { timeout: 10_000 });
  assert.match(await shownFixed.textContent(), /Fixed: 20% of every fee/);

  // A target of twice the reserve: the next fee pays about halfway between the floor and the ceiling.
  const balance = BigInt((await api.call.securityPoolApi.poolStatus()).toJSON().balance);
  assert.ok(balance > 0n, 'the dev chain\'s pool holds a reserve');
  const adaptive = { floor: 50_000_000, ceiling: 300_000_000, targetReserve: 2n * balance };
  const { events } = await sendOk(api, api.tx.sudo.sudo(api.tx.securityPool.setFeeShare(adaptive)), dev['//Alice']);
  assert.ok(poolEvent(events, 'FeeShareSet')?.adaptive, 'the adaptive share is set');
  const status = (await api.call.securityPoolApi.feeShare()).toJSON();
  assert.ok(status.current > adaptive.floor && status.current < adaptive.ceiling, `${status.current} lies between the floor and the ceiling`);
  const shown = await page.waitForSelector(
    `#fee-share[data-kind="adaptive"][data-current="${status.current}"][data-floor="${adaptive.floor}"][data-ceiling="${adaptive.ceiling}"][data-target-reserve="${adaptive.targetReserve}"]`,
    { timeout: 30_000 },
  );
  const percent = Number((await page.textContent('#fee-share .fee-share-current')).replace('%', ''));
  assert.ok(Math.abs(percent - status.current / 1e7) <= 0.005, `the page shows ${percent}%, the runtime ${status.current} parts per billion`);
  const text = await shown.textContent();
  assert.match(text, /Adaptive: 5%–30%, reaching 5% at target reserve/);
  assert.match(text, /of the way to the target/);
  const reserve = BigInt(await page.getAttribute('#fee-share .reserve-position .amount', 'data-planck'));
  assert.equal(reserve, BigInt((await api.call.securityPoolApi.poolStatus()).toJSON().balance), 'the position is the pool\'s balance');
  await page.waitForSelector('.events [data-event="FeeShareSet"]', { timeout: 10_000 });
  await record('overview-fee-share');

  await sendOk(api, api.tx.sudo.sudo(api.tx.securityPool.setFeeShare(null)), dev['//Alice']);
  await page.waitForSelector(`#fee-share[data-kind="fixed"][data-current="${fixed.fixed}"]`, { timeout: 30_000 });
});

test('a voter votes with conviction and the page shows the exact on-chain tally within two blocks', async () => {
  const id = await fileClaim(dev['//Eve'], 100n);
  await signAs(page, 'Bob');
  await visit(page, `requests/${id}`);
  await page.fill('#vote-balance', '250000');
  await page.selectOption('#vote-conviction', 'Locked3x');
  assert.match(await page.textContent('.lock-preview'), /stays frozen until #\d+/);
  await page.click('.vote button:has-text("Vote")');
  await page.waitForSelector('.vote .tx-done', { timeout: 60_000 });
  const included = await blockOfEvent('Voted', id);
  const { block } = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(included));
  const vote = block.extrinsics.find((ext) => ext.isSigned && ext.method.section === 'securityPool' && ext.method.method === 'vote');
  assert.equal(vote.signer.toString(), dev['//Bob'].address);
  assert.equal(vote.mode.toNumber(), 1, 'the dev account signed in CheckMetadataHash mode 1: its signature covers the metadata hash');
  const { tally } = (await api.query.securityPool.requests(id)).unwrap().status.asVoting;
  assert.equal(tally.ayes.toBigInt(), 750_000n * UNIT);
  assert.equal(tally.support.toBigInt(), 250_000n * UNIT, 'an aye adds its balance, unweighted, to the support');
  const expected = `.tally[data-ayes="${tally.ayes.toString()}"][data-nays="${tally.nays.toString()}"][data-support="${tally.support.toString()}"][data-votes="${tally.votes.toString()}"]`;
  await page.waitForSelector(expected, { timeout: 30_000 });
  const head = await shownHead();
  console.log(`tally shown at block #${head}, vote included in #${included}`);
  assert.ok(head - included <= 2, `the tally appeared at #${head}, more than two blocks after #${included}`);
  await record('request-detail-vote');
  await visit(page, 'votes');
  await page.waitForSelector(`.votes tr[data-request="${id}"]`);
  await record('my-votes');
  await page.click(`.votes tr[data-request="${id}"] button:has-text("Remove")`);
  await page.waitForSelector(`.votes tr[data-request="${id}"]`, { state: 'detached', timeout: 60_000 });
  const { tally: after } = (await api.query.securityPool.requests(id)).unwrap().status.asVoting;
  assert.equal(after.votes.toNumber(), 0, 'the removed vote left the tally');
});

test('a claim filed through the form appears in the list', async () => {
  await signAs(page, 'Charlie');
  await visit(page, 'claim');
  await page.fill('#claim-amount', '100');
  await page.fill('#claim-evidence', 'ipfs://bafy-incident-report and a line of text');
  await page.click('button:has-text("File claim")');
  const link = await page.waitForSelector('#filed a', { timeout: 60_000 });
  const id = Number((await link.textContent()).replace(/\D/g, ''));
  const stored = (await api.query.securityPool.requests(id)).unwrap();
  assert.equal(stored.amount.toBigInt(), 100n * UNIT);
  assert.equal(stored.submitter.toString(), dev['//Charlie'].address);
  await record('file-claim');
  await visit(page, 'requests');
  await page.waitForSelector(`table.requests tr[data-request="${id}"]`, { timeout: 10_000 });
  await record('requests');
});

test('an amount over the cap shows the pallet error\'s doc text', async () => {
  await visit(page, 'claim');
  await page.fill('#claim-amount', '90000');
  await page.fill('#claim-evidence', '');
  await page.click('button:has-text("File claim")');
  const error = await page.waitForSelector('.tx-error', { timeout: 60_000 });
  assert.equal(await error.textContent(), errorDocs('ExceedsMaxPayout'));
  await record('bad-input');
});

test('a hunter files a disclosure, downloads the receipt, reveals from it, and the chain stores the report', async () => {
  await signAs(page, 'Dave');
  await visit(page, 'disclosure');
  const report = `Reentrancy in the bridge's withdraw path.\nSteps: 1. call withdraw twice… (${Date.now()})`;
  await page.fill('#disclosure-report', report);
  await page.selectOption('#disclosure-severity', 'Low');
  // Above the small track (10 SPT on the dev chain, 5 blocks of voting): the general track's 10 blocks
  // leave time to reveal before a referendum nobody votes on is rejected.
  await page.fill('#disclosure-amount', '20');
  if (await page.$('#disclosure-encrypt:checked')) await page.uncheck('#disclosure-encrypt');
  await page.click('button:has-text("File disclosure")');
  await page.waitForSelector('#download-receipt', { timeout: 60_000 });
  await record('file-disclosure');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-receipt')]);
  const file = join(OUTPUT, 'receipt.json');
  await download.saveAs(file);
  const receipt = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(receipt.report, report);
  const stored = (await api.query.securityPool.requests(receipt.request)).unwrap();
  assert.equal(stored.kind.asDisclosure.commitment.toHex(), receipt.commitment);

  await visit(page, 'reveal');
  await page.setInputFiles('#receipt-file', file);
  await page.click('button:has-text("Reveal report")');
  await page.waitForSelector('.tx-done', { timeout: 60_000 });
  await record('reveal');
  const revealed = (await api.query.securityPool.reports(receipt.request)).unwrap();
  assert.equal(u8aToHex(revealed.text), u8aToHex(stringToU8a(receipt.report)));
  await visit(page, `requests/${receipt.request}`);
  await page.waitForSelector('#revealed-report', { timeout: 10_000 });
  assert.equal(await page.textContent('#revealed-report'), receipt.report);
  await record('request-detail-disclosure');
});

test('a claim in its confirmation window shows the support against the support needed, and once approved it is committed', async () => {
  const id = await fileClaim(dev['//Ferdie'], 200n);
  for (const voter of ['//Alice//stash', '//Bob//stash', '//Charlie//stash']) {
    await sendOk(api, api.tx.securityPool.vote(id, ballot('Aye', 500_000n * UNIT, 'Locked1x')), dev[voter]);
  }
  const { status, terms } = (await api.query.securityPool.requests(id)).unwrap();
  const endsAt = status.asVoting.endsAt.toNumber();
  // In its last confirmPeriod blocks the page shows the confirmation window, with the support the runtime API tells.
  await visit(page, `requests/${id}`);
  const confirming = await page.waitForSelector('#tally .tally[data-confirming="true"]', { timeout: 60_000 });
  assert.equal(await confirming.getAttribute('data-support'), (1_500_000n * UNIT).toString(), 'three ayes of 500,000: their balance is the support');
  const [total, inactive] = await Promise.all([api.query.balances.totalIssuance(), api.query.balances.inactiveIssuance()]);
  const needed = (BigInt(terms.minSupport.toNumber()) * (total.toBigInt() - inactive.toBigInt()) + 999_999_999n) / 1_000_000_000n;
  assert.equal(await confirming.getAttribute('data-support-needed'), needed.toString(), 'min support of the active issuance, rounded up');
  const notice = await page.textContent('#tally .confirming');
  assert.match(notice, new RegExp(`moves the end so that ${terms.confirmPeriod.toNumber()} whole blocks follow it`));
  assert.match(notice, /stays frozen until the vote-locking period .* after the end, whichever side wins/);
  await record('request-detail-confirming');
  await bestAtLeast(api, endsAt + 1);
  assert.ok((await api.query.securityPool.requests(id)).unwrap().status.isApproved, 'the claim is approved');
  // The approved claim is committed: the overview's figures, compared again, are not all zero.
  assert.equal((await showsPoolStatus()).committed.toBigInt(), 200n * UNIT);
  // The council's veto of an approved claim, by motion, is in council.test.js.
});

/** The tally shown on the page, from its data attributes. */
const shownTally = (selector = '.tally') => page.$eval(selector, (el) => ({
  ayes: el.dataset.ayes, nays: el.dataset.nays, support: el.dataset.support, votes: el.dataset.votes,
}));

test('an abstention changes only the support on the page, to the exact on-chain value', async () => {
  const id = await fileClaim(dev['//Eve'], 100n);
  await signAs(page, 'Ferdie');
  await visit(page, `requests/${id}`);
  await page.waitForSelector('.tally[data-votes="0"]', { timeout: 10_000 });
  const before = await shownTally();
  await page.check('input[name="side"][value="abstain"]');
  await page.fill('#vote-balance', '40000');
  const preview = await page.textContent('.lock-preview');
  assert.match(preview, /never locked/);
  assert.doesNotMatch(preview, /stays frozen until/);
  assert.ok(await page.$('#vote-conviction:disabled'), 'an abstention has no conviction to choose');
  await page.click('.vote button:has-text("Vote")');
  await page.waitForSelector('.vote .tx-done', { timeout: 60_000 });
  const { tally } = (await api.query.securityPool.requests(id)).unwrap().status.asVoting;
  assert.equal(tally.support.toBigInt(), 40_000n * UNIT);
  assert.equal(tally.ayes.toString(), before.ayes, 'an abstention adds no ayes');
  assert.equal(tally.nays.toString(), before.nays, 'an abstention adds no nays');
  const expected = `.tally[data-ayes="${before.ayes}"][data-nays="${before.nays}"][data-support="${tally.support.toString()}"][data-votes="${tally.votes.toString()}"]`;
  await page.waitForSelector(expected, { timeout: 30_000 });
  const after = await shownTally();
  assert.deepEqual({ ...after, support: before.support, votes: before.votes }, before, 'only the support (and the count of votes) changed');
  assert.notEqual(after.support, before.support);
  await page.waitForSelector('.current-vote[data-choice="Abstain"]', { timeout: 10_000 });
  await record('request-detail-abstain');
  await visit(page, 'votes');
  await page.waitForSelector(`.votes tr[data-request="${id}"] td.choice[data-choice="Abstain"]`, { timeout: 10_000 });
  await record('my-votes-abstain');
});

test('a small claim shows its track and a countdown from its own voting period', async () => {
  const parameters = (await api.query.securityPool.parameters()).toJSON();
  const [small] = parameters.tracks;
  assert.notEqual(small.votingPeriod, parameters.votingPeriod, 'the small track votes for its own period');
  const amount = BigInt(small.maxAmount) / 2n;
  await visit(page, '');
  await page.waitForSelector(`#tracks tr[data-track="0"][data-max-open="${BigInt(small.maxOpen)}"]`, { timeout: 10_000 });
  await page.waitForSelector(`#confirmation[data-confirm-period="${parameters.confirmPeriod}"]`);
  await page.waitForSelector(`#veto-window[data-veto-window="${parameters.vetoWindow}"]`);
  await record('overview-tracks');

  await signAs(page, 'Charlie');
  await visit(page, 'claim');
  await page.fill('#claim-amount', String(Number(amount) / Number(UNIT)));
  await page.fill('#claim-evidence', 'ipfs://bafy-small-loss');
  const preview = await page.waitForSelector(`#claim-track[data-track="0"][data-voting-period="${small.votingPeriod}"][data-timelock="${small.timelock}"]`);
  assert.match(await preview.textContent(), /track 0/);
  await record('file-claim-track');
  await page.click('button:has-text("File claim")');
  const link = await page.waitForSelector('#filed a', { timeout: 60_000 });
  const id = Number((await link.textContent()).replace(/\D/g, ''));
  await visit(page, `requests/${id}`);
  await page.waitForSelector('#request-track [data-track="0"]', { timeout: 10_000 });

  const filedAt = await blockOfEvent('ClaimSubmitted', id);
  const referendum = (await api.call.securityPoolApi.referendum(id)).unwrap().toJSON();
  assert.equal(referendum.track, 0);
  assert.equal(referendum.endsAt, filedAt + small.votingPeriod, 'voting ends after the track\'s own period');
  const countdown = await page.waitForSelector(`#request-status .countdown[title="block #${referendum.endsAt}"]`, { timeout: 10_000 });
  const blocks = Number(await countdown.getAttribute('data-blocks'));
  assert.ok(blocks > 0 && blocks <= small.votingPeriod, `the countdown shows ${blocks} blocks left`);
  assert.equal(Number(await page.getAttribute('#voting-end', 'data-ends-at')), referendum.endsAt);
  assert.equal(Number(await page.getAttribute('#request-terms', 'data-min-support')), small.minSupport);
  assert.equal(Number(await page.getAttribute('#request-terms', 'data-approval')), small.approval);
  await record('request-detail-track');
});

test('no page has serious or critical accessibility violations (axe-core)', () => {
  const found = [...violations].flatMap(([name, list]) => list.map((v) => `${name}: ${v}`));
  console.log(`axe-core: ${violations.size} of ${PAGE_STATES.length} page states checked, ${found.length} serious or critical violations`);
  assert.deepEqual([...violations.keys()].sort(), [...PAGE_STATES].sort(), 'every page state checked');
  assert.deepEqual(found, []);
});
