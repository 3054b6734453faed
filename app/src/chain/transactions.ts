// Signing and sending (or submitting unsigned), and explaining failures in the pallet's own words
// (its errors' docs).
import type { SubmittableResult } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { ISubmittableResult } from '@polkadot/types/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import type { Account } from './accounts';
import type { Chain } from './connect';

export type Phase = 'signing' | 'sent' | 'inBlock';

export interface Included {
  blockHash: string;
  /** Undefined only when the node's block lacks the transaction (it does not happen in practice). */
  blockNumber?: number;
  events: EventRecord[];
}

/**
 * A failed transaction, with a message for people: the error's docs, not its code. `refusedByPool`:
 * the node refused it, so it never reached a block (and cost nothing).
 */
export class TxError extends Error {
  constructor(message: string, readonly errorName?: string, readonly refusedByPool = false) {
    super(message);
  }
}

/** `error` in words: a module error's docs (e.g. "The amount exceeds `max_payout` of what is available."). */
export function explain({ api }: Chain, error: DispatchError): TxError {
  if (error.isModule) {
    const { docs, section, name } = api.registry.findMetaError(error.asModule);
    return new TxError(docs.join(' ').trim() || `${section}.${name}`, `${section}.${name}`);
  }
  if (error.isToken) return new TxError(`The account cannot pay this (${error.asToken.type}).`, `token.${error.asToken.type}`);
  if (error.isBadOrigin) return new TxError('This account may not do this: the call needs another origin.', 'BadOrigin');
  return new TxError(error.toString());
}

/**
 * Signs `tx` with `account`, sends it and resolves once it is in a block, or rejects with a
 * `TxError`: the extrinsic's own error, or that of the call it dispatched through `sudo.sudo`.
 */
export function send(chain: Chain, tx: SubmittableExtrinsic<'promise'>, account: Account, onPhase?: (phase: Phase) => void): Promise<Included> {
  onPhase?.('signing');
  const options = 'signer' in account.sign ? { signer: account.sign.signer, nonce: -1 } : { nonce: -1 };
  const signer = 'pair' in account.sign ? account.sign.pair : account.address;
  return follow(chain, (watch) => tx.signAndSend(signer, options, watch), onPhase);
}

/**
 * Submits `tx` unsigned (no account, no fee) and resolves once it is in a block; the transaction
 * pool refuses an invalid one before any block (see `refusal`).
 */
export function sendUnsigned(chain: Chain, tx: SubmittableExtrinsic<'promise'>, onPhase?: (phase: Phase) => void): Promise<Included> {
  return follow(chain, (watch) => tx.send(watch), onPhase);
}

/** Follows a transaction that `submit` hands to the node until its block, or its failure. */
function follow(
  chain: Chain,
  submit: (watch: (result: ISubmittableResult) => void) => Promise<() => void>,
  onPhase?: (phase: Phase) => void,
): Promise<Included> {
  const { api } = chain;
  return new Promise((done, fail) => {
    let unsubscribe: (() => void) | undefined;
    let finished = false;
    const finish = (outcome: () => void) => {
      if (finished) return;
      finished = true;
      unsubscribe?.();
      outcome();
    };
    submit((result) => {
      const { status, events, dispatchError } = result;
      if (status.isReady || status.isBroadcast) onPhase?.('sent');
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        finish(() => fail(new TxError(`The transaction was ${status.type.toLowerCase()} by the node.`)));
      }
      if (!status.isInBlock) return;
      onPhase?.('inBlock');
      const sudid = events.find(({ event }) => api.events.sudo?.Sudid.is(event));
      const sudoResult = sudid?.event.data[0] as unknown as { isErr: boolean; asErr: DispatchError } | undefined;
      const error = dispatchError ?? (sudoResult?.isErr ? sudoResult.asErr : undefined);
      // The API's results are `SubmittableResult`s, with the number of the transaction's block.
      const blockNumber = (result as SubmittableResult).blockNumber?.toNumber();
      const included = { blockHash: status.asInBlock.toHex(), blockNumber, events };
      finish(() => (error ? fail(explain(chain, error)) : done(included)));
    }).then((u) => {
      unsubscribe = u;
      if (finished) u();
    }).catch((error: Error) => finish(() => fail(refusal(chain, error.message))));
  });
}

/** The transaction pool's refusals of a transaction it has seen before, by RPC error code. */
const SEEN_BEFORE: Record<string, string> = {
  1012: 'the node refuses this very transaction for a while, as it was submitted recently',
  1013: 'this very transaction was already submitted: it is in a block or waiting for one',
};

const REFUSED = 'Refused by the transaction pool (nothing went into a block)';

/**
 * The node's refusal of a transaction in words. `1010: Invalid Transaction: Custom error: N` (the
 * pool's check of an unsigned call) is the pallet's error N, explained by its docs; a transaction
 * seen before (the same bytes: an unsigned call sent again) is said so; any other refusal, e.g.
 * `1010: Invalid Transaction: Inability to pay some fees`, loses only its code.
 */
function refusal({ api }: Chain, message: string): TxError {
  const custom = /Custom error: (\d+)/.exec(message);
  if (custom) {
    try {
      // A pallet's index in the runtime is the first byte of its calls' index.
      const index = new Uint8Array([api.tx.securityPool.vote.callIndex[0], Number(custom[1])]);
      const { docs, section, name } = api.registry.findMetaError(index);
      return new TxError(`${REFUSED}: ${docs.join(' ').trim() || name}`, `${section}.${name}`, true);
    } catch {
      // Not one of the pallet's errors: told as the node tells it.
    }
  }
  const code = /^(\d+):\s*/.exec(message)?.[1];
  if (code && SEEN_BEFORE[code]) return new TxError(`${REFUSED}: ${SEEN_BEFORE[code]}.`, undefined, true);
  // An RPC error's code (e.g. 1010) says the node refused it; anything else failed before (e.g. signing).
  return new TxError(message.replace(/^\d+:\s*/, ''), undefined, code !== undefined);
}

/** `call` dispatched as root through `sudo.sudo` (the council's origin on the dev chain). */
export const asRoot = ({ api }: Chain, call: SubmittableExtrinsic<'promise'>) => api.tx.sudo.sudo(call);

/** The pool event `name` among an included transaction's events, as JSON by field name. */
export function poolEvent({ events }: Included, name: string): Record<string, unknown> | undefined {
  const record = events.find(({ event }) => event.section === 'securityPool' && event.method === name);
  if (!record) return undefined;
  const { data } = record.event;
  return Object.fromEntries(data.names?.map((field, i) => [field, data[i].toJSON()]) ?? []);
}
