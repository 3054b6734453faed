// What the history shows on a node that serves no archive: only the blocks since the page opened.
import { useReady } from '../state/context';

export function HistoryNote() {
  const { chain, openedAt } = useReady();
  if (chain.archive) return null;
  return (
    <p class="hint" id="no-archive" data-from={openedAt}>
      This node keeps no archive, so the history starts at block #{openedAt}, when this page opened, and grows with every
      block: earlier events and requests finished before it are not shown. An archive node (<code>--state-pruning archive</code>)
      serves them too.
    </p>
  );
}
