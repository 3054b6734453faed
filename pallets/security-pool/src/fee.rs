//! The fee hook: the pool's share of every fee, the rest to another handler; fixed by
//! [`Config::FeeShare`], or adaptive to the reserve ([`AdaptiveFeeShare`]), worked out once per
//! block as `pallet-transaction-payment` works out its fee multiplier.

use crate::{BlockFeeShare, Config, Event, FeeSharePolicy, Pallet};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::traits::{
	fungible::{Balanced, Credit, Inspect},
	tokens::imbalance::TryMerge,
	Get, Imbalance, OnUnbalanced,
};
use frame_support::PalletError;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{AtLeast32BitUnsigned, UniqueSaturatedInto, Zero},
	Deserialize, Perbill, Serialize,
};

/// A credit of the pool's currency.
pub type CreditOf<T> = Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

/// A fee share that follows the reserve: `ceiling` when the pool is empty, falling linearly to
/// `floor` at `target_reserve` and staying there above it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	Serialize,
	Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub struct AdaptiveFeeShare<Balance> {
	/// The share of each fee once the reserve reaches `target_reserve`.
	pub floor: Perbill,
	/// The share of each fee when the reserve is empty.
	pub ceiling: Perbill,
	/// The pool balance at and above which the share is `floor`.
	pub target_reserve: Balance,
}

/// The largest `target_reserve` of an [`AdaptiveFeeShare`]: the share's fall, a share's parts
/// times the reserve, is worked out in 128 bits.
pub const MAX_TARGET_RESERVE: u128 = u128::MAX / 1_000_000_000;

/// Why an adaptive fee share was refused.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, PalletError,
)]
pub enum FeeShareError {
	/// `floor` is above `ceiling`.
	FloorAboveCeiling,
	/// `target_reserve` is zero: there is nothing to adapt to.
	ZeroTargetReserve,
	/// `target_reserve` is above [`MAX_TARGET_RESERVE`].
	TargetReserveTooLarge,
}

impl<Balance: AtLeast32BitUnsigned + Copy> AdaptiveFeeShare<Balance> {
	/// Checks the share falls as the reserve grows toward a positive target.
	pub fn validate(&self) -> Result<(), FeeShareError> {
		if self.floor > self.ceiling {
			return Err(FeeShareError::FloorAboveCeiling);
		}
		if self.target_reserve.is_zero() {
			return Err(FeeShareError::ZeroTargetReserve);
		}
		if UniqueSaturatedInto::<u128>::unique_saturated_into(self.target_reserve)
			> MAX_TARGET_RESERVE
		{
			return Err(FeeShareError::TargetReserveTooLarge);
		}
		Ok(())
	}

	/// The share of a fee paid while the pool holds `reserve`: `ceiling − (ceiling − floor) ×
	/// reserve / target_reserve`, the fall rounded down (in the pool's favour), `floor` at or
	/// above the target.
	pub fn share_at(&self, reserve: Balance) -> Perbill {
		if reserve >= self.target_reserve {
			return self.floor;
		}
		let span = self.ceiling.deconstruct().saturating_sub(self.floor.deconstruct());
		let reserve: u128 = reserve.unique_saturated_into();
		// No overflow: `reserve < target_reserve ≤ MAX_TARGET_RESERVE` once validated, and
		// `fall < span` (saturated, it stays below `span` for an unvalidated target too).
		let target: u128 = self.target_reserve.unique_saturated_into();
		let fall = u128::from(span).saturating_mul(reserve) / target;
		Perbill::from_parts(self.ceiling.deconstruct().saturating_sub(fall as u32))
	}
}

/// An `OnUnbalanced` handler that puts the pool's share of each fee into the pool and hands
/// the rest, and every tip, to `Rest` (the block author, say, or `()` to burn).
///
/// Plug it into `pallet_transaction_payment::FungibleAdapter`, which passes the fee first and the
/// tip second; any other pallet may hand it protocol fees as single credits. It never panics and
/// never loses value: what the pool cannot take goes to `Rest`.
pub struct PoolFeeShare<T, Rest>(PhantomData<(T, Rest)>);

impl<T: Config, Rest: OnUnbalanced<CreditOf<T>>> OnUnbalanced<CreditOf<T>>
	for PoolFeeShare<T, Rest>
{
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = CreditOf<T>>)
	where
		CreditOf<T>: TryMerge,
	{
		if let Some(fee) = fees_then_tips.next() {
			let rest =
				fees_then_tips.fold(Pallet::<T>::take_fee_share(fee), |rest, tip| rest.merge(tip));
			Rest::on_unbalanced(rest);
		}
	}

	fn on_nonzero_unbalanced(fee: CreditOf<T>) {
		Rest::on_unbalanced(Pallet::<T>::take_fee_share(fee));
	}
}

impl<T: Config> Pallet<T> {
	/// The share of a fee the pool takes now: this block's adaptive share if a policy is set,
	/// else [`Config::FeeShare`]. One read of a value warm in every block.
	pub fn fee_share() -> Perbill {
		BlockFeeShare::<T>::get().unwrap_or_else(T::FeeShare::get)
	}

	/// Works out this block's adaptive share from the pool's balance, if a policy is set (a
	/// fixed share writes nothing).
	pub(crate) fn refresh_fee_share() {
		if let Some(adaptive) = FeeSharePolicy::<T>::get() {
			let reserve = T::Currency::balance(&Self::account_id());
			BlockFeeShare::<T>::put(adaptive.share_at(reserve));
		}
	}

	/// Resolves the pool's share of `fee` into the pool and returns the rest.
	pub(crate) fn take_fee_share(fee: CreditOf<T>) -> CreditOf<T> {
		let share = Self::fee_share().mul_floor(fee.peek());
		if share.is_zero() {
			return fee;
		}
		let (to_pool, rest) = fee.split(share);
		match T::Currency::resolve(&Self::account_id(), to_pool) {
			Ok(()) => {
				Self::note_inflow(share);
				Self::deposit_event(Event::FeeShareReceived { amount: share });
				rest
			},
			Err(unresolved) => rest.merge(unresolved),
		}
	}
}
