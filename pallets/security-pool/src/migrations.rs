//! Storage migrations of the security pool.

/// Version 0 → 1: per-request terms and payees, counted outcomes, report deposits, the exposure
/// ledger, open requests per account and the commitments in use; and the pallet's set-up when it
/// is added to a running chain (no genesis): safe parameters and the pool account.
///
/// It runs in one block and reads every voter, request, outcome and report once: fit for a chain
/// whose version 0 state is small (tens of thousands of items at most); a larger one would move
/// it to a multi-block migration.
pub mod v1 {
	use crate::{
		pallet::*, PayoutRequest, PoolLedger, ReferendumOutcome, Report, RequestId, RequestKind,
		RequestStatus, SeverityTiers, Tally,
	};
	use alloc::collections::btree_map::BTreeMap;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use sp_runtime::{
		traits::{Saturating, Zero},
		Perbill,
	};

	/// The layouts of version 0.
	pub mod v0 {
		use super::*;

		/// Version 0's parameters: no `max_exposure`.
		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct PoolParameters<Balance, BlockNumber> {
			pub voting_period: BlockNumber,
			pub timelock: BlockNumber,
			pub vote_locking_period: BlockNumber,
			pub min_turnout: Perbill,
			pub approval: Perbill,
			pub max_payout: Perbill,
			pub deposit_base: Balance,
			pub deposit_per_byte: Balance,
			pub tiers: SeverityTiers<Balance>,
		}

		/// Version 0's tally: no count of votes.
		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct Tally<Balance> {
			pub ayes: Balance,
			pub nays: Balance,
			pub turnout: Balance,
		}

		/// Version 0's request status.
		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub enum RequestStatus<Balance, BlockNumber> {
			Voting { ends_at: BlockNumber, tally: Tally<Balance> },
			Approved { payable_at: BlockNumber },
			Owed { remaining: Balance },
		}

		/// Version 0's request: no payee, no terms.
		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence: Get<u32>> {
			pub kind: RequestKind<MaxEvidence>,
			pub submitter: AccountId,
			pub beneficiary: AccountId,
			pub amount: Balance,
			pub deposit: Balance,
			pub status: RequestStatus<Balance, BlockNumber>,
		}

		/// Version 0's outcome: no locking period, no count of votes.
		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct ReferendumOutcome<BlockNumber> {
			pub approved: bool,
			pub ended_at: BlockNumber,
		}

		/// Version 0's ledger: no sum of the requests under vote.
		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug, Default)]
		pub struct PoolLedger<Balance> {
			pub committed: Balance,
			pub owed: Balance,
			pub lifetime_inflow: Balance,
			pub lifetime_outflow: Balance,
		}

		pub type ParametersOf<T> = PoolParameters<BalanceOf<T>, BlockNumberOf<T>>;
		pub type PayoutRequestOf<T> = PayoutRequest<
			<T as frame_system::Config>::AccountId,
			BalanceOf<T>,
			BlockNumberOf<T>,
			<T as Config>::MaxEvidenceLen,
		>;

		/// Version 0's `Parameters`, for tests and checks.
		#[frame_support::storage_alias]
		pub type Parameters<T: Config> = StorageValue<Pallet<T>, ParametersOf<T>, OptionQuery>;

		/// Version 0's `Ledger`, for tests and checks.
		#[frame_support::storage_alias]
		pub type Ledger<T: Config> = StorageValue<Pallet<T>, PoolLedger<BalanceOf<T>>, OptionQuery>;

		/// Version 0's `Requests`, for tests.
		#[frame_support::storage_alias]
		pub type Requests<T: Config> =
			CountedStorageMap<Pallet<T>, Twox64Concat, RequestId, PayoutRequestOf<T>>;

		/// Version 0's `Outcomes`, for tests.
		#[frame_support::storage_alias]
		pub type Outcomes<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, RequestId, ReferendumOutcome<BlockNumberOf<T>>>;

		/// Version 0's `Reports`, for tests.
		#[frame_support::storage_alias]
		pub type Reports<T: Config> = StorageMap<
			Pallet<T>,
			Twox64Concat,
			RequestId,
			BoundedVec<u8, <T as Config>::MaxReportLen>,
		>;
	}

	/// The migration from version 0 to 1, without the version check; use [`MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let defaults = T::DefaultParameters::get();
			// A chain without the pallet's genesis (the pallet is new) gets the defaults; one
			// with version 0 parameters keeps them if they are within the new bounds. Requests
			// in flight keep the rules they were filed under either way.
			let old = v0::Parameters::<T>::get().map(|old| crate::PoolParameters {
				voting_period: old.voting_period,
				timelock: old.timelock,
				vote_locking_period: old.vote_locking_period,
				min_turnout: old.min_turnout,
				approval: old.approval,
				max_payout: old.max_payout,
				max_exposure: defaults.max_exposure,
				deposit_base: old.deposit_base,
				deposit_per_byte: old.deposit_per_byte,
				amount_bond: defaults.amount_bond,
				tiers: old.tiers,
			});
			let filed_under = old.unwrap_or(defaults);
			let parameters = old.filter(|p| p.validate().is_ok()).unwrap_or(defaults);
			Parameters::<T>::put(parameters);
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
							turnout: tally.turnout,
							votes,
						};
						RequestStatus::Voting { ends_at, tally }
					},
					v0::RequestStatus::Approved { payable_at } => {
						RequestStatus::Approved { payable_at }
					},
					v0::RequestStatus::Owed { remaining } => RequestStatus::Owed { remaining },
				};
				if let RequestKind::Disclosure { commitment, .. } = old.kind {
					// Version 0 accepted copies: the first keeps the commitment.
					if !Commitments::<T>::contains_key(commitment) {
						Commitments::<T>::insert(commitment, id);
					}
				}
				*submitters.entry(old.submitter.clone()).or_default() += 1;
				Some(PayoutRequest {
					kind: old.kind,
					payee: old.beneficiary.clone(),
					beneficiary: old.beneficiary,
					submitter: old.submitter,
					amount: old.amount,
					deposit: old.deposit,
					status,
					terms: filed_under.terms(),
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

			let items = requests + outcomes + reports;
			T::DbWeight::get().reads_writes(4 + accounts + items, 4 + 2 * requests + items)
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

	/// The migration from version 0 to 1, run only when the pallet's on-chain version is 0.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
