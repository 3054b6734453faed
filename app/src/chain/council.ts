// The security council on chain: its members and open motions (read at every block), a motion's
// call in words, and a member's steps: propose, vote, close (any account), release a deposit.
import { Blake2256 } from '@polkadot-api/substrate-bindings';
import { ayesFor, COUNCIL_SHARES } from '@security-pool/client/rules';
import { jsonSerialize } from 'polkadot-api/utils';
import type { Transaction, TxCallData } from 'polkadot-api';
import type { Account } from './accounts';
import { toHex } from './bytes';
import { BEST, type Chain } from './connect';
import type { PoolApi } from './pool';
import { eventOf, send, TxError, type Phase } from './transactions';

/** A motion's votes as stored: its index, the ayes it needs (`threshold`), ayes, nays and `end`. */
type Votes = NonNullable<Awaited<ReturnType<PoolApi['query']['SecurityCouncil']['Voting']['getValue']>>>;

/**
 * An open council motion: its hash, the proposed call (`{ type: pallet, value: { type: call,
 * value: arguments } }`) and its votes; from `end` on anyone may close it as it stands (an
 * undecided member counts as a nay).
 */
export type Motion = Votes & {
  hash: string;
  call: TxCallData;
  /** The call hashes to `hash`: it is the call the members vote on (a node could show another). */
  verified: boolean;
};

/** A motion's deposit still held after its close, which its proposer may release. */
export interface HeldDeposit {
  hash: string;
  who: string;
}

export interface Council {
  members: string[];
  /** Open motions, oldest first. */
  motions: Motion[];
  /** Deposits of closed motions, still held. */
  held: HeldDeposit[];
}

/** The council at block `at` (else the best block). */
export async function readCouncil({ api }: Chain, at: string = BEST.at): Promise<Council> {
  const pull = [{ at }] as const;
  const query = api.query.SecurityCouncil;
  const [members, hashes, costs] = await Promise.all([
    query.Members.getValue(...pull),
    query.Proposals.getValue(...pull),
    query.CostOf.getEntries(...pull),
  ]);
  const [calls, votes] = await Promise.all([
    query.ProposalOf.getValues(hashes.map((hash) => [hash]), ...pull),
    query.Voting.getValues(hashes.map((hash) => [hash]), ...pull),
  ]);
  const found = await Promise.all(hashes.map(async (hash, i) => {
    const call = calls[i] as TxCallData | undefined;
    const voting = votes[i];
    if (!call || !voting) return [];
    const verified = await encodedCall(api, call).then((encoded) => toHex(Blake2256(encoded)) === hash, () => false);
    return [{ hash, call, verified, ...voting }];
  }));
  const motions = found.flat().sort((a, b) => a.index - b.index);
  const open = new Set(hashes);
  const held = costs
    .map(({ keyArgs: [hash], value: [who] }) => ({ hash, who }))
    .filter(({ hash }) => !open.has(hash));
  return { members, motions, held };
}

/** The SCALE encoding of a decoded call. */
function encodedCall(api: PoolApi, call: TxCallData): Promise<Uint8Array> {
  const calls = api.tx as unknown as Record<string, Record<string, (args: unknown) => Transaction>>;
  return calls[call.type][call.value.type](call.value.value).getEncodedData();
}

/** A call's pallet and name as the runtime's origins know them, e.g. `SecurityPool.set_triage_key`. */
export const callName = (call: TxCallData) => `${call.type}.${call.value.type}`;

/** The council's share a power takes, by the call's name (`set_triage_key` → `setTriageKey`). */
function shareOf(call: TxCallData) {
  const name = call.value.type.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof typeof COUNCIL_SHARES;
  const share = COUNCIL_SHARES[name];
  if (!share) throw new TxError(`${callName(call)} is not a council power`);
  return share;
}

/** The request a motion's call is about, if it is one of the pool's per-request powers. */
export function requestOf(call: TxCallData): number | undefined {
  if (call.type !== 'SecurityPool' || !['veto', 'cancel', 'triage'].includes(call.value.type)) return undefined;
  return (call.value.value as { request: number }).request;
}

/** A call's arguments as JSON (balances as decimal strings). */
const argumentsOf = (call: TxCallData) => JSON.stringify(call.value.value ?? {}, jsonSerialize);

type Verdict = { type: string; value?: { type: string } };
const verdictWords = (verdict: Verdict) => (verdict.type === 'Downgraded' && verdict.value ? `Downgraded to ${verdict.value.type}` : verdict.type);

/** A proposed call in words: "Veto request 3", "Triage request 5: Confirmed", "Publish triage key 0x…". */
export function describeCall(call: TxCallData): string {
  const args = (call.value.value ?? {}) as Record<string, unknown>;
  switch (callName(call)) {
    case 'SecurityPool.veto': return `Veto request ${String(args.request)}`;
    case 'SecurityPool.cancel': return `Cancel request ${String(args.request)}`;
    case 'SecurityPool.triage': return `Triage request ${String(args.request)}: ${verdictWords(args.verdict as Verdict)}`;
    case 'SecurityPool.set_triage_key': return `Publish triage key ${String(args.key)}`;
    // Calls whose arguments are the decision itself: shown whole, so no one votes blind.
    case 'SecurityPool.set_parameters': return `Set the pool's parameters: ${argumentsOf(call)}`;
    case 'SecurityPool.set_fee_share': return `Set the pool's fee share: ${argumentsOf(call)}`;
    case 'SecurityCouncil.set_members': return `Set the council's members: ${argumentsOf(call)}`;
    default: return `${callName(call)}: ${argumentsOf(call)}`;
  }
}

/** What a motion's call did once it ran, for the close's result. */
export function ranInWords(call: TxCallData): string {
  switch (call.value.type) {
    case 'veto': return 'the veto ran';
    case 'cancel': return 'the request is cancelled';
    case 'triage': return 'the verdict is recorded';
    case 'set_triage_key': return 'the triage key is published';
    default: return 'its call ran';
  }
}

type OnPhase = (phase: Phase, step?: string) => void;

/**
 * Proposes `call` as a motion signed by `account`, with the threshold its power takes and, with
 * `voteAye`, votes aye on it right away (the proposer's vote is not counted otherwise). Resolves
 * with the motion's index.
 */
export async function propose(chain: Chain, call: Transaction, account: Account, voteAye: boolean, onPhase?: OnPhase): Promise<number> {
  const members = await chain.api.query.SecurityCouncil.Members.getValue(BEST);
  const threshold = ayesFor(members.length, shareOf(call.decodedCall));
  const lengthBound = (await call.getEncodedData()).length;
  const tx = chain.api.tx.SecurityCouncil.propose({ threshold, proposal: call.decodedCall as never, length_bound: lengthBound });
  const included = await send(chain, tx, account, (phase) => onPhase?.(phase, 'Proposing'));
  const proposed = eventOf<{ proposal_index: number; proposal_hash: string }>(included, 'SecurityCouncil', 'Proposed');
  // A threshold below two runs the call at once instead of opening a motion.
  if (!proposed) throw new TxError('The call ran at once: no motion was opened.');
  const motion = { hash: proposed.proposal_hash, index: proposed.proposal_index };
  if (voteAye) await vote(chain, motion, true, account, onPhase);
  return motion.index;
}

/** `account` votes aye (`approve`) or nay on `motion`. */
export async function vote(chain: Chain, motion: { hash: string; index: number }, approve: boolean, account: Account, onPhase?: OnPhase) {
  const tx = chain.api.tx.SecurityCouncil.vote({ proposal: motion.hash, index: motion.index, approve });
  await send(chain, tx, account, (phase) => onPhase?.(phase, approve ? 'Voting aye' : 'Voting nay'));
}

/**
 * Closes `motion` (signed by `account`, anyone): resolves with whether its call ran; rejects with
 * a `TxError` for the close's own failure (e.g. too early) or, when the motion passed, its call's.
 */
export async function close(chain: Chain, motion: Motion, account: Account, onPhase?: OnPhase): Promise<boolean> {
  const { api } = chain;
  const encoded = await encodedCall(api, motion.call);
  const { weight } = await api.apis.TransactionPaymentCallApi.query_call_info(motion.call as never, encoded.length);
  const tx = api.tx.SecurityCouncil.close({ proposal_hash: motion.hash, index: motion.index, proposal_weight_bound: weight, length_bound: encoded.length });
  try {
    const included = await send(chain, tx, account, (phase) => onPhase?.(phase, 'Closing'));
    return eventOf(included, 'SecurityCouncil', 'Approved') !== undefined;
  } catch (error) {
    // The motion passed and closed, but the call it ran failed.
    if (error instanceof TxError && error.ranCall) throw new CallFailed(`Approved, but the call failed: ${error.message}`, error.errorName);
    throw error;
  }
}

/** A motion that passed and closed, whose call failed: the message is the call's error in the pallet's words. */
export class CallFailed extends TxError {}

/** Releases the deposit of the closed motion `hash` (signed by `account`). */
export const releaseTx = ({ api }: Chain, hash: string) => api.tx.SecurityCouncil.release_proposal_cost({ proposal_hash: hash });
