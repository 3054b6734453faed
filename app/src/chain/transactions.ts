// Signing and sending (or submitting unsigned), and explaining failures in the pallet's own words
// (its errors' docs).
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError } from '@polkadot/types/interfaces';
import {
  moduleError, refusalError, send as sendSigned, sendUnsigned as submitUnsigned, type FollowOptions, type Included,
} from '@security-pool/client';
import type { Account } from './accounts';
import type { Chain } from './connect';

export type { Included } from '@security-pool/client';

export type Phase = 'signing' | 'sent' | 'inBlock';

/**
 * A failed transaction, with a message for people: the error's docs, not its code. `refusedByPool`:
 * the node refused it, so it never reached a block (and cost nothing).
 */
export class TxError extends Error {
  constructor(message: string, readonly errorName?: string, readonly refusedByPool = false) {
    super(message);
  }
}

/** `error` in words: a pallet error's docs, a nested error's own (e.g. "The amount exceeds `max_payout` of what is available."). */
export function explain({ api }: Chain, error: DispatchError): TxError {
  if (error.isModule) {
    const { docs, section, name } = moduleError(api, error.asModule);
    return new TxError(docs || `${section}.${name}`, `${section}.${name}`);
  }
  if (error.isToken) return new TxError(`The account cannot pay this (${error.asToken.type}).`, `token.${error.asToken.type}`);
  if (error.isBadOrigin) return new TxError('This account may not do this: the call needs another origin.', 'BadOrigin');
  return new TxError(error.toString());
}

/** How a transaction travels, as the app tells it. */
function phases(onPhase?: (phase: Phase) => void): FollowOptions {
  return {
    // The user may take their time to sign in an extension.
    ms: 0,
    onStatus: (status) => {
      if (status.isReady || status.isBroadcast) onPhase?.('sent');
      if (status.isInBlock) onPhase?.('inBlock');
    },
  };
}

/** The outcome of `sending`: its block, or a `TxError` (its dispatch error, or the node's refusal). */
async function outcome(chain: Chain, sending: Promise<Included>): Promise<Included> {
  let included: Included;
  try {
    included = await sending;
  } catch (error) {
    throw refusal(chain, (error as Error).message);
  }
  if (included.dispatchError) throw explain(chain, included.dispatchError);
  return included;
}

/** How `account` signs with the client package's senders: a key pair, or an address with the extension's signer; `onPhase` told the way. */
export function signing(account: Account, onPhase?: (phase: Phase) => void) {
  onPhase?.('signing');
  const injected = 'signer' in account.sign ? account.sign.signer : undefined;
  const signer = 'pair' in account.sign ? account.sign.pair : account.address;
  return { signer, options: { injected, ...phases(onPhase) } };
}

/**
 * Signs `tx` with `account`, sends it and resolves once it is in a block, or rejects with a
 * `TxError`: the extrinsic's own error, or that of the call it dispatched (through `sudo.sudo`,
 * or a closed council motion).
 */
export function send(chain: Chain, tx: SubmittableExtrinsic<'promise'>, account: Account, onPhase?: (phase: Phase) => void): Promise<Included> {
  const { signer, options } = signing(account, onPhase);
  return outcome(chain, sendSigned(chain.api, tx, signer, options));
}

/**
 * What a client package helper that sends (e.g. `proposeMotion`) resolves with, or a `TxError`:
 * the dispatch error its failure carries, in words, or the node's refusal.
 */
export async function explained<T>(chain: Chain, sending: Promise<T>): Promise<T> {
  try {
    return await sending;
  } catch (error) {
    const { dispatchError } = error as { dispatchError?: DispatchError };
    throw dispatchError ? explain(chain, dispatchError) : refusal(chain, (error as Error).message);
  }
}

/**
 * Submits `tx` unsigned (no account, no fee) and resolves once it is in a block; the transaction
 * pool refuses an invalid one before any block (see `refusal`).
 */
export function sendUnsigned(chain: Chain, tx: SubmittableExtrinsic<'promise'>, onPhase?: (phase: Phase) => void): Promise<Included> {
  return outcome(chain, submitUnsigned(chain.api, tx, phases(onPhase)));
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
  const found = refusalError(api, message);
  if (found) return new TxError(`${REFUSED}: ${found.docs.join(' ').trim() || found.name}`, `${found.section}.${found.name}`, true);
  const code = /^(\d+):\s*/.exec(message)?.[1];
  if (code && SEEN_BEFORE[code]) return new TxError(`${REFUSED}: ${SEEN_BEFORE[code]}.`, undefined, true);
  // An RPC error's code (e.g. 1010) says the node refused it; anything else failed before (e.g. signing).
  return new TxError(message.replace(/^\d+:\s*/, ''), undefined, code !== undefined);
}
