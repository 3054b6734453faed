//! Version 2 → 3: support, the confirmation window, the veto window and what each track has
//! open.
//!
//! - Parameters: every track keeps its rules and may have open at most its `max_amount` (one
//!   request's worth: governance widens it); the veto window of [`Config::DefaultParameters`],
//!   shortened to the shortest timelock; `max_extensions` goes (a change of the outcome in the
//!   confirmation window always moves the end now). The defaults as a whole if the result is
//!   not valid (a track that ends voting before triage is due, say).
//! - Open requests keep their terms, with the new parameters' veto window in place of
//!   `max_extensions`; running tallies count their support again from their votes; each
//!   track's open amount is summed from its requests not yet paid.
//!
//! It reads and writes every open request twice and reads every voter once.

use super::{recount_support, v2};
use crate::{pallet::*, PayoutRequest, RequestStatus, RequestTerms, Track};
#[cfg(feature = "try-runtime")]
use codec::{Decode, Encode};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};
use sp_runtime::traits::Saturating;

/// Version 2's parameters in the current layout; see the module's documentation.
pub fn parameters_from_v2<T: Config>(old: v2::ParametersOf<T>) -> ParametersOf<T> {
	let tracks: alloc::vec::Vec<_> = old
		.tracks
		.iter()
		.map(|track| Track {
			max_amount: track.max_amount,
			max_open: track.max_amount,
			voting_period: track.voting_period,
			timelock: track.timelock,
			min_support: track.min_support,
			approval: track.approval,
		})
		.collect();
	let shortest_timelock = old
		.tracks
		.iter()
		.map(|track| track.timelock)
		.chain([old.timelock, old.fast_track_timelock])
		.min()
		.unwrap_or(old.fast_track_timelock);
	crate::PoolParameters {
		voting_period: old.voting_period,
		timelock: old.timelock,
		vote_locking_period: old.vote_locking_period,
		min_support: old.min_support,
		approval: old.approval,
		max_payout: old.max_payout,
		max_exposure: old.max_exposure,
		deposit_base: old.deposit_base,
		deposit_per_byte: old.deposit_per_byte,
		amount_bond: old.amount_bond,
		tiers: old.tiers,
		triage_period: old.triage_period,
		fast_track_voting_period: old.fast_track_voting_period,
		fast_track_timelock: old.fast_track_timelock,
		reveal_period: old.reveal_period,
		tracks: BoundedVec::truncate_from(tracks),
		confirm_period: old.confirm_period,
		veto_window: T::DefaultParameters::get().veto_window.min(shortest_timelock),
	}
}

/// The migration from version 2, without the version check; use [`MigrateFromV2`].
pub struct UncheckedMigrateFromV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateFromV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let parameters = v2::Parameters::<T>::get()
			.map(parameters_from_v2::<T>)
			.filter(|p| p.validate().is_ok())
			.unwrap_or_else(T::DefaultParameters::get);
		Parameters::<T>::put(&parameters);
		let mut requests = 0u64;
		let mut open_by_track = crate::TrackAmounts::<BalanceOf<T>>::default();
		Requests::<T>::translate::<v2::PayoutRequestOf<T>, _>(|_, old| {
			requests += 1;
			let asks = !matches!(old.status, RequestStatus::Paid { .. });
			if let (Some(track), true) = (old.terms.track, asks) {
				if let Some(open) = open_by_track.get_mut(track as usize) {
					open.saturating_accrue(old.amount);
				}
			}
			let terms = old.terms;
			Some(PayoutRequest {
				kind: old.kind,
				submitter: old.submitter,
				beneficiary: old.beneficiary,
				payee: old.payee,
				amount: old.amount,
				deposit: old.deposit,
				status: old.status,
				terms: RequestTerms {
					track: terms.track,
					timelock: terms.timelock,
					vote_locking_period: terms.vote_locking_period,
					min_support: terms.min_support,
					approval: terms.approval,
					triage_period: terms.triage_period,
					fast_track_voting_period: terms.fast_track_voting_period,
					fast_track_timelock: terms.fast_track_timelock,
					reveal_period: terms.reveal_period,
					confirm_period: terms.confirm_period,
					veto_window: parameters.veto_window,
				},
			})
		});
		OpenByTrack::<T>::put(open_by_track);
		let voters = recount_support::<T>();
		T::DbWeight::get().reads_writes(1 + voters + 2 * requests, 2 + 2 * requests)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(v2::Requests::<T>::count().encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let requests: u32 =
			Decode::decode(&mut &state[..]).map_err(|_| "undecodable pre-upgrade state")?;
		ensure!(Requests::<T>::count() == requests, "every request is kept");
		ensure!(
			Requests::<T>::iter().count() as u32 == requests,
			"every request decodes in the new layout"
		);
		ensure!(Parameters::<T>::get().validate().is_ok(), "parameters are valid");
		Pallet::<T>::do_try_state()
	}
}

/// The migration from version 2 to 3, run only when the pallet's on-chain version is 2.
pub type MigrateFromV2<T> = VersionedMigration<
	2,
	3,
	UncheckedMigrateFromV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
