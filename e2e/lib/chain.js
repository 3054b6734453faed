// The end-to-end tests' own helpers over @polkadot/api: filing, voting, balances and the pool's
// events and figures as the tests check them. What any client needs (sending, the commitment, the
// sealed box, the rules, the node harness) is in @security-pool/client.
import { closeMotion, eventData, proposeMotion, send, voteMotion } from '@security-pool/client';
import { within } from '@security-pool/client/node';

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

/**
 * Passes `call` by a council motion: `proposer` proposes it, `proposer` and the other `ayes` vote
 * aye (in one block), `closer` closes it. Resolves with the close's events; throws if the motion
 * or its call failed.
 */
export async function passByCouncil(api, call, [proposer, ...ayes], closer) {
  const motion = await proposeMotion(api, call, proposer);
  await Promise.all([proposer, ...ayes].map((member) => voteMotion(api, motion, true, member)));
  const closed = await closeMotion(api, { ...motion, call: call.method }, closer);
  if (closed.error || !closed.approved) throw new Error(`motion ${call.method.method}: ${closed.error ?? 'not approved'}`);
  return closed.events;
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

/** Free balance of `address` at `blockHash` (or the best block). */
export const freeBalance = (api, address, blockHash) => balance(api, address, blockHash, 'free');

/** Reserved balance of `address` (the sum of its holds) at `blockHash` (or the best block). */
export const reservedBalance = (api, address, blockHash) => balance(api, address, blockHash, 'reserved');

async function balance(api, address, blockHash, kind) {
  const at = blockHash ? await api.at(blockHash) : api;
  return (await at.query.system.account(address)).data[kind].toBigInt();
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

/** The events of the pool in block `blockHash`, as `[name, data]`. */
export async function poolEvents(api, blockHash) {
  const events = await (await api.at(blockHash)).query.system.events();
  return events
    .filter(({ event }) => event.section === 'securityPool')
    .map(({ event }) => [event.method, eventData(event)]);
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
