// Throughput on a running dev node: how many votes, balance transfers and incident claims blocks
// include per second when the transaction pool holds more than a block can take.
//
//   node perf/throughput.js [out.json]     (ACCOUNTS=3000 by default: two full blocks of each)
//
// ACCOUNTS fresh accounts are funded first, and an incident is declared and voted through whose
// loss list has LEAVES leaves (600,000 by default: more than 2^19, so every claim below leaf 2^19
// carries a 20-hash proof), all of them fresh accounts that never existed. Then each account
// casts one vote (all pre-signed, submitted at once), and then each makes one
// `transfer_allow_death` to a fresh account (likewise). Once the incident's claim window is open,
// the first CLAIMS victims' claims (2 × ACCOUNTS by default: claims are lighter, and need no
// funded account) are submitted unsigned (likewise). Every block is read for the calls' events.
// A phase's rate is taken over its full blocks (built after the submission ended and before the
// pool ran dry: all but the last) and over all its blocks.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { palletSourceHash } from '../../scripts/benchmarks/source.mjs';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { MerkleTree, UNIT, devAccounts, leafBytes, send } from '@security-pool/client';
import { Node } from '@security-pool/client/node';
import { castVotes, countPerBlock, submitRequest, vote, waitForPoolEvent } from '../lib/chain.js';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 3000);
const LEAVES = Number(process.env.LEAVES ?? 600_000);
const CLAIMS = Math.min(Number(process.env.CLAIMS ?? 2 * ACCOUNTS), 2 ** 19, LEAVES);
const IN_FLIGHT = 256;
const out = process.argv[2];

/**
 * Signs `[tx, signer, nonce]` entries offline (immortal, against genesis), yielding to the event
 * loop now and then so the connection stays served.
 */
async function signAll(api, entries) {
  const signed = [];
  for (const [tx, signer, nonce] of entries) {
    signed.push(tx.sign(signer, {
      blockHash: api.genesisHash,
      genesisHash: api.genesisHash,
      nonce,
      runtimeVersion: api.runtimeVersion,
      signedExtensions: api.registry.signedExtensions,
      version: api.extrinsicType,
    }));
    if (signed.length % 200 === 0) await new Promise((r) => setImmediate(r));
  }
  return signed;
}

/** Submits pre-signed extrinsics with at most `IN_FLIGHT` requests outstanding. */
async function submitAll(api, signed) {
  let next = 0;
  const worker = async () => {
    while (next < signed.length) {
      const tx = signed[next++];
      await api.rpc.author.submitExtrinsic(tx);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

/**
 * Runs one phase: every account signs `build(i)` with `nonce` (or the `unsigned` transactions are
 * taken as they are); all are submitted at once.
 */
async function phase(api, name, { accounts, nonce, build, unsigned, matches, slotSeconds }) {
  let signed = unsigned;
  if (!signed) {
    console.log(`${name}: signing ${accounts.length}`);
    signed = await signAll(api, accounts.map((account, i) => [build(i), account, nonce]));
  }
  const count = signed.length;
  const included = countPerBlock(api, matches, count, { what: name, ms: 600_000 });
  const started = Date.now();
  await submitAll(api, signed);
  const submitSeconds = (Date.now() - started) / 1000;
  const submittedBy = (await api.rpc.chain.getHeader()).number.toNumber();
  const blocks = await included;
  // Built while the pool held every remaining transaction: after the submission, before the last.
  const full = blocks.filter((b) => b.number > submittedBy).slice(0, -1);
  const sum = (list) => list.reduce((a, b) => a + b.n, 0);
  const result = {
    name,
    transactions: count,
    submitSeconds,
    submittedBy,
    blocks,
    fullBlocks: full.map((b) => b.number),
    perSecondOverall: count / (blocks.length * slotSeconds),
    perSecondFullBlocks: full.length ? sum(full) / (full.length * slotSeconds) : null,
  };
  console.log(`${name}: ${count} in ${blocks.length} blocks `
    + `(${blocks.map((b) => b.n).join(' + ')}); submitted in ${submitSeconds.toFixed(1)} s; `
    + `${result.perSecondFullBlocks?.toFixed(1)} /s in full blocks, `
    + `${result.perSecondOverall.toFixed(1)} /s overall`);
  return result;
}

const dev = await devAccounts();
const node = await new Node({
  name: 'throughput',
  args: ['--dev', '--pool-limit', String(Math.max(3 * ACCOUNTS, CLAIMS)), '--pool-kbytes', '204800'],
}).start();
try {
  const { api } = node;
  const slotSeconds = api.consts.aura.slotDuration.toNumber() / 1000;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  // Hard derivations of one key: cheap, unlike a mnemonic per account.
  const base = keyring.addFromUri('//Perf');
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => base.derive(`//${i}`));
  const receivers = Array.from({ length: ACCOUNTS }, (_, i) => base.derive(`//to//${i}`));

  // Fund the accounts from the dev accounts, a share each.
  const funders = Object.values(dev);
  const nonces = await Promise.all(funders.map((f) => api.rpc.system.accountNextIndex(f.address)));
  const funding = await signAll(api, accounts.map((account, i) => [
    api.tx.balances.transferKeepAlive(account.address, 100n * UNIT),
    funders[i % funders.length],
    nonces[i % funders.length].toNumber() + Math.floor(i / funders.length),
  ]));
  console.log(`funding ${ACCOUNTS} accounts`);
  const funded = countPerBlock(api, (e) => api.events.balances.Endowed.is(e), ACCOUNTS, { what: 'funded', ms: 600_000 });
  await submitAll(api, funding);
  await funded;

  // The incident: a loss list of LEAVES leaves, built here as the pallet defines it; its first
  // CLAIMS leaves are the victims who claim, each claim with a full-depth proof.
  console.log(`incident: building a loss list of ${LEAVES} leaves`);
  const listStarted = Date.now();
  const keys = new Uint8Array(randomBytes(32 * LEAVES));
  const leaves = Array.from({ length: LEAVES }, (_, i) => ({
    index: i,
    account: keys.subarray(32 * i, 32 * i + 32),
    amount: 10n * UNIT + BigInt(i),
  }));
  const tree = new MerkleTree(leaves.map((l) => leafBytes(l.index, l.account, l.amount)));
  const root = u8aToHex(tree.root);
  const total = leaves.reduce((a, l) => a + l.amount, 0n);
  const proofItems = tree.proof(0).length;
  console.log(`incident: root ${root}, total ${total}, ${proofItems}-hash proofs, `
    + `built in ${((Date.now() - listStarted) / 1000).toFixed(1)} s`);
  const maxPeriod = api.consts.securityPool.maxClaimPeriod.toNumber();
  const declared = await send(api, api.tx.securityPool.declareIncident(
    'throughput', total, LEAVES, root, Math.min(maxPeriod, 600)), dev.alice);
  if (declared.error) throw new Error(`declareIncident: ${declared.error}`);
  const incident = declared.events.find((e) => api.events.securityPool.IncidentDeclared.is(e)).data.incident.toNumber();
  await castVotes(api, incident, [dev.charlie, dev.dave].map((voter) => [voter, vote(true, 700_000n * UNIT, 'Locked1x')]));
  const opened = waitForPoolEvent(api, (events) =>
    events.some(([n, d]) => n === 'CompensationOpened' && d.incident === incident), { ms: 600_000 });
  opened.catch(() => {});

  // One request whose referendum outlasts the measurement.
  const parameters = (await api.query.securityPool.parameters()).toJSON();
  const set = await send(api, api.tx.sudo.sudo(api.tx.securityPool.setParameters({ ...parameters, votingPeriod: 10_000, tracks: [] })), dev.alice);
  if (set.error) throw new Error(`setParameters: ${set.error}`);
  const { id: request } = await submitRequest(api, api.tx.securityPool.submitClaim(100n * UNIT, dev.bob.address, 'cid'), dev.bob);

  const votes = await phase(api, 'votes', {
    accounts,
    nonce: 0,
    slotSeconds,
    build: () => api.tx.securityPool.vote(request, { choice: 'Aye', balance: 10n * UNIT, conviction: 'Locked1x' }),
    matches: (e) => api.events.securityPool.Voted.is(e),
  });
  const transfers = await phase(api, 'transfers', {
    accounts,
    nonce: 1,
    slotSeconds,
    build: (i) => api.tx.balances.transferAllowDeath(receivers[i].address, UNIT),
    matches: (e) => api.events.balances.Transfer.is(e),
  });

  console.log('claims: waiting for the claim window');
  await opened;
  const { budget } = (await api.call.securityPoolApi.incident(incident)).unwrap();
  const claimed = leaves.slice(0, CLAIMS);
  const claims = await phase(api, 'claims', {
    slotSeconds,
    unsigned: claimed.map((l) => api.tx.securityPool.claimCompensation(incident, l.index, l.account, l.amount, tree.proof(l.index))),
    matches: (e) => api.events.securityPool.Compensated.is(e),
  });
  const shares = claimed.reduce((a, l) => a + (l.amount * budget.toBigInt()) / total, 0n);
  if ((await api.call.securityPoolApi.incident(incident)).unwrap().paid.toBigInt() !== shares) {
    throw new Error('claims missing from the incident\'s paid amount');
  }

  // Why the node's proposer ended each block, from its log.
  const proposals = new Map([...readFileSync(node.logPath, 'utf8')
    .matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\).*?end: (\w+)/g)]
    .map(([, number, ms, end]) => [Number(number), { ms: Number(ms), end }]));
  for (const block of [...votes.blocks, ...transfers.blocks, ...claims.blocks]) Object.assign(block, proposals.get(block.number));

  const { tally } = (await api.query.securityPool.requests(request)).unwrap().status.asVoting;
  // Every vote is an aye: each counts its balance toward support.
  if (tally.support.toBigInt() !== BigInt(ACCOUNTS) * 10n * UNIT) throw new Error('votes missing from the tally');

  const weights = api.consts.system.blockWeights;
  const report = {
    date: new Date().toISOString(),
    node: (await api.rpc.system.version()).toString(),
    // The pallet code measured: the report refuses a run on other code.
    palletSource: palletSourceHash(),
    accounts: ACCOUNTS,
    slotSeconds,
    maxBlockRefTime: weights.maxBlock.refTime.toString(),
    normalMaxTotalRefTime: weights.perClass.normal.maxTotal.unwrap().refTime.toString(),
    extrinsicBaseRefTime: weights.perClass.normal.baseExtrinsic.refTime.toString(),
    votes,
    transfers,
    ratio: votes.perSecondFullBlocks / transfers.perSecondFullBlocks,
    // Unsigned `claim_compensation` of fresh accounts, from a list of `claimLeaves` leaves
    // (`claimProofItems` hashes per proof).
    claimLeaves: LEAVES,
    claimProofItems: proofItems,
    claims,
    claimsRatio: claims.perSecondFullBlocks / transfers.perSecondFullBlocks,
  };
  console.log(`votes per second / transfers per second: ${report.ratio.toFixed(3)}`);
  console.log(`claims per second / transfers per second: ${report.claimsRatio.toFixed(3)}`);
  if (out) writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await node.destroy();
}
