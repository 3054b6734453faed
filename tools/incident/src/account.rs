//! SS58 addresses of one network.

use anyhow::{anyhow, ensure, Result};
use sp_core::crypto::{AccountId32, Ss58AddressFormat, Ss58Codec};

/// The network prefix the subcommands use unless told otherwise (Substrate's generic one).
pub const DEFAULT_PREFIX: u16 = 42;

/// Decodes `address`, which must be an SS58 address of the network `prefix`.
pub fn decode(address: &str, prefix: u16) -> Result<AccountId32> {
	let (account, format) = AccountId32::from_ss58check_with_version(address)
		.map_err(|e| anyhow!("malformed SS58 address `{address}`: {e}"))?;
	ensure!(
		format.prefix() == prefix,
		"address `{address}` is of network prefix {}, expected {prefix}",
		format.prefix()
	);
	Ok(account)
}

/// The SS58 address of `account` on the network `prefix`.
pub fn encode(account: &AccountId32, prefix: u16) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(prefix))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn decodes_only_addresses_of_its_network() {
		let account = AccountId32::new([7; 32]);
		assert_eq!(decode(&encode(&account, 42), 42).unwrap(), account);
		assert_eq!(decode(&encode(&account, 2000), 2000).unwrap(), account);
		let polkadot = encode(&account, 0);
		assert_eq!(
			decode(&polkadot, 42).unwrap_err().to_string(),
			format!("address `{polkadot}` is of network prefix 0, expected 42")
		);
		assert!(decode("5Gx", 42).unwrap_err().to_string().starts_with("malformed SS58 address"));
	}
}
