//! Weights of `pallet-security-pool`.
//!
//! Placeholders until the node's `benchmark pallet` subcommand generates this file on reference
//! hardware: each is a generous fixed cost plus the storage reads and writes of the call, with
//! linear components where the call has them.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight},
};

/// Weight functions needed by `pallet-security-pool`.
pub trait WeightInfo {
	fn contribute() -> Weight;
	fn submit_claim(e: u32) -> Weight;
	fn submit_disclosure() -> Weight;
	fn reveal_disclosure(r: u32) -> Weight;
	fn vote() -> Weight;
	fn remove_vote() -> Weight;
	fn unlock() -> Weight;
	fn veto() -> Weight;
	fn execute_payout() -> Weight;
	fn set_parameters() -> Weight;
	fn end_referenda(r: u32) -> Weight;
	fn make_payments(p: u32) -> Weight;
	fn fee_share() -> Weight;
}

/// The weights for a runtime, in terms of its database weights.
pub type SubstrateWeight<T> = Placeholder<<T as frame_system::Config>::DbWeight>;

/// Placeholder weights over the database weights `Db`.
pub struct Placeholder<Db>(PhantomData<Db>);

impl<Db: Get<RuntimeDbWeight>> WeightInfo for Placeholder<Db> {
	fn contribute() -> Weight {
		placeholder::<Db>(60, 4, 3)
	}
	fn submit_claim(e: u32) -> Weight {
		placeholder::<Db>(90, 7, 6)
			.saturating_add(Weight::from_parts(2_000, 1).saturating_mul(e.into()))
	}
	fn submit_disclosure() -> Weight {
		placeholder::<Db>(90, 7, 6)
	}
	fn reveal_disclosure(r: u32) -> Weight {
		placeholder::<Db>(40, 2, 1)
			.saturating_add(Weight::from_parts(2_000, 1).saturating_mul(r.into()))
	}
	fn vote() -> Weight {
		placeholder::<Db>(80, 5, 4)
	}
	fn remove_vote() -> Weight {
		placeholder::<Db>(80, 5, 4)
	}
	fn unlock() -> Weight {
		placeholder::<Db>(120, 36, 3)
	}
	fn veto() -> Weight {
		placeholder::<Db>(90, 6, 6)
	}
	fn execute_payout() -> Weight {
		placeholder::<Db>(120, 8, 8)
	}
	fn set_parameters() -> Weight {
		placeholder::<Db>(20, 0, 1)
	}
	fn end_referenda(r: u32) -> Weight {
		placeholder::<Db>(10, 1, 0)
			.saturating_add(placeholder::<Db>(90, 6, 6).saturating_mul(r.into()))
	}
	fn make_payments(p: u32) -> Weight {
		placeholder::<Db>(10, 2, 0)
			.saturating_add(placeholder::<Db>(120, 7, 7).saturating_mul(p.into()))
	}
	fn fee_share() -> Weight {
		placeholder::<Db>(20, 0, 0)
	}
}

/// The same placeholders with RocksDB's read and write costs, for tests.
impl WeightInfo for () {
	fn contribute() -> Weight {
		Placeholder::<RocksDbWeight>::contribute()
	}
	fn submit_claim(e: u32) -> Weight {
		Placeholder::<RocksDbWeight>::submit_claim(e)
	}
	fn submit_disclosure() -> Weight {
		Placeholder::<RocksDbWeight>::submit_disclosure()
	}
	fn reveal_disclosure(r: u32) -> Weight {
		Placeholder::<RocksDbWeight>::reveal_disclosure(r)
	}
	fn vote() -> Weight {
		Placeholder::<RocksDbWeight>::vote()
	}
	fn remove_vote() -> Weight {
		Placeholder::<RocksDbWeight>::remove_vote()
	}
	fn unlock() -> Weight {
		Placeholder::<RocksDbWeight>::unlock()
	}
	fn veto() -> Weight {
		Placeholder::<RocksDbWeight>::veto()
	}
	fn execute_payout() -> Weight {
		Placeholder::<RocksDbWeight>::execute_payout()
	}
	fn set_parameters() -> Weight {
		Placeholder::<RocksDbWeight>::set_parameters()
	}
	fn end_referenda(r: u32) -> Weight {
		Placeholder::<RocksDbWeight>::end_referenda(r)
	}
	fn make_payments(p: u32) -> Weight {
		Placeholder::<RocksDbWeight>::make_payments(p)
	}
	fn fee_share() -> Weight {
		Placeholder::<RocksDbWeight>::fee_share()
	}
}

/// `micros` µs of execution, 4 KiB of proof per read, and the database cost of the accesses.
fn placeholder<Db: Get<RuntimeDbWeight>>(micros: u64, reads: u64, writes: u64) -> Weight {
	Weight::from_parts(micros * 1_000_000, reads * 4_096)
		.saturating_add(Db::get().reads_writes(reads, writes))
}
