// Decodes the pallet's types from their Polkadot.js JSON (`codec.toJSON()`) into the app's domain.
import { hexToU8a } from '@polkadot/util';
import type {
  AdaptiveFeeShare, Ballot, Choice, Conviction, FeeShare, Incident, OpenStatus, Outcome, Parameters, PayoutRequest,
  Report, RequestKind, Severity, Tally, Terms, Tier, Track, TrackIndex, Triage, Verdict, Voting,
} from './types';

type Json = Record<string, unknown>;

/** A balance from JSON: a number, or a hex or decimal string for large ones. */
export const big = (value: unknown): bigint => BigInt(value as string | number);

const num = (value: unknown): number => Number(value);
const optNum = (value: unknown): number | undefined => (value === undefined ? undefined : num(value));
/** An `Option<u8>` track index: `null` is the general track. */
const trackIndex = (value: unknown): TrackIndex => (value === null || value === undefined ? null : num(value));

/** An enum's variant, capitalised, and its value: `{ voting: {…} }` → `['Voting', {…}]`, `'None'` → `['None', null]`. */
export function variant(json: unknown): [string, unknown] {
  if (typeof json === 'string') return [json, null];
  const [key, value] = Object.entries(json as Json)[0];
  return [key[0].toUpperCase() + key.slice(1), value];
}

export const bytes = (json: unknown): Uint8Array => hexToU8a(json as string);

export const tally = (json: Json): Tally => ({
  ayes: big(json.ayes),
  nays: big(json.nays),
  support: big(json.support),
  votes: num(json.votes),
});

export function verdict(json: unknown): Verdict {
  const [kind, value] = variant(json);
  return kind === 'Downgraded' ? { kind, severity: value as Severity } : { kind: kind as 'Confirmed' | 'Invalid' };
}

export function triage(json: unknown): Triage {
  const [kind, value] = variant(json);
  const v = (value ?? {}) as Json;
  switch (kind) {
    case 'Pending': return { kind, due: num(v.due) };
    case 'Judged': return { kind, verdict: verdict(v.verdict), at: num(v.at) };
    case 'Missed': return { kind, at: num(v.at) };
    default: return { kind: 'Exempt' };
  }
}

function requestKind(json: unknown): RequestKind {
  const [kind, value] = variant(json);
  const v = value as Json;
  if (kind === 'Claim') return { kind, evidence: bytes(v.evidence) };
  if (kind === 'Incident') return incident(v);
  return {
    kind: 'Disclosure',
    commitment: v.commitment as string,
    severity: v.severity as Severity,
    triage: v.triage === undefined ? undefined : triage(v.triage),
    revealed: v.revealed === undefined ? undefined : Boolean(v.revealed),
  };
}

/** An incident's terms from `RequestKind::Incident` (or its `IncidentDeclared` event). */
export const incident = (json: Json): Incident => ({
  kind: 'Incident',
  evidence: bytes(json.evidence),
  total: big(json.total),
  victims: num(json.victims),
  root: json.root as string,
  claimPeriod: num(json.claimPeriod),
});

export function openStatus(json: unknown): OpenStatus {
  const [kind, value] = variant(json);
  const v = value as Json;
  switch (kind) {
    case 'Voting': return { kind, endsAt: num(v.endsAt), tally: tally(v.tally as Json), extensions: num(v.extensions ?? 0) };
    case 'Approved': return { kind, payableAt: num(v.payableAt) };
    case 'Owed': return { kind, remaining: big(v.remaining) };
    case 'Unproven': return { kind, revealBy: num(v.revealBy) };
    case 'Compensating': return { kind, paid: big(v.paid), closesAt: num(v.closesAt) };
    default: return { kind: 'Paid', revealBy: num(v.revealBy) };
  }
}

export const terms = (json: Json): Terms => ({
  track: json.track === undefined ? undefined : trackIndex(json.track),
  timelock: num(json.timelock),
  voteLockingPeriod: num(json.voteLockingPeriod),
  minSupport: num(json.minSupport),
  approval: num(json.approval),
  triagePeriod: optNum(json.triagePeriod),
  revealPeriod: optNum(json.revealPeriod),
  confirmPeriod: optNum(json.confirmPeriod),
  vetoWindow: num(json.vetoWindow),
});

/** `securityPoolApi.referendum(id)`'s `Option<ReferendumStatus>`; undefined for `None`. */
export const request = (id: number, json: Json): PayoutRequest => ({
  id,
  what: requestKind(json.kind),
  submitter: json.submitter as string,
  beneficiary: json.beneficiary as string,
  payee: json.payee as string,
  amount: big(json.amount),
  deposit: big(json.deposit),
  status: openStatus(json.status),
  terms: terms(json.terms as Json),
});

/** An `Option<AdaptiveFeeShare>` (`setFeeShare`'s argument, the `FeeShareSet` event); undefined for `None`. */
export const adaptiveFeeShare = (json: Json | null | undefined): AdaptiveFeeShare | undefined => (json ? {
  floor: num(json.floor),
  ceiling: num(json.ceiling),
  targetReserve: big(json.targetReserve),
} : undefined);

/** `securityPoolApi.feeShare()`'s `FeeShareStatus`. */
export const feeShare = (json: Json): FeeShare => ({
  current: num(json.current),
  fixed: num(json.fixed),
  adaptive: adaptiveFeeShare(json.adaptive as Json | null),
});

const tier = (json: Json): Tier => ({ share: num(json.share), cap: big(json.cap) });

export const track = (json: Json): Track => ({
  maxAmount: big(json.maxAmount),
  maxOpen: big(json.maxOpen),
  votingPeriod: num(json.votingPeriod),
  timelock: num(json.timelock),
  minSupport: num(json.minSupport),
  approval: num(json.approval),
});

export function parameters(json: Json): Parameters {
  const tiers = json.tiers as Record<string, Json>;
  return {
    votingPeriod: num(json.votingPeriod),
    timelock: num(json.timelock),
    voteLockingPeriod: num(json.voteLockingPeriod),
    minSupport: num(json.minSupport),
    approval: num(json.approval),
    maxPayout: num(json.maxPayout),
    maxExposure: num(json.maxExposure),
    depositBase: big(json.depositBase),
    depositPerByte: big(json.depositPerByte),
    amountBond: num(json.amountBond),
    tiers: {
      Critical: tier(tiers.critical),
      High: tier(tiers.high),
      Medium: tier(tiers.medium),
      Low: tier(tiers.low),
    },
    tracks: ((json.tracks as Json[] | undefined) ?? []).map(track),
    confirmPeriod: optNum(json.confirmPeriod),
    vetoWindow: num(json.vetoWindow),
  };
}

/** A vote's choice: `choice` (`Aye`, `Nay`, `Abstain`), or a runtime before abstentions' `aye: bool`. */
export const choice = (json: Json): Choice =>
  json.choice !== undefined ? variant(json.choice)[0] as Choice : json.aye ? 'Aye' : 'Nay';

export const ballot = (json: Json): Ballot => ({
  choice: choice(json),
  balance: big(json.balance),
  conviction: json.conviction as Conviction,
});

export function voting(json: Json | null): Voting {
  if (!json) return { votes: [], prior: { until: 0, amount: 0n } };
  const prior = json.prior as Json;
  return {
    votes: (json.votes as Json[]).map((cast) => ({ request: num(cast.request), vote: ballot(cast.vote as Json) })),
    prior: { until: num(prior.until), amount: big(prior.amount) },
  };
}

export const outcome = (json: Json): Outcome => ({
  approved: Boolean(json.approved),
  endedAt: num(json.endedAt),
  voteLockingPeriod: num(json.voteLockingPeriod),
});

export const report = (json: Json): Report => ({
  author: json.author as string,
  deposit: big(json.deposit),
  text: bytes(json.text),
});
