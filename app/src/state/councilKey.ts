// The council's key pair opened from its key file: in memory only (this context's state, above
// the routes), never in any browser storage; locking forgets it, as does leaving the page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { BoxKeyPair } from '@security-pool/client/rules';

export interface CouncilKey {
  /** The opened key pair, if any. */
  pair?: BoxKeyPair;
  open: (pair: BoxKeyPair) => void;
  lock: () => void;
}

export const CouncilKeyContext = createContext<CouncilKey>({ open: () => undefined, lock: () => undefined });

export const useCouncilKey = () => useContext(CouncilKeyContext);
