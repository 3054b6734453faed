// Every request the app knows of: the open ones from storage and the finished ones rebuilt from
// the history's events, with each request's own events for its timeline.
import { big, tally as decodeTally } from '../chain/decode';
import type { Snapshot } from '../chain/snapshot';
import type { BlockRecord, ClosedStatus, PayoutRequest, PoolEvent, Severity } from '../chain/types';

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
};

export function indexRequests(snapshot: Snapshot, history: BlockRecord[]): RequestIndex {
  const events = new Map<number, PoolEvent[]>();
  const filed = new Map<number, PayoutRequest>();
  for (const record of history) {
    for (const event of record.events) {
      if (typeof event.data.request !== 'number') continue;
      const id = event.data.request;
      if (!events.has(id)) events.set(id, []);
      events.get(id)!.push(event);
      const submitted = fromSubmission(event);
      if (submitted) filed.set(id, submitted);
      const closed = CLOSINGS[event.name]?.(event);
      const known = filed.get(id);
      if (closed && known && !snapshot.open.has(id)) known.status = closed;
    }
  }
  const byId = new Map<number, PayoutRequest>(filed);
  for (const [id, open] of snapshot.open) byId.set(id, { ...open, filedAt: filed.get(id)?.filedAt });
  const all = [...byId.values()].sort((a, b) => b.id - a.id);
  return { all, byId, events };
}

/** A request as its `…Submitted` event tells it; status Closed until a later event says more. */
function fromSubmission(event: PoolEvent): PayoutRequest | undefined {
  if (event.name !== 'ClaimSubmitted' && event.name !== 'DisclosureSubmitted') return undefined;
  const d = event.data;
  return {
    id: d.request as number,
    what: event.name === 'ClaimSubmitted'
      ? { kind: 'Claim', evidence: new Uint8Array() }
      : { kind: 'Disclosure', commitment: d.commitment as string, severity: d.severity as Severity },
    submitter: d.submitter as string,
    beneficiary: d.beneficiary as string,
    payee: d.beneficiary as string,
    amount: big(d.amount),
    deposit: big(d.deposit),
    status: { kind: 'Closed', at: event.block },
    filedAt: event.block,
  };
}

export const isOpen = (request: PayoutRequest) => ['Voting', 'Approved', 'Owed', 'Unproven', 'Paid'].includes(request.status.kind);
