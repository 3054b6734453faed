// Who signs: the dev accounts (a switch, on dev chains only) and the browser extension's accounts.
import { useState } from 'preact/hooks';
import { Amount } from '../components/Amount';
import { useReady, useStore } from '../state/context';

export function AccountBar() {
  const store = useStore();
  const { chain, accounts, selected, devAccountsOn, account } = useReady();
  const [problem, setProblem] = useState<string>();
  const connectExtension = () => store.connectExtension().then(() => setProblem(undefined), (e: Error) => setProblem(e.message));
  return (
    <div class="account-bar">
      {chain.isDev && (
        <label class="switch">
          <input type="checkbox" checked={devAccountsOn} onChange={(e) => store.setDevAccounts(e.currentTarget.checked)} />
          dev accounts
        </label>
      )}
      <button type="button" class="secondary" onClick={connectExtension}>Connect extension</button>
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
