// A button that signs and sends a transaction with the selected account and tells how it went:
// its phase while it travels, then its outcome, a failure in the pallet's own words.
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { useState } from 'preact/hooks';
import { send, type Included, type Phase } from '../chain/transactions';
import { useReady, useStore } from '../state/context';

const PHASES: Record<Phase, string> = {
  signing: 'Signing…',
  sent: 'Sent, waiting for a block…',
  inBlock: 'In a block.',
};

interface Props {
  label: string;
  /** Builds the transaction; a thrown error is shown instead of sending (bad input). */
  tx: () => SubmittableExtrinsic<'promise'>;
  /** Called once the transaction is in a block without error; may return a message to show. */
  onIncluded?: (included: Included) => string | void;
  disabled?: boolean;
  kind?: 'primary' | 'danger';
}

type Outcome = { phase: Phase } | { done: string } | { error: string };

export function TxButton({ label, tx, onIncluded, disabled, kind = 'primary' }: Props) {
  const store = useStore();
  const { chain } = useReady();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const busy = outcome !== undefined && 'phase' in outcome;

  async function submit() {
    const signer = store.signer;
    if (!signer) {
      setOutcome({ error: 'Choose an account to sign with first (dev accounts or the extension, above).' });
      return;
    }
    try {
      const included = await send(chain, tx(), signer, (phase) => setOutcome({ phase }));
      const message = onIncluded?.(included);
      setOutcome({ done: message ?? 'Done: the transaction is in a block.' });
      void store.refresh();
    } catch (error) {
      setOutcome({ error: (error as Error).message });
    }
  }

  return (
    <div class="tx">
      <button type="button" class={kind} disabled={disabled || busy} onClick={submit}>{label}</button>
      {outcome && 'phase' in outcome && <p class="tx-status" role="status">{PHASES[outcome.phase]}</p>}
      {outcome && 'done' in outcome && <p class="tx-done" role="status">{outcome.done}</p>}
      {outcome && 'error' in outcome && <p class="tx-error" role="alert">{outcome.error}</p>}
    </div>
  );
}
