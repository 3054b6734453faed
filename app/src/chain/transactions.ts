// Signing and sending (or submitting unsigned), and explaining failures in the pallet's own words
// (its errors' docs, read from the chain's metadata).
import { compact } from '@polkadot-api/substrate-bindings';
import type { Transaction, TxEvent, TxEventsPayload } from 'polkadot-api';
import type { Account } from './accounts';
import type { Chain } from './connect';
import { errorsOf } from './metadata';
import { unit } from './pool';

export type Phase = 'signing' | 'sent' | 'inBlock';

/** A transaction in a block: where, and the events it caused. */
export type Included = Pick<TxEventsPayload, 'block' | 'events'>;

/** The data of event `pallet.name` among `included`'s events, if it is there. */
export function eventOf<T = Record<string, unknown>>(included: Included, pallet: string, name: string): T | undefined {
  const found = included.events.find((event) => event.type === pallet && event.value.type === name);
  return found?.value.value as T | undefined;
}

/**
 * A failed transaction, with a message for people: the error's docs, not its code. `refusedByPool`:
 * the node refused it, so it never reached a block (and cost nothing). `ranCall`: the transaction
 * succeeded, but the call it dispatched on someone's behalf (sudo, a council motion) failed.
 */
export class TxError extends Error {
  ranCall = false;

  constructor(message: string, readonly errorName?: string, readonly refusedByPool = false) {
    super(message);
  }
}

/** A `DispatchError` as the typed client decodes it. */
export interface DispatchError {
  type: string;
  value?: unknown;
}

type Nested = { type: string; value?: Nested };

/** `error` in words: a pallet error's docs (e.g. "The amount exceeds `max_payout` of what is available."), else its kind. */
export async function explain(chain: Chain, error: DispatchError): Promise<TxError> {
  const inner = error.value as Nested | undefined;
  if (error.type === 'Module' && inner) {
    const name = `${inner.type}.${inner.value?.type ?? ''}`;
    const docs = (await errorsOf(chain).catch(() => undefined))?.docs.get(name);
    return new TxError(docs || name, name);
  }
  if (error.type === 'Token') return new TxError(`The account cannot pay this (${inner?.type}).`, `token.${inner?.type}`);
  if (error.type === 'BadOrigin') return new TxError('This account may not do this: the call needs another origin.', 'BadOrigin');
  return new TxError(inner ? `${error.type}: ${inner.type}` : error.type, error.type);
}

/**
 * The error of the call a transaction dispatched on someone's behalf, if it failed: through
 * `sudo.sudo` (`Sudid`) or a council motion that ran (`Executed`, `MemberExecuted`).
 */
export function innerError(included: Included): DispatchError | undefined {
  for (const [pallet, name, field] of [['Sudo', 'Sudid', 'sudo_result'], ['SecurityCouncil', 'Executed', 'result'], ['SecurityCouncil', 'MemberExecuted', 'result']]) {
    const result = eventOf<Record<string, { success: boolean; value: DispatchError }>>(included, pallet, name)?.[field];
    if (result && !result.success) return result.value;
  }
  return undefined;
}

/** How the typed client tells a transaction's way: to the app's phases, then its block or its error. */
function follow(chain: Chain, events: { subscribe: (observer: { next: (event: TxEvent) => void; error: (error: unknown) => void }) => { unsubscribe(): void } }, onPhase?: (phase: Phase) => void): Promise<Included> {
  return new Promise<Included>((resolve, reject) => {
    const subscription = events.subscribe({
      next: (event) => {
        if (event.type === 'broadcasted' || event.type === 'signed') onPhase?.('sent');
        if (event.type !== 'txBestBlocksState' || !event.found) return;
        subscription?.unsubscribe();
        onPhase?.('inBlock');
        const included: Included = { block: event.block, events: event.events };
        const inner = event.ok ? innerError(included) : undefined;
        const error = inner ?? (event.ok ? undefined : (event.dispatchError as DispatchError));
        if (!error) return resolve(included);
        explain(chain, error).then((explained) => {
          explained.ranCall = inner !== undefined;
          reject(explained);
        }, reject);
      },
      error: (error) => {
        refusal(chain, error).then(reject, reject);
      },
    });
  });
}

/**
 * Signs `tx` with `account`, sends it and resolves once it is in a block, or rejects with a
 * `TxError`: the extrinsic's own error, or that of the call it dispatched (through `sudo.sudo`,
 * or a closed council motion).
 */
export function send(chain: Chain, tx: Transaction, account: Account, onPhase?: (phase: Phase) => void): Promise<Included> {
  onPhase?.('signing');
  return follow(chain, tx.signSubmitAndWatch(account.signer), onPhase);
}

/**
 * Submits `tx` unsigned (no account, no fee) and resolves once it is in a block. The runtime's
 * check of it at the best block comes first, so that a refusal tells why it is invalid now (the
 * typed client checks it at the finalized block too, which may be blocks behind; see `refusal`).
 */
export async function sendUnsigned(chain: Chain, tx: Transaction, onPhase?: (phase: Phase) => void): Promise<Included> {
  const bare = await tx.getBareTx();
  const [best] = await chain.client.getBestBlocks();
  // The API takes the extrinsic as bytes, which it prefixes with their length itself.
  const body = bare.slice(compact.enc(compact.dec(bare)).length);
  const validity = await chain.api.apis.TaggedTransactionQueue.validate_transaction(unit('External'), body, best.hash, { at: best.hash });
  if (!validity.success) throw await refusal(chain, { error: validity.value });
  return follow(chain, chain.client.submitAndWatch(bare), onPhase);
}

const REFUSED = 'Refused by the transaction pool (nothing went into a block)';

/**
 * The node's refusal of a transaction in words. An invalid transaction's `Custom(N)` (the pallet's
 * check of an unsigned call) is the pallet's error N, explained by its docs; any other reason
 * (e.g. the account cannot pay the fees) by its name; an error before the node (e.g. the wallet's
 * refusal to sign) by its message.
 */
async function refusal(chain: Chain, error: unknown): Promise<TxError> {
  const reason = (error as { error?: Nested }).error;
  if (!reason) return new TxError((error as Error).message ?? String(error));
  const kind = reason.value;
  if (kind?.type === 'Custom' && typeof kind.value === 'number') {
    const { docs, byIndex } = await errorsOf(chain);
    const name = byIndex.get('SecurityPool')?.[kind.value];
    if (name) return new TxError(`${REFUSED}: ${docs.get(`SecurityPool.${name}`) || name}`, `SecurityPool.${name}`, true);
  }
  const words = kind?.type ? kind.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : reason.type;
  return new TxError(`${REFUSED}: ${reason.type === 'Invalid' ? 'invalid transaction' : reason.type}: ${words}.`, undefined, true);
}
