//! Storage migrations of the security pool.
//!
//! A runtime lists all three: [`from_v0::MigrateFromV0`] brings a version 0 chain (or one
//! without the pallet's genesis) straight to the current version, [`from_v1::MigrateFromV1`] a
//! version 1 chain and [`from_v2::MigrateFromV2`] a version 2 chain. Each runs only on its own
//! version.

use crate::{pallet::*, RequestId, RequestKind, RequestStatus, RequestTerms, Triage};
use alloc::collections::btree_map::BTreeMap;
use sp_runtime::traits::Saturating;

/// Counts the support of every running referendum again from its votes: ayes and abstentions,
/// never nays (before version 3 the tally's third field counted every vote's balance). Returns
/// how many voters it read.
fn recount_support<T: Config>() -> u64 {
	let mut support = BTreeMap::<RequestId, BalanceOf<T>>::new();
	let mut voters = 0u64;
	for (_, voting) in VotingFor::<T>::iter() {
		voters += 1;
		for cast in voting.votes.iter().filter(|cast| cast.vote.choice.supports()) {
			support.entry(cast.request).or_default().saturating_accrue(cast.vote.balance);
		}
	}
	for (id, request) in Requests::<T>::iter() {
		if let RequestStatus::Voting { ends_at, mut tally, extensions } = request.status {
			tally.support = support.get(&id).copied().unwrap_or_default();
			let status = RequestStatus::Voting { ends_at, tally, extensions };
			Requests::<T>::insert(id, PayoutRequestOf::<T> { status, ..request });
		}
	}
	voters
}

/// A version 0 or 1 request's kind in the current layout: a disclosure filed before triage is
/// exempt from it.
fn kind_from_v1<T: Config>(
	id: crate::RequestId,
	old: from_v1::v1::RequestKindOf<T>,
) -> RequestKindOf<T> {
	match old {
		from_v1::v1::RequestKind::Claim { evidence } => RequestKind::Claim { evidence },
		from_v1::v1::RequestKind::Disclosure { commitment, severity } => RequestKind::Disclosure {
			commitment,
			severity,
			triage: Triage::Exempt,
			revealed: Reports::<T>::contains_key(id),
		},
	}
}

/// Version 1 terms in the current layout: the general track, and the triage, confirmation and
/// veto-window terms of `parameters`.
fn terms_from_v1<T: Config>(
	old: from_v1::v1::RequestTerms<BlockNumberOf<T>>,
	parameters: &ParametersOf<T>,
) -> RequestTerms<BlockNumberOf<T>> {
	RequestTerms {
		track: None,
		timelock: old.timelock,
		vote_locking_period: old.vote_locking_period,
		min_support: old.min_support,
		approval: old.approval,
		triage_period: parameters.triage_period,
		fast_track_voting_period: parameters.fast_track_voting_period,
		fast_track_timelock: parameters.fast_track_timelock,
		reveal_period: parameters.reveal_period,
		confirm_period: parameters.confirm_period,
		veto_window: parameters.veto_window,
	}
}

/// A version 0 or 1 request status in the current layout: no extensions of voting.
fn status_from_v1<T: Config>(
	old: from_v1::v1::RequestStatus<BalanceOf<T>, BlockNumberOf<T>>,
) -> crate::RequestStatus<BalanceOf<T>, BlockNumberOf<T>> {
	use crate::RequestStatus;
	match old {
		from_v1::v1::RequestStatus::Voting { ends_at, tally } => {
			RequestStatus::Voting { ends_at, tally, extensions: 0 }
		},
		from_v1::v1::RequestStatus::Approved { payable_at } => {
			RequestStatus::Approved { payable_at }
		},
		from_v1::v1::RequestStatus::Owed { remaining } => RequestStatus::Owed { remaining },
	}
}

/// Version 0 → 2: per-request terms and payees, counted outcomes, report deposits, the exposure
/// ledger, open requests per account and the commitments in use, and the triage state (requests
/// filed before it are exempt); and the pallet's set-up when it is added to a running chain (no
/// genesis): safe parameters and the pool account.
///
/// It runs in one block and reads every voter, request, outcome and report once: fit for a chain
/// whose version 0 state is small (tens of thousands of items at most); a larger one would move
/// it to a multi-block migration.
pub mod from_v0 {
	use super::{from_v1::v1, kind_from_v1, recount_support, status_from_v1, terms_from_v1};
	use crate::{
		pallet::*, PayoutRequest, PoolLedger, ReferendumOutcome, Report, RequestId, SeverityTiers,
		Tally,
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
			pub min_support: Perbill,
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
			pub kind: crate::migrations::from_v1::v1::RequestKind<MaxEvidence>,
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
				if let crate::migrations::from_v1::v1::RequestKind::Disclosure {
					commitment, ..
				} = old.kind
				{
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
			T::DbWeight::get()
				.reads_writes(4 + accounts + voters + 2 * items, 4 + 3 * requests + items)
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
}

/// Version 1 → current: disclosure triage, tracks, the confirmation window, the veto window,
/// abstention and support.
///
/// - Parameters gain no tracks (every amount stays on the general track until governance sets
///   them), the confirmation period and veto window of [`Config::DefaultParameters`], and its
///   triage, fast-track and reveal periods; if those do not fit the chain's voting period and
///   timelock, a quarter and a half of the voting period and half of the timelock (and a
///   confirmation window and veto window that fit them); the defaults as a whole if even that
///   is not valid.
/// - Open requests stay on the general track, gain those periods in their terms and no
///   extensions of voting; their disclosures are exempt from triage (judged and paid by the rules
///   they were filed under). Votes keep their encoding (`aye: bool` is `Choice::Nay`/`Aye`);
///   running tallies count their support again from them.
///
/// It reads and writes every open request and reads every voter once.
pub mod from_v1 {
	use super::{kind_from_v1, recount_support, status_from_v1, terms_from_v1};
	use crate::{pallet::*, PayoutRequest, Severity, SeverityTiers, Tally};
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use sp_runtime::{
		traits::{One, Saturating},
		Perbill,
	};

	/// The layouts of version 1.
	pub mod v1 {
		use super::*;

		/// Version 1's request kinds: no triage state.
		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub enum RequestKind<MaxEvidence: Get<u32>> {
			Claim { evidence: BoundedVec<u8, MaxEvidence> },
			Disclosure { commitment: sp_core::H256, severity: Severity },
		}

		/// Version 1's terms: no triage periods.
		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct RequestTerms<BlockNumber> {
			pub timelock: BlockNumber,
			pub vote_locking_period: BlockNumber,
			pub min_support: Perbill,
			pub approval: Perbill,
		}

		/// Version 1's request status: no extensions of voting.
		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub enum RequestStatus<Balance, BlockNumber> {
			Voting { ends_at: BlockNumber, tally: Tally<Balance> },
			Approved { payable_at: BlockNumber },
			Owed { remaining: Balance },
		}

		/// Version 1's request.
		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence: Get<u32>> {
			pub kind: RequestKind<MaxEvidence>,
			pub submitter: AccountId,
			pub beneficiary: AccountId,
			pub payee: AccountId,
			pub amount: Balance,
			pub deposit: Balance,
			pub status: RequestStatus<Balance, BlockNumber>,
			pub terms: RequestTerms<BlockNumber>,
		}

		/// Version 1's parameters: no triage periods.
		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct PoolParameters<Balance, BlockNumber> {
			pub voting_period: BlockNumber,
			pub timelock: BlockNumber,
			pub vote_locking_period: BlockNumber,
			pub min_support: Perbill,
			pub approval: Perbill,
			pub max_payout: Perbill,
			pub max_exposure: Perbill,
			pub deposit_base: Balance,
			pub deposit_per_byte: Balance,
			pub amount_bond: Perbill,
			pub tiers: SeverityTiers<Balance>,
		}

		pub type RequestKindOf<T> = RequestKind<<T as Config>::MaxEvidenceLen>;
		pub type ParametersOf<T> = PoolParameters<BalanceOf<T>, BlockNumberOf<T>>;
		pub type PayoutRequestOf<T> = PayoutRequest<
			<T as frame_system::Config>::AccountId,
			BalanceOf<T>,
			BlockNumberOf<T>,
			<T as Config>::MaxEvidenceLen,
		>;

		/// Version 1's `Parameters`, for tests.
		#[frame_support::storage_alias]
		pub type Parameters<T: Config> = StorageValue<Pallet<T>, ParametersOf<T>, OptionQuery>;

		/// Version 1's `Requests`, for tests.
		#[frame_support::storage_alias]
		pub type Requests<T: Config> =
			CountedStorageMap<Pallet<T>, Twox64Concat, crate::RequestId, PayoutRequestOf<T>>;
	}

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
}

/// Version 2 → 3: support, the confirmation window, the veto window and what each track has
/// open.
///
/// - Parameters: every track keeps its rules and may have open at most its `max_amount` (one
///   request's worth: governance widens it); the veto window of [`Config::DefaultParameters`],
///   shortened to the shortest timelock; `max_extensions` goes (a change of the outcome in the
///   confirmation window always moves the end now). The defaults as a whole if the result is
///   not valid (a track that ends voting before triage is due, say).
/// - Open requests keep their terms, with the new parameters' veto window in place of
///   `max_extensions`; running tallies count their support again from their votes; each
///   track's open amount is summed from its requests not yet paid.
///
/// It reads and writes every open request twice and reads every voter once.
pub mod from_v2 {
	use super::recount_support;
	use crate::{pallet::*, PayoutRequest, RequestStatus, RequestTerms, SeverityTiers, Track};
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use sp_runtime::{traits::Saturating, Perbill};

	/// The layouts of version 2.
	pub mod v2 {
		use super::*;
		use crate::{RequestKind, MAX_TRACKS};

		/// Version 2's tracks: no cap on what they have open.
		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct Track<Balance, BlockNumber> {
			pub max_amount: Balance,
			pub voting_period: BlockNumber,
			pub timelock: BlockNumber,
			pub min_support: Perbill,
			pub approval: Perbill,
		}

		/// Version 2's parameters: a bounded count of extensions, no veto window.
		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct PoolParameters<Balance, BlockNumber> {
			pub voting_period: BlockNumber,
			pub timelock: BlockNumber,
			pub vote_locking_period: BlockNumber,
			pub min_support: Perbill,
			pub approval: Perbill,
			pub max_payout: Perbill,
			pub max_exposure: Perbill,
			pub deposit_base: Balance,
			pub deposit_per_byte: Balance,
			pub amount_bond: Perbill,
			pub tiers: SeverityTiers<Balance>,
			pub triage_period: BlockNumber,
			pub fast_track_voting_period: BlockNumber,
			pub fast_track_timelock: BlockNumber,
			pub reveal_period: BlockNumber,
			pub tracks: BoundedVec<Track<Balance, BlockNumber>, ConstU32<MAX_TRACKS>>,
			pub confirm_period: BlockNumber,
			pub max_extensions: u8,
		}

		/// Version 2's terms: a bounded count of extensions, no veto window.
		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct RequestTerms<BlockNumber> {
			pub track: Option<u8>,
			pub timelock: BlockNumber,
			pub vote_locking_period: BlockNumber,
			pub min_support: Perbill,
			pub approval: Perbill,
			pub triage_period: BlockNumber,
			pub fast_track_voting_period: BlockNumber,
			pub fast_track_timelock: BlockNumber,
			pub reveal_period: BlockNumber,
			pub confirm_period: BlockNumber,
			pub max_extensions: u8,
		}

		/// Version 2's request: version 2's terms.
		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence: Get<u32>>
		where
			Balance: Clone + PartialEq + core::fmt::Debug,
			BlockNumber: Clone + PartialEq + core::fmt::Debug,
		{
			pub kind: RequestKind<Balance, BlockNumber, MaxEvidence>,
			pub submitter: AccountId,
			pub beneficiary: AccountId,
			pub payee: AccountId,
			pub amount: Balance,
			pub deposit: Balance,
			pub status: RequestStatus<Balance, BlockNumber>,
			pub terms: RequestTerms<BlockNumber>,
		}

		pub type ParametersOf<T> = PoolParameters<BalanceOf<T>, BlockNumberOf<T>>;
		pub type PayoutRequestOf<T> = PayoutRequest<
			<T as frame_system::Config>::AccountId,
			BalanceOf<T>,
			BlockNumberOf<T>,
			<T as Config>::MaxEvidenceLen,
		>;

		/// Version 2's `Parameters`, for tests.
		#[frame_support::storage_alias]
		pub type Parameters<T: Config> = StorageValue<Pallet<T>, ParametersOf<T>, OptionQuery>;

		/// Version 2's `Requests`, for tests.
		#[frame_support::storage_alias]
		pub type Requests<T: Config> =
			CountedStorageMap<Pallet<T>, Twox64Concat, crate::RequestId, PayoutRequestOf<T>>;
	}

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
}
