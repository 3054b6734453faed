// Decisions on a real dev node: a small claim takes the fast track and is paid before a large one
// filed with it, at the blocks its parameters give; a vote that flips a referendum in its last
// blocks moves the end, seen in the events and the runtime API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Node } from './lib/node.js';
import {
  UNIT, blockNumber, blocksWith, castVotes, devAccounts, hasEvent, send, vote, waitForPoolEvent,
} from './lib/chain.js';

let node;
let api;
let dev;
let parameters;

before(async () => {
  dev = await devAccounts();
  node = await new Node({ name: 'decisions', args: ['--dev'] }).start();
  api = node.api;
  parameters = (await api.query.securityPool.parameters()).toJSON();
});

after(async () => node?.destroy());

/** Files a claim for `amount` by `signer`; resolves with its id and the block it was filed in. */
async function fileClaim(amount, signer) {
  const { events, error, blockHash } = await send(
    api, api.tx.securityPool.submitClaim(amount, signer.address, 'cid'), signer);
  assert.equal(error, undefined);
  const submitted = events.find((e) => e.section === 'securityPool' && e.method === 'ClaimSubmitted');
  return { id: submitted.data.request.toNumber(), filedAt: await blockNumber(api, blockHash) };
}

test('a small claim takes the fast track and is paid before a large one filed with it', async () => {
  const [small] = parameters.tracks;
  const [smallAmount, largeAmount] = [BigInt(small.maxAmount), BigInt(small.maxAmount) + UNIT];
  const [a, b] = await Promise.all([fileClaim(smallAmount, dev.eve), fileClaim(largeAmount, dev.ferdie)]);
  const terms = async (id) => (await api.query.securityPool.requests(id)).unwrap().terms.toJSON();
  assert.equal((await terms(a.id)).track, 0, 'the amount equal to the track\'s maximum is on it');
  assert.equal((await terms(b.id)).track, null, 'one unit above it takes the general track');
  for (const id of [a.id, b.id]) {
    await castVotes(api, id, [dev.charlie, dev.dave].map((voter) => [voter, vote(true, 700_000n * UNIT, 'Locked1x')]));
  }
  const smallPaidAt = a.filedAt + small.votingPeriod + small.timelock;
  const largePaidAt = b.filedAt + parameters.votingPeriod + parameters.timelock;
  assert.ok(smallPaidAt < largePaidAt);
  await waitForPoolEvent(api, hasEvent('Paid', b.id), { ms: 180_000 });
  assert.deepEqual(await blocksWith(api, 'Paid', a.id, a.filedAt, largePaidAt), [smallPaidAt]);
  assert.deepEqual(await blocksWith(api, 'Paid', b.id, b.filedAt, largePaidAt), [largePaidAt]);
});

test('a flip in the last blocks of a vote moves its end, seen in events and the runtime API', async () => {
  const { id, filedAt } = await fileClaim(1_000n * UNIT, dev.eve);
  const end = filedAt + parameters.votingPeriod;
  await castVotes(api, id, [dev.charlie, dev.dave].map((voter) => [voter, vote(true, 700_000n * UNIT, 'Locked1x')]));
  const before = (await api.call.securityPoolApi.referendum(id)).unwrap().toJSON();
  assert.deepEqual(before, { track: null, passing: true, endsAt: end, extensions: 0 });

  // Wait for a block from which the next one is within the last `confirmPeriod` blocks.
  await waitForPoolEvent(api, (_, header) => header.number.toNumber() >= end - parameters.confirmPeriod);
  const snipe = await send(api, api.tx.securityPool.vote(id, vote(false, 900_000n * UNIT, 'Locked6x')), dev.ferdie);
  assert.equal(snipe.error, undefined);
  const votedAt = await blockNumber(api, snipe.blockHash);
  assert.ok(votedAt < end && votedAt > end - parameters.confirmPeriod, `the snipe landed in block ${votedAt}`);
  const endsAt = votedAt + parameters.confirmPeriod;
  const extended = snipe.events.find((e) => e.section === 'securityPool' && e.method === 'VotingExtended');
  assert.deepEqual(extended?.data.toJSON(), [id, endsAt, 1]);
  const after = (await (await api.at(snipe.blockHash)).call.securityPoolApi.referendum(id)).unwrap().toJSON();
  assert.deepEqual(after, { track: null, passing: false, endsAt, extensions: 1 });

  // Nobody answers: the referendum ends, rejected, at the moved end and not before.
  await waitForPoolEvent(api, hasEvent('Rejected', id));
  assert.deepEqual(await blocksWith(api, 'Rejected', id, filedAt, endsAt), [endsAt]);
});
