// The store and its state for the views.
import { createContext } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { Chain } from '../chain/connect';
import type { Snapshot } from '../chain/snapshot';
import { indexRequests, type RequestIndex } from './requests';
import type { AppState, Store } from './store';

export const StoreContext = createContext<Store | undefined>(undefined);

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside StoreContext');
  return store;
}

/** The app's state; the view renders again whenever it changes. */
export function useAppState(): AppState {
  const store = useStore();
  const [state, setState] = useState(store.state);
  useEffect(() => store.subscribe(setState), [store]);
  return state;
}

/** A connected chain's state: the views under `Ready` may rely on it. */
export interface ReadyState extends AppState {
  chain: Chain;
  head: { number: number; time: number };
  snapshot: Snapshot;
}

export const ReadyContext = createContext<ReadyState | undefined>(undefined);

export function useReady(): ReadyState {
  const state = useContext(ReadyContext);
  if (!state) throw new Error('useReady before the chain is ready');
  return state;
}

/** Every known request, recomputed when the chain moves on. */
export function useRequests(): RequestIndex {
  const { snapshot, history } = useReady();
  return useMemo(() => indexRequests(snapshot, history), [snapshot, history]);
}
