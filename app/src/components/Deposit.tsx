// The deposit a request being typed would hold, as the runtime tells it.
import { useDeposit } from '../state/rules';
import { Amount } from './Amount';

/** The deposit of a new request for `amount` with `bytes` of evidence or commitment; `…` until the chain answers. */
export function Deposit({ bytes, amount }: { bytes: number; amount: bigint }) {
  const deposit = useDeposit(bytes, amount);
  return deposit === undefined ? <span class="amount pending" aria-busy="true">…</span> : <Amount value={deposit} />;
}
