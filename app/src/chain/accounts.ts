// The accounts that sign: the dev accounts (//Alice …) on a dev chain, and those of the
// Polkadot.js browser extension.
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/api/types';
import { devAccounts as devPairs } from '@security-pool/client';

export interface Account {
  address: string;
  name: string;
  /** `dev` for a dev account, else the extension's name. */
  source: string;
  /** A dev account signs with its key pair, an extension account through the extension's signer. */
  sign: { pair: KeyringPair } | { signer: Signer };
}

export async function devAccounts(): Promise<Account[]> {
  return Object.values(await devPairs()).map((pair) => ({ address: pair.address, name: String(pair.meta.name), source: 'dev', sign: { pair } }));
}

/** Asks the extension for its accounts (the extension asks the user first). */
export async function extensionAccounts(): Promise<Account[]> {
  const { web3Accounts, web3Enable, web3FromAddress } = await import('@polkadot/extension-dapp');
  const extensions = await web3Enable('Security Pool');
  if (extensions.length === 0) throw new Error('No Polkadot.js extension found, or access was refused.');
  const accounts = await web3Accounts({ ss58Format: 42 });
  return Promise.all(accounts.map(async ({ address, meta }) => ({
    address,
    name: meta.name ?? address.slice(0, 8),
    source: meta.source,
    sign: { signer: (await web3FromAddress(address)).signer },
  })));
}
