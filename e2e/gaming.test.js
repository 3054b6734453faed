// Gaming the decision rules on a real dev node, each attack beside a control run of the same
// request without it:
// - The extension burn fails. An attacker whose cheap aye (conviction None) decides a claim's
//   support removes it, casts it again and removes it again in one block of the confirmation
//   window: the end moves to `confirmPeriod` whole blocks after that block, however many flips;
//   an honest aye in the last block before that end moves it again; the claim is approved and
//   paid, and the attacker's balance stays frozen past the end.
// - A last-block reveal waits for the veto window. A disclosure the council called Invalid passes
//   its vote and is revealed in the last block of its timelock: it is not paid when the timelock
//   ends but `vetoWindow` whole blocks after the reveal, and root's veto in between stops it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import { UNIT, commitment, devAccounts, referendum, send } from '@security-pool/client';
import { Node, bestAtLeast } from '@security-pool/client/node';
import {
  blockNumber, freeBalance, frozenBalance, hasEvent, poolEvents, reservedBalance, submitRequest,
  supportNeeded, waitForPoolEvent,
} from './lib/chain.js';

let node;
let api;
let dev;
let parameters;
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });

before(async () => {
  dev = await devAccounts();
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) {
    dev[`${name.toLowerCase()}Stash`] = keyring.addFromUri(`//${name}//stash`);
  }
  node = await new Node({ name: 'gaming', args: ['--dev'] }).start();
  api = node.api;
  parameters = (await api.query.securityPool.parameters()).toJSON();
});

after(async () => node?.destroy());

/** An aye of `balance` with `conviction`. */
const aye = (balance, conviction) => ({ choice: 'Aye', balance, conviction });

/** Casts `[signer, request, ballot]` votes of distinct signers at once; resolves when all are in. */
async function castAll(ballots) {
  await Promise.all(ballots.map(async ([signer, id, ballot]) => {
    const { error } = await send(api, api.tx.securityPool.vote(id, ballot), signer);
    assert.equal(error, undefined, `vote on #${id} by ${signer.address}`);
  }));
}

/** The hash of block `n` (best chain). */
const hashOf = (n) => api.rpc.chain.getBlockHash(n);

/** Request `id` at block `n`. */
async function requestAt(id, n) {
  return (await (await api.at(await hashOf(n))).query.securityPool.requests(id)).unwrap();
}

/** The numbers of the blocks in `from..=to` with each pool event of request `id`, by event name. */
async function eventBlocks(id, from, to) {
  const blocks = {};
  for (let n = from; n <= to; n += 1) {
    for (const [name, data] of await poolEvents(api, await hashOf(n))) {
      if (data.request === id) (blocks[name] ??= []).push(n);
    }
  }
  return blocks;
}

/** The data of the pool event `name` among an extrinsic's `events`, or undefined. */
const eventData = (events, name) => events.find((e) => api.events.securityPool[name].is(e))?.data;

/**
 * Dry-runs `unlock` for `who` on the state of block `n`: resolves with its error as
 * `section.Name`, or undefined if it would succeed then. A race-free view of when a lock ends.
 */
async function unlockErrorAt(who, n) {
  const hash = await hashOf(n);
  const { nonce } = await (await api.at(hash)).query.system.account(who.address);
  const tx = await api.tx.securityPool.unlock().signAsync(who, { nonce: nonce.toNumber(), era: 0 });
  const result = await api.rpc.system.dryRun(tx.toHex(), hash);
  assert.ok(result.isOk, `unlock is a valid transaction at #${n}: ${result.toString()}`);
  const outcome = result.asOk;
  if (outcome.isOk) return undefined;
  const error = outcome.asErr;
  if (!error.isModule) return error.toString();
  const { section, name } = api.registry.findMetaError(error.asModule);
  return `${section}.${name}`;
}

test('the extension burn fails: however often a flip repeats in the window, the last is answerable and costs a lock', async () => {
  const { votingPeriod, timelock, confirmPeriod, voteLockingPeriod, minSupport } = parameters;
  // Above every track: the general track, whose vote is long enough to vote before the window.
  const amount = 1_000n * UNIT;
  const victim = keyring.addFromUri('//BurnVictim');
  const controlVictim = keyring.addFromUri('//BurnControlVictim');
  const attacker = dev.ferdie;
  const claim = async (signer, beneficiary) => {
    const { id, blockHash } = await submitRequest(
      api, api.tx.securityPool.submitClaim(amount, beneficiary.address, 'cid'), signer);
    const filedAt = await blockNumber(api, blockHash);
    return { id, filedAt, end: filedAt + votingPeriod };
  };
  const [attacked, control] = await Promise.all([claim(dev.bob, victim), claim(dev.charlie, controlVictim)]);

  // Honest ayes bring the support just short of what it needs; a 0.1× aye (conviction None) of
  // 200,000 decides it: the attacker's on the attacked claim, an honest voter's on the control.
  const [honest, decisive] = [1_100_000n * UNIT, 200_000n * UNIT];
  await castAll([
    [dev.dave, attacked.id, aye(700_000n * UNIT, 'Locked1x')],
    [dev.eve, attacked.id, aye(400_000n * UNIT, 'Locked1x')],
    [attacker, attacked.id, aye(decisive, 'None')],
    [dev.ferdieStash, control.id, aye(decisive, 'None')],
  ]);
  await castAll([
    [dev.dave, control.id, aye(700_000n * UNIT, 'Locked1x')],
    [dev.eve, control.id, aye(400_000n * UNIT, 'Locked1x')],
  ]);
  const head = await api.rpc.chain.getBlockHash();
  const needed = await supportNeeded(api, minSupport, head);
  assert.ok(honest < needed && needed <= honest + decisive, `the decisive aye decides: ${needed} needed`);
  for (const { id, end } of [attacked, control]) {
    assert.deepEqual(await referendum(api, id, head), {
      track: null, passing: true, support: honest + decisive, supportNeeded: needed, confirming: false, endsAt: end, extensions: 0,
    });
  }

  // In the block before the window, the attacker sends flip, undo and flip with consecutive
  // nonces: they land in one block of the window (the runtime has no utility batch).
  await waitForPoolEvent(api, (_, header) => header.number.toNumber() >= attacked.end - confirmPeriod - 1);
  const nonce = (await api.rpc.system.accountNextIndex(attacker.address)).toNumber();
  const flips = await Promise.all([
    api.tx.securityPool.removeVote(attacked.id),
    api.tx.securityPool.vote(attacked.id, aye(decisive, 'None')),
    api.tx.securityPool.removeVote(attacked.id),
  ].map((tx, i) => send(api, tx, attacker, { nonce: nonce + i })));
  flips.forEach(({ error }, i) => assert.equal(error, undefined, `flip ${i}`));
  const flipBlocks = await Promise.all(flips.map(({ blockHash }) => blockNumber(api, blockHash)));
  const flippedAt = flipBlocks[2];
  assert.deepEqual(flipBlocks, [flippedAt, flippedAt, flippedAt], 'flip, undo and flip in one block');
  assert.ok(flippedAt < attacked.end && flippedAt + confirmPeriod >= attacked.end,
    `the flips landed in block ${flippedAt}, in the window before ${attacked.end}`);

  // Three flips, one move: the end is `confirmPeriod` whole blocks after the block of the last.
  const movedEnd = flippedAt + confirmPeriod + 1;
  const flipHash = flips[2].blockHash;
  const flipEvents = (await poolEvents(api, flipHash)).filter(([, d]) => d.request === attacked.id);
  assert.deepEqual(flipEvents, [
    ['VotingExtended', { request: attacked.id, endsAt: movedEnd, extensions: 1 }],
    ['VoteRemoved', { request: attacked.id, voter: attacker.address }],
    ['Voted', { request: attacked.id, voter: attacker.address, vote: { choice: 'Aye', balance: flipEvents[2]?.[1].vote.balance, conviction: 'None' } }],
    ['VoteRemoved', { request: attacked.id, voter: attacker.address }],
  ]);
  assert.equal(BigInt(flipEvents[2][1].vote.balance), decisive);
  assert.equal(flips.filter(({ events }) => eventData(events, 'VotingExtended')).length, 1, 'only the first flip moved the end');
  // The moved end's window is the `confirmPeriod` blocks after the flip block: a vote sent now
  // lands in it, as the runtime API says.
  const failing = {
    track: null,
    passing: false,
    support: honest,
    supportNeeded: await supportNeeded(api, minSupport, flipHash),
    confirming: true,
    endsAt: movedEnd,
    extensions: 1,
  };
  assert.deepEqual(await referendum(api, attacked.id, flipHash), failing);
  // The attacker's vote is gone, but its balance stays frozen until `voteLockingPeriod` after
  // the end as the flips left it, though it had no conviction.
  const lockedUntil = movedEnd + voteLockingPeriod;
  const voting = (await (await api.at(flipHash)).query.securityPool.votingFor(attacker.address)).unwrap();
  assert.equal(voting.votes.length, 0);
  assert.equal(voting.prior.until.toNumber(), lockedUntil);
  assert.equal(voting.prior.amount.toBigInt(), decisive);
  assert.equal(await frozenBalance(api, attacker.address, flipHash), decisive);

  // An honest aye lands in the last block before the moved end: it is taken, and turns the
  // outcome back, so the end moves again.
  await waitForPoolEvent(api, (_, header) => header.number.toNumber() >= movedEnd - 2);
  assert.deepEqual(await referendum(api, attacked.id, await hashOf(flippedAt + 1)), failing);
  const answer = await send(api, api.tx.securityPool.vote(attacked.id, aye(decisive, 'None')), dev.charlieStash);
  assert.equal(answer.error, undefined);
  const answeredAt = await blockNumber(api, answer.blockHash);
  assert.equal(answeredAt, movedEnd - 1, 'the answer landed in the last block before the end');
  const finalEnd = answeredAt + confirmPeriod + 1;
  assert.deepEqual(eventData(answer.events, 'VotingExtended')?.toJSON(), [attacked.id, finalEnd, 2]);
  assert.deepEqual(await referendum(api, attacked.id, answer.blockHash), {
    track: null,
    passing: true,
    support: honest + decisive,
    supportNeeded: await supportNeeded(api, minSupport, answer.blockHash),
    confirming: true,
    endsAt: finalEnd,
    extensions: 2,
  });

  // Nobody flips again: approved at the final end, paid a timelock later.
  const payableAt = finalEnd + timelock;
  await waitForPoolEvent(api, hasEvent('Paid', attacked.id));
  const blocks = await eventBlocks(attacked.id, attacked.filedAt, payableAt);
  assert.deepEqual(blocks.VotingExtended, [flippedAt, answeredAt]);
  assert.deepEqual(blocks.VoteRemoved, [flippedAt, flippedAt]);
  assert.deepEqual(blocks.Voted.slice(-2), [flippedAt, answeredAt]);
  assert.equal(blocks.Rejected, undefined);
  assert.deepEqual(blocks.Approved, [finalEnd]);
  assert.deepEqual(blocks.Paid, [payableAt]);
  assert.equal((await requestAt(attacked.id, finalEnd)).status.asApproved.payableAt.toNumber(), payableAt);
  assert.equal(await freeBalance(api, victim.address, await hashOf(payableAt)), amount);

  // The control, with the same votes and no flips, is approved at the end of its voting period
  // and paid a timelock later.
  const controlBlocks = await eventBlocks(control.id, control.filedAt, payableAt);
  assert.equal(controlBlocks.VotingExtended, undefined);
  assert.deepEqual(controlBlocks.Approved, [control.end]);
  assert.deepEqual(controlBlocks.Paid, [control.end + timelock]);
  assert.equal(await freeBalance(api, controlVictim.address, await hashOf(control.end + timelock)), amount);

  // The attacker's lock outlives the referendum: frozen at the end and until `lockedUntil`,
  // which `unlock` cannot release a block early; from then it can.
  assert.ok(lockedUntil > finalEnd);
  for (const n of [finalEnd, lockedUntil - 1]) {
    assert.equal(await frozenBalance(api, attacker.address, await hashOf(n)), decisive, `frozen at #${n}`);
  }
  assert.equal(await unlockErrorAt(attacker, lockedUntil - 1), 'securityPool.NothingToUnlock');
  assert.equal(await unlockErrorAt(attacker, lockedUntil), undefined);
  const unlocked = await send(api, api.tx.securityPool.unlock(), attacker);
  assert.equal(unlocked.error, undefined);
  assert.equal(eventData(unlocked.events, 'Unlocked').frozen.toBigInt(), 0n);
  assert.equal(await frozenBalance(api, attacker.address, unlocked.blockHash), 0n);
});

test('a report revealed in the last block of its timelock waits for the veto window, and root vetoes it in between', async () => {
  const { votingPeriod, timelock, vetoWindow } = parameters;
  // Above every track: the general track, whose timelock is long enough to reveal early in it.
  const amount = 300n * UNIT;
  /** `hunter` commits to a report and files it as a High disclosure for `beneficiary`. */
  const disclose = async (hunter, beneficiary, text) => {
    const report = stringToU8a(text);
    const salt = randomAsU8a(32);
    const tx = api.tx.securityPool.submitDisclosure(commitment(hunter.address, report, salt), 'High', amount, beneficiary.address, null);
    const { id, deposit, blockHash } = await submitRequest(api, tx, hunter);
    const filedAt = await blockNumber(api, blockHash);
    return { id, deposit, filedAt, end: filedAt + votingPeriod, hunter, beneficiary, report, salt };
  };
  /** The hunter of `disclosure` reveals its report; resolves with the send's result and block. */
  const reveal = async ({ id, hunter, report, salt }) => {
    const result = await send(api, api.tx.securityPool.revealDisclosure(id, u8aToHex(report), salt), hunter);
    assert.equal(result.error, undefined, `reveal of #${id}`);
    return { ...result, at: await blockNumber(api, result.blockHash) };
  };
  /** Dispatches `call` as root (Alice is sudo; root is the veto origin and the council). */
  const asRoot = async (call) => {
    const result = await send(api, api.tx.sudo.sudo(call), dev.alice);
    assert.equal(result.error, undefined, `${call.method.section}.${call.method.method} as root`);
    return { ...result, at: await blockNumber(api, result.blockHash) };
  };

  const reservedBefore = await reservedBalance(api, dev.daveStash.address);
  const [late, early] = await Promise.all([
    disclose(dev.daveStash, keyring.addFromUri('//LateBounty'), 'The oracle accepts a stale price in the last block of a round.'),
    disclose(dev.eveStash, keyring.addFromUri('//EarlyBounty'), 'The oracle accepts a stale price in the first block of a round.'),
  ]);
  // The council calls both reports Invalid: only their reveal can prove them now. Two ayes of
  // 700,000 pass them anyway.
  await Promise.all([
    (async () => {
      for (const { id } of [late, early]) {
        const { events } = await asRoot(api.tx.securityPool.triage(id, 'Invalid'));
        assert.ok(eventData(events, 'Triaged').verdict.isInvalid);
      }
    })(),
    (async () => {
      for (const { id } of [late, early]) {
        await castAll([[dev.dave, id, aye(700_000n * UNIT, 'Locked1x')], [dev.eve, id, aye(700_000n * UNIT, 'Locked1x')]]);
      }
    })(),
  ]);
  await bestAtLeast(api, Math.max(late.end, early.end));
  for (const disclosure of [late, early]) {
    const blocks = await eventBlocks(disclosure.id, disclosure.filedAt, disclosure.end);
    assert.deepEqual(blocks.Approved, [disclosure.end]);
    const { status, kind } = await requestAt(disclosure.id, disclosure.end);
    disclosure.payableAt = status.asApproved.payableAt.toNumber();
    assert.equal(disclosure.payableAt, disclosure.end + timelock);
    assert.ok(kind.asDisclosure.triage.asJudged.verdict.isInvalid);
    assert.ok(kind.asDisclosure.revealed.isFalse);
  }

  // The control is revealed early in its timelock, `vetoWindow` + 1 blocks or more before it
  // ends: its payout stays where it was.
  const earlyReveal = await reveal(early);
  assert.ok(earlyReveal.at + vetoWindow + 1 <= early.payableAt,
    `revealed in block ${earlyReveal.at}, early enough before ${early.payableAt}`);
  assert.equal(eventData(earlyReveal.events, 'TimelockRestarted'), undefined);
  assert.equal((await requestAt(early.id, earlyReveal.at)).status.asApproved.payableAt.toNumber(), early.payableAt);

  // The other is revealed in the last block of its timelock: its payout moves to `vetoWindow`
  // whole blocks after the reveal.
  await waitForPoolEvent(api, (_, header) => header.number.toNumber() >= late.payableAt - 2);
  const lateReveal = await reveal(late);
  assert.equal(lateReveal.at, late.payableAt - 1, 'revealed in the last block of the timelock');
  const restartedAt = lateReveal.at + vetoWindow + 1;
  assert.deepEqual(eventData(lateReveal.events, 'TimelockRestarted')?.toJSON(), [late.id, restartedAt]);
  const revealed = await requestAt(late.id, lateReveal.at);
  assert.equal(revealed.status.asApproved.payableAt.toNumber(), restartedAt);
  assert.ok(revealed.kind.asDisclosure.revealed.isTrue);

  // The block its timelock used to end in pays it nothing; root reads the report and vetoes it
  // before the moved payout.
  await waitForPoolEvent(api, (_, header) => header.number.toNumber() >= late.payableAt);
  assert.equal((await requestAt(late.id, late.payableAt)).status.asApproved.payableAt.toNumber(), restartedAt);
  const veto = await asRoot(api.tx.securityPool.veto(late.id));
  assert.ok(veto.at >= late.payableAt && veto.at < restartedAt, `vetoed in block ${veto.at}, in the veto window`);
  assert.equal(eventData(veto.events, 'Vetoed').request.toNumber(), late.id);
  const forfeited = eventData(veto.events, 'DepositForfeited');
  assert.equal(forfeited.who.toString(), dev.daveStash.address);
  assert.equal(forfeited.amount.toBigInt(), late.deposit);

  // Past the moved payout: never paid; the request, its report and both deposits are gone (the
  // request's to the pool, the report's back to the hunter).
  await bestAtLeast(api, restartedAt + 1);
  const lateBlocks = await eventBlocks(late.id, late.filedAt, restartedAt + 1);
  assert.equal(lateBlocks.Paid, undefined);
  assert.deepEqual(lateBlocks.TimelockRestarted, [lateReveal.at]);
  assert.deepEqual(lateBlocks.Vetoed, [veto.at]);
  assert.ok((await api.query.securityPool.requests(late.id)).isNone);
  assert.ok((await api.query.securityPool.reports(late.id)).isNone);
  assert.equal(await reservedBalance(api, dev.daveStash.address), reservedBefore);
  assert.equal(await freeBalance(api, late.beneficiary.address), 0n);

  // The control is paid when its timelock ends, once.
  const earlyBlocks = await eventBlocks(early.id, early.filedAt, restartedAt + 1);
  assert.equal(earlyBlocks.TimelockRestarted, undefined);
  assert.deepEqual(earlyBlocks.Paid, [early.payableAt]);
  assert.equal(await freeBalance(api, early.beneficiary.address, await hashOf(early.payableAt)), amount);
});
