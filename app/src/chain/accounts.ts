// The accounts that sign: the dev accounts (//Alice …) on a dev chain, and those of the
// Polkadot.js browser extension.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/api/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export interface Account {
  address: string;
  name: string;
  /** `dev` for a dev account, else the extension's name. */
  source: string;
  /** A dev account signs with its key pair, an extension account through the extension's signer. */
  sign: { pair: KeyringPair } | { signer: Signer };
}

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

export async function devAccounts(): Promise<Account[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return DEV_NAMES.map((name) => {
    const pair = keyring.addFromUri(`//${name}`, { name });
    return { address: pair.address, name, source: 'dev', sign: { pair } };
  });
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
