// Every request the app knows of: the open ones from storage and the finished ones rebuilt from
// the history's events, with each request's own events for its timeline.
import type { BlockRecord, PoolEvent } from '../chain/history';
import type { ClosedStatus, KnownKind, PayoutRequest, Snapshot } from '../chain/snapshot';

export interface RequestIndex {
  /** Newest first. */
  all: PayoutRequest[];
  byId: Map<number, PayoutRequest>;
  events: Map<number, PoolEvent[]>;
}

/** The status an event that ends a request's life leaves it in. */
function closing(event: PoolEvent): ClosedStatus | undefined {
  const at = event.block;
  switch (event.type) {
    case 'Rejected': return { type: 'Rejected', value: { at, tally: event.value.tally } };
    case 'Vetoed': return { type: 'Vetoed', value: { at } };
    case 'Cancelled': return { type: 'Cancelled', value: { at } };
    case 'Paid': return event.value.remaining === 0n ? { type: 'Settled', value: { at } } : undefined;
    case 'RevealMissed':
    case 'IncidentClosed': return { type: 'Closed', value: { at } };
    default: return undefined;
  }
}

/** The request an event is about: `request`, or `incident` in an incident's own events. */
export function requestOf(event: PoolEvent): number | undefined {
  const data = event.value as { request?: unknown; incident?: unknown } | undefined;
  const id = data?.request ?? data?.incident;
  return typeof id === 'number' ? id : undefined;
}

export function indexRequests(snapshot: Snapshot, history: BlockRecord[]): RequestIndex {
  const events = new Map<number, PoolEvent[]>();
  const filed = new Map<number, PayoutRequest>();
  for (const record of history) {
    for (const event of record.events) {
      const id = requestOf(event);
      if (id === undefined) continue;
      if (!events.has(id)) events.set(id, []);
      events.get(id)!.push(event);
      const submitted = fromSubmission(event);
      if (submitted) filed.set(id, submitted);
      const closed = closing(event);
      const known = filed.get(id);
      // An incident's budget is set again at approval.
      if (event.type === 'IncidentBudgeted' && known) known.amount = event.value.budget;
      if (closed && known && !snapshot.open.has(id)) known.status = closed;
    }
  }
  const byId = new Map<number, PayoutRequest>(filed);
  for (const [id, open] of snapshot.open) byId.set(id, { ...open, filedAt: filed.get(id)?.filedAt });
  const all = [...byId.values()].sort((a, b) => b.id - a.id);
  return { all, byId, events };
}

/** A request as its `…Submitted` (or `IncidentDeclared`) event tells it; status Closed until a later event says more. */
function fromSubmission(event: PoolEvent): PayoutRequest | undefined {
  const status = { type: 'Closed' as const, value: { at: event.block } };
  const filed = (id: number, kind: KnownKind, d: { submitter: string; beneficiary: string; amount: bigint; deposit: bigint }): PayoutRequest => ({
    id, kind, submitter: d.submitter, beneficiary: d.beneficiary, payee: d.beneficiary, amount: d.amount, deposit: d.deposit, status, filedAt: event.block,
  });
  switch (event.type) {
    case 'ClaimSubmitted':
      return filed(event.value.request, { type: 'Claim', value: { evidence: new Uint8Array() } }, event.value);
    case 'DisclosureSubmitted': {
      const { commitment, severity } = event.value;
      return filed(event.value.request, { type: 'Disclosure', value: { commitment, severity } }, event.value);
    }
    case 'IncidentDeclared': {
      // An incident's submitter is its beneficiary (it gets the deposit back); its amount is the budget.
      const { incident, submitter, evidence, total, victims, root, claim_period, budget, deposit } = event.value;
      return filed(incident, { type: 'Incident', value: { evidence, total, victims, root, claim_period } }, { submitter, beneficiary: submitter, amount: budget, deposit });
    }
    default: return undefined;
  }
}

export const isOpen = (request: PayoutRequest) => ['Voting', 'Approved', 'Owed', 'Unproven', 'Paid', 'Compensating'].includes(request.status.type);

/** What a request is, in words: `claim`, `High disclosure`, `incident`. */
export const kindName = ({ kind }: PayoutRequest) => (kind.type === 'Disclosure' ? `${kind.value.severity.type} disclosure` : kind.type.toLowerCase());
