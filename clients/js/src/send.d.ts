import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic, Signer } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { DispatchError, DispatchErrorModule, EventRecord, ExtrinsicStatus, Event } from '@polkadot/types/interfaces';
import type { ISubmittableResult, RegistryError } from '@polkadot/types/types';

/** A transaction in its block. */
export interface Included {
  /** Hex. */
  blockHash: string;
  /** Undefined only when the node's block lacks the transaction (it does not happen in practice). */
  blockNumber?: number;
  /** The transaction's event records. */
  records: EventRecord[];
  /** The transaction's events. */
  events: Event[];
  /** The extrinsic's own error, or that of the call it dispatched through `sudo.sudo` or the council. */
  dispatchError?: DispatchError;
  /** `dispatchError` as `section.Name` (a module error), else as text. */
  error?: string;
}

export interface FollowOptions {
  /** Told every status of the transaction on its way to a block. */
  onStatus?: (status: ExtrinsicStatus) => void;
  /** Gives up after this long (default 60 s; 0: never). */
  ms?: number;
  /** What a timeout names (default: the call). */
  what?: string;
}

export interface SendOptions extends FollowOptions {
  tip?: bigint | number;
  /** Default -1: the next nonce the node knows of, its pool included. */
  nonce?: number;
  /** An extension's signer, for `signer` given as an address. */
  injected?: Signer;
}

type Tx = SubmittableExtrinsic<'promise'>;

/** The extrinsic's own `dispatchError`, else the error of the call it dispatched through `sudo.sudo` or the council. */
export declare function dispatchErrorOf(api: ApiPromise, records: EventRecord[], dispatchError?: DispatchError): DispatchError | undefined;
/** A pallet's error as the metadata tells it; a nested error (`Outer(Inner)`) is named `Outer.Inner` and told by its own docs. */
export declare function moduleError(api: ApiPromise, module: DispatchErrorModule): { section: string; name: string; docs: string };
/** A dispatch error as `section.Name` (`section.Name.Nested`) for a pallet's error, else as text. */
export declare function errorName(api: ApiPromise, error?: DispatchError): string | undefined;
/** The fields of an event's data by name, as JSON. */
export declare function eventData(event: Event): Record<string, any>;
/** The data of the first pool event `name` among `events`. */
export declare function poolEvent(events: readonly Event[], name: string): Record<string, any> | undefined;
/** Follows a transaction that `submit(watch)` hands to the node until it is in a block; rejects with the node's refusal. */
export declare function follow(api: ApiPromise, submit: (watch: (result: ISubmittableResult) => void) => Promise<() => void>, options?: FollowOptions): Promise<Included>;
/** Signs `tx` with `signer`, sends it and follows it to its block. */
export declare function send(api: ApiPromise, tx: Tx, signer: KeyringPair | string, options?: SendOptions): Promise<Included>;
/** Submits `tx` unsigned and follows it to its block. */
export declare function sendUnsigned(api: ApiPromise, tx: Tx, options?: FollowOptions): Promise<Included>;
/** `send`, throwing `<method>: <error>` if the transaction failed in its block. */
export declare function sendOk(api: ApiPromise, tx: Tx, signer: KeyringPair | string, options?: SendOptions): Promise<Included>;
/** The pool's error a transaction pool refused a transaction with (`Custom error: N`), from the metadata. */
export declare function refusalError(api: ApiPromise, error: unknown): RegistryError | undefined;
/** A refusal as `securityPool.Name` where it is the pool's error, else its message. */
export declare function refusal(api: ApiPromise, error: unknown): string;
/** Submits `tx` (or its hex); undefined if the node took it, else its refusal. */
export declare function submitRefusal(api: ApiPromise, tx: Tx | string): Promise<string | undefined>;
