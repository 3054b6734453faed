// The runtime's metadata hash (`CheckMetadataHash`): the node's runtime is built with the hash of
// its own metadata, so a transaction signed in mode 1, whose signature covers that hash as a
// hardware signer computes it, is taken only with the right hash. The hash is computed here from
// the node's metadata V15, the chain's token symbol and decimals, independently of the runtime.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { u8aToHex } from '@polkadot/util';
import { devAccounts, follow, send } from '@security-pool/client';
import { Node, bestAtLeast } from '@security-pool/client/node';
import { freeBalance } from './lib/chain.js';

let node;
let accounts;
/** The metadata hash, worked out from the node's metadata. */
let metadataHash;

before(async () => {
  accounts = await devAccounts();
  node = await new Node({ name: 'metadata-hash', args: ['--dev'] }).start();
  const { api } = node;
  const metadata = (await api.call.metadata.metadataAtVersion(15)).unwrap().toU8a(true);
  assert.equal(u8aToHex(metadata.slice(0, 4)), '0x6d657461', 'metadata starts with its magic, "meta"');
  // The symbol and decimals the chain spec gives wallets (the runtime's TOKEN_SYMBOL and
  // TOKEN_DECIMALS): the hash covers them, so build.rs must give the wasm builder the same.
  const [tokenSymbol] = api.registry.chainTokens;
  const [decimals] = api.registry.chainDecimals;
  assert.deepEqual([tokenSymbol, decimals], ['SPT', 12]);
  metadataHash = merkleizeMetadata(metadata, { decimals, tokenSymbol }).digest();
  assert.equal(metadataHash.length, 32);
});

after(async () => node?.destroy());

/** A transfer of one token from `signer` to Dave, signed with `options` (`mode`, `metadataHash`). */
async function signedTransfer(api, signer, options) {
  const tx = api.tx.balances.transferKeepAlive(accounts.dave.address, 10n ** 12n);
  return tx.signAsync(signer, { nonce: -1, ...options });
}

/** The mode of the extrinsic `hash` in block `blockHash`. */
async function modeInBlock(api, blockHash, hash) {
  const { block } = await api.rpc.chain.getBlock(blockHash);
  const extrinsic = block.extrinsics.find((x) => x.hash.eq(hash));
  assert.ok(extrinsic, 'the transaction is in its block');
  return extrinsic.mode.toNumber();
}

test('a transfer signed in mode 1 with the metadata hash worked out from the metadata is included and succeeds', async () => {
  const { api } = node;
  const before = await freeBalance(api, accounts.dave.address);
  const tx = await signedTransfer(api, accounts.bob, { mode: 1, metadataHash: u8aToHex(metadataHash) });
  assert.equal(tx.mode.toNumber(), 1);
  // The node checks the signature over the payload with the hash the runtime embeds: taking the
  // transaction shows that hash is the one worked out here.
  const { blockHash, events, error } = await follow(api, (watch) => tx.send(watch), { what: 'transfer in mode 1' });
  assert.equal(error, undefined);
  assert.ok(events.some((e) => api.events.balances.Transfer.is(e)));
  assert.equal(await modeInBlock(api, blockHash, tx.hash), 1);
  assert.equal(await freeBalance(api, accounts.dave.address, blockHash), before + 10n ** 12n);
});

test('a transfer signed in mode 1 with a wrong metadata hash, or none, is refused as a bad signature and changes nothing', async () => {
  const { api } = node;
  const { charlie } = accounts;
  const wrong = metadataHash.slice();
  wrong[31] ^= 0x01;
  const nonce = (await api.rpc.system.accountNextIndex(charlie.address)).toNumber();
  const balance = await freeBalance(api, charlie.address);
  for (const options of [{ mode: 1, metadataHash: u8aToHex(wrong) }, { mode: 1 }]) {
    const tx = await signedTransfer(api, charlie, options);
    await assert.rejects(api.rpc.author.submitExtrinsic(tx), /1010: Invalid Transaction: Transaction has a bad signature/);
  }
  // A block later, neither the nonce nor the balance has moved.
  const { number } = await api.rpc.chain.getHeader();
  await bestAtLeast(api, number.toNumber() + 1);
  assert.equal((await api.rpc.system.accountNextIndex(charlie.address)).toNumber(), nonce);
  assert.equal((await api.query.system.account(charlie.address)).nonce.toNumber(), nonce);
  assert.equal(await freeBalance(api, charlie.address), balance);
});

test('a transfer in mode 0, without the metadata hash, still works', async () => {
  const { api } = node;
  const tx = api.tx.balances.transferKeepAlive(accounts.dave.address, 10n ** 12n);
  const { blockHash, events, error } = await send(api, tx, accounts.eve);
  assert.equal(error, undefined);
  assert.ok(events.some((e) => api.events.balances.Transfer.is(e)));
  assert.equal(await modeInBlock(api, blockHash, tx.hash), 0);
});
