// Who signs: the dev accounts (a switch, on dev chains only) and the accounts of the browser wallet
// the user picks among those installed.
import { useState } from 'preact/hooks';
import { installedWallets } from '../chain/accounts';
import { Amount } from '../components/Amount';
import { useReady, useStore } from '../state/context';

export function AccountBar() {
  const store = useStore();
  const { chain, accounts, selected, devAccountsOn, account, wallet } = useReady();
  // Read at every render (every block): a wallet may inject itself after the page loaded.
  const wallets = installedWallets();
  const [chosen, setPicked] = useState<string>();
  const picked = chosen !== undefined && wallets.includes(chosen) ? chosen : wallets[0];
  const [problem, setProblem] = useState<string>();
  const connectWallet = () => {
    if (picked) store.connectWallet(picked).then(() => setProblem(undefined), (e: Error) => setProblem(e.message));
  };
  return (
    <div class="account-bar">
      {chain.isDev && (
        <label class="switch">
          <input type="checkbox" checked={devAccountsOn} onChange={(e) => store.setDevAccounts(e.currentTarget.checked)} />
          dev accounts
        </label>
      )}
      {wallets.length > 0 ? (
        <span class="wallet">
          <label>
            Wallet{' '}
            <select id="wallet" value={picked} onChange={(e) => setPicked(e.currentTarget.value)}>
              {wallets.map((name) => <option value={name}>{name}</option>)}
            </select>
          </label>{' '}
          <button type="button" class="secondary" onClick={connectWallet}>{wallet === picked ? 'Reconnect' : 'Connect'}</button>
        </span>
      ) : (
        <span class="hint" id="no-wallet">No browser wallet found: install a Polkadot wallet extension to sign with your own accounts.</span>
      )}
      <label>
        Sign as{' '}
        <select id="account" value={selected} onChange={(e) => store.select(e.currentTarget.value)} disabled={!accounts.length}>
          {accounts.map((a) => <option value={a.address}>{a.name} ({a.source})</option>)}
        </select>
      </label>
      {account && <span class="balance">free <Amount value={account.free} fraction={2} /></span>}
      {problem && <span class="problem" role="alert">{problem}</span>}
    </div>
  );
}
