// The app's live view of the chain: connects, follows new blocks, keeps the pool's history and the
// signing account's votes, and tells the views when anything changed.
import { devAccounts, walletAccounts, type Account } from '../chain/accounts';
import { connect, type Chain } from '../chain/connect';
import { blockRecord, loadHistory, type BlockRecord } from '../chain/history';
import { readAccount, readSnapshot, withReferenda, type AccountState, type Snapshot } from '../chain/snapshot';

export interface AppState {
  phase: 'connecting' | 'ready' | 'failed';
  error?: string;
  chain?: Chain;
  head?: { number: number; time: number };
  snapshot?: Snapshot;
  /** Records of past blocks, oldest first; grows with every new block. */
  history: BlockRecord[];
  historyLoaded: boolean;
  /** The block the page first read: without the node's archive, the history starts there. */
  openedAt?: number;
  accounts: Account[];
  devAccountsOn: boolean;
  /** The wallet connected, by name. */
  wallet?: string;
  walletAccounts: Account[];
  /** The address that signs. */
  selected?: string;
  account?: AccountState;
}

type Listener = (state: AppState) => void;

export class Store {
  state: AppState = {
    phase: 'connecting',
    history: [],
    historyLoaded: false,
    accounts: [],
    devAccountsOn: localStorage.getItem('devAccounts') !== 'off',
    walletAccounts: [],
    selected: localStorage.getItem('account') ?? undefined,
  };
  #listeners = new Set<Listener>();
  #devAccounts: Account[] = [];
  #reading = Promise.resolve();

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(change: Partial<AppState>) {
    this.state = { ...this.state, ...change };
    for (const listener of this.#listeners) listener(this.state);
  }

  async start(endpoint: string) {
    try {
      const chain = await connect(endpoint);
      performance.mark('connected');
      this.#set({ chain });
      let last = '';
      chain.client.bestBlocks$.subscribe({
        next: ([best]) => {
          if (!best || best.hash === last) return;
          last = best.hash;
          this.#follow(best.number, best.hash);
        },
        error: (error: Error) => this.#set({ phase: 'failed', error: `Lost ${endpoint}: ${error.message}` }),
      });
    } catch (error) {
      this.#set({ phase: 'failed', error: `Cannot connect to ${endpoint}: ${(error as Error).message}` });
    }
  }

  /** Reads the chain at a new best block; blocks that arrive during a read queue behind it. */
  #follow(number: number, hash: string) {
    this.#reading = this.#reading.then(() => this.#read(number, hash)).catch((error: Error) => {
      console.error('reading block', number, error);
    });
  }

  async #read(number: number, hash: string) {
    const chain = this.state.chain!;
    const first = this.state.phase !== 'ready';
    // The first read shows the chain without the referenda's runtime API status (storage tells
    // their ends too) and the council, and adds them right after; later reads take them in one go.
    const [snapshot, record, account] = await Promise.all([
      readSnapshot(chain, !first, hash),
      blockRecord(chain, number, hash),
      this.state.selected ? readAccount(chain, this.state.selected) : undefined,
    ]);
    const last = this.state.history.at(-1)?.number ?? 0;
    const history = number > last ? [...this.state.history, record] : this.state.history;
    this.#set({ phase: 'ready', snapshot, account: this.#current(account), history, head: { number, time: record.time }, openedAt: this.state.openedAt ?? number });
    if (first) {
      // The dev accounts' keys are derived once the chain is shown (it takes a moment).
      this.#devAccounts = chain.isDev ? devAccounts(chain) : [];
      this.#updateAccounts();
      this.#addReferenda(snapshot).catch((error: Error) => console.error('reading referenda', error));
      void this.#loadHistory({ number, hash });
    }
  }

  /** Adds the running referenda's runtime API status to `snapshot`, unless a newer one replaced it. */
  async #addReferenda(snapshot: Snapshot) {
    const complete = await withReferenda(this.state.chain!, snapshot);
    if (this.state.snapshot === snapshot) this.#set({ snapshot: complete });
  }

  /** Reads the history before the first block read, `head` (its hash): what the node has of it. */
  async #loadHistory(head: { number: number; hash: string }) {
    let past: BlockRecord[] = [];
    try {
      past = await loadHistory(this.state.chain!, head);
    } catch (error) {
      console.error('reading the history', error);
    } finally {
      const newer = this.state.history.filter((record) => record.number >= head.number);
      this.#set({ history: [...past, ...newer], historyLoaded: true });
    }
  }

  /** Reads again now, e.g. right after a transaction, without waiting for the next block. */
  async refresh() {
    const chain = this.state.chain;
    if (!chain) return;
    const [snapshot, account] = await Promise.all([
      readSnapshot(chain),
      this.state.selected ? readAccount(chain, this.state.selected) : undefined,
    ]);
    this.#set({ snapshot, account: this.#current(account) });
  }

  /** `account` if it is still the selected one's (the selection may change during a read), else what is shown now. */
  #current(account: AccountState | undefined) {
    return account?.address === this.state.selected ? account : this.state.account;
  }

  setDevAccounts(on: boolean) {
    localStorage.setItem('devAccounts', on ? 'on' : 'off');
    this.#set({ devAccountsOn: on });
    this.#updateAccounts();
  }

  /** Connects the wallet `name` (it asks the user first): its accounts join the list. */
  async connectWallet(name: string) {
    const accounts = await walletAccounts(this.state.chain!, name);
    this.#set({ wallet: name, walletAccounts: accounts });
    this.#updateAccounts();
  }

  select(address: string) {
    localStorage.setItem('account', address);
    this.#set({ selected: address, account: undefined });
    void this.#readAccount(address);
  }

  #updateAccounts() {
    const accounts = [...(this.state.devAccountsOn ? this.#devAccounts : []), ...this.state.walletAccounts];
    const selected = accounts.some((a) => a.address === this.state.selected) ? this.state.selected : accounts[0]?.address;
    const changed = selected !== this.state.selected;
    this.#set({ accounts, selected, account: changed ? undefined : this.state.account });
    if (selected && (changed || !this.state.account)) void this.#readAccount(selected);
  }

  /** Reads the signing account `address` now (its balance and votes). */
  async #readAccount(address: string) {
    const account = await readAccount(this.state.chain!, address);
    if (this.state.selected === address) this.#set({ account });
  }

  /** The account that signs, if any. */
  get signer(): Account | undefined {
    return this.state.accounts.find((a) => a.address === this.state.selected);
  }
}
