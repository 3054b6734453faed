//! The fee hook: the pool's share of every fee, the rest to another handler.

use crate::{Config, Event, Pallet};
use core::marker::PhantomData;
use frame_support::traits::{
	fungible::{Balanced, Credit},
	tokens::imbalance::TryMerge,
	Get, Imbalance, OnUnbalanced,
};
use sp_runtime::traits::Zero;

/// A credit of the pool's currency.
pub type CreditOf<T> = Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

/// An `OnUnbalanced` handler that puts [`Config::FeeShare`] of each fee into the pool and hands
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
	/// Resolves the pool's share of `fee` into the pool and returns the rest.
	pub(crate) fn take_fee_share(fee: CreditOf<T>) -> CreditOf<T> {
		let share = T::FeeShare::get().mul_floor(fee.peek());
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
