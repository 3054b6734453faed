// Load: 200 funded accounts each vote once on the same request within a few blocks; every vote
// is included and the tally equals their sums exactly (the support: the ayes' balance, as nays
// never count toward it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { UNIT, devAccounts } from '@security-pool/client';
import { Node } from '@security-pool/client/node';
import { countPerBlock, submitRequest } from './lib/chain.js';

const VOTERS = 200;
let node;
let api;
let dev;

before(async () => {
  dev = await devAccounts();
  node = await new Node({ name: 'load', args: ['--dev', '--pool-limit', '10000'] }).start();
  api = node.api;
});

after(async () => node?.destroy());

test(`${VOTERS} accounts vote on one request and the tally is exact`, async () => {
  const keyring = new Keyring({ type: 'sr25519' });
  const voters = Array.from({ length: VOTERS }, (_, i) => keyring.addFromUri(`//Load//${i}`));

  // Fund them from Alice in one go.
  const funded = countPerBlock(api, (e) => api.events.balances.Endowed.is(e), VOTERS, { what: 'endowed' });
  let nonce = (await api.rpc.system.accountNextIndex(dev.alice.address)).toNumber();
  await Promise.all(voters.map((v) =>
    api.tx.balances.transferKeepAlive(v.address, 1_000n * UNIT).signAndSend(dev.alice, { nonce: nonce++ })));
  await funded;

  const { id } = await submitRequest(api, api.tx.securityPool.submitClaim(100n * UNIT, dev.bob.address, 'cid'), dev.bob);

  const balances = voters.map((_, i) => BigInt(i + 1) * UNIT);
  const included = countPerBlock(api, (e) => api.events.securityPool.Voted.is(e), VOTERS, { what: 'votes' });
  const start = Date.now();
  await Promise.all(voters.map((v, i) =>
    api.tx.securityPool.vote(id, { choice: i % 3 !== 0 ? 'Aye' : 'Nay', balance: balances[i], conviction: 'Locked1x' })
      .signAndSend(v, { nonce: 0 })));
  const blocks = await included;
  const seconds = (blocks.at(-1).at - start) / 1000;
  console.log(`# ${VOTERS} votes included in ${blocks.length} blocks (#${blocks[0].number}–#${blocks.at(-1).number}), `
    + `${seconds.toFixed(1)} s from submission: ${(VOTERS / seconds).toFixed(1)} votes/s`);
  assert.ok(blocks.length <= 3, `within a few blocks, not ${blocks.length}`);

  const { tally } = (await api.query.securityPool.requests(id)).unwrap().status.asVoting;
  const sum = (pick) => balances.filter((_, i) => pick(i)).reduce((a, b) => a + b, 0n);
  // Support is the unweighted balance of ayes and abstentions: here the ayes' (Locked1x, weighed
  // 1×, so their weighted sum too); the nays' balance never counts toward it.
  assert.equal(tally.support.toBigInt(), sum((i) => i % 3 !== 0));
  assert.equal(tally.ayes.toBigInt(), sum((i) => i % 3 !== 0));
  assert.equal(tally.nays.toBigInt(), sum((i) => i % 3 === 0));
  assert.equal(tally.votes.toNumber(), VOTERS);
});
