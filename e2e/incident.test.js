// An incident of 10,000 victims on a real dev node. The loss list (accounts that never existed,
// and a few dev accounts that do; a total far above what the pool holds) is built, proven and
// verified with the `security-pool-incident` CLI, and checked against the tree as the pallet
// defines it. The incident is declared and voted through; its budget is what the pool could
// spare at approval. Every victim's claim is submitted unsigned and free, with many in flight;
// each is paid exactly floor(amount × budget ÷ total). A share below the existential deposit
// waits for its account to exist; a signed claim is refunded; double, forged and late claims never
// leave the transaction pool. When the window closes, the unpaid rest of the budget goes back to
// the pool and the incident's state is removed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import {
  MerkleTree, UNIT, depositFor, devAccounts, leafBytes, limits, parameters as poolParameters, poolStatus,
  send, submitRefusal, verifyProof,
} from '@security-pool/client';
import { Node, bestAtLeast, finalizedAtLeast, releaseBinary, within } from '@security-pool/client/node';
import { castVotes, poolEvents, vote } from './lib/chain.js';

/** The CLI: $INCIDENT_BINARY, else the release build in the shared target dir. */
const INCIDENT_BINARY = process.env.INCIDENT_BINARY ?? releaseBinary('security-pool-incident');

const VICTIMS = 10_000;
/**
 * The claim window, in blocks: $CLAIM_PERIOD, else the runtime's minimum (20 on the dev chain),
 * which the claims fill in about 7 blocks and the checks after them in about 5 more.
 */
let CLAIM_PERIOD;
/** Unsigned claims in flight at once. */
const IN_FLIGHT = 256;

let node;
let api;
let dev;
let ED;
let parameters;
let dir;
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const timings = {};
const t0 = Date.now();

/** Runs `phase`, recording how long it took under `name`. */
async function timed(name, phase) {
  const start = Date.now();
  try {
    return await phase();
  } finally {
    timings[name] = (Date.now() - start) / 1000;
  }
}

/** CLI runs still under way, stopped after the tests. */
const running = new Set();
/** Runs the CLI with `args`; resolves with its stdout, or rejects with its exit code and stderr. */
const execFileAsync = promisify(execFile);
async function cli(...args) {
  const run = execFileAsync(INCIDENT_BINARY, args, { maxBuffer: 1 << 30 });
  running.add(run.child);
  try {
    return (await run).stdout;
  } finally {
    running.delete(run.child);
  }
}

/** `part` (a Perbill, in parts per billion) of `x`, rounded down: `Perbill::mul_floor`. */
const mulFloor = (part, x) => (x * BigInt(part)) / 1_000_000_000n;

/** The pool's event `name` of incident `id` in block `blockHash`, its data as JSON. */
async function incidentEvent(blockHash, name, id) {
  const found = (await poolEvents(api, blockHash)).find(([n, d]) => n === name && d.incident === id);
  return found?.[1];
}

const min = (...values) => values.reduce((a, b) => (a < b ? a : b));

/**
 * The budget the runtime sets at approval for an incident of `total` against the state at
 * `blockHash`, where it reserves `reserved` itself: min(total, max_payout × available, the room
 * under max_exposure with its own reservation given back). No runtime API tells it in advance:
 * the test's own check of `budget_on_approval`, the room read from `limits()`.
 */
async function budgetAt(blockHash, total, reserved) {
  const [{ available }, { exposureRoom }, { maxPayout }] = await Promise.all([
    poolStatus(api, blockHash), limits(api, blockHash), poolParameters(api, blockHash),
  ]);
  return min(total, mulFloor(maxPayout, available), exposureRoom + reserved);
}

/**
 * Follows the best chain block by block (none skipped) from the current best block on, recording
 * for each its number, hash, extrinsics' hashes and `Compensated` events; `wait(until)` resolves
 * once `until(blocks)` holds after a block.
 */
function follow() {
  const blocks = [];
  const waiters = [];
  let next;
  let chain = Promise.resolve();
  let failed;
  const unsubscribe = api.rpc.chain.subscribeNewHeads((header) => {
    chain = chain.then(async () => {
      const head = header.number.toNumber();
      next ??= head;
      for (; next <= head; next += 1) {
        const hash = await api.rpc.chain.getBlockHash(next);
        const [{ block }, events] = await Promise.all([
          api.rpc.chain.getBlock(hash),
          (await api.at(hash)).query.system.events(),
        ]);
        const compensated = events
          .filter(({ event }) => api.events.securityPool.Compensated.is(event))
          .map(({ event: { data } }) => ({
            incident: data.incident.toNumber(),
            index: data.index.toNumber(),
            account: data.account.toString(),
            amount: data.amount.toBigInt(),
          }));
        blocks.push({
          number: next, hash: hash.toHex(), at: Date.now(), compensated,
          extrinsics: block.extrinsics.map((x) => x.hash.toHex()),
        });
        for (const w of [...waiters]) {
          if (w.until(blocks)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.done(blocks);
          }
        }
      }
    }).catch((error) => {
      failed = error;
      for (const w of waiters.splice(0)) w.fail(error);
    });
  });
  return {
    blocks,
    /** Resolves once `until(blocks)` holds, within `ms`. */
    wait(until, what, ms = 120_000) {
      if (failed) return Promise.reject(failed);
      if (until(blocks)) return Promise.resolve(blocks);
      return within(ms, what, new Promise((done, fail) => waiters.push({ until, done, fail })));
    },
    stop: async () => (await unsubscribe)(),
  };
}

/** Submits `txs` with at most `IN_FLIGHT` outstanding; resolves with the refusals, by position. */
async function submitAll(txs) {
  const refused = [];
  let next = 0;
  const worker = async () => {
    while (next < txs.length) {
      const i = next++;
      const reason = await submitRefusal(api, txs[i]);
      if (reason) refused.push([i, reason]);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return refused;
}

/** Free balances of `addresses` at `blockHash`, read in chunks. */
async function freeBalances(addresses, blockHash) {
  const at = await api.at(blockHash);
  const balances = [];
  for (let i = 0; i < addresses.length; i += 1000) {
    const accounts = await at.query.system.account.multi(addresses.slice(i, i + 1000));
    balances.push(...accounts.map((a) => a.data.free.toBigInt()));
  }
  return balances;
}

before(async () => {
  dev = await devAccounts();
  dir = mkdtempSync(join(tmpdir(), 'security-pool-incident-'));
  node = await new Node({ name: 'incident', args: ['--dev', '--pool-limit', String(2 * VICTIMS)] }).start();
  api = node.api;
  ED = api.consts.balances.existentialDeposit.toBigInt();
  parameters = (await api.query.securityPool.parameters()).toJSON();
  CLAIM_PERIOD = Number(process.env.CLAIM_PERIOD ?? api.consts.securityPool.minClaimPeriod.toNumber());
});

/** The hash of block `number` once the best chain has it. */
async function blockAt(number) {
  await bestAtLeast(api, number, 180_000);
  return api.rpc.chain.getBlockHash(number);
}

after(async () => {
  for (const child of running) child.kill('SIGKILL');
  await node?.destroy();
  if (dir && !process.env.KEEP_NODE_STATE) rmSync(dir, { recursive: true, force: true });
  console.log(`# timings (s): ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}; `
    + `total ${((Date.now() - t0) / 1000).toFixed(1)}`);
});

// The loss list: leaf roles by index. Dev accounts' stashes exist (endowed at genesis) and never
// transact in this test, but for the one at SIGNED, which claims its own leaf with a signed
// transaction.
const STASHES = { 17: 'Alice', 2048: 'Bob', 4999: 'Charlie', 8191: 'Dave', 9999: 'Eve' };
const SIGNED = 4999;
/** New accounts whose shares are below the existential deposit: claimable once they exist. */
const BELOW_MINIMUM = [100, 5000, 9998];
/** A leaf of 1 planck: its share rounds to zero. */
const NOTHING = 7777;
/** Leaves nobody claims. */
const UNCLAIMED = Array.from({ length: 20 }, (_, k) => 250 + 499 * k);

const list = {};
const state = {};

test('a loss list of 10,000 victims is built, proven and verified by the CLI', async () => {
  const { available, balance } = await poolStatus(api);
  // Bob adds to what the dev genesis gave the pool.
  const contribution = 150_000n * UNIT + 123_456_789n;
  assert.equal((await send(api, api.tx.securityPool.contribute(contribution), dev.bob)).error, undefined);
  const pool = await poolStatus(api);
  assert.ok(pool.balance >= balance + contribution);

  await timed('list', async () => {
    const special = new Set([...Object.keys(STASHES).map(Number), ...BELOW_MINIMUM, NOTHING, ...UNCLAIMED]);
    assert.equal(special.size, Object.keys(STASHES).length + BELOW_MINIMUM.length + 1 + UNCLAIMED.length);
    const leaves = Array.from({ length: VICTIMS }, (_, index) => {
      // 1 to 200 SPT and some planck: about 1,000,000 SPT in all.
      let amount = BigInt(1 + randomInt(200)) * UNIT + BigInt(randomInt(2 ** 40));
      let account = encodeAddress(randomAsU8a(32), 42);
      if (STASHES[index]) account = keyring.addFromUri(`//${STASHES[index]}//stash`).address;
      if (BELOW_MINIMUM.includes(index)) amount = 2n * ED + BigInt(index);
      if (index === NOTHING) amount = 1n;
      return { index, account, amount };
    });
    const total = leaves.reduce((a, l) => a + l.amount, 0n);
    // Far above what the pool holds: every share is a fraction of the loss.
    assert.ok(total > 3n * pool.balance, `total ${total} against a pool of ${pool.balance}`);
    assert.ok(total > 4n * available);

    const csv = join(dir, 'losses.csv');
    writeFileSync(csv, `account,amount\n${leaves.map((l) => `${l.account},${l.amount}`).join('\n')}\n`);
    const listPath = join(dir, 'list.json');
    const built = JSON.parse(await cli('build', csv, '--ss58-prefix', '42', '--out', listPath));
    const tree = new MerkleTree(leaves.map((l) => leafBytes(l.index, l.account, l.amount)));
    const root = u8aToHex(tree.root);
    assert.deepEqual(built, { root, total: String(total), victims: VICTIMS });
    const published = JSON.parse(readFileSync(listPath, 'utf8'));
    assert.equal(published.root, root);
    assert.equal(published.total, String(total));
    assert.equal(published.victims, VICTIMS);
    assert.deepEqual(published.leaves, leaves.map((l) => ({ ...l, amount: String(l.amount) })));

    assert.match(await cli('verify', listPath, '--root', root), /ok/);
    await assert.rejects(cli('verify', listPath, '--root', u8aToHex(new Uint8Array(32))), (e) => e.code === 1);

    // Every victim's proof, from the CLI: it takes a while, and is only needed once the claim
    // window opens, so it runs while the incident is declared and voted on.
    const started = Date.now();
    list.proofs = cli('proof', listPath, '--all').then((out) => {
      timings['proofs (CLI)'] = (Date.now() - started) / 1000;
      return JSON.parse(out);
    });
    list.proofs.catch(() => {});
    Object.assign(list, { leaves, total, root, tree });
  });
  console.log(`# list of ${VICTIMS}: total ${list.total}, root ${list.root}, pool ${pool.balance}; `
    + `${list.tree.proof(0).length}-hash proofs`);
});

/** Checks the CLI's proofs against the tree and keeps them with their leaves. */
async function takeProofs() {
  const proofs = await list.proofs;
  assert.equal(proofs.length, VICTIMS);
  for (const [i, p] of proofs.entries()) {
    const l = list.leaves[i];
    assert.deepEqual({ index: p.index, account: p.account, amount: p.amount },
      { index: l.index, account: l.account, amount: String(l.amount) });
    assert.deepEqual(p.proof, list.tree.proof(i).map((node) => u8aToHex(node)), `proof of leaf ${i}`);
    assert.ok(verifyProof(list.root, VICTIMS, i, leafBytes(i, l.account, l.amount), p.proof));
    l.proof = p.proof;
  }
}

test('the incident is declared, voted through and budgeted at approval', async () => {
  assert.ok(list.total, 'the list was built');
  const minPeriod = api.consts.securityPool.minClaimPeriod.toNumber();
  const maxPeriod = api.consts.securityPool.maxClaimPeriod.toNumber();
  assert.ok(CLAIM_PERIOD >= minPeriod && CLAIM_PERIOD <= maxPeriod, `claim period in [${minPeriod}, ${maxPeriod}]`);
  const evidence = stringToU8a('ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/incident-report');
  const reservedBefore = (await api.query.system.account(dev.alice.address)).data.reserved.toBigInt();

  // (As hex: Polkadot.js takes a Uint8Array for `Bytes` as already length-prefixed.)
  const declared = await timed('declare', () => send(api, api.tx.securityPool.declareIncident(
    u8aToHex(evidence), list.total, VICTIMS, list.root, CLAIM_PERIOD), dev.alice));
  assert.equal(declared.error, undefined);
  const { parentHash, number } = await api.rpc.chain.getHeader(declared.blockHash);
  const declaredAt = number.toNumber();
  const data = declared.events.find((e) => api.events.securityPool.IncidentDeclared.is(e))?.data;
  assert.ok(data, 'IncidentDeclared');
  const id = data.incident.toNumber();
  // The deposit of its evidence and root (32 bytes) and the budget (the total, at most what a
  // claim may ask), as the runtime told them against the state the declaration met.
  const deposit = await depositFor(api, evidence.length + 32, list.total, parentHash);
  const reserved = min(list.total, (await limits(api, parentHash)).claim);
  assert.deepEqual({
    incident: id,
    submitter: data.submitter.toString(),
    total: data.total.toBigInt(),
    victims: data.victims.toNumber(),
    root: data.root.toHex(),
    claimPeriod: data.claimPeriod.toNumber(),
    evidence: data.evidence.toHex(),
    budget: data.budget.toBigInt(),
    deposit: data.deposit.toBigInt(),
    votingEndsAt: data.votingEndsAt.toNumber(),
  }, {
    incident: id,
    submitter: dev.alice.address,
    total: list.total,
    victims: VICTIMS,
    root: list.root,
    claimPeriod: CLAIM_PERIOD,
    evidence: u8aToHex(evidence),
    budget: reserved,
    deposit,
    votingEndsAt: declaredAt + parameters.votingPeriod,
  });
  const request = (await (await api.at(declared.blockHash)).query.securityPool.requests(id)).unwrap();
  assert.equal(request.amount.toBigInt(), reserved);
  const kind = request.kind.asIncident;
  assert.deepEqual({
    evidence: kind.evidence.toHex(),
    total: kind.total.toBigInt(),
    victims: kind.victims.toNumber(),
    root: kind.root.toHex(),
    claimPeriod: kind.claimPeriod.toNumber(),
  }, { evidence: u8aToHex(evidence), total: list.total, victims: VICTIMS, root: list.root, claimPeriod: CLAIM_PERIOD });
  assert.equal((await (await api.at(declared.blockHash)).query.system.account(dev.alice.address)).data.reserved.toBigInt(),
    reservedBefore + deposit);
  state.id = id;
  state.reservedBefore = reservedBefore;

  // While the vote runs: every account's balance now; a claim is refused before the window
  // opens (a refused transaction is banned from the pool for a while: the probes are leaves
  // nobody claims); the claims, ready to submit.
  const probe = (i) => {
    const l = list.leaves[i];
    return api.tx.securityPool.claimCompensation(id, i, l.account, l.amount, list.tree.proof(i));
  };
  assert.equal(await submitRefusal(api, probe(UNCLAIMED[0])), 'securityPool.NotCompensating');
  state.before = await freeBalances(list.leaves.map((l) => l.account), await api.rpc.chain.getBlockHash());
  for (const [i, l] of list.leaves.entries()) {
    if (STASHES[i]) assert.ok(state.before[i] > 0n, `${STASHES[i]}//stash exists`);
    else assert.equal(state.before[i], 0n, `victim ${i} (${l.account}) never existed`);
  }

  const committedBefore = (await poolStatus(api)).committed;
  const voteStart = Date.now();
  await castVotes(api, id, [dev.charlie, dev.dave].map((voter) => [voter, vote(true, 700_000n * UNIT, 'Locked1x')]));
  await timed('check proofs', takeProofs);
  await timed('prepare claims', async () => {
    state.claims = list.leaves.map((l) => api.tx.securityPool.claimCompensation(id, l.index, l.account, l.amount, l.proof));
    state.hex = state.claims.map((tx) => tx.toHex());
  });
  // Approved when the vote ends, and budgeted in the same block.
  const approvedAt = await blockAt(declaredAt + parameters.votingPeriod);
  timings.vote = (Date.now() - voteStart) / 1000;
  const approvalHeader = await api.rpc.chain.getHeader(approvedAt);
  const approvedEvent = (await poolEvents(api, approvedAt)).find(([n, d]) => n === 'Approved' && d.request === id);
  assert.ok(approvedEvent, `Approved at #${approvalHeader.number}`);
  assert.equal(approvedEvent[1].payableAt, approvalHeader.number.toNumber() + parameters.timelock);
  const reservedAtParent = (await (await api.at(approvalHeader.parentHash)).query.securityPool.requests(id)).unwrap().amount.toBigInt();
  const budget = await budgetAt(approvalHeader.parentHash, list.total, reservedAtParent);
  const budgeted = await incidentEvent(approvedAt, 'IncidentBudgeted', id);
  assert.deepEqual({ ...budgeted, budget: BigInt(budgeted.budget), total: BigInt(budgeted.total) },
    { incident: id, budget, total: list.total });
  const approved = (await (await api.at(approvedAt)).query.securityPool.requests(id)).unwrap();
  assert.equal(approved.amount.toBigInt(), budget);
  assert.equal(approved.status.asApproved.payableAt.toNumber(), approvalHeader.number.toNumber() + parameters.timelock);
  const pool = await poolStatus(api, approvedAt);
  assert.equal(pool.committed, committedBefore + budget);
  state.budget = budget;
  state.committedBefore = committedBefore;
  state.payableAt = approvalHeader.number.toNumber() + parameters.timelock;
  state.outflowAtApproval = pool.lifetimeOutflow;
  console.log(`# incident #${id}: declared at #${declaredAt}, approved at #${approvalHeader.number}, `
    + `budget ${budget} of ${list.total} (${(Number(budget * 10_000n / list.total) / 100).toFixed(2)}%)`);

  // The list's special leaves are what they are meant to be at this budget.
  const share = (l) => (l.amount * budget) / list.total;
  for (const i of BELOW_MINIMUM) assert.ok(share(list.leaves[i]) > 0n && share(list.leaves[i]) < ED);
  assert.equal(share(list.leaves[NOTHING]), 0n);
  assert.ok(list.leaves.every((l, i) => BELOW_MINIMUM.includes(i) || i === NOTHING || share(l) >= ED));
  if ((await api.rpc.chain.getHeader()).number.toNumber() + 1 < state.payableAt) {
    assert.equal(await submitRefusal(api, probe(UNCLAIMED[1])), 'securityPool.NotCompensating', 'during the timelock');
  }
});

test('every victim claims unsigned and is paid exactly its share', async () => {
  const { id, budget } = state;
  assert.ok(budget, 'the incident was approved');
  const share = (i) => (list.leaves[i].amount * budget) / list.total;
  const follower = follow();
  try {
    // The window opens when the timelock expires.
    const opened = state.payableAt;
    const openedAt = await timed('timelock', () => blockAt(opened));
    const closesAt = opened + CLAIM_PERIOD;
    const openedEvent = await incidentEvent(openedAt, 'CompensationOpened', id);
    assert.ok(openedEvent, `CompensationOpened at #${opened}`);
    assert.deepEqual({ ...openedEvent, budget: BigInt(openedEvent.budget) }, { incident: id, budget, closesAt });
    // The deposit is released when the window opens.
    assert.equal((await (await api.at(openedAt)).query.system.account(dev.alice.address)).data.reserved.toBigInt(),
      state.reservedBefore);
    const { parentHash: beforeOpening } = await api.rpc.chain.getHeader(openedAt);
    assert.ok((await (await api.at(beforeOpening)).query.securityPool.requests(id)).unwrap().status.isApproved);
    const status = (await (await api.at(openedAt)).query.securityPool.requests(id)).unwrap().status;
    assert.equal(status.asCompensating.paid.toBigInt(), 0n);
    assert.equal(status.asCompensating.closesAt.toNumber(), closesAt);
    state.closesAt = closesAt;
    state.opened = opened;

    // Refused in the pool: shares below the existential deposit of accounts that do not exist yet,
    // and a share that rounds to zero; the runtime API says the same.
    const compensation = async (i) => {
      const l = list.leaves[i];
      const result = await api.call.securityPoolApi.compensation(id, i, l.account, l.amount, l.proof);
      if (result.isOk) return result.asOk.toBigInt();
      const { section, name } = api.registry.findMetaError(result.asErr.asModule);
      return `${section}.${name}`;
    };
    for (const i of BELOW_MINIMUM) {
      assert.equal(await submitRefusal(api, state.claims[i]), 'securityPool.ShareBelowMinimum');
      assert.equal(await compensation(i), 'securityPool.ShareBelowMinimum');
    }
    assert.equal(await submitRefusal(api, state.claims[NOTHING]), 'securityPool.NothingToPay');
    assert.equal(await compensation(NOTHING), 'securityPool.NothingToPay');
    assert.equal(await compensation(0), share(0));

    const special = new Set([SIGNED, NOTHING, ...BELOW_MINIMUM, ...UNCLAIMED]);
    const unsigned = list.leaves.map((_, i) => i).filter((i) => !special.has(i));
    const paidLeaves = VICTIMS - UNCLAIMED.length - 1;
    const allPaid = (blocks) => blocks.reduce((a, b) => a + b.compensated.length, 0) >= paidLeaves;
    const submitStart = Date.now();
    const submitted = timed('submit', () => submitAll(unsigned.map((i) => state.claims[i])));

    // Meanwhile the new accounts below the minimum are funded with the existential deposit, and
    // then claim; a dev account claims its own leaf with a signed transaction.
    const nonce = (await api.rpc.system.accountNextIndex(dev.alice.address)).toNumber();
    const funding = await Promise.all(BELOW_MINIMUM.map((i, k) =>
      send(api, api.tx.balances.transferAllowDeath(list.leaves[i].account, ED), dev.alice, { nonce: nonce + k, ms: 120_000 })));
    assert.deepEqual(funding.map((f) => f.error), BELOW_MINIMUM.map(() => undefined));
    for (const i of BELOW_MINIMUM) assert.equal(await compensation(i), share(i));
    for (const i of BELOW_MINIMUM) assert.equal(await submitRefusal(api, state.claims[i]), undefined, `leaf ${i} once its account exists`);

    const signer = keyring.addFromUri(`//${STASHES[SIGNED]}//stash`);
    const l = list.leaves[SIGNED];
    const signed = await send(api, api.tx.securityPool.claimCompensation(id, SIGNED, l.account, l.amount, l.proof), signer, { ms: 120_000 });
    assert.equal(signed.error, undefined);
    const { parentHash } = await api.rpc.chain.getHeader(signed.blockHash);
    const signerBefore = (await (await api.at(parentHash)).query.system.account(signer.address)).data.free.toBigInt();
    const signerAfter = (await (await api.at(signed.blockHash)).query.system.account(signer.address)).data.free.toBigInt();
    assert.equal(signerAfter - signerBefore, share(SIGNED), 'a signed claim is refunded: no fee');
    const success = signed.events.find((e) => api.events.system.ExtrinsicSuccess.is(e));
    assert.ok(success.data.dispatchInfo.paysFee.isNo);

    const refused = await submitted;
    assert.deepEqual(refused, [], 'no claim refused');
    const blocks = await timed('inclusion', () => follower.wait(allPaid, `${paidLeaves} Compensated`, 3 * CLAIM_PERIOD * 1000));
    const busy = blocks.filter((b) => b.compensated.length > 0);
    const lastAt = busy.at(-1).at;
    // Why the node's proposer ended each block, from its log.
    const ends = new Map([...readFileSync(node.logPath, 'utf8')
      .matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\).*?end: (\w+)/g)]
      .map(([, number, ms, end]) => [Number(number), `${end} in ${ms} ms`]));
    console.log(`# ${paidLeaves} claims included in ${busy.length} blocks (#${busy[0].number}–#${busy.at(-1).number}) `
      + `of the window #${opened}–#${closesAt}: ${busy.map((b) => `${b.compensated.length} (${ends.get(b.number) ?? '?'})`).join(' + ')}; `
      + `submitted in ${timings.submit.toFixed(1)} s, all included ${((lastAt - submitStart) / 1000).toFixed(1)} s from the first: `
      + `${(unsigned.length / ((lastAt - submitStart) / 1000)).toFixed(0)} claims/s`);
    assert.ok(busy.at(-1).number < closesAt, 'within the window');

    // Each leaf paid once, exactly its share, to its account, in the window.
    const paid = new Map();
    for (const b of blocks) {
      for (const c of b.compensated) {
        assert.equal(c.incident, id);
        assert.ok(!paid.has(c.index), `leaf ${c.index} paid twice`);
        assert.ok(b.number > opened && b.number < closesAt);
        paid.set(c.index, c);
      }
    }
    const expected = list.leaves.map((_, i) => i).filter((i) => !UNCLAIMED.includes(i) && i !== NOTHING);
    assert.deepEqual([...paid.keys()].sort((a, b) => a - b), expected);
    for (const i of expected) {
      assert.deepEqual(paid.get(i), { incident: id, index: i, account: list.leaves[i].account, amount: share(i) });
    }
    state.paid = expected.reduce((a, i) => a + share(i), 0n);
    state.paidLeaves = expected;
    state.follower = follower;
  } catch (error) {
    await follower.stop();
    throw error;
  }
});

test('balances, the incident\'s paid amount and the ledger match the shares exactly', async () => {
  const { id, budget, paid } = state;
  assert.ok(paid, 'the claims were paid');
  const share = (i) => (list.leaves[i].amount * budget) / list.total;
  const head = await api.rpc.chain.getBlockHash();
  const balances = await timed('read balances', () => freeBalances(list.leaves.map((l) => l.account), head));
  for (const [i, balance] of balances.entries()) {
    let expected = UNCLAIMED.includes(i) || i === NOTHING ? 0n : share(i);
    if (BELOW_MINIMUM.includes(i)) expected += ED;
    assert.equal(balance - state.before[i], expected, `leaf ${i}${STASHES[i] ? ` (${STASHES[i]}//stash)` : ''}`);
  }
  const at = await api.at(head);
  assert.equal((await at.query.securityPool.requests(id)).unwrap().status.asCompensating.paid.toBigInt(), paid);
  const incident = (await at.call.securityPoolApi.incident(id)).unwrap();
  assert.deepEqual({
    total: incident.total.toBigInt(),
    victims: incident.victims.toNumber(),
    root: incident.root.toHex(),
    claimPeriod: incident.claimPeriod.toNumber(),
    budget: incident.budget.toBigInt(),
    paid: incident.paid.toBigInt(),
    closesAt: incident.closesAt.unwrapOr(null)?.toNumber(),
  }, { total: list.total, victims: VICTIMS, root: list.root, claimPeriod: CLAIM_PERIOD, budget, paid, closesAt: state.closesAt });
  const pool = await poolStatus(api, head);
  assert.equal(pool.committed, state.committedBefore + budget - paid);
  assert.equal(pool.lifetimeOutflow, state.outflowAtApproval + paid);

  // The claimed bitmap: bit index % 128 of word index / 128, for exactly the paid leaves.
  const words = new Map((await at.query.securityPool.claimedLeaves.entries(id))
    .map(([key, word]) => [key.args[1].toNumber(), word.toBigInt()]));
  const expectedWords = new Map();
  for (const i of state.paidLeaves) {
    const w = Math.floor(i / 128);
    expectedWords.set(w, (expectedWords.get(w) ?? 0n) | (1n << BigInt(i % 128)));
  }
  assert.deepEqual(new Map([...words].filter(([, v]) => v !== 0n).sort(([a], [b]) => a - b)),
    new Map([...expectedWords].sort(([a], [b]) => a - b)));
});

test('double, forged and out-of-range claims never leave the transaction pool', async () => {
  const { id, follower } = state;
  assert.ok(follower, 'the claims were paid');
  const leaf = (i) => list.leaves[i];
  const forge = (i, { account = leaf(i).account, amount = leaf(i).amount, proof = leaf(i).proof, index = i } = {}) =>
    api.tx.securityPool.claimCompensation(id, index, account, amount, proof);
  // A claim included early, resubmitted once its block is final (until then the pool knows it
  // as imported).
  const first = follower.blocks.find((b) => b.compensated.length > 0);
  const again = first.compensated.find((c) => c.index !== SIGNED).index;
  await timed('finality', () => finalizedAtLeast(api, first.number, 60_000));
  const [u, v] = UNCLAIMED;
  const attempts = [
    ['double claim', state.hex[again], 'securityPool.AlreadyCompensated'],
    ['changed amount', forge(u, { amount: leaf(u).amount + 1n }), 'securityPool.InvalidProof'],
    ['another leaf\'s proof', forge(u, { proof: leaf(v).proof }), 'securityPool.InvalidProof'],
    ['another account', forge(u, { account: dev.ferdie.address }), 'securityPool.InvalidProof'],
    ['an index past the list', forge(u, { index: VICTIMS }), 'securityPool.LeafOutOfRange'],
  ];
  const from = (await api.rpc.chain.getHeader()).number.toNumber();
  for (const [what, tx, reason] of attempts) {
    assert.equal(await submitRefusal(api, tx), reason, what);
  }
  // The runtime API gives the same reasons.
  const { args } = api.createType('Extrinsic', state.hex[again]).method;
  const result = await api.call.securityPoolApi.compensation(...args);
  assert.ok(result.isErr);
  assert.equal(api.registry.findMetaError(result.asErr.asModule).name, 'AlreadyCompensated');
  const hashes = attempts.map(([, tx]) => (typeof tx === 'string' ? api.createType('Extrinsic', tx) : tx).hash.toHex());
  // Three blocks after: none holds them, or any transaction but the timestamp, or a payment.
  const blocks = await follower.wait((b) => b.at(-1).number >= from + 3, 'three blocks');
  for (const b of blocks.filter((x) => x.number > from)) {
    assert.equal(b.extrinsics.length, 1, `block #${b.number} has only its timestamp`);
    assert.ok(!b.extrinsics.some((h) => hashes.includes(h)));
    assert.deepEqual(b.compensated, []);
  }
  assert.ok(blocks.at(-1).number < state.closesAt, 'checked within the window');
});

test('the window closes: the unpaid rest goes back to the pool and the incident\'s state is removed', async () => {
  const { id, budget, paid, follower } = state;
  assert.ok(follower, 'the claims were paid');
  try {
    const closedAt = await timed('window', () => blockAt(state.closesAt));
    const closed = await api.rpc.chain.getHeader(closedAt);
    const event = await incidentEvent(closedAt, 'IncidentClosed', id);
    assert.ok(event, `IncidentClosed at #${state.closesAt}`);
    const returned = budget - paid;
    assert.ok(returned > 0n);
    assert.deepEqual({ paid: BigInt(event.paid), returned: BigInt(event.returned) }, { paid, returned });
    const [parent, now] = await Promise.all([poolStatus(api, closed.parentHash), poolStatus(api, closedAt)]);
    assert.equal(now.committed, parent.committed - returned);
    assert.equal(now.committed, state.committedBefore);
    assert.equal(now.balance, parent.balance, 'the rest stays in the pool');
    assert.ok((await (await api.at(closedAt)).query.securityPool.requests(id)).isNone);
    assert.ok((await (await api.at(closedAt)).call.securityPoolApi.incident(id)).isNone);

    // The claimed bitmap is cleared within a few blocks.
    const cleared = await timed('cleanup', async () => {
      for (let n = state.closesAt; n <= state.closesAt + 10; n += 1) {
        const blocks = await follower.wait((b) => b.at(-1).number >= n, `#${n}`);
        const at = await api.at(blocks.find((b) => b.number === n).hash);
        if ((await at.query.securityPool.claimedLeaves.entries(id)).length === 0) return n;
      }
      return null;
    });
    assert.ok(cleared !== null, 'claimedLeaves cleared within 10 blocks of closing');
    console.log(`# closed at #${state.closesAt}: paid ${paid}, returned ${returned}; bitmap cleared at #${cleared}`);

    // A late claim is refused.
    const late = await submitRefusal(api, state.claims[UNCLAIMED[2]]);
    assert.ok(['securityPool.UnknownRequest', 'securityPool.ClaimWindowClosed'].includes(late), late);
  } finally {
    await follower.stop();
  }
});
