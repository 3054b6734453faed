// The product's stories through Polkadot.js on a real dev node: fees fill the pool, a claim and a
// disclosure pass and are paid after the timelock, a veto and a failed referendum forfeit the
// deposit to the pool.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { Node } from './lib/node.js';
import {
  UNIT, devAccounts, freeBalance, poolAccount, poolStatus, send, waitForPoolEvent,
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

const vote = (aye, balance, conviction) => ({ aye, balance, conviction });

/** Submits through `tx`, returns the new request's id (from `…Submitted`). */
async function submit(tx, signer) {
  const { events, error } = await send(api, tx, signer);
  assert.equal(error, undefined);
  const submitted = events.find((e) => e.section === 'securityPool' && e.method.endsWith('Submitted'));
  return submitted.data.request.toNumber();
}

async function castVotes(id, ballots) {
  for (const [signer, ballot] of ballots) {
    const { error } = await send(api, api.tx.securityPool.vote(id, ballot), signer);
    assert.equal(error, undefined);
  }
}

const is = (name, id) => (events) => events.some(([n, d]) => n === name && d.request === id);

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
  const id = await submit(
    api.tx.securityPool.submitClaim(amount, victim.address, 'ipfs://bafy-incident'),
    dev.ferdie,
  );
  const holds = async () => (await api.query.balances.holds(dev.ferdie.address)).length;
  assert.equal(await holds(), 1);
  await castVotes(id, [
    [dev.charlie, vote(true, 700_000n * UNIT, 'Locked2x')],
    [dev.dave, vote(true, 400_000n * UNIT, 'None')],
    [dev.eve, vote(true, 200_000n * UNIT, 'Locked1x')],
  ]);

  const seen = [];
  const approvedAt = await waitForPoolEvent(api, is('Approved', id), { seen });
  const { payableAt } = (await api.query.securityPool.requests(id)).unwrap().status.asApproved;
  const paidAt = await waitForPoolEvent(api, is('Paid', id), { seen });
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
});

test('a disclosure is committed, voted, revealed and paid', async () => {
  const researcher = keyring.addFromUri('//Researcher');
  const report = stringToU8a('Integer overflow in the bridge lets anyone mint.');
  const salt = blake2AsU8a(stringToU8a('a secret salt'));
  const commitment = blake2AsU8a(u8aConcat(report, salt));
  const amount = 500n * UNIT;
  const id = await submit(
    api.tx.securityPool.submitDisclosure(commitment, 'Critical', amount, researcher.address),
    dev.aliceStash,
  );
  await castVotes(id, [
    [dev.bobStash, vote(true, 600_000n * UNIT, 'Locked1x')],
    [dev.charlieStash, vote(true, 500_000n * UNIT, 'Locked3x')],
    [dev.daveStash, vote(true, 300_000n * UNIT, 'None')],
  ]);
  await waitForPoolEvent(api, is('Approved', id));

  const wrong = await send(api, api.tx.securityPool.revealDisclosure(id, u8aToHex(report), new Uint8Array(32)), dev.aliceStash);
  assert.equal(wrong.error, 'securityPool.CommitmentMismatch');
  assert.ok((await api.query.securityPool.reports(id)).isNone);
  const right = await send(api, api.tx.securityPool.revealDisclosure(id, u8aToHex(report), salt), dev.aliceStash);
  assert.equal(right.error, undefined);
  assert.deepEqual((await api.query.securityPool.reports(id)).unwrap().toU8a(true), report);

  const paidAt = await waitForPoolEvent(api, is('Paid', id));
  assert.equal(await freeBalance(api, researcher.address, paidAt), amount);
});

test('a vetoed request is never paid and a failed one forfeits its deposit', async () => {
  const amount = 2_000n * UNIT;
  const vetoed = await submit(
    api.tx.securityPool.submitClaim(amount, dev.eveStash.address, 'cid-1'),
    dev.eveStash,
  );
  const failing = await submit(
    api.tx.securityPool.submitClaim(amount, dev.ferdieStash.address, 'cid-2'),
    dev.ferdieStash,
  );
  const deposit = async (id) => (await api.query.securityPool.requests(id)).unwrap().deposit.toBigInt();
  const [vetoedDeposit, failingDeposit] = [await deposit(vetoed), await deposit(failing)];
  await castVotes(vetoed, [
    [dev.bob, vote(true, 700_000n * UNIT, 'Locked1x')],
    [dev.alice, vote(true, 600_000n * UNIT, 'None')],
  ]);
  // Far below 10% of the active issuance.
  await castVotes(failing, [[dev.bob, vote(true, 10_000n * UNIT, 'Locked6x')]]);

  // The failing referendum ends one block after the other.
  const seen = [];
  await waitForPoolEvent(api, is('Rejected', failing), { seen });
  assert.ok(seen.some(([, n, d]) => n === 'Approved' && d.request === vetoed));
  assert.ok(seen.some(([, n, d]) => n === 'DepositForfeited' && d.request === failing && BigInt(d.amount) === failingDeposit));

  const { payableAt } = (await api.query.securityPool.requests(vetoed)).unwrap().status.asApproved;
  const veto = await send(api, api.tx.sudo.sudo(api.tx.securityPool.veto(vetoed)), dev.alice);
  assert.equal(veto.error, undefined);
  const sudid = veto.events.find((e) => api.events.sudo.Sudid.is(e));
  assert.ok(sudid.data.sudoResult.isOk);
  const forfeited = veto.events.find((e) => api.events.securityPool.DepositForfeited.is(e));
  assert.equal(forfeited.data.amount.toBigInt(), vetoedDeposit);

  // Past the would-be payout: nothing was paid.
  await waitForPoolEvent(api, (_, header) => header.number.toNumber() >= payableAt.toNumber() + 2, { seen });
  assert.ok(!seen.some(([, n, d]) => n === 'Paid' && d.request === vetoed));
  assert.ok((await api.query.securityPool.requests(vetoed)).isNone);
});
