// What a client sees: named module errors for bad calls with no state change, and metadata in
// which every call, event, error, storage item and constant of the pallet is documented.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { Node } from './lib/node.js';
import { UNIT, devAccounts, send } from './lib/chain.js';

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
  return JSON.stringify({
    next: (await q.nextRequestId()).toJSON(),
    requests: await entries(q.requests),
    voting: await entries(q.votingFor),
    deadlines: (await q.votingDeadlines()).toJSON(),
    // Failed calls still pay fees, and the pool's share of them comes in.
    committed: (await q.ledger()).committed.toJSON(),
    owed: (await q.ledger()).owed.toJSON(),
    holds: (await api.query.balances.holds(dev.bob.address)).toJSON(),
    freezes: (await api.query.balances.freezes(dev.charlie.address)).toJSON(),
  });
}

test('bad calls fail with their named errors and change nothing', async () => {
  // Root lengthens the voting period so that the request stays open throughout.
  const parameters = (await api.query.securityPool.parameters()).toJSON();
  const set = api.tx.securityPool.setParameters({ ...parameters, votingPeriod: 1_000 });
  const sudo = await send(api, api.tx.sudo.sudo(set), dev.alice);
  assert.ok(sudo.events.find((e) => api.events.sudo.Sudid.is(e)).data.sudoResult.isOk);

  const own = await send(api, api.tx.securityPool.submitClaim(100n * UNIT, dev.dave.address, 'cid'), dev.bob);
  assert.equal(own.error, undefined);
  const id = own.events.find((e) => api.events.securityPool.ClaimSubmitted.is(e)).data.request;
  const available = (await api.call.securityPoolApi.poolStatus()).available.toBigInt();
  const maxEvidence = api.consts.securityPool.maxEvidenceLen.toNumber();
  const charlieTotal = (await api.query.system.account(dev.charlie.address)).data.free.toBigInt();

  const cases = [
    ['zero amount', api.tx.securityPool.submitClaim(0, dev.bob.address, 'cid'), dev.bob, 'ZeroAmount'],
    ['over the cap', api.tx.securityPool.submitClaim(available, dev.bob.address, 'cid'), dev.bob, 'ExceedsMaxPayout'],
    ['oversize evidence', api.tx.securityPool.submitClaim(UNIT, dev.bob.address, u8aToHex(new Uint8Array(maxEvidence + 1))), dev.bob, 'EvidenceTooLong'],
    ['unknown request', api.tx.securityPool.vote(9_999, { aye: true, balance: UNIT, conviction: 'None' }), dev.charlie, 'UnknownRequest'],
    ['vote on own request', api.tx.securityPool.vote(id, { aye: true, balance: UNIT, conviction: 'None' }), dev.bob, 'OwnRequest'],
    ['beneficiary votes', api.tx.securityPool.vote(id, { aye: true, balance: UNIT, conviction: 'None' }), dev.dave, 'OwnRequest'],
    ['vote more than held', api.tx.securityPool.vote(id, { aye: true, balance: charlieTotal * 2n, conviction: 'Locked1x' }), dev.charlie, 'InsufficientFunds'],
    ['reveal a claim', api.tx.securityPool.revealDisclosure(id, 'report', new Uint8Array(32)), dev.charlie, 'NotADisclosure'],
    ['veto without root', api.tx.securityPool.veto(id), dev.charlie, 'BadOrigin'],
  ];
  for (const [what, tx, signer, expected] of cases) {
    const before = await palletState();
    const { error } = await send(api, tx, signer);
    assert.ok(error?.endsWith(expected), `${what}: expected ${expected}, got ${error}`);
    if (error.startsWith('securityPool.')) {
      const meta = api.errors.securityPool[expected].meta;
      assert.ok(meta.docs.length > 0, `${expected} is documented`);
    }
    assert.equal(await palletState(), before, `${what}: the pallet's state is unchanged`);
  }
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
