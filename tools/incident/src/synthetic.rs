//! Synthetic losses, for tests and measurements.

use crate::{account, csv::HEADER};
use sp_core::{crypto::AccountId32, Blake2Hasher, Encode, Hasher};
use std::io::{self, BufWriter, Write};

/// The largest synthetic amount: 10^15 planck.
const MAX_AMOUNT: u64 = 1_000_000_000_000_000;

/// Victim `index` of the synthetic list `seed`: the account `blake2_256(SCALE((seed, index)))`
/// and an amount in `[1, 10^15]` from its first 8 bytes.
pub fn victim(seed: u64, index: u32) -> (AccountId32, u128) {
	let key = Blake2Hasher::hash(&(seed, index).encode()).0;
	let word = u64::from_le_bytes(key[..8].try_into().expect("8 of 32 bytes"));
	(AccountId32::new(key), (1 + word % MAX_AMOUNT).into())
}

/// Writes the losses CSV of the first `victims` of the synthetic list `seed`, header first, with
/// addresses of the network `prefix`.
pub fn write_csv(out: impl Write, victims: u32, seed: u64, prefix: u16) -> io::Result<()> {
	let mut out = BufWriter::with_capacity(1 << 20, out);
	writeln!(out, "{HEADER}")?;
	for index in 0..victims {
		let (account, amount) = victim(seed, index);
		writeln!(out, "{},{amount}", account::encode(&account, prefix))?;
	}
	out.flush()
}
