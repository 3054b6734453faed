//! What clients read (runtime API): the pool's accounts, requests and running referenda.

use crate::{pallet::*, BlockNumberOf, PoolStatus, ReferendumStatus, RequestId, RequestStatus};
use frame_support::traits::fungible::Inspect;

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

	/// A running referendum's track, whether it passes now and when it ends, for clients.
	pub fn referendum(id: RequestId) -> Option<ReferendumStatus<BlockNumberOf<T>>> {
		let request = Requests::<T>::get(id)?;
		let RequestStatus::Voting { ends_at, extensions, .. } = request.status else {
			return None;
		};
		let passing = Self::passing(&request);
		Some(ReferendumStatus { track: request.terms.track, passing, ends_at, extensions })
	}
}
