// The accounts that sign: the dev accounts (//Alice …) on a dev chain, and those of the browser
// wallet the user connects (any wallet that injects the standard `injectedWeb3` interface). Every
// address is shown in the chain's SS58 prefix.
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy } from '@polkadot-labs/hdkd-helpers';
import { AccountId, type PolkadotSigner } from 'polkadot-api';
import { connectInjectedExtension, getInjectedExtensions } from 'polkadot-api/pjs-signer';
import { getPolkadotSigner, withMetadataHash } from 'polkadot-api/signer';
import type { Chain } from './connect';

export interface Account {
  /** In the chain's SS58 prefix. */
  address: string;
  name: string;
  /** `dev` for a dev account, else the wallet's name. */
  source: string;
  signer: PolkadotSigner;
}

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** `address` (any SS58 prefix) in the chain's prefix. */
export const inChainPrefix = (chain: Chain, address: string) => AccountId(chain.ss58Prefix).dec(AccountId().enc(address));

/**
 * The dev accounts, signing with their sr25519 keys derived from the dev phrase; their signatures
 * cover the runtime's metadata hash (`CheckMetadataHash` mode 1), as a hardware signer's do.
 */
export function devAccounts(chain: Chain): Account[] {
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  const network = { decimals: chain.units.decimals, tokenSymbol: chain.units.symbol };
  return DEV_NAMES.map((name) => {
    const pair = derive(`//${name}`);
    return {
      address: AccountId(chain.ss58Prefix).dec(pair.publicKey),
      name,
      source: 'dev',
      signer: withMetadataHash(network, getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign)),
    };
  });
}

/** The names of the wallets installed in this browser (each injects itself under its name). */
export const installedWallets = (): string[] => getInjectedExtensions();

/** Connects to the wallet `name` (it asks the user first) and lists its accounts. */
export async function walletAccounts(chain: Chain, name: string): Promise<Account[]> {
  let wallet;
  try {
    wallet = await connectInjectedExtension(name, 'Security Pool');
  } catch (error) {
    throw new Error(`The wallet ${name} did not connect: ${(error as Error).message || 'access was refused'}.`);
  }
  // Only accounts of this chain: not another chain's (by genesis hash), nor one whose address is
  // no 32-byte SS58 account (e.g. an Ethereum-style 20-byte one).
  return wallet.getAccounts().flatMap((account) => {
    if (account.genesisHash && account.genesisHash !== chain.genesisHash) return [];
    try {
      return [{ address: inChainPrefix(chain, account.address), name: account.name ?? account.address.slice(0, 8), source: name, signer: account.polkadotSigner }];
    } catch {
      return [];
    }
  });
}
