// Referendum arithmetic as the pallet does it: conviction weights, tally against the terms, locks.
import type { Ballot, Choice, Conviction, Outcome, Tally, Terms } from './pool';
import type { PayoutRequest } from './snapshot';

const PERBILL = 1_000_000_000n;

/** How many locking periods a won vote stays frozen. */
export const LOCK_PERIODS: Record<Conviction, number> = {
  None: 0, Locked1x: 1, Locked2x: 2, Locked3x: 4, Locked4x: 8, Locked5x: 16, Locked6x: 32,
};

/** A vote's weight in the tally: ayes or nays; an abstention weighs nothing (it counts toward support only). */
export function weight({ choice, balance, conviction }: Ballot): bigint {
  if (choice.type === 'Abstain') return 0n;
  if (conviction.type === 'None') return balance / 10n;
  return balance * BigInt(conviction.type.slice(6, 7));
}

/** The conviction's multiplier as shown, e.g. `0.1×`, `3×`. */
export const multiplier = (conviction: Conviction) => (conviction === 'None' ? '0.1×' : `${conviction.slice(6, 7)}×`);

const mulCeil = (parts: number, value: bigint) => (BigInt(parts) * value + PERBILL - 1n) / PERBILL;
const mulFloor = (parts: number, value: bigint) => (BigInt(parts) * value) / PERBILL;

/** Where a tally stands against a request's own thresholds. */
export interface Standing {
  /** Support (ayes and abstentions, unweighted) as a share of the active issuance, 0…1. */
  supportShare: number;
  /** Weighted ayes as a share of weighted votes, 0…1 (0 with no votes). */
  approvalShare: number;
  supportMet: boolean;
  approvalMet: boolean;
  passing: boolean;
}

/** The support a referendum under `terms` needs: `minSupport` of `electorate`, rounded up. */
export const supportNeeded = (terms: Terms, electorate: bigint) => mulCeil(terms.min_support, electorate);

/** The tally against `terms`, as `Tally::passes` judges it with `electorate` the active issuance. */
export function standing(tally: Tally, terms: Terms, electorate: bigint): Standing {
  const decisive = tally.ayes + tally.nays;
  const supportMet = tally.support >= supportNeeded(terms, electorate);
  const approvalMet = decisive > 0n && tally.ayes > mulFloor(terms.approval, decisive);
  return {
    supportShare: electorate > 0n ? ratio(tally.support, electorate) : 0,
    approvalShare: decisive > 0n ? ratio(tally.ayes, decisive) : 0,
    supportMet,
    approvalMet,
    passing: supportMet && approvalMet,
  };
}

const ratio = (part: bigint, whole: bigint) => Number((part * 1_000_000n) / whole) / 1_000_000;

/** The block a won vote with `conviction` is frozen until, for a referendum ending at `endsAt`. */
export const lockEnd = (endsAt: number, voteLockingPeriod: number, conviction: Conviction) =>
  endsAt + voteLockingPeriod * LOCK_PERIODS[conviction];

/** The block a vote cast, changed or removed in the confirmation window stays frozen until, whichever side wins. */
export const lateLockEnd = (endsAt: number, voteLockingPeriod: number) => endsAt + voteLockingPeriod;

/** Whether a vote won its finished referendum: its side is the outcome; an abstention never wins. */
export const won = (choice: Choice, outcome: Outcome) =>
  choice === 'Aye' ? outcome.approved : choice === 'Nay' ? !outcome.approved : false;

/** Where a running referendum ends, after extensions: the runtime API's end, else the stored one. */
export function votingEnd(request: PayoutRequest): number | undefined {
  const { status, referendum } = request;
  if (status.type !== 'Voting') return undefined;
  return referendum?.ends_at ?? status.value.ends_at;
}

/** How often a late change of the outcome moved the end. */
export function extensionsOf(request: PayoutRequest): number {
  const { status, referendum } = request;
  if (status.type !== 'Voting') return 0;
  return referendum?.extensions ?? status.value.extensions;
}
