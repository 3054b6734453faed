// The production-like chain (`--chain production`) on loopback: Alice, Bob, Charlie and Dave,
// validators of equal weight, finalize; the chain has no sudo key (no account can act as root) and
// a council of five; a vote sent through Bob's RPC counts; and once Alice, their bootnode, stops,
// the other three (3 of 4, enough for GRANDPA) keep finalizing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT, councilMembers, devAccounts, motionThreshold, send } from '@security-pool/client';
import { Node, bestAtLeast, finalizedAtLeast, freePort, peersAtLeast } from '@security-pool/client/node';
import { submitRequest } from './lib/chain.js';

// Fixed network keys (validators of a non-dev chain need one), 0x…01 for Alice to 0x…04 for Dave.
// A live chain does not look for peers on the local network unless asked (`--discover-local`);
// on loopback the validators find each other that way as well as through the bootnode.
// Alice's has the libp2p identity below, and Alice is the others' bootnode.
const nodeKey = (n) => n.toString(16).padStart(64, '0');
const ALICE_PEER = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];

let nodes = {};
let dev;

before(async () => {
  dev = await devAccounts();
  const alicePort = await freePort();
  const boot = ['--bootnodes', `/ip4/127.0.0.1/tcp/${alicePort}/p2p/${ALICE_PEER}`];
  nodes = Object.fromEntries(VALIDATORS.map((name, i) => [name, new Node({
    name,
    args: ['--chain', 'production', '--allow-private-ip', '--discover-local', `--${name}`, '--node-key', nodeKey(i + 1), ...(i ? boot : [])],
  })]));
  await nodes.alice.start({ p2pPort: alicePort });
  await Promise.all(VALIDATORS.slice(1).map((name) => nodes[name].start()));
});

after(async () => Promise.all(Object.values(nodes).map((n) => n.destroy())));

const finalizedNumber = async (node) => (await node.api.rpc.chain.getHeader(
  await node.api.rpc.chain.getFinalizedHead())).number.toNumber();

test('four validators finalize blocks', async () => {
  await Promise.all(Object.values(nodes).map((n) => finalizedAtLeast(n.api, 3, 180_000)));
});

test('no account holds root: no sudo key, and a sudo call fails; the council has five members', async () => {
  const { api } = nodes.alice;
  assert.equal((await api.query.sudo.key()).isNone, true);
  const remark = api.tx.system.remark('0x00');
  const { error } = await send(api, api.tx.sudo.sudo(remark), dev.alice);
  assert.equal(error, 'sudo.RequireSudo');
  const members = (await councilMembers(api)).sort();
  assert.deepEqual(members, [dev.bob, dev.charlie, dev.dave, dev.eve, dev.ferdie].map((p) => p.address).sort());
  assert.equal(motionThreshold(api.tx.securityPool.veto(0), members.length), 4);
});

test('a vote sent through Bob counts', async () => {
  const alice = nodes.alice.api;
  const bob = nodes.bob.api;
  const { id } = await submitRequest(alice, alice.tx.securityPool.submitClaim(10n * UNIT, dev.eve.address, 'cid'), dev.eve);
  const balance = 12_345n * UNIT;
  const { error, blockHash } = await send(bob, bob.tx.securityPool.vote(id, { choice: 'Aye', balance, conviction: 'Locked2x' }), dev.dave);
  assert.equal(error, undefined);
  // Alice sees the vote in the tally once Bob's block reaches her.
  const number = (await bob.rpc.chain.getHeader(blockHash)).number.toNumber();
  await bestAtLeast(alice, number);
  const request = await (await alice.at(await alice.rpc.chain.getBlockHash(number))).query.securityPool.requests(id);
  const { tally } = request.unwrap().status.asVoting;
  // An aye's balance counts toward support once, unweighted; its conviction weighs the ayes.
  assert.equal(tally.support.toBigInt(), balance);
  assert.equal(tally.ayes.toBigInt(), 2n * balance);
  assert.equal(tally.nays.toBigInt(), 0n);
});

test('Bob, Charlie and Dave keep finalizing once Alice, their bootnode, stops', async () => {
  const others = VALIDATORS.slice(1).map((name) => nodes[name]);
  // Each is connected to all three others, not only to Alice, before she goes.
  await Promise.all(others.map((n) => peersAtLeast(n.api, 3, 90_000)));
  await nodes.alice.stop('SIGINT');
  const from = Math.max(...await Promise.all(others.map(finalizedNumber)));
  await Promise.all(others.map((n) => finalizedAtLeast(n.api, from + 5, 120_000)));
});
