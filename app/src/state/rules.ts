// The pool's rules for a request being typed, as the runtime tells them (runtime API
// `SecurityPoolApi`): its deposit and its track, read a moment after the input settles and again
// at every block. The rules are computed by the chain only; the app shows what it answers.
import { useEffect, useState } from 'preact/hooks';
import { BEST } from '../chain/connect';
import type { TrackChoice } from '../chain/pool';
import { useReady } from './context';

/** How long the input must rest before the chain is asked, in ms. */
const SETTLE_MS = 200;

/**
 * What `read` answers for `input` (a key of what it depends on), read once `input` has rested
 * and again at every new block; undefined while the answer for this very input is not in (the
 * answer for an earlier block stays until the next one arrives), or without `read`.
 */
function useChainAnswer<T>(read: (() => Promise<T>) | undefined, input: string): T | undefined {
  const { head } = useReady();
  const [answer, setAnswer] = useState<{ input: string; value: T }>();
  useEffect(() => {
    if (!read) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      read().then(
        (value) => current && setAnswer({ input, value }),
        (error: Error) => console.error(`reading ${input}`, error),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [input, head.number, Boolean(read)]);
  return read && answer?.input === input ? answer.value : undefined;
}

/** The deposit a new request for `amount` with `bytes` of evidence (a disclosure: its commitment and sealed report) would hold now. */
export function useDeposit(bytes: number, amount: bigint): bigint | undefined {
  const { chain } = useReady();
  return useChainAnswer(() => chain.api.apis.SecurityPoolApi.deposit_for(bytes, amount, BEST), `deposit ${bytes} ${amount}`);
}

/** The track a new request for `amount` would take now; undefined for no amount. */
export function useTrack(amount: bigint | undefined): TrackChoice | undefined {
  const { chain } = useReady();
  const read = amount ? () => chain.api.apis.SecurityPoolApi.track_for(amount, BEST) : undefined;
  return useChainAnswer(read, `track ${amount}`);
}
