// What the app reads from the chain at every new block.
import { limits, poolStatus, referendum, type RequestLimits } from '@security-pool/client';
import type { Chain } from './connect';
import { readCouncil, type Council } from './council';
import * as decode from './decode';
import type { FeeShare, Outcome, Parameters, PayoutRequest, PoolStatus, Report, Voting } from './types';

export interface Snapshot {
  pool: PoolStatus;
  /** Open requests by id. */
  open: Map<number, PayoutRequest>;
  parameters: Parameters;
  /** What a new request may ask now (the runtime's `limits()`). */
  limits: RequestLimits;
  /** What the open requests of each track ask for together, by track index (`OpenByTrack`). */
  openByTrack: bigint[];
  /** The active issuance: the electorate that support is measured against. */
  electorate: bigint;
  sudoKey?: string;
  /** The council's X25519 key (hex) when the chain has triage and a key is set. */
  triageKey?: string;
  /** The pool's share of fees, where the runtime has `securityPoolApi.feeShare()`. */
  feeShare?: FeeShare;
  /** The security council's members and open motions, where the runtime has a council. */
  council?: Council;
}

type Json = Record<string, unknown>;

/**
 * The pool, its open requests and parameters now; with `referenda` (the default) each running
 * referendum's runtime API status and the council too (more round trips: `withReferenda` adds
 * them later).
 */
export async function readSnapshot(chain: Chain, referenda = true): Promise<Snapshot> {
  const { api, features } = chain;
  const query = api.query.securityPool;
  const [pool, entries, parameters, requestLimits, openByTrack, total, inactive, sudoKey, triageKey, feeShare, council] = await Promise.all([
    poolStatus(api),
    query.requests.entries(),
    query.parameters(),
    limits(api),
    query.openByTrack(),
    api.query.balances.totalIssuance(),
    api.query.balances.inactiveIssuance(),
    features.sudo ? api.query.sudo.key() : undefined,
    features.triage && query.triageKey ? query.triageKey() : undefined,
    features.feeShareApi ? api.call.securityPoolApi.feeShare() : undefined,
    features.council && referenda ? readCouncil(chain) : undefined,
  ]);
  const open = new Map<number, PayoutRequest>();
  for (const [key, value] of entries) {
    const id = Number(key.args[0].toString());
    open.set(id, decode.request(id, value.toJSON() as Json));
  }
  if (referenda && features.referendumApi) await readReferenda(api, open);
  return {
    pool,
    open,
    parameters: decode.parameters(parameters.toJSON() as Json),
    limits: requestLimits,
    openByTrack: (openByTrack.toJSON() as unknown[]).map(decode.big),
    electorate: BigInt(total.toString()) - BigInt(inactive.toString()),
    sudoKey: (sudoKey?.toJSON() as string | null | undefined) ?? undefined,
    triageKey: (triageKey?.toJSON() as string | null | undefined) ?? undefined,
    feeShare: feeShare && decode.feeShare(feeShare.toJSON() as Json),
    council,
  };
}

/** Adds what the runtime API tells of each running referendum (track, support, passing now, confirmation window, end after extensions). */
async function readReferenda(api: Chain['api'], open: Map<number, PayoutRequest>) {
  const voting = [...open.values()].filter((request) => request.status.kind === 'Voting');
  const found = await Promise.all(voting.map((request) => referendum(api, request.id)));
  found.forEach((status, i) => {
    voting[i].referendum = status ?? undefined;
  });
}

/** `snapshot` with its running referenda's runtime API status and the council (a snapshot read without them). */
export async function withReferenda(chain: Chain, snapshot: Snapshot): Promise<Snapshot> {
  const { api, features } = chain;
  const open = new Map([...snapshot.open].map(([id, request]) => [id, { ...request }]));
  const [council] = await Promise.all([
    features.council ? readCouncil(chain) : undefined,
    features.referendumApi ? readReferenda(api, open) : undefined,
  ]);
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

export async function readAccount({ api }: Chain, address: string): Promise<AccountState> {
  const [account, voting] = await Promise.all([
    api.query.system.account(address),
    api.query.securityPool.votingFor(address),
  ]);
  const data = (account.toJSON() as { data: Json }).data;
  const votes = decode.voting(voting.toJSON() as Json | null);
  const ids = votes.votes.map((cast) => cast.request);
  const outcomes = new Map<number, Outcome>();
  if (ids.length) {
    const found = await api.query.securityPool.outcomes.multi(ids);
    found.forEach((o, i) => {
      const json = o.toJSON() as Json | null;
      if (json) outcomes.set(ids[i], decode.outcome(json));
    });
  }
  return { address, free: decode.big(data.free), frozen: decode.big(data.frozen), voting: votes, outcomes };
}

/** The revealed report of request `id`, if any, and the report encrypted to the council. */
export async function readReports({ api, features }: Chain, id: number): Promise<{ report?: Report; encrypted?: string }> {
  const query = api.query.securityPool;
  const [report, encrypted] = await Promise.all([
    query.reports(id),
    features.triage && query.encryptedReports ? query.encryptedReports(id) : undefined,
  ]);
  const json = report.toJSON() as Json | null;
  return {
    report: json ? decode.report(json) : undefined,
    encrypted: (encrypted?.toJSON() as string | null | undefined) ?? undefined,
  };
}
