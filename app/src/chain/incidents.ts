// Incidents: the share of its loss every victim gets, a leaf's compensation as the runtime judges
// it now, the claim (unsigned or signed), and the pallet's refusals in plain words.
import { BEST, type Chain } from './connect';
import type { LossLeaf } from './merkle';

/** Why a leaf cannot be claimed now, in plain words, by the pallet's error name. */
export const REFUSALS: Record<string, string> = {
  UnknownRequest: 'there is no such incident (any more)',
  NotAnIncident: 'this request is not an incident',
  NotCompensating: 'claims are not open yet: the vote or the timelock is still running',
  ClaimWindowClosed: 'the claim window has closed',
  LeafOutOfRange: 'the incident has no leaf with this index',
  InvalidProof: "the account, amount and proof do not lead to the incident's root",
  AlreadyCompensated: 'already paid',
  NothingToPay: 'the share rounds down to nothing',
  ShareBelowMinimum: 'the share is below the existential deposit while the account does not exist (claimable once it does)',
  BudgetExhausted: 'the budget is spent: the list adds up to more than its total',
  PoolIsBeneficiary: "the pool's own account cannot be compensated",
  CannotReceive: 'the account cannot receive the share (e.g. it can hold no more)',
};

/** A pallet error's name (`securityPool.AlreadyCompensated` or bare) in plain words, with the name. */
export function refusalWords(errorName: string): string {
  const name = errorName.replace(/^SecurityPool\./, '');
  return REFUSALS[name] ? `${REFUSALS[name]} (${name})` : name;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** The share of its loss every victim gets, `budget ÷ total`: as a percentage and as an exact reduced fraction. */
export function shareOfLoss(budget: bigint, total: bigint) {
  const divisor = total > 0n ? gcd(budget, total) : 1n;
  const numerator = total > 0n ? budget / divisor : 0n;
  const denominator = total > 0n ? total / divisor : 1n;
  // In millionths of a percent, rounded down: exact when nothing is left over.
  const scaled = total > 0n ? (budget * 100_000_000n) / total : 0n;
  const exact = total > 0n && (budget * 100_000_000n) % total === 0n;
  const percent = `${scaled / 1_000_000n}${scaled % 1_000_000n ? `.${(scaled % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '')}` : ''}%`;
  return { numerator, denominator, percent, exact };
}

/** A leaf's share at `budget`: `floor(amount × budget ÷ total)`, as the pallet pays it. */
export const shareOf = (amount: bigint, budget: bigint, total: bigint) => (total > 0n ? (amount * budget) / total : 0n);

/** What claiming a leaf now would pay, or the pallet's error name (`securityPoolApi.compensation`). */
export type Compensation = { share: bigint } | { refused: string };

export async function compensationNow({ api }: Chain, incident: number, leaf: LossLeaf, proof: string[]): Promise<Compensation> {
  const result = await api.apis.SecurityPoolApi.compensation(incident, leaf.index, leaf.account, leaf.amount, proof, BEST);
  if (result.success) return { share: result.value };
  const error = result.value as { type: string; value?: { type: string; value?: { type: string } } };
  return { refused: error.type === 'Module' ? error.value?.value?.type ?? 'Module' : error.type };
}

/** The claim of `leaf`: `claim_compensation(incident, index, account, amount, proof)`, sent unsigned or signed. */
export const claimTx = ({ api }: Chain, incident: number, leaf: LossLeaf, proof: string[]) =>
  api.tx.SecurityPool.claim_compensation({ incident, index: leaf.index, account: leaf.account, amount: leaf.amount, proof });
