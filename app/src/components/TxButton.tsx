// A button that sends a transaction, signed by the selected account or unsigned (free, no wallet),
// or runs a few signed steps (a council motion's), and tells how it went: its phase while it
// travels, then its outcome, a failure in the pallet's own words.
import type { Transaction } from 'polkadot-api';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Account } from '../chain/accounts';
import { send, sendUnsigned, TxError, type Included, type Phase } from '../chain/transactions';
import { useReady, useStore } from '../state/context';

const PHASES: Record<Phase, string> = {
  signing: 'Signing…',
  sent: 'Sent, waiting for a block…',
  inBlock: 'In a block.',
};

/** Told each phase of a step (e.g. "Proposing") on its way. */
export type OnPhase = (phase: Phase, step?: string) => void;

interface Props {
  label: string;
  /** Builds the transaction; a thrown error is shown instead of sending (bad input). */
  tx?: () => Transaction;
  /** Instead of `tx`: signs and sends with `account` itself (e.g. propose, then vote aye); resolves with a message to show. */
  act?: (account: Account, onPhase: OnPhase) => Promise<ComponentChildren | void>;
  /** Called once the transaction is in a block without error; may return a message to show. */
  onIncluded?: (included: Included) => ComponentChildren | void;
  /** A failure in other words than its message, e.g. a refusal in the page's terms. */
  describeError?: (error: TxError) => string | undefined;
  /** Submit without a signature (a call the runtime accepts unsigned): no account needed, no fee. */
  unsigned?: boolean;
  disabled?: boolean;
  kind?: 'primary' | 'secondary' | 'danger';
  /** Why the button is disabled, for people (shown beside it). */
  why?: string;
}

type Outcome = { phase: Phase; step?: string } | { done: ComponentChildren } | { error: string };

export function TxButton({ label, tx, act, onIncluded, describeError, unsigned, disabled, kind = 'primary', why }: Props) {
  const store = useStore();
  const { chain } = useReady();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const busy = outcome !== undefined && 'phase' in outcome;

  async function submit() {
    const signer = store.signer;
    if (!unsigned && !signer) {
      setOutcome({ error: 'Choose an account to sign with first (dev accounts or a wallet, above).' });
      return;
    }
    try {
      const onPhase: OnPhase = (phase, step) => setOutcome({ phase, step });
      let message: ComponentChildren | void;
      if (act) {
        message = await act(signer!, onPhase);
      } else {
        const included = await (unsigned ? sendUnsigned(chain, tx!(), onPhase) : send(chain, tx!(), signer!, onPhase));
        message = onIncluded?.(included);
      }
      setOutcome({ done: message ?? 'Done: the transaction is in a block.' });
      void store.refresh();
    } catch (error) {
      const described = error instanceof TxError ? describeError?.(error) : undefined;
      setOutcome({ error: described ?? (error as Error).message });
    }
  }

  return (
    <div class="tx">
      <button type="button" class={kind} disabled={disabled || busy} onClick={submit}>{label}</button>
      {disabled && why && <p class="hint why">{why}</p>}
      {outcome && 'phase' in outcome && <p class="tx-status" role="status">{outcome.step && `${outcome.step}: `}{PHASES[outcome.phase]}</p>}
      {outcome && 'done' in outcome && <p class="tx-done" role="status">{outcome.done}</p>}
      {outcome && 'error' in outcome && <p class="tx-error" role="alert">{outcome.error}</p>}
    </div>
  );
}
