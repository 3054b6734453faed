// Signing and reading helpers over @polkadot/api, for the tests.
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import { within } from './node.js';

/** The dev accounts (//Alice …), once the crypto is ready. */
export async function devAccounts() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  return Object.fromEntries(names.map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
}

/** A dispatch error as `section.Name` for a module error, else as text; undefined for none. */
function errorName(api, error) {
  if (!error?.isModule) return error?.toString();
  const { section, name } = api.registry.findMetaError(error.asModule);
  return `${section}.${name}`;
}

/**
 * Signs and sends `tx` from `signer` and waits for inclusion. Resolves with the block hash, the
 * extrinsic's events and its error, if any: the extrinsic's own, or else that of the call it
 * dispatched through `sudo.sudo` (from `Sudid`), named as `section.Name` for module errors.
 * `nonce` defaults to the next one the node knows of (its pool included); give consecutive
 * nonces to send several transactions of one signer at once, for one block.
 */
export async function send(api, tx, signer, { tip = 0, nonce = -1, ms = 60_000 } = {}) {
  return within(ms, `${tx.method.section}.${tx.method.method}`, new Promise((done, fail) => {
    let unsubscribe;
    tx.signAndSend(signer, { tip, nonce }, ({ status, events, dispatchError }) => {
      if (!status.isInBlock) return;
      unsubscribe?.();
      const sudo = events.find(({ event }) => api.events.sudo?.Sudid.is(event))?.event.data.sudoResult;
      const error = errorName(api, dispatchError ?? (sudo?.isErr ? sudo.asErr : undefined));
      done({ blockHash: status.asInBlock, events: events.map((r) => r.event), error });
    }).then((u) => { unsubscribe = u; }).catch(fail);
  }));
}

/**
 * Files a claim or disclosure through `tx` from `signer`. Resolves with the new request's id and
 * deposit (from its `…Submitted` event) and the block that filed it; throws on an error.
 */
export async function submitRequest(api, tx, signer) {
  const { blockHash, events, error } = await send(api, tx, signer);
  if (error) throw new Error(`${tx.method.method}: ${error}`);
  const { data } = events.find((e) => e.section === 'securityPool' && e.method.endsWith('Submitted'));
  return { id: data.request.toNumber(), deposit: data.deposit.toBigInt(), blockHash };
}

/** The number of block `blockHash`. */
export const blockNumber = async (api, blockHash) => (await api.rpc.chain.getHeader(blockHash)).number.toNumber();

/** A ballot for `vote` and `castVotes`. */
export const vote = (aye, balance, conviction) => ({ choice: aye ? 'Aye' : 'Nay', balance, conviction });

/** Casts `[signer, ballot]` votes on request `id`, one after another; throws on an error. */
export async function castVotes(api, id, ballots) {
  for (const [signer, ballot] of ballots) {
    const { error } = await send(api, api.tx.securityPool.vote(id, ballot), signer);
    if (error) throw new Error(`vote on #${id} by ${signer.address}: ${error}`);
  }
}

/**
 * A disclosure's commitment to `report` with a 32-byte `salt`: `blake2_256(SCALE(submitter) ++
 * report ++ salt)`, where an AccountId32 encodes as its 32 bytes.
 */
export const commitment = (submitterAddress, report, salt) =>
  blake2AsHex(u8aConcat(decodeAddress(submitterAddress), report, salt));

/**
 * The deposit a request for `amount` with `bytes` of evidence (for a disclosure: 32, the
 * commitment, plus the length of its encrypted report) holds if filed now: `(depositBase +
 * depositPerByte × bytes) × (1 + open requests) + amountBond × amount` (the bond a Perbill,
 * rounded up).
 */
export async function depositFor(api, bytes, amount) {
  const { depositBase, depositPerByte, amountBond } = await api.query.securityPool.parameters();
  const { openRequests } = await poolStatus(api);
  const bond = (amount * amountBond.toBigInt() + 999_999_999n) / 1_000_000_000n;
  return (depositBase.toBigInt() + depositPerByte.toBigInt() * BigInt(bytes)) * (1n + openRequests) + bond;
}

/** Free balance of `address` at `blockHash` (or the best block). */
export const freeBalance = (api, address, blockHash) => balance(api, address, blockHash, 'free');

/** Reserved balance of `address` (the sum of its holds) at `blockHash` (or the best block). */
export const reservedBalance = (api, address, blockHash) => balance(api, address, blockHash, 'reserved');

async function balance(api, address, blockHash, kind) {
  const at = blockHash ? await api.at(blockHash) : api;
  return (await at.query.system.account(address)).data[kind].toBigInt();
}

/**
 * A running referendum through the runtime API (`api.call.securityPoolApi.referendum`) at
 * `blockHash` (or the best block), balances as bigints; null once voting is over.
 */
export async function referendum(api, id, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  const status = await at.call.securityPoolApi.referendum(id);
  if (status.isNone) return null;
  const r = status.unwrap();
  return {
    track: r.track.isSome ? r.track.unwrap().toNumber() : null,
    passing: r.passing.isTrue,
    support: r.support.toBigInt(),
    supportNeeded: r.supportNeeded.toBigInt(),
    confirming: r.confirming.isTrue,
    endsAt: r.endsAt.toNumber(),
    extensions: r.extensions.toNumber(),
  };
}

/**
 * The support a referendum needs at `blockHash` (or the best block) under `minSupport` (a
 * Perbill, in parts per billion): that share of the active issuance (total less inactive),
 * rounded up.
 */
export async function supportNeeded(api, minSupport, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  const active = (await at.query.balances.totalIssuance()).toBigInt() - (await at.query.balances.inactiveIssuance()).toBigInt();
  return (active * BigInt(minSupport) + 999_999_999n) / 1_000_000_000n;
}

/** The balance of `address` frozen (by its votes) at `blockHash` (or the best block). */
export const frozenBalance = (api, address, blockHash) => balance(api, address, blockHash, 'frozen');

/** The pool account's address. */
export async function poolAccount(api) {
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

/** The numbers of the blocks from `from` to `to` (best chain) with the pool event `name` of request `id`. */
export async function blocksWith(api, name, id, from, to) {
  const numbers = [];
  for (let n = from; n <= to; n += 1) {
    const events = await poolEvents(api, await api.rpc.chain.getBlockHash(n));
    if (hasEvent(name, id)(events)) numbers.push(n);
  }
  return numbers;
}

/** A predicate for `waitForPoolEvent`: the block has the pool event `name` of request `id`. */
export const hasEvent = (name, id) => (events) => events.some(([n, d]) => n === name && d.request === id);

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

// Incidents: loss lists and their Merkle tree, as `pallet_security_pool::incidents` defines them
// (polkadot-sdk's `binary-merkle-tree` over BLAKE2b-256: an odd last node is promoted unchanged).

/** The bytes of a loss list's leaf: `index` (u32 LE) ++ the account's 32 bytes ++ `amount` (u128 LE). */
export function lossLeaf(index, account, amount) {
  const leaf = new Uint8Array(52);
  const view = new DataView(leaf.buffer);
  view.setUint32(0, index, true);
  leaf.set(decodeAddress(account), 4);
  view.setBigUint64(36, BigInt.asUintN(64, amount), true);
  view.setBigUint64(44, amount >> 64n, true);
  return leaf;
}

/**
 * The Merkle tree of `leaves` (their bytes, in order): `{ victims, levels, root }`, each level one
 * buffer of 32-byte hashes, from the leaves' hashes up to the root's.
 */
export function lossTree(leaves) {
  const victims = leaves.length;
  let level = new Uint8Array(victims * 32);
  leaves.forEach((leaf, i) => level.set(blake2AsU8a(leaf, 256), i * 32));
  const levels = [level];
  const pair = new Uint8Array(64);
  for (let width = victims; width > 1; width = Math.ceil(width / 2)) {
    const up = new Uint8Array(Math.ceil(width / 2) * 32);
    for (let i = 0; i + 1 < width; i += 2) {
      pair.set(level.subarray(i * 32, i * 32 + 64));
      up.set(blake2AsU8a(pair, 256), (i / 2) * 32);
    }
    if (width % 2 === 1) up.set(level.subarray((width - 1) * 32, width * 32), ((width - 1) / 2) * 32);
    levels.push(up);
    level = up;
  }
  const root = victims === 0 ? new Uint8Array(32) : level.slice(0, 32);
  return { victims, levels, root: u8aToHex(root) };
}

/** The proof of leaf `index` in `tree` (from `lossTree`): the sibling hashes from the leaf up, as hex. */
export function lossProof(tree, index) {
  const proof = [];
  let position = index;
  for (const level of tree.levels.slice(0, -1)) {
    const width = level.length / 32;
    const sibling = position % 2 === 1 ? position - 1 : position + 1 < width ? position + 1 : null;
    if (sibling !== null) proof.push(u8aToHex(level.subarray(sibling * 32, sibling * 32 + 32)));
    position = Math.floor(position / 2);
  }
  return proof;
}

/** Whether `leaf` (bytes) is leaf `index` of the `victims`-leaf list with `root`, by `proof` (hex). */
export function verifyLoss(root, victims, index, leaf, proof) {
  if (index >= victims) return false;
  let hash = blake2AsU8a(leaf, 256);
  let [position, width] = [index, victims];
  for (const item of proof) {
    const sibling = hexToU8a(item);
    const last = position % 2 === 1 || position + 1 === width;
    hash = blake2AsU8a(last ? u8aConcat(sibling, hash) : u8aConcat(hash, sibling), 256);
    position = Math.floor(position / 2);
    width = Math.floor((width - 1) / 2) + 1;
  }
  return u8aToHex(hash) === root;
}

/**
 * The pool's error that the transaction pool gave as the reason for refusing a transaction
 * (`1010: Invalid Transaction: Custom error: N`, N the error's index in the pallet), as
 * `securityPool.Name`; the message itself for any other refusal.
 */
export function refusal(api, error) {
  const custom = /1010: Invalid Transaction: Custom error: (\d+)/.exec(error?.message ?? String(error));
  if (!custom) return error?.message ?? String(error);
  const index = Number(custom[1]);
  const found = Object.entries(api.errors.securityPool).find(([, e]) => e.meta.index.toNumber() === index);
  return found ? `securityPool.${found[0]}` : `Custom error: ${index}`;
}

/**
 * Submits `tx` (a submittable extrinsic or its hex) and resolves with undefined if the node took
 * it, or with its refusal (see `refusal`).
 */
export async function submitRefusal(api, tx) {
  try {
    await api.rpc.author.submitExtrinsic(tx);
    return undefined;
  } catch (error) {
    return refusal(api, error);
  }
}
