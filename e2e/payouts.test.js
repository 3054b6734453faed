// Payouts when the pool runs short, on a real dev node: owed requests are paid in approval order
// from later inflows, and a beneficiary whose account was reaped does not block the next request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { UNIT, devAccounts, poolAccount, send } from '@security-pool/client';
import { Node } from '@security-pool/client/node';
import {
  castVotes, freeBalance, hasEvent, poolEvents, submitRequest, vote, waitForPoolEvent,
} from './lib/chain.js';

let node;
let api;
let dev;
let pool;
let ED;

before(async () => {
  dev = await devAccounts();
  node = await new Node({ name: 'payouts', args: ['--dev'] }).start();
  api = node.api;
  pool = await poolAccount(api);
  ED = api.consts.balances.existentialDeposit.toBigInt();
});

after(async () => node?.destroy());

/** The `Paid` events of block `blockHash`, amounts as bigints. */
async function payments(blockHash) {
  return (await poolEvents(api, blockHash))
    .filter(([name]) => name === 'Paid')
    .map(([, d]) => ({ ...d, amount: BigInt(d.amount), remaining: BigInt(d.remaining) }));
}

/** Bob donates `amount` to the pool. */
async function contribute(amount) {
  assert.equal((await send(api, api.tx.securityPool.contribute(amount), dev.bob)).error, undefined);
}

test('a reaped beneficiary\'s request does not block a later one', async () => {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const x = keyring.addFromUri('//ReapedBeneficiary');
  const y = keyring.addFromUri('//LaterBeneficiary');
  const [amountA, amountB] = [1_000n * UNIT, 100n * UNIT];
  const { id: a } = await submitRequest(api, api.tx.securityPool.submitClaim(amountA, x.address, 'cid-a'), dev.eve);
  const { id: b } = await submitRequest(api, api.tx.securityPool.submitClaim(amountB, y.address, 'cid-b'), dev.ferdie);
  for (const id of [a, b]) {
    await castVotes(api, id, [dev.charlie, dev.dave].map((voter) => [voter, vote(true, 700_000n * UNIT, 'Locked1x')]));
  }
  await waitForPoolEvent(api, hasEvent('Approved', b));
  const { payableAt } = (await api.query.securityPool.requests(a)).unwrap().status.asApproved;

  // Root takes the pool down to the existential deposit during the timelocks: at payout the
  // fee shares since then are below the existential deposit, so nothing can be paid.
  const drain = api.tx.balances.forceTransfer(pool, dev.bob.address, (await freeBalance(api, pool)) - ED);
  const drained = await send(api, api.tx.sudo.sudo(drain), dev.alice);
  assert.equal(drained.error, undefined);
  assert.ok((await api.rpc.chain.getHeader(drained.blockHash)).number.toNumber() < payableAt.toNumber());
  const seen = [];
  await waitForPoolEvent(api, hasEvent('PayoutOwed', b), { seen });
  const owed = seen.filter(([, n]) => n === 'PayoutOwed').map(([, , d]) => [d.request, BigInt(d.remaining)]);
  assert.deepEqual(owed, [[a, amountA], [b, amountB]]);

  // A part of A's amount comes in: A, first in the queue, gets all the pool can spare.
  const partAt = waitForPoolEvent(api, hasEvent('Paid', a));
  await contribute(400n * UNIT);
  const partBlock = await partAt;
  const { parentHash } = await api.rpc.chain.getHeader(partBlock);
  const part = (await freeBalance(api, pool, parentHash)) - ED;
  const rest = amountA - part;
  assert.ok(rest >= ED);
  assert.deepEqual(await payments(partBlock), [{ request: a, payee: x.address, amount: part, remaining: rest }]);
  assert.equal(await freeBalance(api, x.address, partBlock), part);

  // X's account is reaped: it sends everything away.
  const reaped = await send(api, api.tx.balances.transferAll(dev.bob.address, false), x);
  assert.equal(reaped.error, undefined);
  assert.ok(reaped.events.some((e) => api.events.system.KilledAccount.is(e)));
  assert.equal(await freeBalance(api, x.address, reaped.blockHash), 0n);

  // Enough for both comes in: in one block the rest of A recreates X's account and B is paid.
  const fullAt = waitForPoolEvent(api, hasEvent('Paid', b), { seen });
  await contribute(amountA + amountB);
  const fullBlock = await fullAt;
  assert.deepEqual(await payments(fullBlock), [
    { request: a, payee: x.address, amount: rest, remaining: 0n },
    { request: b, payee: y.address, amount: amountB, remaining: 0n },
  ]);
  assert.equal(await freeBalance(api, x.address, fullBlock), rest);
  assert.equal(await freeBalance(api, y.address, fullBlock), amountB);
  assert.ok(!seen.some(([, n]) => n === 'PaymentRefused'));
  for (const id of [a, b]) assert.ok((await api.query.securityPool.requests(id)).isNone);
});
