//! Version 0 → 2: per-request terms and payees, counted outcomes, report deposits, the exposure
//! ledger, open requests per account and the commitments in use, and the triage state (requests
//! filed before it are exempt); and the pallet's set-up when it is added to a running chain (no
//! genesis): safe parameters and the pool account.
//!
//! It runs in one block and reads every voter, request, outcome and report once: fit for a chain
//! whose version 0 state is small (tens of thousands of items at most); a larger one would move
//! it to a multi-block migration.

use super::{kind_from_v1, recount_support, status_from_v1, terms_from_v1, v0, v1};
use crate::{pallet::*, PayoutRequest, PoolLedger, ReferendumOutcome, Report, RequestId, Tally};
use alloc::collections::btree_map::BTreeMap;
#[cfg(feature = "try-runtime")]
use codec::{Decode, Encode};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};
use sp_runtime::traits::{Saturating, Zero};

/// The migration from version 0 to 2, without the version check; use [`MigrateFromV0`].
pub struct UncheckedMigrateFromV0<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateFromV0<T> {
	fn on_runtime_upgrade() -> Weight {
		let defaults = T::DefaultParameters::get();
		// A chain without the pallet's genesis (the pallet is new) gets the defaults; one
		// with version 0 parameters keeps them if they are within the new bounds. Requests
		// in flight keep the rules they were filed under either way.
		let old = v0::Parameters::<T>::get().map(|old| crate::PoolParameters {
			voting_period: old.voting_period,
			timelock: old.timelock,
			vote_locking_period: old.vote_locking_period,
			min_support: old.min_support,
			approval: old.approval,
			max_payout: old.max_payout,
			max_exposure: defaults.max_exposure,
			deposit_base: old.deposit_base,
			deposit_per_byte: old.deposit_per_byte,
			amount_bond: defaults.amount_bond,
			tiers: old.tiers,
			// Every amount stays on the general track until governance sets tracks.
			tracks: Default::default(),
			..defaults.clone()
		});
		let filed_under = old.clone().unwrap_or_else(|| defaults.clone());
		let parameters = old.filter(|p| p.validate().is_ok()).unwrap_or(defaults);
		Parameters::<T>::put(&parameters);
		LegacyDisclosuresBefore::<T>::put(NextRequestId::<T>::get());
		Pallet::<T>::ensure_pool_account();

		// The votes that refer to each referendum.
		let mut votes_on = BTreeMap::<RequestId, u32>::new();
		let mut accounts = 0u64;
		for (_, voting) in VotingFor::<T>::iter() {
			accounts += 1;
			for cast in voting.votes.iter() {
				*votes_on.entry(cast.request).or_default() += 1;
			}
		}

		let mut under_vote = BalanceOf::<T>::zero();
		let mut submitters = BTreeMap::<T::AccountId, u32>::new();
		let mut requests = 0u64;
		Requests::<T>::translate::<v0::PayoutRequestOf<T>, _>(|id, old| {
			requests += 1;
			let status = match old.status {
				v0::RequestStatus::Voting { ends_at, tally } => {
					under_vote.saturating_accrue(old.amount);
					let votes = votes_on.get(&id).copied().unwrap_or_default();
					let tally = Tally {
						ayes: tally.ayes,
						nays: tally.nays,
						// Counted again from the votes below: nays do not support.
						support: tally.turnout,
						votes,
					};
					v1::RequestStatus::Voting { ends_at, tally }
				},
				v0::RequestStatus::Approved { payable_at } => {
					v1::RequestStatus::Approved { payable_at }
				},
				v0::RequestStatus::Owed { remaining } => v1::RequestStatus::Owed { remaining },
			};
			if let crate::migrations::v1::RequestKind::Disclosure { commitment, .. } = old.kind {
				// Version 0 accepted copies: the first keeps the commitment.
				if !Commitments::<T>::contains_key(commitment) {
					Commitments::<T>::insert(commitment, id);
				}
			}
			*submitters.entry(old.submitter.clone()).or_default() += 1;
			Some(PayoutRequest {
				kind: kind_from_v1::<T>(id, old.kind),
				payee: old.beneficiary.clone(),
				beneficiary: old.beneficiary,
				submitter: old.submitter,
				amount: old.amount,
				deposit: old.deposit,
				status: status_from_v1::<T>(status),
				terms: terms_from_v1::<T>(
					v1::RequestTerms {
						timelock: filed_under.timelock,
						vote_locking_period: filed_under.vote_locking_period,
						min_support: filed_under.min_support,
						approval: filed_under.approval,
					},
					&filed_under,
				),
			})
		});
		for (who, open) in submitters {
			OpenRequestsOf::<T>::insert(who, open);
		}

		// Outcomes no vote refers to are dropped; the rest count their votes.
		let mut outcomes = 0u64;
		Outcomes::<T>::translate::<v0::ReferendumOutcome<BlockNumberOf<T>>, _>(|id, old| {
			outcomes += 1;
			votes_on.get(&id).map(|&votes| ReferendumOutcome {
				approved: old.approved,
				ended_at: old.ended_at,
				vote_locking_period: filed_under.vote_locking_period,
				votes,
			})
		});

		// Reports revealed under version 0 held no deposit.
		let mut reports = 0u64;
		Reports::<T>::translate::<BoundedVec<u8, T::MaxReportLen>, _>(|id, text| {
			reports += 1;
			let author = Requests::<T>::get(id)
				.map(|request| request.submitter)
				.unwrap_or_else(Pallet::<T>::account_id);
			Some(Report { author, deposit: Zero::zero(), text })
		});

		let old = v0::Ledger::<T>::get().unwrap_or_default();
		Ledger::<T>::put(PoolLedger {
			voting: under_vote,
			committed: old.committed,
			owed: old.owed,
			lifetime_inflow: old.lifetime_inflow,
			lifetime_outflow: old.lifetime_outflow,
		});

		let voters = recount_support::<T>();
		let items = requests + outcomes + reports;
		T::DbWeight::get().reads_writes(4 + accounts + voters + 2 * items, 4 + 3 * requests + items)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		let ledger = v0::Ledger::<T>::get().unwrap_or_default();
		let requests = v0::Requests::<T>::count();
		Ok((requests, ledger.committed, ledger.owed).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let (requests, committed, owed): (u32, BalanceOf<T>, BalanceOf<T>) =
			Decode::decode(&mut &state[..]).map_err(|_| "undecodable pre-upgrade state")?;
		ensure!(Requests::<T>::count() == requests, "every request is kept");
		let ledger = Ledger::<T>::get();
		ensure!(ledger.committed == committed && ledger.owed == owed, "ledger kept");
		ensure!(Parameters::<T>::get().validate().is_ok(), "parameters are valid");
		Pallet::<T>::do_try_state()
	}
}

/// The migration from version 0 to the current version, run only when the pallet's
/// on-chain version is 0.
pub type MigrateFromV0<T> = VersionedMigration<
	0,
	3,
	UncheckedMigrateFromV0<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
