// The pool's share of fees: what the next fee pays, and the rule behind it: the runtime's fixed
// share, or an adaptive one that falls from a ceiling (empty pool) to a floor (at a target reserve).
import { formatPerbill } from '@security-pool/client/rules';
import type { AdaptiveFeeShare, FeeShare } from '../chain/pool';
import { useReady } from '../state/context';
import { Amount } from './Amount';

const PERBILL = 1_000_000_000n;

/** `5%–30%, reaching 5% at target reserve 1,000 SPT`. */
export function AdaptiveRule({ adaptive }: { adaptive: AdaptiveFeeShare }) {
  const { floor, ceiling, target_reserve } = adaptive;
  return <>{formatPerbill(floor)}–{formatPerbill(ceiling)}, reaching {formatPerbill(floor)} at target reserve <Amount value={target_reserve} /></>;
}

/** Where the reserve stands on the way from an empty pool to the target. */
function ReservePosition({ adaptive, reserve }: { adaptive: AdaptiveFeeShare; reserve: bigint }) {
  const { target_reserve } = adaptive;
  const reached = reserve >= target_reserve;
  const parts = reached ? PERBILL : (reserve * PERBILL) / target_reserve;
  return (
    <span class="reserve-position" data-parts={parts.toString()}>
      the reserve, <Amount value={reserve} />, is {reached ? 'at or above the target: every fee pays the floor' : `${formatPerbill(Number(parts))} of the way to the target`}
    </span>
  );
}

/** The share the next fee pays to the pool and whether it is fixed or adaptive (`SecurityPoolApi.fee_share`). */
export function FeeShareView({ feeShare }: { feeShare: FeeShare }) {
  const { snapshot } = useReady();
  const { current, fixed, adaptive } = feeShare;
  return (
    <section aria-labelledby="fee-share-heading">
      <h2 id="fee-share-heading">Fee share</h2>
      <p
        id="fee-share" data-kind={adaptive ? 'adaptive' : 'fixed'} data-current={current} data-fixed={fixed}
        data-floor={adaptive?.floor} data-ceiling={adaptive?.ceiling} data-target-reserve={adaptive?.target_reserve.toString()}
      >
        The next fee pays <strong class="fee-share-current">{formatPerbill(current)}</strong> of it to the pool.{' '}
        {adaptive ? (
          <>
            Adaptive: <AdaptiveRule adaptive={adaptive} />; <ReservePosition adaptive={adaptive} reserve={snapshot.pool.balance} />.
            Governance may return to the runtime's fixed share, {formatPerbill(fixed)}.
          </>
        ) : <>Fixed: {formatPerbill(fixed)} of every fee.</>}
      </p>
    </section>
  );
}
