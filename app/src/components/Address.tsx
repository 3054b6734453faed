import { useReady } from '../state/context';

/** An account by its name when the app knows it (a dev or wallet account), else its address, shortened. */
export function Address({ address }: { address: string }) {
  const { accounts, chain } = useReady();
  const known = accounts.find((a) => a.address === address);
  const name = address === chain.poolAddress ? 'the pool' : known?.name;
  return (
    <span class="address" title={address} data-address={address}>
      {name ?? `${address.slice(0, 6)}…${address.slice(-6)}`}
    </span>
  );
}
