// Every request the app knows of: the open ones from storage and the finished ones rebuilt from
// the history's events, with each request's own events for its timeline.
import { big, incident, tally as decodeTally } from '../chain/decode';
import type { Snapshot } from '../chain/snapshot';
import type { BlockRecord, ClosedStatus, PayoutRequest, PoolEvent, RequestKind, Severity } from '../chain/types';

export interface RequestIndex {
  /** Newest first. */
  all: PayoutRequest[];
  byId: Map<number, PayoutRequest>;
  events: Map<number, PoolEvent[]>;
}

/** The events that end a request's life, and the status each leaves it in. */
const CLOSINGS: Record<string, (event: PoolEvent) => ClosedStatus | undefined> = {
  Rejected: (e) => ({ kind: 'Rejected', at: e.block, tally: decodeTally(e.data.tally as Record<string, unknown>) }),
  Vetoed: (e) => ({ kind: 'Vetoed', at: e.block }),
  Cancelled: (e) => ({ kind: 'Cancelled', at: e.block }),
  Paid: (e) => (big(e.data.remaining) === 0n ? { kind: 'Settled', at: e.block } : undefined),
  RevealMissed: (e) => ({ kind: 'Closed', at: e.block }),
  IncidentClosed: (e) => ({ kind: 'Closed', at: e.block }),
};

/** The request an event is about: `request`, or `incident` in an incident's own events. */
const requestOf = (event: PoolEvent) => event.data.request ?? event.data.incident;

export function indexRequests(snapshot: Snapshot, history: BlockRecord[]): RequestIndex {
  const events = new Map<number, PoolEvent[]>();
  const filed = new Map<number, PayoutRequest>();
  for (const record of history) {
    for (const event of record.events) {
      const id = requestOf(event);
      if (typeof id !== 'number') continue;
      if (!events.has(id)) events.set(id, []);
      events.get(id)!.push(event);
      const submitted = fromSubmission(event);
      if (submitted) filed.set(id, submitted);
      const closed = CLOSINGS[event.name]?.(event);
      const known = filed.get(id);
      // An incident's budget is set again at approval.
      if (event.name === 'IncidentBudgeted' && known) known.amount = big(event.data.budget);
      if (closed && known && !snapshot.open.has(id)) known.status = closed;
    }
  }
  const byId = new Map<number, PayoutRequest>(filed);
  for (const [id, open] of snapshot.open) byId.set(id, { ...open, filedAt: filed.get(id)?.filedAt });
  const all = [...byId.values()].sort((a, b) => b.id - a.id);
  return { all, byId, events };
}

/** The kinds of requests by the event that files them. */
const SUBMISSIONS: Record<string, (d: Record<string, unknown>) => RequestKind> = {
  ClaimSubmitted: () => ({ kind: 'Claim', evidence: new Uint8Array() }),
  DisclosureSubmitted: (d) => ({ kind: 'Disclosure', commitment: d.commitment as string, severity: d.severity as Severity }),
  IncidentDeclared: incident,
};

/** A request as its `…Submitted` (or `IncidentDeclared`) event tells it; status Closed until a later event says more. */
function fromSubmission(event: PoolEvent): PayoutRequest | undefined {
  const what = SUBMISSIONS[event.name];
  if (!what) return undefined;
  const d = event.data;
  // An incident's submitter is its beneficiary (it gets the deposit back); its amount is the budget.
  const beneficiary = (d.beneficiary ?? d.submitter) as string;
  return {
    id: requestOf(event) as number,
    what: what(d),
    submitter: d.submitter as string,
    beneficiary,
    payee: beneficiary,
    amount: big(d.amount ?? d.budget),
    deposit: big(d.deposit),
    status: { kind: 'Closed', at: event.block },
    filedAt: event.block,
  };
}

export const isOpen = (request: PayoutRequest) => ['Voting', 'Approved', 'Owed', 'Unproven', 'Paid', 'Compensating'].includes(request.status.kind);

/** What a request is, in words: `claim`, `High disclosure`, `incident`. */
export const kindName = ({ what }: PayoutRequest) => (what.kind === 'Disclosure' ? `${what.severity} disclosure` : what.kind.toLowerCase());
