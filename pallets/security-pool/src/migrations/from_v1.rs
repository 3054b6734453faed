//! Version 1 → current: disclosure triage, tracks, the confirmation window, the veto window,
//! abstention and support.
//!
//! - Parameters gain no tracks (every amount stays on the general track until governance sets
//!   them), the confirmation period and veto window of [`Config::DefaultParameters`], and its
//!   triage, fast-track and reveal periods; if those do not fit the chain's voting period and
//!   timelock, a quarter and a half of the voting period and half of the timelock (and a
//!   confirmation window and veto window that fit them); the defaults as a whole if even that
//!   is not valid.
//! - Open requests stay on the general track, gain those periods in their terms and no
//!   extensions of voting; their disclosures are exempt from triage (judged and paid by the rules
//!   they were filed under). Votes keep their encoding (`aye: bool` is `Choice::Nay`/`Aye`);
//!   running tallies count their support again from them.
//!
//! It reads and writes every open request and reads every voter once.

use super::{kind_from_v1, recount_support, status_from_v1, terms_from_v1, v1};
use crate::{pallet::*, PayoutRequest};
#[cfg(feature = "try-runtime")]
use codec::{Decode, Encode};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};
use sp_runtime::traits::{One, Saturating};

/// The migration from version 1, without the version check; use [`MigrateFromV1`].
pub struct UncheckedMigrateFromV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateFromV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let defaults = T::DefaultParameters::get();
		let parameters = v1::Parameters::<T>::get()
			.map(|old| {
				let kept = crate::PoolParameters {
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
					// Every amount stays on the general track until governance sets
					// tracks.
					tracks: Default::default(),
					..defaults.clone()
				};
				if kept.validate().is_ok() {
					return kept;
				}
				// The default triage periods do not fit the chain's own periods: derive
				// them from those.
				let (voting, timelock) = (kept.voting_period, kept.timelock);
				let two = BlockNumberOf::<T>::from(2u32);
				let triage_period = (voting / two / two).max(One::one());
				let fast_track_voting_period =
					(voting / two).max(triage_period.saturating_add(One::one()));
				let fast_track_timelock = (timelock / two).max(One::one());
				crate::PoolParameters {
					triage_period,
					fast_track_voting_period,
					fast_track_timelock,
					confirm_period: kept
						.confirm_period
						.min(fast_track_voting_period.saturating_sub(One::one()))
						.max(One::one()),
					veto_window: kept.veto_window.min(fast_track_timelock),
					..kept
				}
			})
			.filter(|p| p.validate().is_ok())
			.unwrap_or(defaults);
		Parameters::<T>::put(&parameters);
		let mut requests = 0u64;
		Requests::<T>::translate::<v1::PayoutRequestOf<T>, _>(|id, old| {
			requests += 1;
			Some(PayoutRequest {
				kind: kind_from_v1::<T>(id, old.kind),
				submitter: old.submitter,
				beneficiary: old.beneficiary,
				payee: old.payee,
				amount: old.amount,
				deposit: old.deposit,
				status: status_from_v1::<T>(old.status),
				terms: terms_from_v1::<T>(old.terms, &parameters),
			})
		});
		let voters = recount_support::<T>();
		T::DbWeight::get().reads_writes(2 + voters + 3 * requests, 1 + 2 * requests)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(v1::Requests::<T>::count().encode())
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

/// The migration from version 1 to the current version, run only when the pallet's on-chain
/// version is 1.
pub type MigrateFromV1<T> = VersionedMigration<
	1,
	3,
	UncheckedMigrateFromV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
