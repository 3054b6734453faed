// The client package against the runtime: the commitment it computes is the runtime's, and the
// rules it reads through the runtime API (`depositFor`, `limits`, `trackFor`, `parameters`,
// `poolAccount`) are what filing requests then meets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import {
  SEVERITIES, UNIT, commitment, commitmentOnChain, depositFor, devAccounts, limits, parameters,
  poolAccount, poolStatus, referendum, send, trackFor,
} from '@security-pool/client';
import { Node } from '@security-pool/client/node';
import { blockNumber, freeBalance, submitRequest } from './lib/chain.js';

let node;
let api;
let dev;

before(async () => {
  dev = await devAccounts();
  node = await new Node({ name: 'rules', args: ['--dev'] }).start();
  api = node.api;
});

after(async () => node?.destroy());

test("the client's commitment is the runtime's, for several submitters, reports and salts", async () => {
  const submitters = [dev.alice.address, dev.bob.address, encodeAddress(randomAsU8a(32), 0)];
  const reports = [new Uint8Array(0), new TextEncoder().encode('Reentrancy in the vault.'), randomAsU8a(4096)];
  const salts = [new Uint8Array(32), new Uint8Array(32).fill(0xff), randomAsU8a(32)];
  const seen = new Set();
  for (const [i, submitter] of submitters.entries()) {
    for (const [j, report] of reports.entries()) {
      const salt = salts[(i + j) % salts.length];
      const ours = commitment(submitter, report, salt);
      // (As hex: Polkadot.js takes a Uint8Array for `Bytes` as already length-prefixed.)
      assert.equal(await commitmentOnChain(api, submitter, u8aToHex(report), salt), ours, `submitter ${i}, report ${j}`);
      seen.add(ours);
    }
  }
  assert.equal(seen.size, submitters.length * reports.length, 'every input commits to its own hash');
});

test('parameters() is the storage item, and poolAccount() holds the pool\'s balance', async () => {
  const best = (await api.rpc.chain.getHeader()).hash.toHex();
  const stored = (await (await api.at(best)).query.securityPool.parameters()).toJSON();
  assert.deepEqual(await parameters(api, best), stored);
  const pool = await poolAccount(api, best);
  assert.equal(await freeBalance(api, pool, best), (await poolStatus(api, best)).balance);
});

test('limits() are the most a request may ask, and depositFor() the deposit it holds', async () => {
  const before = await limits(api);
  assert.ok(before.claim > 0n && before.claim <= before.exposureRoom);
  for (const severity of SEVERITIES) assert.ok(before.disclosure[severity] <= before.claim, severity);
  assert.ok(before.openRequests < before.maxOpenRequests);

  // A token more than a claim's or a Low disclosure's limit is refused (the fees' share that
  // flows in meanwhile raises the limits by far less).
  const over = await send(api, api.tx.securityPool.submitClaim(before.claim + UNIT, dev.dave.address, 'cid'), dev.bob);
  assert.match(over.error, /^securityPool\.Exceeds(MaxPayout|MaxExposure)$/);
  const committed = commitment(dev.bob.address, new Uint8Array([1]), new Uint8Array(32));
  const low = api.tx.securityPool.submitDisclosure(committed, 'Low', before.disclosure.Low + UNIT, dev.dave.address, null);
  assert.match((await send(api, low, dev.bob)).error, /^securityPool\.Exceeds(MaxPayout|MaxExposure|SeverityCap)$/);
  assert.equal((await limits(api)).openRequests, before.openRequests, 'nothing was filed');

  // A claim of exactly the limit is filed, and holds the deposit the runtime API told at its parent.
  const evidence = 'ipfs://bafy-the-whole-limit';
  const { id, deposit, blockHash } = await submitRequest(
    api, api.tx.securityPool.submitClaim(before.claim, dev.dave.address, evidence), dev.bob);
  const { parentHash } = await api.rpc.chain.getHeader(blockHash);
  assert.equal(deposit, await depositFor(api, evidence.length, before.claim, parentHash));
  assert.equal((await api.query.securityPool.requests(id)).unwrap().amount.toBigInt(), before.claim);
  const after = await limits(api, blockHash);
  assert.equal(after.openRequests, before.openRequests + 1);
  assert.ok(after.exposureRoom < before.exposureRoom, 'the claim takes room under the exposure cap');
  // The next request's deposit grows with the open requests.
  assert.ok(await depositFor(api, evidence.length, before.claim, blockHash) > deposit);
});

test('trackFor() is the track a request then takes', async () => {
  const { tracks } = await parameters(api);
  assert.ok(tracks.length > 0, 'the dev chain has a small track');
  const small = BigInt(tracks[0].maxAmount);
  const [fast, general] = await Promise.all([trackFor(api, small), trackFor(api, small + UNIT)]);
  assert.deepEqual(fast, { index: 0, track: { ...tracks[0], maxAmount: small, maxOpen: BigInt(tracks[0].maxOpen) } });
  assert.equal(general.index, null);
  assert.notEqual(general.track.votingPeriod, fast.track.votingPeriod);
  for (const [amount, choice] of [[small, fast], [small + UNIT, general]]) {
    const { id, blockHash } = await submitRequest(api, api.tx.securityPool.submitClaim(amount, dev.eve.address, 'cid'), dev.charlie);
    const filedAt = await blockNumber(api, blockHash);
    const { track, endsAt } = await referendum(api, id, blockHash);
    assert.deepEqual({ track, endsAt }, { track: choice.index, endsAt: filedAt + choice.track.votingPeriod }, `a claim of ${amount}`);
  }
});
