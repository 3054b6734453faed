// Crash and restart: a node holding an approved request in its timelock is killed with SIGKILL
// and restarted on the same ParityDB; the payout happens exactly once and nothing else is lost.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { UNIT, devAccounts } from '@security-pool/client';
import { Node, bestAtLeast, finalizedAtLeast } from '@security-pool/client/node';
import {
  castVotes, freeBalance, hasEvent, poolEvents, submitRequest, vote, waitForPoolEvent,
} from './lib/chain.js';

let node;
let dev;

before(async () => {
  dev = await devAccounts();
  node = await new Node({ name: 'restart', args: ['--dev'] }).start();
});

after(async () => node?.destroy());

test('an approved payout survives kill -9 and is paid exactly once', async () => {
  let { api } = node;
  const survivor = new Keyring({ type: 'sr25519' }).addFromUri('//Survivor');
  const amount = 1_234n * UNIT;
  const { id } = await submitRequest(api, api.tx.securityPool.submitClaim(amount, survivor.address, 'cid'), dev.ferdie);
  await castVotes(api, id, [dev.charlie, dev.dave].map((voter) => [voter, vote(true, 700_000n * UNIT, 'Locked1x')]));
  const approvedAt = await waitForPoolEvent(api, hasEvent('Approved', id));
  const approvedNumber = (await api.rpc.chain.getHeader(approvedAt)).number.toNumber();
  const { payableAt } = (await api.query.securityPool.requests(id)).unwrap().status.asApproved;

  // What must survive: a finalized block and the state at it.
  const finalized = await finalizedAtLeast(api, approvedNumber);
  const snapshot = async (a, hash) => {
    const at = await a.at(hash);
    return JSON.stringify([
      (await at.query.securityPool.requests(id)).toJSON(),
      (await at.query.securityPool.votingFor(dev.charlie.address)).toJSON(),
      (await at.query.balances.freezes(dev.charlie.address)).toJSON(),
      (await at.query.system.account(dev.ferdie.address)).toJSON(),
    ]);
  };
  const before = await snapshot(api, finalized.hash);
  assert.ok((await api.query.securityPool.requests(id)).unwrap().status.isApproved);

  await node.stop('SIGKILL');
  await node.start();
  api = node.api;

  assert.equal((await api.rpc.chain.getBlockHash(finalized.number)).toHex(), finalized.hash.toHex());
  assert.equal(await snapshot(api, finalized.hash), before);

  await bestAtLeast(api, payableAt.toNumber() + 2);
  let payouts = 0;
  for (let n = approvedNumber; n <= payableAt.toNumber() + 2; n += 1) {
    const hash = await api.rpc.chain.getBlockHash(n);
    payouts += (await poolEvents(api, hash)).filter(([name, d]) => name === 'Paid' && d.request === id).length;
  }
  assert.equal(payouts, 1);
  assert.equal(await freeBalance(api, survivor.address), amount);
  assert.ok((await api.query.securityPool.requests(id)).isNone);
});
