// What a new request may ask for and what it deposits, as the pallet works it out.
import type { Parameters, PoolStatus, Severity } from './types';

const PERBILL = 1_000_000_000n;
const mulFloor = (parts: number, value: bigint) => (BigInt(parts) * value) / PERBILL;
const mulCeil = (parts: number, value: bigint) => (BigInt(parts) * value + PERBILL - 1n) / PERBILL;
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** `(deposit_base + deposit_per_byte × bytes) × (1 + open requests) + amount_bond × amount`. */
export function depositFor(parameters: Parameters, pool: PoolStatus, bytes: number, amount: bigint): bigint {
  const perRequest = parameters.depositBase + parameters.depositPerByte * BigInt(bytes);
  return perRequest * BigInt(1 + pool.openRequests) + mulCeil(parameters.amountBond, amount);
}

/** The most a claim may ask now: `max_payout` of available, and what the exposure cap leaves. */
export function claimLimit(parameters: Parameters, pool: PoolStatus): bigint {
  const room = mulFloor(parameters.maxExposure, pool.balance) - pool.exposure;
  return min(mulFloor(parameters.maxPayout, pool.available), room > 0n ? room : 0n);
}

/** The most a disclosure of `severity` may ask now: the claim limit and its tier. */
export function disclosureLimit(parameters: Parameters, pool: PoolStatus, severity: Severity): bigint {
  const tier = parameters.tiers[severity];
  return min(claimLimit(parameters, pool), min(mulFloor(tier.share, pool.available), tier.cap));
}
