import { formatAmount } from '@security-pool/client/rules';
import { useReady } from '../state/context';

/** An amount in SPT; the exact planck value is in `data-planck` and in the tooltip. */
export function Amount({ value, fraction }: { value: bigint; fraction?: number }) {
  const { chain } = useReady();
  return (
    <span class="amount" data-planck={value.toString()} title={formatAmount(chain.units, value, chain.units.decimals)}>
      {formatAmount(chain.units, value, fraction)}
    </span>
  );
}
