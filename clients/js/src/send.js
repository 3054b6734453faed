// Sending transactions and telling how they went: sign and send (or submit unsigned), follow the
// transaction to its block, and name its error: the extrinsic's own, or that of the call it
// dispatched through `sudo.sudo` or the council; and the pallet's error a transaction pool
// refused one with.
import { within } from './within.js';

/**
 * The error of an included transaction with event `records` and its own `dispatchError` (if
 * any): that one, else the error of the call it dispatched: through `sudo.sudo` (its `Sudid`
 * event), or as the security council (a closed motion's `Executed`, one member's
 * `MemberExecuted`).
 */
export function dispatchErrorOf(api, records, dispatchError) {
  if (dispatchError) return dispatchError;
  const ran = records.find(({ event }) => api.events.sudo?.Sudid.is(event)
    || api.events.securityCouncil?.Executed.is(event)
    || api.events.securityCouncil?.MemberExecuted.is(event));
  const result = ran?.event.data.result ?? ran?.event.data[0];
  return result?.isErr ? result.asErr : undefined;
}

/**
 * A pallet's error (`DispatchError::Module`) as the metadata tells it: `{ section, name, docs }`.
 * An error that carries a nested one, e.g. `InvalidParameters(PeriodOutOfBounds)`, is named
 * `InvalidParameters.PeriodOutOfBounds` and told by the nested error's docs.
 */
export function moduleError(api, module) {
  const { section, name, docs } = api.registry.findMetaError(module);
  const found = { section, name, docs: docs.join(' ').trim() };
  // The error's bytes: its variant's index, then its fields (a nested error: that one's index).
  const [variantIndex, nestedIndex] = module.error.toU8a();
  const pallet = api.runtimeMetadata.asLatest.pallets.find((p) => p.index.eq(module.index));
  if (nestedIndex === undefined || !pallet?.errors.isSome) return found;
  const { lookup } = api.registry;
  const variant = lookup.getSiType(pallet.errors.unwrap().type).def.asVariant.variants.find((v) => v.index.eq(variantIndex));
  const nested = variant?.fields.length === 1 ? lookup.getSiType(variant.fields[0].type).def : undefined;
  const inner = nested?.isVariant ? nested.asVariant.variants.find((v) => v.index.eq(nestedIndex)) : undefined;
  if (!inner) return found;
  return { section, name: `${name}.${inner.name.toString()}`, docs: inner.docs.join(' ').trim() || found.docs };
}

/** A dispatch error as `section.Name` (`section.Name.Nested`, see `moduleError`) for a pallet's error, else as text; undefined for none. */
export function errorName(api, error) {
  if (!error) return undefined;
  if (!error.isModule) return error.toString();
  const { section, name } = moduleError(api, error.asModule);
  return `${section}.${name}`;
}

/** The fields of an event's data by name, as JSON. */
export const eventData = (event) =>
  Object.fromEntries((event.data.names ?? []).map((name, i) => [name, event.data[i].toJSON()]));

/** The data (`eventData`) of the first pool event `name` among `events`; undefined if none. */
export function poolEvent(events, name) {
  const event = events.find((e) => e.section === 'securityPool' && e.method === name);
  return event && eventData(event);
}

/**
 * Follows a transaction that `submit(watch)` hands to the node (`tx.signAndSend(…, watch)`,
 * `tx.send(watch)`) until it is in a block, telling `onStatus` each status on the way. Resolves
 * with `{ blockHash, blockNumber, records, events, dispatchError, error }` (`error`: the dispatch
 * error's name, see `errorName`); rejects with the node's refusal (its RPC error, e.g. `1010:
 * Invalid Transaction: …`), when the node drops it or finds it invalid, or after `ms` (0: never).
 */
export function follow(api, submit, { onStatus, ms = 60_000, what = 'transaction' } = {}) {
  return within(ms, what, new Promise((done, fail) => {
    let unsubscribe;
    let finished = false;
    const finish = (outcome) => {
      if (finished) return;
      finished = true;
      unsubscribe?.();
      outcome();
    };
    submit((result) => {
      const { status } = result;
      onStatus?.(status);
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        finish(() => fail(new Error(`The transaction was ${status.type.toLowerCase()} by the node.`)));
      }
      if (!status.isInBlock) return;
      const records = result.events;
      const dispatchError = dispatchErrorOf(api, records, result.dispatchError);
      finish(() => done({
        blockHash: status.asInBlock.toHex(),
        // The API's results are `SubmittableResult`s, with the number of the transaction's block.
        blockNumber: result.blockNumber?.toNumber(),
        records,
        events: records.map((record) => record.event),
        dispatchError,
        error: errorName(api, dispatchError),
      }));
    }).then((u) => {
      unsubscribe = u;
      if (finished) u();
    }).catch((error) => finish(() => fail(error)));
  }));
}

const callName = (tx) => `${tx.method.section}.${tx.method.method}`;

/**
 * Signs `tx` with `signer` (a key pair, or an address with an extension's `injected` signer),
 * sends it and follows it to its block (see `follow`). `nonce` defaults to the next one the node
 * knows of (its pool included); give consecutive nonces to send several transactions of one
 * signer at once, for one block.
 */
export function send(api, tx, signer, { tip, nonce = -1, injected, ...options } = {}) {
  const signing = { nonce, ...(tip !== undefined && { tip }), ...(injected && { signer: injected }) };
  return follow(api, (watch) => tx.signAndSend(signer, signing, watch), { what: callName(tx), ...options });
}

/** Submits `tx` unsigned (no account, no fee) and follows it to its block (see `follow`). */
export function sendUnsigned(api, tx, options = {}) {
  return follow(api, (watch) => tx.send(watch), { what: callName(tx), ...options });
}

/** `send`, throwing `<method>: <error>` if the transaction failed in its block. */
export async function sendOk(api, tx, signer, options) {
  const included = await send(api, tx, signer, options);
  if (included.error) throw new Error(`${tx.method.method}: ${included.error}`);
  return included;
}

/**
 * The pool's error a transaction pool refused a transaction with (`1010: Invalid Transaction:
 * Custom error: N`, N the error's index in the pallet), from the metadata: `{ section, name,
 * docs, … }`; undefined for any other refusal.
 */
export function refusalError(api, error) {
  const custom = /Custom error: (\d+)/.exec(error?.message ?? String(error));
  if (!custom) return undefined;
  try {
    // A pallet's index in the runtime is the first byte of its calls' index.
    return api.registry.findMetaError(new Uint8Array([api.tx.securityPool.vote.callIndex[0], Number(custom[1])]));
  } catch {
    return undefined;
  }
}

/** A refusal as `securityPool.Name` where it is the pool's error (see `refusalError`), else its message. */
export function refusal(api, error) {
  const found = refusalError(api, error);
  return found ? `${found.section}.${found.name}` : error?.message ?? String(error);
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
