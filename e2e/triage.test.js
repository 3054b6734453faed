// Disclosure triage on a real dev node: the council (two of Alice, Bob and Charlie, by motion)
// publishes its X25519 key; a hunter seals the report to it and files a Critical disclosure, which
// the council opens, checks against the commitment and confirms by motion within the triage
// period: the referendum and timelock are shortened and the bounty is paid before the report is
// revealed, with the deposit held until it is. A disclosure the council leaves alone misses
// triage and, revealed while votes are taken, is paid on the normal schedule.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import {
  UNIT, commitment, councilKeyPair, depositFor, devAccounts, openFinding, sealFinding, send, sendOk,
} from '@security-pool/client';
import { Node, bestAtLeast } from '@security-pool/client/node';
import {
  blockNumber, blocksWith, castVotes, freeBalance, passByCouncil, poolEvents, reservedBalance, submitRequest,
  vote,
} from './lib/chain.js';

let node;
let api;
let dev;
let periods;
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const council = councilKeyPair();

before(async () => {
  dev = await devAccounts();
  node = await new Node({ name: 'triage', args: ['--dev'] }).start();
  api = node.api;
  const parameters = await api.query.securityPool.parameters();
  const names = ['votingPeriod', 'timelock', 'triagePeriod', 'fastTrackVotingPeriod', 'fastTrackTimelock', 'revealPeriod'];
  periods = Object.fromEntries(names.map((name) => [name, parameters[name].toNumber()]));
});

after(async () => node?.destroy());

/** Passes `call` by a council motion of two of its three members; resolves with its events. */
const byCouncil = (call) => passByCouncil(api, call, [dev.alice, dev.bob], dev.charlie);

/** The data of the pool event `name` among `events`. */
const eventData = (events, name) => events.find((e) => api.events.securityPool[name].is(e)).data;

/** Request `id` at block number `n`. */
async function requestAt(id, n) {
  const at = await api.at(await api.rpc.chain.getBlockHash(n));
  return (await at.query.securityPool.requests(id)).unwrap();
}

/**
 * A hunter's finding: the report, a salt, the commitment bound to `hunter` and the salt and
 * report sealed to the triage key on chain.
 */
async function finding(hunter, text) {
  const report = stringToU8a(text);
  const salt = randomAsU8a(32);
  const key = (await api.call.securityPoolApi.triageKey()).unwrap();
  return {
    report, salt, committed: commitment(hunter.address, report, salt), sealed: sealFinding(report, salt, key),
  };
}

/**
 * Files `found` from `hunter` with its sealed report and checks the deposit (its bytes are the
 * commitment's 32 and the sealed report's). Resolves with the id, deposit and filing block.
 */
async function disclose(hunter, found, severity, amount, beneficiary) {
  const expected = await depositFor(api, 32 + found.sealed.length, amount);
  const tx = api.tx.securityPool.submitDisclosure(found.committed, severity, amount, beneficiary, u8aToHex(found.sealed));
  const { id, deposit, blockHash } = await submitRequest(api, tx, hunter);
  assert.equal(deposit, expected);
  return { id, deposit, filed: await blockNumber(api, blockHash) };
}

/**
 * `hunter` reveals `found` for request `id` and checks the stored report; resolves with the
 * send's result and the report's deposit.
 */
async function reveal(hunter, id, found) {
  const result = await send(api, api.tx.securityPool.revealDisclosure(id, u8aToHex(found.report), found.salt), hunter);
  assert.equal(result.error, undefined);
  const reportDeposit = (await api.query.securityPool.parameters()).depositPerByte.toBigInt() * BigInt(found.report.length);
  const stored = (await (await api.at(result.blockHash)).query.securityPool.reports(id)).unwrap();
  assert.deepEqual(stored.text.toU8a(true), found.report);
  assert.equal(stored.author.toString(), hunter.address);
  assert.equal(stored.deposit.toBigInt(), reportDeposit);
  return { ...result, reportDeposit };
}

/**
 * Checks that request `id`, filed in block `filed`, is approved in block `approvedAt` and paid
 * `amount` to `beneficiary` in block `payableAt`, and in no other; resolves with the paid block.
 */
async function paidOnTime(id, filed, approvedAt, payableAt, amount, beneficiary) {
  await bestAtLeast(api, payableAt + 1);
  assert.deepEqual(await blocksWith(api, 'Approved', id, filed, payableAt + 1), [approvedAt]);
  assert.equal((await requestAt(id, approvedAt)).status.asApproved.payableAt.toNumber(), payableAt);
  assert.deepEqual(await blocksWith(api, 'Paid', id, filed, payableAt + 1), [payableAt]);
  const paidHash = await api.rpc.chain.getBlockHash(payableAt);
  const [, paid] = (await poolEvents(api, paidHash)).find(([name, d]) => name === 'Paid' && d.request === id);
  assert.equal(BigInt(paid.amount), amount);
  assert.equal(await freeBalance(api, beneficiary.address, paidHash), amount);
  return paidHash;
}

/** Aye votes of 700,000 each: two reach the dev chain's support (10% of about 12.1 M issued). */
const ayes = (...voters) => voters.map((voter) => [voter, vote(true, 700_000n * UNIT, 'Locked1x')]);

test('the council sets its triage key, shown in storage and by the runtime API', async () => {
  assert.ok((await api.call.securityPoolApi.triageKey()).isNone);
  const events = await byCouncil(api.tx.securityPool.setTriageKey(council.publicKey));
  const key = u8aToHex(council.publicKey);
  assert.equal(eventData(events, 'TriageKeySet').key.toHex(), key);
  assert.equal((await api.query.securityPool.triageKey()).unwrap().toHex(), key);
  assert.equal((await api.call.securityPoolApi.triageKey()).unwrap().toHex(), key);
});

test('a confirmed Critical disclosure is fast-tracked, paid unrevealed with its deposit held, then revealed', async () => {
  const { triagePeriod, fastTrackVotingPeriod, fastTrackTimelock, revealPeriod } = periods;
  const bounty = keyring.addFromUri('//BobsBounty');
  const amount = 1_000n * UNIT;
  const found = await finding(dev.bob, 'Signature malleability in the bridge lets anyone replay a withdrawal.');
  const reservedBefore = await reservedBalance(api, dev.bob.address);
  const { id, deposit, filed } = await disclose(dev.bob, found, 'Critical', amount, bounty.address);
  const filedAs = (await api.query.securityPool.requests(id)).unwrap();
  assert.equal(filedAs.kind.asDisclosure.triage.asPending.due.toNumber(), filed + triagePeriod);

  // The council opens the sealed finding stored on chain: the hunter's salt and report, which
  // hash with the submitter to the commitment, so the report judged is the one committed to.
  const stored = (await api.query.securityPool.encryptedReports(id)).unwrap();
  assert.deepEqual(stored.toU8a(true), found.sealed);
  const opened = openFinding(stored, council);
  assert.deepEqual(opened.report, found.report);
  const submitter = filedAs.submitter.toString();
  assert.equal(commitment(submitter, opened.report, opened.salt), filedAs.kind.asDisclosure.commitment.toHex());

  // Two ayes in the next block, before the confirmation window of even the shortened vote.
  await Promise.all(ayes(dev.charlie, dev.dave).map(([voter, ballot]) => sendOk(api, api.tx.securityPool.vote(id, ballot), voter)));

  // Confirmed by a council motion within the triage period: votes end earlier and the timelock
  // is shorter.
  const events = await byCouncil(api.tx.securityPool.triage(id, 'Confirmed'));
  const { number } = await api.rpc.chain.getHeader();
  assert.ok(number.toNumber() < filed + triagePeriod, `triaged at ${number}, due by ${filed + triagePeriod}`);
  const triaged = eventData(events, 'Triaged');
  assert.equal(triaged.request.toNumber(), id);
  assert.ok(triaged.verdict.isConfirmed);
  assert.equal(triaged.amount.toBigInt(), amount);
  assert.equal(triaged.reduction.toBigInt(), 0n);
  const votingEndsAt = filed + fastTrackVotingPeriod;
  assert.equal(eventData(events, 'FastTracked').votingEndsAt.toNumber(), votingEndsAt);
  const judged = (await api.query.securityPool.requests(id)).unwrap();
  assert.ok(judged.kind.asDisclosure.triage.asJudged.verdict.isConfirmed);
  assert.equal(judged.status.asVoting.endsAt.toNumber(), votingEndsAt);

  const payableAt = votingEndsAt + fastTrackTimelock;
  const paidHash = await paidOnTime(id, filed, votingEndsAt, payableAt, amount, bounty);

  // Paid unrevealed: the request waits for the report with the deposit held.
  const { status } = await requestAt(id, payableAt);
  assert.equal(status.asPaid.revealBy.toNumber(), payableAt + revealPeriod);
  assert.equal(await reservedBalance(api, dev.bob.address, paidHash), reservedBefore + deposit);

  // Revealing releases the deposit; only the report's own deposit stays held.
  const revealed = await reveal(dev.bob, id, found);
  const { parentHash } = await api.rpc.chain.getHeader(revealed.blockHash);
  const fee = revealed.events.find((e) => api.events.transactionPayment.TransactionFeePaid.is(e)).data.actualFee.toBigInt();
  const freeChange = (await freeBalance(api, dev.bob.address, revealed.blockHash)) - (await freeBalance(api, dev.bob.address, parentHash));
  assert.equal(freeChange, deposit - revealed.reportDeposit - fee);
  assert.equal(await reservedBalance(api, dev.bob.address, revealed.blockHash), reservedBefore + revealed.reportDeposit);
});

test('a disclosure the council leaves alone misses triage, is revealed while voting and paid on the normal schedule', async () => {
  const { votingPeriod, timelock, triagePeriod } = periods;
  const bounty = keyring.addFromUri('//CharliesBounty');
  const amount = 300n * UNIT;
  const found = await finding(dev.charlie, 'The fee hook rounds the pool\'s share down to zero for small fees.');
  const reservedBefore = await reservedBalance(api, dev.charlie.address);
  const { id, deposit, filed } = await disclose(dev.charlie, found, 'High', amount, bounty.address);
  await castVotes(api, id, ayes(dev.dave, dev.eve));

  // Triage is missed in block filed + triagePeriod, and not before.
  const missedAt = filed + triagePeriod;
  await bestAtLeast(api, missedAt);
  assert.deepEqual(await blocksWith(api, 'TriageMissed', id, filed, missedAt), [missedAt]);
  assert.equal((await requestAt(id, missedAt - 1)).kind.asDisclosure.triage.asPending.due.toNumber(), missedAt);
  assert.ok((await requestAt(id, missedAt)).kind.asDisclosure.triage.isMissed);

  const revealed = await reveal(dev.charlie, id, found);
  const votingEndsAt = filed + votingPeriod;
  assert.ok((await blockNumber(api, revealed.blockHash)) < votingEndsAt, 'revealed while votes are taken');
  assert.ok((await requestAt(id, await blockNumber(api, revealed.blockHash))).kind.asDisclosure.revealed.isTrue);

  const payableAt = votingEndsAt + timelock;
  const paidHash = await paidOnTime(id, filed, votingEndsAt, payableAt, amount, bounty);
  // The payout releases the deposit; the report's stays held.
  const { parentHash } = await api.rpc.chain.getHeader(paidHash);
  const held = reservedBefore + revealed.reportDeposit;
  assert.equal(await reservedBalance(api, dev.charlie.address, parentHash), held + deposit);
  assert.equal(await reservedBalance(api, dev.charlie.address, paidHash), held);
});
