// The council's page in headless Chromium against a real dev node (council: Alice, Bob, Charlie),
// with two members in two browsers: a council key file created, locked and opened again (a wrong
// password refused, the secret never in browser storage); its public key published, a sealed
// Critical disclosure confirmed (and fast-tracked) and an approved claim vetoed, each by a motion
// one member proposes with an aye in her browser, the other votes on in his, and she closes; one
// aye alone cannot close a motion before its end. A screenshot and an axe-core pass of each state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import {
  UNIT, closeMotion, commitment, keyPairs, openMotions, poolEvent, sealFinding, sendOk,
} from '@security-pool/client';
import { bestAtLeast } from '@security-pool/client/node';
import { appModule } from './app-module.js';
import { OUTPUT, ballot, openApp, record as recordPage, signAs, startBrowser, startNode, visit } from './harness.js';

let node;
let api;
let browser;
/** Alice's and Bob's pages, each in a browser context of its own. */
let alice;
let bob;
let dev;
/** The key file Alice creates, as downloaded. */
let keyFile;
const PASSWORD = 'seven horses under the bridge';
const violations = new Map();
/** Every page state the stories record, each checked by axe-core. */
const PAGE_STATES = [
  'council-key-wrong-password', 'council-key-open', 'council-key-published', 'council-triage-vote-needed', 'council-triage',
  'council', 'council-one-aye', 'council-vote-needed', 'council-closed',
];
const keyFiles = await appModule('chain/keyFile.ts');

/**
 * The dev chain's periods lengthened (through sudo) so that two browsers' four transactions fit
 * with room in them: triage takes 10 blocks, and a confirmed Critical disclosure's vote still ends
 * early (12 of 20 blocks); a motion lasts the longer of triage period and veto window, here 10
 * blocks (5 on the dev chain as it starts); the small track votes 10 blocks and waits 16.
 */
const PERIODS = { votingPeriod: 20, timelock: 20, triagePeriod: 10, fastTrackVotingPeriod: 12, fastTrackTimelock: 8, vetoWindow: 8 };
const SMALL_TRACK = { votingPeriod: 10, timelock: 16 };

before(async () => {
  dev = await keyPairs('//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie', '//Alice//stash', '//Bob//stash', '//Charlie//stash');
  node = await startNode('council');
  api = node.api;
  const parameters = (await api.query.securityPool.parameters()).toJSON();
  const lengthened = { ...parameters, ...PERIODS, tracks: parameters.tracks.map((track) => ({ ...track, ...SMALL_TRACK })) };
  const { events } = await sendOk(api, api.tx.sudo.sudo(api.tx.securityPool.setParameters(lengthened)), dev['//Alice']);
  assert.ok(poolEvent(events, 'ParametersSet'), 'the lengthened periods are set');
  browser = await startBrowser();
  alice = await openApp(browser.context, browser.url, node.rpc, 'council');
  bob = await openApp(await browser.newContext(), browser.url, node.rpc, 'council');
  await signAs(alice, 'Alice');
  await signAs(bob, 'Bob');
});

after(async () => {
  await browser?.stop();
  await node?.destroy();
});

const record = (page, name) => recordPage(page, name, violations);
const shownHead = async (page) => Number(await page.getAttribute('[data-head]', 'data-head'));
/** An open motion on the page, by its call (and request). */
const motionOf = (call, request) => `.motions li[data-call="SecurityPool.${call}"]${request === undefined ? '' : `[data-request="${request}"]`}`;

/** Asserts that the page keeps `secret` (hex) in no browser storage: local, session, IndexedDB. */
async function notStored(page, secret) {
  const stored = await page.evaluate(async () => ({
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
    databases: ((await indexedDB.databases?.()) ?? []).map((d) => d.name),
  }));
  const text = JSON.stringify(stored);
  for (const form of [secret.slice(2), Buffer.from(secret.slice(2), 'hex').toString('base64')]) {
    assert.ok(!text.toLowerCase().includes(form.toLowerCase()), `the secret (${form.slice(0, 6)}…) is in browser storage`);
  }
  assert.deepEqual(stored.session, [], 'nothing in sessionStorage');
  assert.deepEqual(stored.databases.filter((name) => /council|key|secret/i.test(name ?? '')), [], 'no IndexedDB database of the key');
}

/** Files a claim through the API from `who`; resolves with its id. */
async function fileClaim(who, amount) {
  const { events } = await sendOk(api, api.tx.securityPool.submitClaim(amount * UNIT, who.address, 'ipfs://bafy-council-set-up'), who);
  return poolEvent(events, 'ClaimSubmitted').request;
}

/** The numbers of the blocks from `from` to `to` with pool event `name` of request `id`. */
async function blocksWithEvent(name, id, from, to) {
  const found = [];
  for (let n = from; n <= to; n++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    const events = (await at.query.system.events()).map((r) => r.event);
    if (events.some((e) => e.section === 'securityPool' && e.method === name && Number(e.data[0].toString()) === id)) found.push(n);
  }
  return found;
}

/**
 * Bob, in his browser, sees the motion `selector` waiting for his vote and votes aye; Alice, in
 * hers, sees its threshold reached and closes it. Resolves with the page's result of the close.
 */
async function bobVotesAyeAliceCloses(selector, recordAs) {
  await bob.waitForSelector(`${selector} [data-badge="vote-needed"]`, { timeout: 30_000 });
  if (recordAs) await record(bob, recordAs);
  await bob.click(`${selector} button:text-is("Aye")`);
  await bob.waitForSelector(`${selector} [data-my-vote="aye"]`, { timeout: 60_000 });
  const item = await alice.waitForSelector(`${selector}[data-closable="approves"]`, { timeout: 30_000 });
  const index = await item.getAttribute('data-motion');
  assert.equal(await item.getAttribute('data-ayes'), await item.getAttribute('data-threshold'), 'two ayes: the threshold');
  await alice.click(`${selector} button:text-is("Close")`);
  const closed = await alice.waitForSelector(`.closed-motions li[data-motion="${index}"]`, { timeout: 60_000 });
  return { outcome: await closed.getAttribute('data-outcome'), text: await closed.textContent() };
}

test('a member creates a council key file, locks it and opens it again from the file; a wrong password is refused; the secret stays out of browser storage', async () => {
  await alice.waitForSelector('#membership[data-member="true"]', { timeout: 30_000 });
  const members = await alice.$$eval('#council-members [data-member]', (items) => items.map((li) => li.dataset.member));
  assert.deepEqual(members.sort(), [dev['//Alice'], dev['//Bob'], dev['//Charlie']].map((p) => p.address).sort());
  assert.equal(await alice.getAttribute('#council-powers tr[data-power="veto"]', 'data-ayes'), '2', 'two thirds of three');
  assert.equal(await alice.getAttribute('#council-powers tr[data-power="setParameters"]', 'data-ayes'), '3', 'three quarters of three');
  assert.match(await alice.textContent('#who-acts'), /root through sudo can too.*the council acts by motions/);

  await alice.fill('#new-key-password', PASSWORD);
  await alice.fill('#new-key-password-again', PASSWORD);
  const [download] = await Promise.all([alice.waitForEvent('download', { timeout: 60_000 }), alice.click('#create-key-file')]);
  const path = join(OUTPUT, 'council-key.json');
  await download.saveAs(path);
  keyFile = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(keyFile.kind, 'security-pool-council-key');
  assert.ok(keyFile.kdf.iterations >= 600_000);
  assert.equal(download.suggestedFilename(), `council-key-${keyFile.publicKey.slice(2, 10)}.json`);
  await alice.waitForSelector(`#key-open[data-public-key="${keyFile.publicKey}"]`);
  const secret = u8aToHex((await keyFiles.unlockKeyFile(keyFile, PASSWORD)).secretKey);
  await notStored(alice, secret);

  await alice.click('#lock-key');
  await alice.waitForSelector('#key-locked');
  await alice.setInputFiles('#key-file', path);
  await alice.fill('#key-password', 'not the password at all');
  await alice.click('#open-key-file');
  const problem = await alice.waitForSelector('#open-key-problem', { timeout: 60_000 });
  assert.equal(await problem.textContent(), 'Wrong password: the key file did not open.');
  assert.ok(await alice.$('#key-locked'), 'nothing else changed: no key is open');
  await record(alice, 'council-key-wrong-password');

  await alice.fill('#key-password', PASSWORD);
  await alice.click('#open-key-file');
  await alice.waitForSelector(`#key-open[data-public-key="${keyFile.publicKey}"][data-published="false"]`, { timeout: 60_000 });
  assert.equal(await alice.$('#open-key-problem'), null, 'the wrong password\'s message is gone');
  await alice.waitForSelector('#key-unpublished');
  await notStored(alice, secret);
  await record(alice, 'council-key-open');
});

test('two members publish the key file\'s public key by motion: proposed with an aye in one browser, voted aye in the other, closed', async () => {
  await alice.click('#key-open button:has-text("Propose publishing this key as a motion")');
  const motion = motionOf('set_triage_key');
  const item = await alice.waitForSelector(`${motion}[data-ayes="1"]`, { timeout: 60_000 });
  assert.match(await item.textContent(), new RegExp(`Publish triage key ${keyFile.publicKey}`));
  const { outcome, text } = await bobVotesAyeAliceCloses(motion);
  assert.equal(outcome, 'approved', text);
  assert.match(text, /Approved: the triage key is published/);
  assert.equal((await api.query.securityPool.triageKey()).toJSON(), keyFile.publicKey);
  await alice.waitForSelector(`#key-open[data-published="true"]`, { timeout: 30_000 });
  await alice.waitForSelector(`#triage-key:has-text("${keyFile.publicKey}")`);
  await record(alice, 'council-key-published');
});

test('a sealed Critical disclosure is confirmed by motion and fast-tracked; a copy of its sealed report can only be called Invalid', async () => {
  const dave = dev['//Dave'];
  const token = `light-client-${Date.now()}`;
  const report = stringToU8a(`Signature malleability in the light client (${token})`);
  const salt = randomAsU8a(32);
  const sealed = u8aToHex(sealFinding(report, salt, keyFile.publicKey));
  const filed = await sendOk(api, api.tx.securityPool.submitDisclosure(commitment(dave.address, report, salt), 'Critical', 20n * UNIT, dave.address, sealed), dave);
  const id = poolEvent(filed.events, 'DisclosureSubmitted').request;
  const { status } = (await api.query.securityPool.requests(id)).unwrap();
  assert.equal(status.asVoting.endsAt.toNumber(), filed.blockNumber + PERIODS.votingPeriod, 'the general track');

  const row = `.council tr[data-request="${id}"]`;
  await alice.waitForSelector(`${row} .sealed-report:has-text("${token}")`, { timeout: 30_000 });
  await alice.waitForSelector(`${row} .check.matches`);
  assert.equal(await alice.$eval(`${row} select`, (s) => s.value), 'Confirmed');
  await alice.click(`${row} button:has-text("Propose verdict as a motion")`);
  const motion = motionOf('triage', id);
  const item = await alice.waitForSelector(`${motion}[data-ayes="1"]`, { timeout: 60_000 });
  assert.match(await item.textContent(), new RegExp(`Triage request ${id}: Confirmed`));
  const { outcome, text } = await bobVotesAyeAliceCloses(motion, 'council-triage-vote-needed');
  assert.equal(outcome, 'approved', text);
  assert.match(text, /Approved: the verdict is recorded/);

  const request = (await api.query.securityPool.requests(id)).unwrap();
  const { triage } = request.kind.asDisclosure;
  assert.ok(triage.isJudged && triage.asJudged.verdict.isConfirmed, 'the council\'s verdict: Confirmed');
  const endsAt = request.status.asVoting.endsAt.toNumber();
  assert.ok(endsAt < filed.blockNumber + PERIODS.votingPeriod, `fast-tracked: voting ends at #${endsAt}, before #${filed.blockNumber + PERIODS.votingPeriod}`);
  assert.ok(endsAt >= filed.blockNumber + PERIODS.fastTrackVotingPeriod);
  assert.equal(request.terms.timelock.toNumber(), PERIODS.fastTrackTimelock, 'and its timelock shortened');
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.equal((await blocksWithEvent('FastTracked', id, filed.blockNumber, best)).length, 1, 'one FastTracked event');
  await alice.waitForSelector(`${row} [data-verdict="Confirmed"]`, { timeout: 30_000 });

  // A copy of the sealed report filed by someone else under their own commitment proves nothing.
  const { events } = await sendOk(api, api.tx.securityPool.submitDisclosure(`0x${'ee'.repeat(32)}`, 'Critical', 20n * UNIT, dev['//Eve'].address, sealed), dev['//Eve']);
  const copy = `.council tr[data-request="${poolEvent(events, 'DisclosureSubmitted').request}"]`;
  await alice.waitForSelector(`${copy} .check.mismatch`, { timeout: 30_000 });
  assert.deepEqual(await alice.$$eval(`${copy} select option`, (options) => options.map((o) => o.value)), ['Invalid']);
  assert.equal(await alice.$eval(`${copy} select`, (s) => s.value), 'Invalid', 'and it is the verdict a motion would propose');
  await record(alice, 'council-triage');
});

test('two members veto an approved claim by motion in two browsers; one aye alone cannot close it before its end; the claim is never paid', async () => {
  const id = await fileClaim(dev['//Ferdie'], 5n);
  for (const voter of ['//Alice//stash', '//Bob//stash', '//Charlie//stash']) {
    await sendOk(api, api.tx.securityPool.vote(id, ballot('Aye', 500_000n * UNIT, 'Locked1x')), dev[voter]);
  }
  const endsAt = (await api.query.securityPool.requests(id)).unwrap().status.asVoting.endsAt.toNumber();
  await bestAtLeast(api, endsAt + 1);
  const { status } = (await api.query.securityPool.requests(id)).unwrap();
  assert.ok(status.isApproved, 'the claim is approved');
  const payableAt = status.asApproved.payableAt.toNumber();
  assert.equal(payableAt, endsAt + SMALL_TRACK.timelock);

  const row = `.council tr[data-request="${id}"]`;
  await alice.waitForSelector(`${row} button:has-text("Propose veto as a motion")`, { timeout: 30_000 });
  await record(alice, 'council');
  await alice.click(`${row} button:has-text("Propose veto as a motion")`);
  const motion = motionOf('veto', id);
  const item = await alice.waitForSelector(`${motion}[data-ayes="1"]`, { timeout: 60_000 });
  assert.match(await item.textContent(), new RegExp(`Veto request ${id}`));

  // One aye alone, before the motion's end: the page offers no close, and the chain refuses one.
  const end = Number(await item.getAttribute('data-end'));
  const head = await shownHead(alice);
  assert.ok(head + 1 < end, `the check runs before the motion's end (#${head}, end #${end})`);
  assert.equal(await item.getAttribute('data-closable'), 'no');
  assert.ok(await alice.isDisabled(`${motion} button:text-is("Close")`), 'Close is disabled');
  assert.match(await alice.textContent(`${motion} .why`), new RegExp(`Needs 2 ayes, or block #${end}`));
  await record(alice, 'council-one-aye');
  const index = Number(await item.getAttribute('data-motion'));
  const [open] = (await openMotions(api)).filter((m) => m.index === index);
  const early = await closeMotion(api, open, dev['//Charlie']);
  assert.equal(early.error, 'securityCouncil.TooEarly', 'the chain refuses to close it too');
  assert.equal(early.approved, false);
  assert.ok(early.blockNumber < end);

  const { outcome, text } = await bobVotesAyeAliceCloses(motion, 'council-vote-needed');
  assert.equal(outcome, 'approved', text);
  assert.match(text, /Approved: the veto ran/);
  await record(alice, 'council-closed');
  assert.ok((await api.query.securityPool.requests(id)).isNone, 'the request is closed');
  await alice.waitForSelector(row, { state: 'detached', timeout: 30_000 });

  await bestAtLeast(api, payableAt + 1);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.equal((await blocksWithEvent('Vetoed', id, endsAt, best)).length, 1, 'one Vetoed event');
  assert.deepEqual(await blocksWithEvent('Paid', id, endsAt, best), [], 'never paid');
  await visit(alice, `requests/${id}`);
  await alice.waitForSelector('#request-status .status.vetoed', { timeout: 10_000 });
});

test('no council page state has serious or critical accessibility violations (axe-core)', () => {
  const found = [...violations].flatMap(([name, list]) => list.map((v) => `${name}: ${v}`));
  console.log(`axe-core: ${violations.size} of ${PAGE_STATES.length} council page states checked, ${found.length} serious or critical violations`);
  assert.deepEqual([...violations.keys()].sort(), [...PAGE_STATES].sort());
  assert.deepEqual(found, []);
});
