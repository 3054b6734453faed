// The security council on chain: its members and open motions (read at every block), a motion's
// call in words, and a member's steps: propose, vote, close (any account), release a deposit.
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Call } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import {
  closeMotion, councilMembers, openMotions, proposeMotion, voteMotion, type Motion,
} from '@security-pool/client';
import type { Account } from './accounts';
import type { Chain } from './connect';
import { explained, explain, signing, TxError, type Phase } from './transactions';

export type { Motion } from '@security-pool/client';

/** A motion's deposit still held after its close (`costOf`), which its proposer may release. */
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

/** The council now, where the runtime has one. */
export async function readCouncil({ api }: Chain): Promise<Council> {
  const [members, motions, costs] = await Promise.all([
    councilMembers(api),
    openMotions(api),
    api.query.securityCouncil.costOf.entries(),
  ]);
  const open = new Set(motions.map((m) => m.hash));
  const held = costs
    .map(([key, value]) => ({ hash: key.args[0].toHex(), who: ((value.toJSON() as unknown[] | null)?.[0] as string | undefined) ?? '' }))
    .filter(({ hash, who }) => who && !open.has(hash));
  return { members, motions, held };
}

/** A call's argument; an enum's (a verdict, a severity) has its variant's name as `type`. */
type Arg = Codec & { type?: string; value?: Arg };
const variant = (arg: Arg) => arg.type ?? arg.toString();
const verdictWords = (verdict: Arg) => (verdict.type === 'Downgraded' && verdict.value ? `Downgraded to ${variant(verdict.value)}` : variant(verdict));

/** The request a motion's call is about, if it is one of the pool's per-request powers. */
export function requestOf(call: Call): number | undefined {
  if (call.section !== 'securityPool' || !['veto', 'cancel', 'triage'].includes(call.method)) return undefined;
  return Number(call.args[0].toString());
}

/** A call's arguments as JSON, in the chain's units and addresses (`toHuman`). */
const argumentsOf = (call: Call) => JSON.stringify((call.toHuman() as { args?: unknown }).args ?? {});

/** A proposed call in words: "Veto request 3", "Triage request 5: Confirmed", "Publish triage key 0x…". */
export function describeCall(call: Call): string {
  const args = call.args as Arg[];
  const key = `${call.section}.${call.method}`;
  switch (key) {
    case 'securityPool.veto': return `Veto request ${args[0].toString()}`;
    case 'securityPool.cancel': return `Cancel request ${args[0].toString()}`;
    case 'securityPool.triage': return `Triage request ${args[0].toString()}: ${verdictWords(args[1])}`;
    case 'securityPool.setTriageKey': return `Publish triage key ${args[0].toHex()}`;
    // Calls whose arguments are the decision itself: shown whole, so no one votes blind.
    case 'securityPool.setParameters': return `Set the pool's parameters: ${argumentsOf(call)}`;
    case 'securityPool.setFeeShare': return `Set the pool's fee share: ${argumentsOf(call)}`;
    case 'securityCouncil.setMembers': return `Set the council's members: ${argumentsOf(call)}`;
    default: return `${key}: ${argumentsOf(call)}`;
  }
}

/** What a motion's call did once it ran, for the close's result. */
export function ranInWords(call: Call): string {
  switch (call.method) {
    case 'veto': return 'the veto ran';
    case 'cancel': return 'the request is cancelled';
    case 'triage': return 'the verdict is recorded';
    case 'setTriageKey': return 'the triage key is published';
    default: return 'its call ran';
  }
}

type OnPhase = (phase: Phase, step?: string) => void;

/**
 * Proposes `call` as a motion signed by `account` and, with `voteAye`, votes aye on it right away
 * (the proposer's vote is not counted otherwise). Resolves with the motion's index.
 */
export async function propose(chain: Chain, call: SubmittableExtrinsic<'promise'>, account: Account, voteAye: boolean, onPhase?: OnPhase): Promise<number> {
  const { signer, options } = signing(account, (phase) => onPhase?.(phase, 'Proposing'));
  const motion = await explained(chain, proposeMotion(chain.api, call, signer, options));
  if (voteAye) await vote(chain, motion, true, account, onPhase);
  return motion.index;
}

/** `account` votes aye (`approve`) or nay on `motion`. */
export async function vote(chain: Chain, motion: { hash: string; index: number }, approve: boolean, account: Account, onPhase?: OnPhase) {
  const { signer, options } = signing(account, (phase) => onPhase?.(phase, approve ? 'Voting aye' : 'Voting nay'));
  await explained(chain, voteMotion(chain.api, motion, approve, signer, options));
}

/**
 * Closes `motion` (signed by `account`, anyone): resolves with whether its call ran; rejects with
 * a `TxError` for the close's own failure (e.g. too early) or, when the motion passed, its call's.
 */
export async function close(chain: Chain, motion: Motion, account: Account, onPhase?: OnPhase): Promise<boolean> {
  const { signer, options } = signing(account, (phase) => onPhase?.(phase, 'Closing'));
  const closed = await explained(chain, closeMotion(chain.api, motion, signer, options));
  if (closed.dispatchError) {
    const error = explain(chain, closed.dispatchError);
    if (!closed.approved) throw error;
    throw new CallFailed(`Approved, but the call failed: ${error.message}`, error.errorName);
  }
  return closed.approved;
}

/** A motion that passed and closed, whose call failed: the message is the call's error in the pallet's words. */
export class CallFailed extends TxError {}

/** Releases the deposit of the closed motion `hash` (signed by `account`). */
export const releaseTx = ({ api }: Chain, hash: string) => api.tx.securityCouncil.releaseProposalCost(hash);
