// Signing and sending, and explaining failures in the pallet's own words (its errors' docs).
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import type { Account } from './accounts';
import type { Chain } from './connect';

export type Phase = 'signing' | 'sent' | 'inBlock';

export interface Included {
  blockHash: string;
  events: EventRecord[];
}

/** A failed transaction, with a message for people: the error's docs, not its code. */
export class TxError extends Error {
  constructor(message: string, readonly errorName?: string) {
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
    onPhase?.('signing');
    const options = 'signer' in account.sign ? { signer: account.sign.signer, nonce: -1 } : { nonce: -1 };
    const signer = 'pair' in account.sign ? account.sign.pair : account.address;
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (status.isReady || status.isBroadcast) onPhase?.('sent');
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        finish(() => fail(new TxError(`The transaction was ${status.type.toLowerCase()} by the node.`)));
      }
      if (!status.isInBlock) return;
      onPhase?.('inBlock');
      const sudid = events.find(({ event }) => api.events.sudo?.Sudid.is(event));
      const sudoResult = sudid?.event.data[0] as unknown as { isErr: boolean; asErr: DispatchError } | undefined;
      const error = dispatchError ?? (sudoResult?.isErr ? sudoResult.asErr : undefined);
      finish(() => (error ? fail(explain(chain, error)) : done({ blockHash: status.asInBlock.toHex(), events })));
    }).then((u) => {
      unsubscribe = u;
      if (finished) u();
    }).catch((error: Error) => finish(() => fail(new TxError(readableRpcError(error.message)))));
  });
}

/** An RPC refusal such as `1010: Invalid Transaction: Inability to pay some fees` without its code. */
const readableRpcError = (message: string) => message.replace(/^\d+:\s*/, '');

/** `call` dispatched as root through `sudo.sudo` (the council's origin on the dev chain). */
export const asRoot = ({ api }: Chain, call: SubmittableExtrinsic<'promise'>) => api.tx.sudo.sudo(call);

/** The pool event `name` among an included transaction's events, as JSON by field name. */
export function poolEvent({ events }: Included, name: string): Record<string, unknown> | undefined {
  const record = events.find(({ event }) => event.section === 'securityPool' && event.method === name);
  if (!record) return undefined;
  const { data } = record.event;
  return Object.fromEntries(data.names?.map((field, i) => [field, data[i].toJSON()]) ?? []);
}
