// Alice, Bob and Charlie run `--chain local` on loopback: they finalize, a vote sent through
// Bob's RPC counts, the other two keep finalizing while Charlie is down, and Charlie catches up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Node, bestAtLeast, finalizedAtLeast, freePort } from './lib/node.js';
import { UNIT, devAccounts, send } from './lib/chain.js';

// Fixed network keys (validators of a non-dev chain need one); Alice's, 0x…01, has the libp2p
// identity below, and Alice is the others' bootnode.
const nodeKey = (n) => n.toString(16).padStart(64, '0');
const ALICE_PEER = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';

let nodes = {};
let dev;

before(async () => {
  dev = await devAccounts();
  const alicePort = await freePort();
  const boot = `/ip4/127.0.0.1/tcp/${alicePort}/p2p/${ALICE_PEER}`;
  const common = ['--chain', 'local', '--allow-private-ip'];
  nodes.alice = new Node({ name: 'alice', args: [...common, '--alice', '--node-key', nodeKey(1)] });
  nodes.bob = new Node({ name: 'bob', args: [...common, '--bob', '--node-key', nodeKey(2), '--bootnodes', boot] });
  nodes.charlie = new Node({
    name: 'charlie', args: [...common, '--charlie', '--node-key', nodeKey(3), '--bootnodes', boot],
  });
  await nodes.alice.start({ p2pPort: alicePort });
  await Promise.all([nodes.bob.start(), nodes.charlie.start()]);
});

after(async () => Promise.all(Object.values(nodes).map((n) => n.destroy())));

const finalizedNumber = async (node) => (await node.api.rpc.chain.getHeader(
  await node.api.rpc.chain.getFinalizedHead())).number.toNumber();

test('three validators finalize blocks', async () => {
  await Promise.all(Object.values(nodes).map((n) => finalizedAtLeast(n.api, 3, 180_000)));
});

test('a vote sent through Bob counts', async () => {
  const alice = nodes.alice.api;
  const bob = nodes.bob.api;
  const claim = await send(alice, alice.tx.securityPool.submitClaim(10n * UNIT, dev.eve.address, 'cid'), dev.eve);
  const id = claim.events.find((e) => alice.events.securityPool.ClaimSubmitted.is(e)).data.request.toNumber();
  const balance = 12_345n * UNIT;
  const { error, blockHash } = await send(bob, bob.tx.securityPool.vote(id, { aye: true, balance, conviction: 'Locked2x' }), dev.dave);
  assert.equal(error, undefined);
  // Alice sees the vote in the tally once Bob's block reaches her.
  const number = (await bob.rpc.chain.getHeader(blockHash)).number.toNumber();
  await bestAtLeast(alice, number);
  const request = await (await alice.at(await alice.rpc.chain.getBlockHash(number))).query.securityPool.requests(id);
  const { tally } = request.unwrap().status.asVoting;
  assert.equal(tally.turnout.toBigInt(), balance);
  assert.equal(tally.ayes.toBigInt(), 2n * balance);
});

test('Alice and Bob keep finalizing without Charlie, who catches up after a restart', async () => {
  await nodes.charlie.stop('SIGINT');
  const from = await finalizedNumber(nodes.alice);
  await finalizedAtLeast(nodes.alice.api, from + 3, 90_000);
  await finalizedAtLeast(nodes.bob.api, from + 3, 90_000);

  await nodes.charlie.start();
  const best = (await nodes.alice.api.rpc.chain.getHeader()).number.toNumber();
  await bestAtLeast(nodes.charlie.api, best, 120_000);
  await finalizedAtLeast(nodes.charlie.api, from + 3, 120_000);
});
