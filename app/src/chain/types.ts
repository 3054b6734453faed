// The pool's domain as the app sees it, decoded from the chain (see decode.ts).
import type { Referendum, Severity, Track, TrackIndex } from '@security-pool/client';

export {
  SEVERITIES, type PoolStatus, type Referendum, type RequestLimits, type Severity, type Track, type TrackChoice, type TrackIndex,
} from '@security-pool/client';

/** Which way a vote counts: for, against, or toward support only. */
export type Choice = 'Aye' | 'Nay' | 'Abstain';

export type Conviction = 'None' | 'Locked1x' | 'Locked2x' | 'Locked3x' | 'Locked4x' | 'Locked5x' | 'Locked6x';
export const CONVICTIONS: readonly Conviction[] = ['None', 'Locked1x', 'Locked2x', 'Locked3x', 'Locked4x', 'Locked5x', 'Locked6x'];

/** The council's attestation of a disclosure's report (triage). */
export type Verdict =
  | { kind: 'Confirmed' }
  | { kind: 'Downgraded'; severity: Severity }
  | { kind: 'Invalid' };

/** Where a disclosure is in triage. */
export type Triage =
  | { kind: 'Pending'; due: number }
  | { kind: 'Judged'; verdict: Verdict; at: number }
  | { kind: 'Missed'; at: number }
  | { kind: 'Exempt' };

export interface Tally {
  /** Conviction-weighted. */
  ayes: bigint;
  /** Conviction-weighted. */
  nays: bigint;
  /** The balance of the ayes and abstentions, unweighted; nays never count toward it. */
  support: bigint;
  votes: number;
}

/** Where an open request is in its life (storage). */
export type OpenStatus =
  | { kind: 'Voting'; endsAt: number; tally: Tally; extensions: number }
  | { kind: 'Approved'; payableAt: number }
  | { kind: 'Owed'; remaining: bigint }
  | { kind: 'Unproven'; revealBy: number }
  | { kind: 'Paid'; revealBy: number }
  /** An incident's claim window: its victims claim their shares until `closesAt`. */
  | { kind: 'Compensating'; paid: bigint; closesAt: number };

/** How a request left storage, from its events. */
export type ClosedStatus =
  | { kind: 'Rejected'; at: number; tally?: Tally }
  | { kind: 'Vetoed'; at: number }
  | { kind: 'Cancelled'; at: number }
  | { kind: 'Settled'; at: number }
  | { kind: 'Closed'; at: number };

export type RequestStatus = OpenStatus | ClosedStatus;

export interface Terms {
  /** Undefined on a runtime without tracks. */
  track?: TrackIndex;
  timelock: number;
  voteLockingPeriod: number;
  /** Least support (ayes and abstentions), in parts per billion of the active issuance. */
  minSupport: number;
  /** Parts per billion of the weighted votes. */
  approval: number;
  triagePeriod?: number;
  revealPeriod?: number;
  /** The confirmation window: the last blocks of voting, in which a change of the outcome moves the end. */
  confirmPeriod?: number;
  /** Whole blocks between a disclosure's reveal and its payment: the veto origin's time to read the report. */
  vetoWindow: number;
}

export type RequestKind =
  | { kind: 'Claim'; evidence: Uint8Array }
  | { kind: 'Disclosure'; commitment: string; severity: Severity; triage?: Triage; revealed?: boolean }
  | Incident;

/** One referendum for every victim of a hack: each claims `amount × budget / total` of its leaf in the loss list with `root`. */
export interface Incident {
  kind: 'Incident';
  evidence: Uint8Array;
  /** What the loss list's amounts add up to. */
  total: bigint;
  victims: number;
  /** The loss list's Merkle root (hex). */
  root: string;
  /** Blocks the victims have to claim, from the end of the timelock. */
  claimPeriod: number;
}

/**
 * A claim, disclosure or incident: open ones from storage, finished ones rebuilt from their events.
 * An incident's `amount` is its budget: reserved while it votes, fixed at approval.
 */
export interface PayoutRequest {
  id: number;
  what: RequestKind;
  submitter: string;
  beneficiary: string;
  payee: string;
  amount: bigint;
  deposit: bigint;
  status: RequestStatus;
  terms?: Terms;
  /** The running referendum as the runtime API tells it (`securityPoolApi.referendum`), while it votes. */
  referendum?: Referendum;
  /** The block it was filed in, when known from the history. */
  filedAt?: number;
}

/** A fee share that follows the reserve: `ceiling` when the pool is empty, falling linearly to `floor` at `targetReserve` and above. */
export interface AdaptiveFeeShare {
  /** Parts per billion of each fee once the reserve reaches `targetReserve`. */
  floor: number;
  /** Parts per billion of each fee when the reserve is empty. */
  ceiling: number;
  targetReserve: bigint;
}

/** The pool's share of fees (runtime API `securityPoolApi.feeShare()`), in parts per billion. */
export interface FeeShare {
  /** What the next fee pays to the pool. */
  current: number;
  /** The runtime's fixed share, used when no adaptive share is set. */
  fixed: number;
  adaptive?: AdaptiveFeeShare;
}

export interface Tier {
  share: number;
  cap: bigint;
}

export interface Parameters {
  votingPeriod: number;
  timelock: number;
  voteLockingPeriod: number;
  minSupport: number;
  approval: number;
  maxPayout: number;
  maxExposure: number;
  depositBase: bigint;
  depositPerByte: bigint;
  amountBond: number;
  tiers: Record<Severity, Tier>;
  /** Faster, lighter tracks for smaller amounts, by ascending `maxAmount` (empty on a runtime without tracks). */
  tracks: Track[];
  confirmPeriod?: number;
  vetoWindow: number;
}

export interface Ballot {
  choice: Choice;
  balance: bigint;
  conviction: Conviction;
}

/** One account's votes and the lock left by removed ones. */
export interface Voting {
  votes: { request: number; vote: Ballot }[];
  prior: { until: number; amount: bigint };
}

/** How a finished referendum ended, kept while votes refer to it. */
export interface Outcome {
  approved: boolean;
  endedAt: number;
  voteLockingPeriod: number;
}

/** A revealed disclosure report. */
export interface Report {
  author: string;
  deposit: bigint;
  text: Uint8Array;
}

/** One event of the pool, with where it happened. */
export interface PoolEvent {
  block: number;
  name: string;
  data: Record<string, unknown>;
}

/** What the history keeps of one block. */
export interface BlockRecord {
  number: number;
  /** Milliseconds since the epoch (the block's timestamp). */
  time: number;
  reserve: bigint;
  exposure: bigint;
  events: PoolEvent[];
}
