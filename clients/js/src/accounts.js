// Dev accounts and what a runtime's ballots look like.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The dev chain's funded accounts, `//Alice` …. */
export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/**
 * The sr25519 key pairs (SS58 prefix 42) of derivation paths such as `//Alice` or
 * `//Alice//stash`, by path, each named by its path without the leading `//`.
 */
export async function keyPairs(...uris) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return Object.fromEntries(uris.map((uri) => [uri, keyring.addFromUri(uri, { name: uri.replace(/^\/\//, '') })]));
}

/** The dev accounts by lower-case name: `{ alice, bob, … }`, named `Alice` …. */
export async function devAccounts() {
  const pairs = await keyPairs(...DEV_NAMES.map((name) => `//${name}`));
  return Object.fromEntries(DEV_NAMES.map((name) => [name.toLowerCase(), pairs[`//${name}`]]));
}

/**
 * Whether the runtime's votes have a `choice` (Aye, Nay or Abstain; older runtimes: `aye: bool`,
 * no abstaining), told by the default value of `vote`'s ballot type.
 */
export function voteHasChoice(api) {
  try {
    const type = api.tx.securityPool.vote.meta.args[1].type.toString();
    return 'choice' in api.createType(type).toJSON();
  } catch {
    return false;
  }
}
