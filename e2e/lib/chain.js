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

/** Pool status through the runtime API (`api.call.securityPoolApi.poolStatus`), as bigints. */
export async function poolStatus(api, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  const status = await at.call.securityPoolApi.poolStatus();
  return Object.fromEntries(Object.entries(status.toJSON()).map(([k, v]) => [k, BigInt(v)]));
}

/** The events of the pool in block `blockHash`, as `[name, data]`. */
export async function poolEvents(api, blockHash) {
  const events = await (await api.at(blockHash)).query.system.events();
  return events
    .filter(({ event }) => event.section === 'securityPool')
    .map(({ event }) => [
      event.method,
      Object.fromEntries(event.data.names.map((name, i) => [name, event.data[i].toJSON()])),
    ]);
}

/**
 * Follows new blocks until `predicate(events, header)` holds for a block's pool events; resolves
 * with that block's hash. Also collects every pool event seen on the way into `seen`.
 */
export async function waitForPoolEvent(api, predicate, { ms = 120_000, seen = [] } = {}) {
  return within(ms, 'pool event', new Promise((done, fail) => {
    let unsubscribe;
    api.rpc.chain.subscribeNewHeads(async (header) => {
      try {
        const hash = header.hash;
        const events = await poolEvents(api, hash);
        seen.push(...events.map((e) => [header.number.toNumber(), ...e]));
        if (predicate(events, header)) {
          unsubscribe?.();
          done(hash);
        }
      } catch (error) {
        fail(error);
      }
    }).then((u) => { unsubscribe = u; });
  }));
}

/**
 * Follows new blocks from now on and counts the events `matches` accepts in each, until `count`
 * are seen. Resolves with `{ number, n, at }` (`at`: when the block was seen) for every block from
 * the first with such an event.
 */
export function countPerBlock(api, matches, count, { what = 'events', ms = 120_000 } = {}) {
  return within(ms, `${count} ${what}`, new Promise((done, fail) => {
    const blocks = [];
    let seen = 0;
    let unsubscribe;
    let chain = Promise.resolve();
    api.rpc.chain.subscribeNewHeads((header) => {
      chain = chain.then(async () => {
        if (seen >= count) return;
        const events = await (await api.at(header.hash)).query.system.events();
        const n = events.filter(({ event }) => matches(event)).length;
        if (n > 0 || blocks.length > 0) blocks.push({ number: header.number.toNumber(), n, at: Date.now() });
        seen += n;
        if (seen >= count) {
          unsubscribe?.();
          done(blocks);
        }
      }).catch(fail);
    }).then((u) => { unsubscribe = u; });
  }));
}

/** One token of the dev chain (12 decimals). */
export const UNIT = 10n ** 12n;
