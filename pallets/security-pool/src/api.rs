//! What clients read (runtime API): the pool's accounts, requests and running referenda.

use crate::{pallet::*, BlockNumberOf, PoolStatus, ReferendumStatus, RequestId, RequestStatus};
use frame_support::traits::fungible::Inspect;
use sp_runtime::traits::{BlockNumberProvider, One, Saturating};

impl<T: Config> Pallet<T> {
	/// The pool's accounts, for clients.
	pub fn pool_status() -> PoolStatus<BalanceOf<T>> {
		let ledger = Ledger::<T>::get();
		PoolStatus {
			balance: T::Currency::balance(&Self::account_id()),
			available: Self::available(),
			committed: ledger.committed,
			owed: ledger.owed,
			exposure: ledger.exposure(),
			open_requests: Requests::<T>::count(),
			lifetime_inflow: ledger.lifetime_inflow,
			lifetime_outflow: ledger.lifetime_outflow,
		}
	}

	/// One open request, for clients.
	pub fn request(id: RequestId) -> Option<PayoutRequestOf<T>> {
		Requests::<T>::get(id)
	}

	/// A running referendum's track, support, standing and end, and whether it is in its
	/// confirmation window, for clients.
	pub fn referendum(id: RequestId) -> Option<ReferendumStatus<BalanceOf<T>, BlockNumberOf<T>>> {
		let request = Requests::<T>::get(id)?;
		let RequestStatus::Voting { ends_at, extensions, tally } = request.status else {
			return None;
		};
		// A vote sent now is included in the next block at the earliest.
		let next = T::BlockNumberProvider::current_block_number().saturating_add(One::one());
		let support_needed = request.terms.min_support.mul_ceil(T::Currency::active_issuance());
		Some(ReferendumStatus {
			track: request.terms.track,
			passing: Self::passing(&request),
			support: tally.support,
			support_needed,
			confirming: Self::confirming(&request, next),
			ends_at,
			extensions,
		})
	}
}
