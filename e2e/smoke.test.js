// The dev chain runs: blocks are finalized, and a signed transaction's fee grows the pool by
// exactly its 20% share.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Node, finalizedAtLeast } from './lib/node.js';
import { devAccounts, freeBalance, poolAccount, send } from './lib/chain.js';

let node;
let accounts;

before(async () => {
  accounts = await devAccounts();
  node = await new Node({ name: 'smoke', args: ['--dev'] }).start();
});

after(async () => node?.destroy());

test('the dev chain finalizes blocks', async () => {
  const header = await finalizedAtLeast(node.api, 2);
  assert.ok(header.number.toNumber() >= 2);
});

test('the pool grows by exactly 20% of a signed transaction\'s fee', async () => {
  const { api } = node;
  const pool = await poolAccount(api);
  const transfer = api.tx.balances.transferKeepAlive(accounts.dave.address, 10n ** 12n);
  const { blockHash, events, error } = await send(api, transfer, accounts.bob);
  assert.equal(error, undefined);

  const { parentHash } = await api.rpc.chain.getHeader(blockHash);
  const growth = (await freeBalance(api, pool, blockHash)) - (await freeBalance(api, pool, parentHash));
  const paid = events.filter((e) => api.events.transactionPayment.TransactionFeePaid.is(e));
  assert.equal(paid.length, 1);
  const fee = paid[0].data.actualFee.toBigInt() - paid[0].data.tip.toBigInt();
  assert.ok(fee > 0n);
  assert.equal(growth, (fee * 20n) / 100n);

  const shares = events.filter((e) => api.events.securityPool.FeeShareReceived.is(e));
  assert.deepEqual(shares.map((e) => e.data.amount.toBigInt()), [growth]);

  const atBlock = await api.at(blockHash);
  const atParent = await api.at(parentHash);
  const inflow = async (at) => (await at.call.securityPoolApi.poolStatus()).lifetimeInflow.toBigInt();
  assert.equal((await inflow(atBlock)) - (await inflow(atParent)), growth);
});
