import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';

/** The dev chain's funded accounts, `//Alice` …. */
export declare const DEV_NAMES: readonly string[];
/** The sr25519 key pairs (SS58 prefix 42) of derivation paths such as `//Alice//stash`, by path. */
export declare function keyPairs(...uris: string[]): Promise<Record<string, KeyringPair>>;
/** The dev accounts by lower-case name: `{ alice, bob, … }`. */
export declare function devAccounts(): Promise<Record<string, KeyringPair>>;
/** Whether the runtime's votes have a `choice` (older runtimes: `aye: bool`). */
export declare function voteHasChoice(api: ApiPromise): boolean;
