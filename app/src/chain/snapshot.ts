// What the app reads from the chain at every new block.
import { BEST, type Chain } from './connect';
import { readCouncil, type Council } from './council';
import type {
  Disclosure, FeeShare, OpenStatus, Outcome, Parameters, PoolStatus, Referendum, Report, RequestKind, RequestLimits, StoredRequest,
  Tally, Terms, Voting,
} from './pool';

/** How a request left storage, told by its events. */
export type ClosedStatus =
  | { type: 'Rejected'; value: { at: number; tally?: Tally } }
  | { type: 'Vetoed' | 'Cancelled' | 'Settled' | 'Closed'; value: { at: number } };

export type RequestStatus = OpenStatus | ClosedStatus;

/** What a request is; a finished disclosure rebuilt from its events does not tell its triage or reveal. */
export type KnownKind =
  | Exclude<RequestKind, { type: 'Disclosure' }>
  | { type: 'Disclosure'; value: Omit<Disclosure, 'triage' | 'revealed'> & Partial<Pick<Disclosure, 'triage' | 'revealed'>> };

/**
 * A claim, disclosure or incident: open ones from storage, finished ones rebuilt from their events
 * (then without terms). An incident's `amount` is its budget: reserved while it votes, fixed at approval.
 */
export interface PayoutRequest extends Omit<StoredRequest, 'kind' | 'status' | 'terms'> {
  id: number;
  kind: KnownKind;
  status: RequestStatus;
  terms?: Terms;
  /** The running referendum as the runtime API tells it, while it votes. */
  referendum?: Referendum;
  /** The block it was filed in, when known from the history. */
  filedAt?: number;
}

export interface Snapshot {
  pool: PoolStatus;
  /** Open requests by id. */
  open: Map<number, PayoutRequest>;
  parameters: Parameters;
  /** What a new request may ask now (the runtime's `limits()`). */
  limits: RequestLimits;
  /** What the open requests of each track ask for together, by track index. */
  openByTrack: bigint[];
  /** The active issuance: the electorate that support is measured against. */
  electorate: bigint;
  sudoKey?: string;
  /** The council's X25519 key (hex), when one is published. */
  triageKey?: string;
  /** The pool's share of fees. */
  feeShare: FeeShare;
  /** The security council's members and open motions (read with the referenda). */
  council?: Council;
}

/**
 * The pool, its open requests and parameters at block `at` (a hash, else the best block); with
 * `referenda` (the default) each running referendum's runtime API status and the council too
 * (more round trips: `withReferenda` adds them later).
 */
export async function readSnapshot(chain: Chain, referenda = true, at: string = BEST.at): Promise<Snapshot> {
  const { api } = chain;
  const query = api.query.SecurityPool;
  const pull = [{ at }] as const;
  const [pool, entries, parameters, limits, openByTrack, total, inactive, sudoKey, triageKey, feeShare, council] = await Promise.all([
    api.apis.SecurityPoolApi.pool_status(...pull),
    query.Requests.getEntries(...pull),
    query.Parameters.getValue(...pull),
    api.apis.SecurityPoolApi.limits(...pull),
    query.OpenByTrack.getValue(...pull),
    api.query.Balances.TotalIssuance.getValue(...pull),
    api.query.Balances.InactiveIssuance.getValue(...pull),
    api.query.Sudo.Key.getValue(...pull),
    query.TriageKey.getValue(...pull),
    api.apis.SecurityPoolApi.fee_share(...pull),
    referenda ? readCouncil(chain, at) : undefined,
  ]);
  const open = new Map<number, PayoutRequest>(entries.map(({ keyArgs: [id], value }) => [id, { id, ...value }]));
  if (referenda) await readReferenda(chain, open, at);
  return { pool, open, parameters, limits, openByTrack, electorate: total - inactive, sudoKey, triageKey, feeShare, council };
}

/** Adds what the runtime API tells of each running referendum (track, support, passing now, confirmation window, end after extensions). */
async function readReferenda({ api }: Chain, open: Map<number, PayoutRequest>, at: string = BEST.at) {
  const voting = [...open.values()].filter((request) => request.status.type === 'Voting');
  const found = await Promise.all(voting.map((request) => api.apis.SecurityPoolApi.referendum(request.id, { at })));
  found.forEach((status, i) => {
    voting[i].referendum = status;
  });
}

/** `snapshot` with its running referenda's runtime API status and the council (a snapshot read without them). */
export async function withReferenda(chain: Chain, snapshot: Snapshot): Promise<Snapshot> {
  const open = new Map([...snapshot.open].map(([id, request]) => [id, { ...request }]));
  const [council] = await Promise.all([readCouncil(chain), readReferenda(chain, open)]);
  return { ...snapshot, open, council };
}

/** What the app reads of the account that signs. */
export interface AccountState {
  address: string;
  free: bigint;
  /** The largest freeze on the account (its votes and vote locks). */
  frozen: bigint;
  voting: Voting;
  /** Outcomes of the finished referenda its votes refer to. */
  outcomes: Map<number, Outcome>;
}

const NO_VOTES: Voting = { votes: [], prior: { until: 0, amount: 0n } };

export async function readAccount({ api }: Chain, address: string): Promise<AccountState> {
  const [account, voting = NO_VOTES] = await Promise.all([
    api.query.System.Account.getValue(address, BEST),
    api.query.SecurityPool.VotingFor.getValue(address, BEST),
  ]);
  const ids = voting.votes.map((cast) => cast.request);
  const found = ids.length ? await api.query.SecurityPool.Outcomes.getValues(ids.map((id) => [id]), BEST) : [];
  const outcomes = new Map<number, Outcome>();
  found.forEach((outcome, i) => {
    if (outcome) outcomes.set(ids[i], outcome);
  });
  return { address, free: account.data.free, frozen: account.data.frozen, voting, outcomes };
}

/** The revealed report of request `id`, if any, and the report sealed to the council. */
export async function readReports({ api }: Chain, id: number): Promise<{ report?: Report; encrypted?: Uint8Array }> {
  const [report, encrypted] = await Promise.all([
    api.query.SecurityPool.Reports.getValue(id, BEST),
    api.query.SecurityPool.EncryptedReports.getValue(id, BEST),
  ]);
  return { report, encrypted };
}
