import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Call } from '@polkadot/types/interfaces';
import type { Included, SendOptions } from './send.js';

type Share = [numerator: number, denominator: number];
type CallOrTx = Call | SubmittableExtrinsic<'promise'>;

/** The share of the council each power takes (root, or this share of the members by motion). */
export declare const COUNCIL_SHARES: Record<'veto' | 'cancel' | 'triage' | 'setTriageKey' | 'setParameters' | 'setFeeShare' | 'setMembers' | 'disapproveProposal' | 'kill', Share>;
/** The ayes a motion needs out of `members` for a share: ayes × d ≥ n × members. */
export declare function ayesFor(members: number, share: Share): number;
/** The ayes of `members` a council motion of `call` needs; throws for a call that is no council power. */
export declare function motionThreshold(call: CallOrTx, members: number): number;
/** The council's members (addresses). */
export declare function councilMembers(api: ApiPromise): Promise<string[]>;

/** An open council motion. */
export interface Motion {
  hash: string;
  index: number;
  /** The proposed call. */
  call: Call;
  /** Ayes it needs. */
  threshold: number;
  ayes: string[];
  nays: string[];
  /** The block after which anyone may close it as it stands (an undecided member counts as a nay). */
  end: number;
}

/**
 * What closing `motion` of a council of `members` in block `at` does: approves (its ayes reach the
 * threshold), disapproves (it can no longer pass, or from `end` on it has too few ayes: an
 * undecided member counts as a nay); undefined while it may not be closed yet (`TooEarly`).
 */
export declare function closeOutcome(motion: Pick<Motion, 'threshold' | 'ayes' | 'nays' | 'end'>, members: number, at: number): 'approves' | 'disapproves' | undefined;

/** The open motions, oldest first. */
export declare function openMotions(api: ApiPromise): Promise<Motion[]>;
/** Proposes `call` as a motion with the threshold its power takes; a failure in its block throws an error carrying `included` and `dispatchError`. */
export declare function proposeMotion(api: ApiPromise, call: CallOrTx, signer: KeyringPair | string, options?: SendOptions): Promise<{ hash: string; index: number; threshold: number; included: Included }>;
/** Votes aye (`approve`) or nay on a motion; a failure in its block throws an error carrying `included` and `dispatchError`. */
export declare function voteMotion(api: ApiPromise, motion: { hash: string; index: number }, approve: boolean, signer: KeyringPair | string, options?: SendOptions): Promise<Included>;
/** Closes a motion: runs its call if enough members voted aye (`approved`), else drops it. */
export declare function closeMotion(api: ApiPromise, motion: { hash: string; index: number; call: Call }, signer: KeyringPair | string, options?: SendOptions): Promise<Included & { approved: boolean }>;
