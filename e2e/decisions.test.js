// Decisions on a real dev node: a small claim takes the fast track and is paid before a large one
// filed with it, at the blocks its parameters give; a vote that flips a referendum in its last
// blocks moves the end so that the confirmation window follows it, seen in the events and the
// runtime API; a track whose open requests reach its cap sends the next one to the general track.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { UNIT, devAccounts, referendum, send, trackFor } from '@security-pool/client';
import { Node, bestAtLeast } from '@security-pool/client/node';
import {
  blockNumber, blocksWith, castVotes, hasEvent, supportNeeded, vote, waitForPoolEvent,
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
  // Both votes on a request at once (for one block), so that the small track's short vote passes
  // well before its confirmation window, however busy the machine.
  for (const id of [a.id, b.id]) {
    await Promise.all([dev.charlie, dev.dave].map((voter) => castVotes(api, id, [[voter, vote(true, 700_000n * UNIT, 'Locked1x')]])));
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
  const { confirmPeriod } = parameters;
  await castVotes(api, id, [dev.charlie, dev.dave].map((voter) => [voter, vote(true, 700_000n * UNIT, 'Locked1x')]));
  const head = await api.rpc.chain.getBlockHash();
  assert.deepEqual(await referendum(api, id, head), {
    track: null,
    passing: true,
    support: 1_400_000n * UNIT,
    supportNeeded: await supportNeeded(api, parameters.minSupport, head),
    confirming: false,
    endsAt: end,
    extensions: 0,
  });

  // The confirmation window is the last `confirmPeriod` blocks of voting: block n is in it when
  // n + confirmPeriod >= end. Wait for the block before it; the snipe lands in the window.
  await waitForPoolEvent(api, (_, header) => header.number.toNumber() >= end - confirmPeriod - 1);
  const snipe = await send(api, api.tx.securityPool.vote(id, vote(false, 900_000n * UNIT, 'Locked6x')), dev.ferdie);
  assert.equal(snipe.error, undefined);
  const votedAt = await blockNumber(api, snipe.blockHash);
  assert.ok(votedAt < end && votedAt + confirmPeriod >= end, `the snipe landed in block ${votedAt}`);
  // `confirmPeriod` whole blocks follow the flip, in which the ayes could answer.
  const endsAt = votedAt + confirmPeriod + 1;
  const extended = snipe.events.find((e) => e.section === 'securityPool' && e.method === 'VotingExtended');
  assert.deepEqual(extended?.data.toJSON(), [id, endsAt, 1]);
  // Nays never count as support: the snipe leaves it as it was. The moved end's window is the
  // `confirmPeriod` blocks after the snipe's: a vote sent now lands in it, as the runtime API
  // says in the snipe's block and the next.
  const sniped = {
    track: null,
    passing: false,
    support: 1_400_000n * UNIT,
    supportNeeded: await supportNeeded(api, parameters.minSupport, snipe.blockHash),
    confirming: true,
    endsAt,
    extensions: 1,
  };
  assert.deepEqual(await referendum(api, id, snipe.blockHash), sniped);
  await bestAtLeast(api, votedAt + 1);
  assert.deepEqual(await referendum(api, id, await api.rpc.chain.getBlockHash(votedAt + 1)), sniped);

  // Nobody answers: the referendum ends, rejected, at the moved end and not before.
  await waitForPoolEvent(api, hasEvent('Rejected', id));
  assert.deepEqual(await blocksWith(api, 'Rejected', id, filedAt, endsAt), [endsAt]);
});

test('a track whose open requests ask for its maxOpen sends the next request to the general track', async () => {
  const [small] = parameters.tracks;
  const [maxAmount, maxOpen] = [BigInt(small.maxAmount), BigInt(small.maxOpen)];
  const openOnTrack = async () => (await api.query.securityPool.openByTrack())[0].toBigInt();
  const open = await openOnTrack();
  const room = Number((maxOpen - open) / maxAmount);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const filers = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((name) => keyring.addFromUri(`//${name}//stash`));
  assert.ok(room >= 1 && room <= filers.length, `room for ${room} requests of the track's maximum`);
  const trackOf = async (id) => (await api.query.securityPool.requests(id)).unwrap().terms.track.toJSON();

  // As many of the track's largest requests as fit: all on the track.
  const fitting = await Promise.all(filers.slice(0, room).map((filer) => fileClaim(maxAmount, filer)));
  for (const { id } of fitting) {
    assert.equal(await trackOf(id), 0);
    assert.equal((await referendum(api, id)).track, 0);
  }
  assert.equal(await openOnTrack(), open + BigInt(room) * maxAmount);

  // One more that the track would cover but that takes it past its cap (one unit more than the
  // room left, 1 SPT when none is) goes to the general track, with its longer vote.
  const left = maxOpen - open - BigInt(room) * maxAmount;
  const choice = await trackFor(api, left + UNIT);
  assert.deepEqual([choice.index, choice.track.votingPeriod], [null, parameters.votingPeriod], 'the runtime API: the general track');
  if (left > 0n) assert.equal((await trackFor(api, left)).index, 0, 'the runtime API: what is left still fits the track');
  const beyond = await fileClaim(left + UNIT, dev.bob);
  assert.equal(await trackOf(beyond.id), null);
  const status = (await api.query.securityPool.requests(beyond.id)).unwrap().status.asVoting;
  assert.equal(status.endsAt.toNumber(), beyond.filedAt + parameters.votingPeriod);
  assert.equal(await openOnTrack(), open + BigInt(room) * maxAmount);
});
