// The product's stories through Polkadot.js on a real dev node: fees fill the pool, a claim and a
// disclosure pass and are paid after the timelock, won votes stay locked until removed and
// unlocked, and a veto, a failed referendum and a cancellation forfeit the deposit to the pool.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import {
  UNIT, commitment, depositFor, devAccounts, poolAccount, poolStatus, send,
} from '@security-pool/client';
import { Node } from '@security-pool/client/node';
import {
  blockNumber, castVotes, freeBalance, hasEvent, submitRequest, vote, waitForPoolEvent,
} from './lib/chain.js';

let node;
let api;
let dev;
let pool;
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });

before(async () => {
  dev = await devAccounts();
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) {
    dev[`${name.toLowerCase()}Stash`] = keyring.addFromUri(`//${name}//stash`);
  }
  node = await new Node({ name: 'lifecycle', args: ['--dev'] }).start();
  api = node.api;
  pool = await poolAccount(api);
});

after(async () => node?.destroy());

/** Dispatches `call` as root (Alice is sudo); resolves with its events and the deposit it forfeited. */
async function asRoot(call) {
  const { events, error } = await send(api, api.tx.sudo.sudo(call), dev.alice);
  assert.equal(error, undefined);
  const forfeited = events.find((e) => api.events.securityPool.DepositForfeited.is(e));
  return { events, forfeited: forfeited.data.amount.toBigInt() };
}

/** The amounts `who`'s votes keep frozen. */
const freezes = async (who) => (await api.query.balances.freezes(who.address)).map((f) => f.amount.toBigInt());

test('fees of several transactions grow the pool by exactly its share', async () => {
  const before = await poolStatus(api);
  let shares = 0n;
  let first;
  let last;
  for (const amount of [1n, 2n, 3n]) {
    const tx = api.tx.balances.transferKeepAlive(dev.ferdie.address, amount * UNIT);
    const { blockHash, events, error } = await send(api, tx, dev.bob);
    assert.equal(error, undefined);
    const paid = events.find((e) => api.events.transactionPayment.TransactionFeePaid.is(e));
    shares += ((paid.data.actualFee.toBigInt() - paid.data.tip.toBigInt()) * 20n) / 100n;
    first ??= (await api.rpc.chain.getHeader(blockHash)).parentHash;
    last = blockHash;
  }
  assert.ok(shares > 0n);
  assert.equal((await freeBalance(api, pool, last)) - (await freeBalance(api, pool, first)), shares);
  const after = await poolStatus(api, last);
  assert.equal(after.lifetimeInflow - before.lifetimeInflow, shares);
});

test('a claim passes its referendum by itself and is paid exactly after the timelock', async () => {
  const victim = keyring.addFromUri('//Victim');
  const amount = 1_000n * UNIT;
  const { id } = await submitRequest(
    api,
    api.tx.securityPool.submitClaim(amount, victim.address, 'ipfs://bafy-incident'),
    dev.ferdie,
  );
  const holds = async () => (await api.query.balances.holds(dev.ferdie.address)).length;
  assert.equal(await holds(), 1);
  await castVotes(api, id, [
    [dev.charlie, vote(true, 700_000n * UNIT, 'Locked2x')],
    [dev.dave, vote(true, 400_000n * UNIT, 'None')],
    [dev.eve, vote(true, 200_000n * UNIT, 'Locked1x')],
  ]);

  const seen = [];
  const approvedAt = await waitForPoolEvent(api, hasEvent('Approved', id), { seen });
  const { payableAt } = (await api.query.securityPool.requests(id)).unwrap().status.asApproved;
  const paid = waitForPoolEvent(api, hasEvent('Paid', id), { seen });

  // Votes on a finished referendum stay frozen until removed. A removed `None` vote frees its
  // balance at once; a won `Locked2x` vote leaves a lock for 2 × voteLockingPeriod (5) blocks from
  // the end, which is as long as the timelock, so `unlock` has nothing to release before the payout.
  for (const voter of [dev.dave, dev.charlie]) {
    assert.equal((await send(api, api.tx.securityPool.removeVote(id), voter)).error, undefined);
  }
  assert.deepEqual(await freezes(dev.dave), []);
  assert.deepEqual(await freezes(dev.charlie), [700_000n * UNIT]);
  const early = await send(api, api.tx.securityPool.unlock(), dev.charlie);
  assert.equal(early.error, 'securityPool.NothingToUnlock');

  const paidAt = await paid;
  const paidNumber = (await api.rpc.chain.getHeader(paidAt)).number.toNumber();
  assert.equal(paidNumber, payableAt.toNumber());

  // Nothing was paid during the timelock; at payout exactly the amount.
  const { parentHash } = await api.rpc.chain.getHeader(paidAt);
  assert.equal(await freeBalance(api, victim.address, approvedAt), 0n);
  assert.equal(await freeBalance(api, victim.address, parentHash), 0n);
  assert.equal(await freeBalance(api, victim.address, paidAt), amount);
  assert.equal(seen.filter(([, n, d]) => n === 'Paid' && d.request === id).length, 1);
  assert.equal(await holds(), 0);
  assert.ok((await api.query.securityPool.requests(id)).isNone);

  // The lock has expired by now.
  const unlocked = await send(api, api.tx.securityPool.unlock(), dev.charlie);
  assert.equal(unlocked.error, undefined);
  const { frozen } = unlocked.events.find((e) => api.events.securityPool.Unlocked.is(e)).data;
  assert.equal(frozen.toBigInt(), 0n);
  assert.deepEqual(await freezes(dev.charlie), []);
});

test('a disclosure is committed, voted, revealed by its submitter only and paid', async () => {
  const researcher = keyring.addFromUri('//Researcher');
  const report = stringToU8a('Integer overflow in the bridge lets anyone mint.');
  const salt = blake2AsU8a(stringToU8a('a secret salt'));
  const committed = commitment(dev.aliceStash.address, report, salt);
  const amount = 500n * UNIT;
  const expectedDeposit = await depositFor(api, 32, amount);
  const { id, deposit } = await submitRequest(
    api,
    api.tx.securityPool.submitDisclosure(committed, 'Critical', amount, researcher.address, null),
    dev.aliceStash,
  );
  assert.equal(deposit, expectedDeposit);
  // A copy of the commitment is refused, whoever files it.
  const copy = await send(api, api.tx.securityPool.submitDisclosure(committed, 'Critical', amount, dev.eveStash.address, null), dev.eveStash);
  assert.equal(copy.error, 'securityPool.DuplicateCommitment');
  await castVotes(api, id, [
    [dev.bobStash, vote(true, 600_000n * UNIT, 'Locked1x')],
    [dev.charlieStash, vote(true, 500_000n * UNIT, 'Locked3x')],
    [dev.daveStash, vote(true, 300_000n * UNIT, 'None')],
  ]);
  await waitForPoolEvent(api, hasEvent('Approved', id));
  const { payableAt } = (await api.query.securityPool.requests(id)).unwrap().status.asApproved;

  // Revealed during the timelock, the disclosure is proven (the council never triaged it), so it
  // is paid when the timelock ends.
  const reveal = (withSalt, signer) => send(api, api.tx.securityPool.revealDisclosure(id, u8aToHex(report), withSalt), signer);
  assert.equal((await reveal(new Uint8Array(32), dev.aliceStash)).error, 'securityPool.CommitmentMismatch');
  assert.equal((await reveal(salt, dev.bobStash)).error, 'securityPool.NotSubmitter');
  assert.ok((await api.query.securityPool.reports(id)).isNone);
  const right = await reveal(salt, dev.aliceStash);
  assert.equal(right.error, undefined);
  const reportDeposit = (await api.query.securityPool.parameters()).depositPerByte.toBigInt() * BigInt(report.length);
  const revealed = right.events.find((e) => api.events.securityPool.DisclosureRevealed.is(e)).data;
  assert.equal(revealed.reportLen.toNumber(), report.length);
  assert.equal(revealed.deposit.toBigInt(), reportDeposit);
  const stored = (await api.query.securityPool.reports(id)).unwrap();
  assert.deepEqual(stored.text.toU8a(true), report);
  assert.equal(stored.author.toString(), dev.aliceStash.address);
  assert.equal(stored.deposit.toBigInt(), reportDeposit);

  const paidAt = await waitForPoolEvent(api, hasEvent('Paid', id));
  assert.equal(await blockNumber(api, paidAt), payableAt.toNumber());
  assert.equal(await freeBalance(api, researcher.address, paidAt), amount);
});

test('a vetoed request is never paid, and a failed or cancelled one forfeits its deposit', async () => {
  const amount = 2_000n * UNIT;
  const claim = async (signer, evidence) => {
    const expected = await depositFor(api, evidence.length, amount);
    const request = await submitRequest(api, api.tx.securityPool.submitClaim(amount, signer.address, evidence), signer);
    assert.equal(request.deposit, expected);
    return request;
  };
  const vetoed = await claim(dev.eveStash, 'cid-1');
  const failing = await claim(dev.ferdieStash, 'cid-2');
  const cancelled = await claim(dev.daveStash, 'cid-3');
  // Each deposit grows with the requests open before it.
  assert.ok(vetoed.deposit < failing.deposit && failing.deposit < cancelled.deposit);
  await castVotes(api, vetoed.id, [
    [dev.bob, vote(true, 700_000n * UNIT, 'Locked1x')],
    [dev.alice, vote(true, 600_000n * UNIT, 'None')],
  ]);
  // Far below 10% of the active issuance.
  await castVotes(api, failing.id, [[dev.bob, vote(true, 10_000n * UNIT, 'Locked6x')]]);

  // Root cancels the third while it votes.
  const cancel = await asRoot(api.tx.securityPool.cancel(cancelled.id));
  assert.ok(cancel.events.some((e) => api.events.securityPool.Cancelled.is(e)));
  assert.equal(cancel.forfeited, cancelled.deposit);
  assert.ok((await api.query.securityPool.requests(cancelled.id)).isNone);

  // The failing referendum ends one block after the other.
  const seen = [];
  await waitForPoolEvent(api, hasEvent('Rejected', failing.id), { seen });
  assert.ok(seen.some(([, n, d]) => n === 'Approved' && d.request === vetoed.id));
  assert.ok(seen.some(([, n, d]) => n === 'DepositForfeited' && d.request === failing.id && BigInt(d.amount) === failing.deposit));

  const { payableAt } = (await api.query.securityPool.requests(vetoed.id)).unwrap().status.asApproved;
  const veto = await asRoot(api.tx.securityPool.veto(vetoed.id));
  assert.equal(veto.forfeited, vetoed.deposit);

  // Past the would-be payout: nothing was paid.
  await waitForPoolEvent(api, (_, header) => header.number.toNumber() >= payableAt.toNumber() + 2, { seen });
  assert.ok(!seen.some(([, n, d]) => n === 'Paid' && d.request === vetoed.id));
  assert.ok((await api.query.securityPool.requests(vetoed.id)).isNone);
});
