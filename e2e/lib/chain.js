// Signing and reading helpers over @polkadot/api, for the tests.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { within } from './node.js';

/** The dev accounts (//Alice …), once the crypto is ready. */
export async function devAccounts() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  return Object.fromEntries(names.map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
}

/**
 * Signs and sends `tx` from `signer` and waits for inclusion. Resolves with the block hash, the
 * extrinsic's events and its module error (decoded with `findMetaError`), if any.
 */
export async function send(api, tx, signer, { tip = 0, ms = 60_000 } = {}) {
  return within(ms, `${tx.method.section}.${tx.method.method}`, new Promise((done, fail) => {
    let unsubscribe;
    tx.signAndSend(signer, { tip, nonce: -1 }, ({ status, events, dispatchError }) => {
      if (!status.isInBlock) return;
      unsubscribe?.();
      let error;
      if (dispatchError?.isModule) {
        const { section, name } = api.registry.findMetaError(dispatchError.asModule);
        error = `${section}.${name}`;
      } else if (dispatchError) {
        error = dispatchError.toString();
      }
      done({ blockHash: status.asInBlock, events: events.map((r) => r.event), error });
    }).then((u) => { unsubscribe = u; }).catch(fail);
  }));
}

/** Free balance of `address` at `blockHash` (or the best block). */
export async function freeBalance(api, address, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  return (await at.query.system.account(address)).data.free.toBigInt();
}

/** The pool account's address. */
export async function poolAccount(api) {
  const { u8aConcat, stringToU8a } = await import('@polkadot/util');
  const id = api.consts.securityPool.palletId.toU8a();
  const raw = u8aConcat(stringToU8a('modl'), id, new Uint8Array(32 - 4 - id.length));
  return api.createType('AccountId32', raw).toString();
}
