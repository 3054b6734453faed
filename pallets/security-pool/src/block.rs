//! The block's own work: what every block does before its transactions, and its weight.

use crate::{pallet::*, PoolLedger, WeightInfo};
use frame_support::pallet_prelude::*;
use sp_runtime::{traits::BlockNumberProvider, Perbill};

impl<T: Config> Pallet<T> {
	/// Ends the referenda due now, marks missed triages, makes the due payments, expires reveal
	/// deadlines, closes incidents whose claims are over, sweeps their claimed leaves, and works
	/// out the block's fee share. Returns the weight of what it did.
	pub(crate) fn on_block() -> Weight {
		let now = T::BlockNumberProvider::current_block_number();
		let ended = Self::end_referenda(now);
		let missed = Self::miss_triage(now);
		let paid = Self::make_payments(now);
		let expired = Self::expire_reveals(now);
		let closed = Self::close_incidents(now);
		let swept = Self::sweep_claimed();
		Self::refresh_fee_share();
		Self::block_work_weight(ended, missed, paid, expired)
			.saturating_add(Self::incident_work_weight(closed, swept))
	}

	/// The weight of a block's own work: ending `ended` referenda, marking `missed` triages,
	/// making `paid` payment attempts, expiring `expired` reveal deadlines, working out the
	/// block's fee share, and the fee hook's storage (the pool account and the ledger read
	/// and written once, the block's fee share written once; every later access in the
	/// block is warm, and `fee_share` is benchmarked so).
	pub fn block_work_weight(ended: u32, missed: u32, paid: u32, expired: u32) -> Weight {
		let fee_hook_proof =
			frame_system::AccountInfo::<T::Nonce, T::AccountData>::max_encoded_len()
				.saturating_add(PoolLedger::<BalanceOf<T>>::max_encoded_len())
				.saturating_add(Perbill::max_encoded_len());
		T::WeightInfo::end_referenda(ended)
			.saturating_add(T::WeightInfo::miss_triage(missed))
			.saturating_add(T::WeightInfo::make_payments(paid))
			.saturating_add(T::WeightInfo::expire_reveals(expired))
			.saturating_add(T::WeightInfo::refresh_fee_share())
			.saturating_add(T::DbWeight::get().reads_writes(2, 3))
			.saturating_add(Weight::from_parts(0, fee_hook_proof as u64))
	}

	/// The weight of closing `closed` incidents and sweeping `swept` bitmap words in a block.
	pub fn incident_work_weight(closed: u32, swept: u32) -> Weight {
		T::WeightInfo::close_incidents(closed).saturating_add(T::WeightInfo::sweep_claimed(swept))
	}
}
