// What a client sees: named module errors for bad calls with no state change, and metadata in
// which every call, event, error, storage item and constant of the pallet is documented.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import {
  UNIT, commitment, councilKeyPair, devAccounts, limits, moduleError, poolAccount, poolStatus, seal, send,
} from '@security-pool/client';
import { Node } from '@security-pool/client/node';
import { hasEvent, submitRequest, waitForPoolEvent } from './lib/chain.js';

let node;
let api;
let dev;

before(async () => {
  dev = await devAccounts();
  node = await new Node({ name: 'client', args: ['--dev'] }).start();
  api = node.api;
});

after(async () => node?.destroy());

/** Everything the pallet stores, as JSON, at the best block. */
async function palletState() {
  const q = api.query.securityPool;
  const entries = async (item) => (await item.entries()).map(([k, v]) => [k.toHex(), v.toJSON()]);
  const ledger = await q.ledger();
  return JSON.stringify({
    parameters: (await q.parameters()).toJSON(),
    next: (await q.nextRequestId()).toJSON(),
    requests: await entries(q.requests),
    commitments: await entries(q.commitments),
    voting: await entries(q.votingFor),
    deadlines: (await q.votingDeadlines()).toJSON(),
    timelocks: (await q.timelocks()).toJSON(),
    openByTrack: (await q.openByTrack()).toJSON(),
    triageDeadlines: (await q.triageDeadlines()).toJSON(),
    revealDeadlines: (await q.revealDeadlines()).toJSON(),
    triageKey: (await q.triageKey()).toJSON(),
    encryptedReports: await entries(q.encryptedReports),
    // Failed calls still pay fees, and the pool's share of them comes in.
    underVote: ledger.voting.toJSON(),
    committed: ledger.committed.toJSON(),
    owed: ledger.owed.toJSON(),
    holds: (await api.query.balances.holds(dev.bob.address)).toJSON(),
    freezes: (await api.query.balances.freezes(dev.charlie.address)).toJSON(),
  });
}

test('bad calls fail with their named errors and change nothing', async () => {
  // Root lengthens the voting period, for every amount, so that the requests stay open throughout.
  const parameters = (await api.query.securityPool.parameters()).toJSON();
  const setParameters = (change) => api.tx.sudo.sudo(api.tx.securityPool.setParameters({ ...parameters, ...change }));
  assert.equal((await send(api, setParameters({ votingPeriod: 1_000, tracks: [] }), dev.alice)).error, undefined);

  // A large claim, so that the exposure cap bites below maxPayout, and a disclosure.
  const pool = await poolAccount(api);
  const { id } = await submitRequest(api, api.tx.securityPool.submitClaim(45_000n * UNIT, dev.dave.address, 'cid'), dev.bob);
  const report = stringToU8a('report');
  const salt = new Uint8Array(32).fill(7);
  const committed = commitment(dev.bob.address, report, salt);
  const disclose = (c, beneficiary, sealed = null) => api.tx.securityPool.submitDisclosure(c, 'Low', UNIT, beneficiary, sealed);
  const disclosure = await submitRequest(api, disclose(committed, dev.eve.address), dev.bob);
  // Its triage period runs out (no council), so that it changes by itself in no case below.
  await waitForPoolEvent(api, hasEvent('TriageMissed', disclosure.id));
  const council = councilKeyPair();
  const sealed = seal(report, council.publicKey);
  const maxSealed = api.consts.securityPool.maxEncryptedReportLen.toNumber();
  const { available } = await poolStatus(api);
  const beyondExposure = (await limits(api)).exposureRoom + UNIT;
  const maxEvidence = api.consts.securityPool.maxEvidenceLen.toNumber();
  const charlieTotal = (await api.query.system.account(dev.charlie.address)).data.free.toBigInt();
  const ballot = { choice: 'Aye', balance: UNIT, conviction: 'None' };

  const cases = [
    ['zero amount', api.tx.securityPool.submitClaim(0, dev.bob.address, 'cid'), dev.bob, 'ZeroAmount'],
    ['over the cap', api.tx.securityPool.submitClaim(available, dev.bob.address, 'cid'), dev.bob, 'ExceedsMaxPayout'],
    ['over the exposure', api.tx.securityPool.submitClaim(beyondExposure, dev.bob.address, 'cid'), dev.charlie, 'ExceedsMaxExposure'],
    ['oversize evidence', api.tx.securityPool.submitClaim(UNIT, dev.bob.address, u8aToHex(new Uint8Array(maxEvidence + 1))), dev.bob, 'EvidenceTooLong'],
    ['pool as beneficiary', api.tx.securityPool.submitClaim(UNIT, pool, 'cid'), dev.charlie, 'PoolIsBeneficiary'],
    ['copied commitment', disclose(committed, dev.charlie.address), dev.charlie, 'DuplicateCommitment'],
    ['sealed report with no triage key', disclose(commitment(dev.charlie.address, report, salt), dev.charlie.address, u8aToHex(sealed)), dev.charlie, 'NoTriageKey'],
    ['unknown request', api.tx.securityPool.vote(9_999, ballot), dev.charlie, 'UnknownRequest'],
    ['vote on own request', api.tx.securityPool.vote(id, ballot), dev.bob, 'OwnRequest'],
    ['beneficiary votes', api.tx.securityPool.vote(id, ballot), dev.dave, 'OwnRequest'],
    ['vote more than held', api.tx.securityPool.vote(id, { ...ballot, balance: charlieTotal * 2n, conviction: 'Locked1x' }), dev.charlie, 'InsufficientFunds'],
    ['remove a vote never cast', api.tx.securityPool.removeVote(id), dev.charlie, 'NotVoted'],
    ['unlock without a lock', api.tx.securityPool.unlock(), dev.charlie, 'NothingToUnlock'],
    ['reveal a claim', api.tx.securityPool.revealDisclosure(id, u8aToHex(report), salt), dev.charlie, 'NotADisclosure'],
    ['reveal another\'s disclosure', api.tx.securityPool.revealDisclosure(disclosure.id, u8aToHex(report), salt), dev.charlie, 'NotSubmitter'],
    ['payee set by another', api.tx.securityPool.setPayee(id, dev.charlie.address), dev.charlie, 'NotBeneficiary'],
    ['payee set while voting', api.tx.securityPool.setPayee(id, dev.eve.address), dev.dave, 'NotPayable'],
    ['veto without root', api.tx.securityPool.veto(id), dev.charlie, 'BadOrigin'],
    ['cancel without root', api.tx.securityPool.cancel(id), dev.charlie, 'BadOrigin'],
    ['triage key set without root', api.tx.securityPool.setTriageKey(council.publicKey), dev.charlie, 'BadOrigin'],
    ['triage without root', api.tx.securityPool.triage(disclosure.id, 'Confirmed'), dev.charlie, 'BadOrigin'],
    ['zero voting period', setParameters({ votingPeriod: 0 }), dev.alice, 'InvalidParameters.PeriodOutOfBounds'],
    ['support below the floor', setParameters({ minSupport: 0 }), dev.alice, 'InvalidParameters.SupportBelowFloor'],
    ['approval below 50%', setParameters({ approval: 499_999_999 }), dev.alice, 'InvalidParameters.ApprovalOutOfBounds'],
    ['approval of 100%', setParameters({ approval: 1_000_000_000 }), dev.alice, 'InvalidParameters.ApprovalOutOfBounds'],
    ['zero exposure', setParameters({ maxExposure: 0 }), dev.alice, 'InvalidParameters.ZeroShare'],
    ['zero deposit', setParameters({ depositBase: 0 }), dev.alice, 'InvalidParameters.ZeroDeposit'],
    ['a track slower than the general one', setParameters({ tracks: [{ ...parameters.tracks[0], votingPeriod: parameters.votingPeriod + 1 }] }), dev.alice, 'InvalidParameters.TracksOutOfOrder'],
    ['a track capped below its largest request', setParameters({ tracks: [{ ...parameters.tracks[0], maxOpen: BigInt(parameters.tracks[0].maxAmount) - 1n }] }), dev.alice, 'InvalidParameters.TrackCapBelowAmount'],
    ['a confirmation window as long as a vote', setParameters({ confirmPeriod: parameters.tracks[0].votingPeriod }), dev.alice, 'InvalidParameters.VotingEndsTooSoon'],
    ['a veto window longer than a timelock', setParameters({ vetoWindow: parameters.tracks[0].timelock + 1 }), dev.alice, 'InvalidParameters.VetoWindowOutOfBounds'],
  ];
  const fails = async ([what, tx, signer, expected]) => {
    const before = await palletState();
    const { error, dispatchError } = await send(api, tx, signer);
    assert.ok(error?.endsWith(expected), `${what}: expected ${expected}, got ${error}`);
    if (error.startsWith('securityPool.')) {
      // A nested error (a parameter set's) is told by its own docs.
      assert.ok(moduleError(api, dispatchError.asModule).docs.length > 0, `${expected} is documented`);
    }
    assert.equal(await palletState(), before, `${what}: the pallet's state is unchanged`);
  };
  for (const failing of cases) await fails(failing);

  // With a triage key set, a sealed report one byte too long.
  assert.equal((await send(api, api.tx.sudo.sudo(api.tx.securityPool.setTriageKey(council.publicKey)), dev.alice)).error, undefined);
  const tooLong = u8aToHex(new Uint8Array(maxSealed + 1));
  await fails(['oversize sealed report', disclose(commitment(dev.charlie.address, report, salt), dev.charlie.address, tooLong), dev.charlie, 'EncryptedReportTooLong']);
});

test('every item of the pallet is documented in the metadata and every event field is named', () => {
  const metadata = api.runtimeMetadata.asLatest;
  const pallet = metadata.pallets.find((p) => p.name.toString() === 'SecurityPool');
  assert.ok(pallet, 'the pallet is in the metadata');
  const lookup = api.registry.lookup;
  const undocumented = [];
  const variants = (kind, type) => {
    for (const variant of lookup.getSiType(type).def.asVariant.variants) {
      const name = `${kind} ${variant.name}`;
      if (variant.docs.length === 0) undocumented.push(name);
      if (kind === 'event') {
        for (const field of variant.fields) {
          if (field.name.isNone) undocumented.push(`${name}: an unnamed field`);
        }
      }
    }
  };
  variants('call', pallet.calls.unwrap().type);
  variants('event', pallet.events.unwrap().type);
  variants('error', pallet.errors.unwrap().type);
  for (const item of pallet.storage.unwrap().items) {
    if (item.docs.length === 0) undocumented.push(`storage ${item.name}`);
  }
  for (const constant of pallet.constants) {
    if (constant.docs.length === 0) undocumented.push(`constant ${constant.name}`);
  }
  assert.deepEqual(undocumented, []);
  assert.ok(pallet.constants.length >= 8);
});
