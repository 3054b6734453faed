// The security council on a real dev node through Polkadot.js: Alice, Bob and Charlie. One
// member cannot veto an approved claim (signing the veto, acting alone through the council, a
// motion at another threshold, a close before the second aye); two of them veto it by motion
// (propose, two ayes, close) within its timelock and it is not paid, while the claim beside it
// is. A motion is admitted only at the threshold its call takes; the parameters take all three.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import {
  UNIT, ayesFor, closeMotion, councilMembers, devAccounts, motionThreshold, openMotions, proposeMotion, send,
  voteMotion,
} from '@security-pool/client';
import { Node, bestAtLeast } from '@security-pool/client/node';
import { castVotes, freeBalance, submitRequest, vote } from './lib/chain.js';

let node;
let api;
let dev;
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
// Two claims approved together: the council vetoes the first; the second is left to be paid.
const claims = [];

before(async () => {
  dev = await devAccounts();
  node = await new Node({ name: 'council', args: ['--dev'] }).start();
  api = node.api;
  // A longer timelock (root, through the dev chain's sudo) leaves the council's motions time to
  // run while the claims wait.
  const defaults = await api.query.securityPool.parameters();
  const longer = api.tx.securityPool.setParameters({ ...defaults.toJSON(), timelock: 30 });
  assert.equal((await send(api, api.tx.sudo.sudo(longer), dev.alice)).error, undefined);
  const { votingPeriod, timelock } = await api.query.securityPool.parameters();
  for (const name of ['Vetoed', 'Paid']) {
    const beneficiary = keyring.addFromUri(`//Council${name}`).address;
    // 1,000 SPT: the general track (the dev chain's small track ends at 10 SPT).
    const filed = await submitRequest(api, api.tx.securityPool.submitClaim(1_000n * UNIT, beneficiary, `ipfs://${name}`), dev.bob);
    const at = (await api.rpc.chain.getHeader(filed.blockHash)).number.toNumber();
    claims.push({ ...filed, beneficiary, payableAt: at + votingPeriod.toNumber() + timelock.toNumber() });
  }
  for (const { id } of claims) {
    await castVotes(api, id, [[dev.dave, vote(true, 700_000n * UNIT, 'Locked1x')], [dev.eve, vote(true, 700_000n * UNIT, 'Locked1x')]]);
  }
  const approvedBy = Math.max(...claims.map((c) => c.payableAt)) - (await api.query.securityPool.parameters()).timelock.toNumber();
  await bestAtLeast(api, approvedBy);
  for (const { id, payableAt } of claims) {
    const { status } = (await api.query.securityPool.requests(id)).unwrap();
    assert.equal(status.asApproved.payableAt.toNumber(), payableAt);
  }
});

after(async () => node?.destroy());

const status = async (id) => (await api.query.securityPool.requests(id)).unwrapOr(undefined)?.status.type;

test('the dev chain has a council of Alice, Bob and Charlie; a veto takes two ayes, the parameters three', async () => {
  const members = await councilMembers(api);
  assert.deepEqual([...members].sort(), [dev.alice, dev.bob, dev.charlie].map((p) => p.address).sort());
  assert.equal(motionThreshold(api.tx.securityPool.veto(0), 3), 2);
  assert.equal(motionThreshold(api.tx.securityPool.triage(0, 'Confirmed'), 3), 2);
  assert.equal(motionThreshold(api.tx.securityPool.setParameters(await api.query.securityPool.parameters()), 3), 3);
  assert.equal(ayesFor(5, [2, 3]), 4);
  assert.throws(() => motionThreshold(api.tx.securityPool.unlock(), 3), /not a council power/);
});

test('one member cannot veto: signing it, acting alone through the council, or by a motion at another threshold', async () => {
  const [, claim] = claims;
  const veto = api.tx.securityPool.veto(claim.id);

  const signed = await send(api, veto, dev.alice);
  assert.equal(signed.error, 'BadOrigin');
  const alone = await send(api, api.tx.securityCouncil.execute(veto.method, veto.method.encodedLength), dev.alice);
  assert.equal(alone.error, 'BadOrigin');
  // A motion at another threshold than the veto takes (two of three) is not admitted: one aye
  // would run it, and three could never be reached.
  for (const threshold of [1, 3]) {
    const wrong = await send(api, api.tx.securityCouncil.propose(threshold, veto.method, veto.method.encodedLength), dev.alice);
    assert.equal(wrong.error, 'system.CallFiltered', `threshold ${threshold}`);
  }
  assert.deepEqual(await openMotions(api), []);
  const outsider = await send(api, api.tx.securityCouncil.propose(2, veto.method, veto.method.encodedLength), dev.eve);
  assert.equal(outsider.error, 'securityCouncil.NotMember');
  assert.equal(await status(claim.id), 'Approved');
});

test('two of three members veto an approved claim by motion within its timelock, and it is not paid', async () => {
  const [claim] = claims;
  const veto = api.tx.securityPool.veto(claim.id);
  const motion = await proposeMotion(api, veto, dev.alice);
  assert.equal(motion.threshold, 2);
  const [open] = await openMotions(api);
  assert.equal(open.hash, motion.hash);
  assert.equal(open.call.toHex(), veto.method.toHex());
  assert.deepEqual(open.ayes, []);

  // One aye is not enough to close it before its end.
  await voteMotion(api, motion, true, dev.alice);
  const early = await closeMotion(api, open, dev.charlie);
  assert.equal(early.error, 'securityCouncil.TooEarly');
  assert.equal(await status(claim.id), 'Approved');

  await voteMotion(api, motion, true, dev.bob);
  const closed = await closeMotion(api, open, dev.charlie);
  assert.equal(closed.error, undefined);
  assert.equal(closed.approved, true);
  assert.ok(closed.events.some((e) => api.events.securityPool.Vetoed.is(e) && e.data.request.toNumber() === claim.id));
  assert.ok(closed.blockNumber < claim.payableAt, `closed at ${closed.blockNumber}, payable at ${claim.payableAt}`);
  assert.equal(await status(claim.id), undefined);
  assert.deepEqual(await openMotions(api), []);

  // Past the timelock's end: nothing was paid.
  await bestAtLeast(api, claim.payableAt + 1);
  assert.equal(await freeBalance(api, claim.beneficiary), 0n);
});

test('the claim the council left alone is paid when its timelock ends', async () => {
  const [, claim] = claims;
  await bestAtLeast(api, claim.payableAt);
  assert.equal(await freeBalance(api, claim.beneficiary), 1_000n * UNIT);
});

test('the parameters take all three members: a motion at two ayes is not admitted, at three it runs', async () => {
  const parameters = await api.query.securityPool.parameters();
  const change = api.tx.securityPool.setParameters({ ...parameters.toJSON(), vetoWindow: 2 });
  const byTwo = await send(api, api.tx.securityCouncil.propose(2, change.method, change.method.encodedLength), dev.alice);
  assert.equal(byTwo.error, 'system.CallFiltered');
  assert.deepEqual(await openMotions(api), []);

  const motion = await proposeMotion(api, change, dev.alice);
  assert.equal(motion.threshold, 3);
  const [three] = await openMotions(api);
  await Promise.all([dev.alice, dev.bob].map((member) => voteMotion(api, three, true, member)));
  const early = await closeMotion(api, three, dev.charlie);
  assert.equal(early.error, 'securityCouncil.TooEarly');
  assert.equal((await api.query.securityPool.parameters()).vetoWindow.toNumber(), parameters.vetoWindow.toNumber());
  await voteMotion(api, three, true, dev.charlie);
  const ran = await closeMotion(api, three, dev.charlie);
  assert.equal(ran.error, undefined);
  assert.equal((await api.query.securityPool.parameters()).vetoWindow.toNumber(), 2);
});
