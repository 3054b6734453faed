// The dev chain runs: blocks are finalized, and a signed transaction's fee grows the pool by
// exactly its 20% share, or by the adaptive share root sets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { devAccounts, poolAccount, send } from '@security-pool/client';
import { Node, finalizedAtLeast } from '@security-pool/client/node';
import { freeBalance } from './lib/chain.js';

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

/**
 * Sends a transfer; resolves with its fee (without the tip), the pool's growth, the block's events,
 * the block and its parent.
 */
async function payFee(api) {
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
  return { fee, growth, events, blockHash, parentHash };
}

test('the pool grows by exactly 20% of a signed transaction\'s fee', async () => {
  const { api } = node;
  const { fee, growth, events, blockHash, parentHash } = await payFee(api);
  assert.equal(growth, (fee * 20n) / 100n);

  const shares = events.filter((e) => api.events.securityPool.FeeShareReceived.is(e));
  assert.deepEqual(shares.map((e) => e.data.amount.toBigInt()), [growth]);

  const atBlock = await api.at(blockHash);
  const atParent = await api.at(parentHash);
  const inflow = async (at) => (await at.call.securityPoolApi.poolStatus()).lifetimeInflow.toBigInt();
  assert.equal((await inflow(atBlock)) - (await inflow(atParent)), growth);
});

const BILLION = 1_000_000_000n;

test('an adaptive fee share set by root follows the reserve block by block, and the fixed share returns', async () => {
  const { api } = node;
  const pool = await poolAccount(api);
  const reserve = await freeBalance(api, pool);
  // The reserve is a quarter of the target: the share is 40% − 32% × 1/4 = 32%, or a little
  // less as the pool grows.
  const adaptive = { floor: 8n * BILLION / 100n, ceiling: 40n * BILLION / 100n, targetReserve: 4n * reserve };
  const setShare = (policy) => send(api, api.tx.sudo.sudo(api.tx.securityPool.setFeeShare(policy)), accounts.alice);
  const set = await setShare(adaptive);
  assert.equal(set.error, undefined);
  assert.ok(set.events.some((e) => api.events.securityPool.FeeShareSet.is(e)));

  const { fee, growth, blockHash, parentHash } = await payFee(api);
  // The block's share is the formula at the pool's balance when the block started, the fall
  // rounded down; the runtime API reports it.
  const atParent = await freeBalance(api, pool, parentHash);
  const fall = ((adaptive.ceiling - adaptive.floor) * atParent) / adaptive.targetReserve;
  const share = await (await api.at(blockHash)).call.securityPoolApi.feeShare();
  assert.equal(share.current.toBigInt(), adaptive.ceiling - fall);
  assert.equal(share.fixed.toBigInt(), 20n * BILLION / 100n);
  assert.equal(share.adaptive.unwrap().targetReserve.toBigInt(), adaptive.targetReserve);
  // The fee paid exactly that share.
  assert.equal(growth, (fee * share.current.toBigInt()) / BILLION);

  assert.equal((await setShare(null)).error, undefined);
  assert.ok((await api.call.securityPoolApi.feeShare()).adaptive.isNone);
  const fixed = await payFee(api);
  assert.equal(fixed.growth, (fixed.fee * 20n) / 100n);
});
