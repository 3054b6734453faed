import type { ApiPromise } from '@polkadot/api';

export type Severity = 'Critical' | 'High' | 'Medium' | 'Low';
/** Severities, in the order of `RequestLimits::disclosure`. */
export declare const SEVERITIES: readonly Severity[];

/** The rules of the requests up to `maxAmount` (the general track: any amount above every track). */
export interface Track {
  maxAmount: bigint;
  /** The most the track's open requests (voting, approved, owed) ask for together; 0 on the general track, which `maxExposure` bounds. */
  maxOpen: bigint;
  votingPeriod: number;
  timelock: number;
  /** Least support (ayes and abstentions), in parts per billion of the active issuance. */
  minSupport: number;
  /** Parts per billion of the weighted votes. */
  approval: number;
}

/** A request's track: an index into the parameters' `tracks`, or `null` for the general track. */
export type TrackIndex = number | null;

/** The track a request for an amount takes now. */
export interface TrackChoice {
  index: TrackIndex;
  track: Track;
}

/** What a new request may ask now. */
export interface RequestLimits {
  /** The least amount (the existential deposit). */
  minimum: bigint;
  /** The most a claim (or an incident's budget) may ask: `max_payout` of what is available and the room under `max_exposure`. */
  claim: bigint;
  /** The most a disclosure may ask, by severity: the claim's limit and its tier. */
  disclosure: Record<Severity, bigint>;
  /** What `max_exposure` of the balance leaves above the open requests' exposure. */
  exposureRoom: bigint;
  openRequests: number;
  maxOpenRequests: number;
}

/** The pool's figures (`poolStatus()`). */
export interface PoolStatus {
  balance: bigint;
  available: bigint;
  committed: bigint;
  owed: bigint;
  exposure: bigint;
  openRequests: number;
  lifetimeInflow: bigint;
  lifetimeOutflow: bigint;
}

/** A running referendum (`referendum(id)`). */
export interface Referendum {
  track: TrackIndex;
  /** Whether it passes with the votes cast so far. */
  passing: boolean;
  /** The balance of its ayes and abstentions (nays never count). */
  support: bigint;
  /** `minSupport` of the active issuance now. */
  supportNeeded: bigint;
  /** Whether voting is in its last `confirmPeriod` blocks: a change of the outcome moves the end, and a vote cast or removed is locked. */
  confirming: boolean;
  /** The first block at which votes are no longer accepted, after extensions. */
  endsAt: number;
  /** How often a late change of the outcome moved the end. */
  extensions: number;
}

/** The pool's figures. */
export declare function poolStatus(api: ApiPromise, blockHash?: string): Promise<PoolStatus>;
/** A running referendum; null once voting is over. */
export declare function referendum(api: ApiPromise, id: number, blockHash?: string): Promise<Referendum | null>;
/** Whether the runtime tells its rules (`SecurityPoolApi` version 6). */
export declare function hasRules(api: ApiPromise): boolean;
/** The deposit a new request for `amount` with `bytes` (evidence, or a disclosure's 32-byte commitment and sealed report) would hold. */
export declare function depositFor(api: ApiPromise, bytes: number, amount: bigint, blockHash?: string): Promise<bigint>;
/** What a new request may ask. */
export declare function limits(api: ApiPromise, blockHash?: string): Promise<RequestLimits>;
/** The track a request for `amount` filed now takes. */
export declare function trackFor(api: ApiPromise, amount: bigint, blockHash?: string): Promise<TrackChoice>;
/** The pool's parameters (the `securityPool.parameters` storage item), as JSON. */
export declare function parameters(api: ApiPromise, blockHash?: string): Promise<Record<string, any>>;
/** The pool's account, as an address. */
export declare function poolAccount(api: ApiPromise, blockHash?: string): Promise<string>;
/** The runtime's commitment (hex), for tests of `commitment` only: never send a real report to a node. */
export declare function commitmentOnChain(api: ApiPromise, submitter: string, report: Uint8Array | string, salt: Uint8Array | string): Promise<string>;
