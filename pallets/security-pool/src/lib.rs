#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

mod api;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod block;
mod deadlines;
mod deposits;
mod errors;
mod events;
mod fee;
pub mod incidents;
#[cfg(any(test, feature = "try-runtime", feature = "runtime-benchmarks"))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod parameters;
mod referendum;
mod requests;
mod reserve;
#[cfg(test)]
mod tests;
mod triage;
mod vote;
pub mod weights;

pub use api::*;
pub use deadlines::*;
pub use fee::{AdaptiveFeeShare, FeeShareError, PoolFeeShare, MAX_TARGET_RESERVE};
use frame_support::pallet_macros::import_section;
pub use parameters::*;
pub use requests::*;
pub use reserve::*;
pub use triage::*;
pub use vote::*;

#[import_section(events::events)]
#[import_section(errors::errors)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, Inspect, Mutate, MutateFreeze, MutateHold},
			tokens::Preservation,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{BlockNumberProvider, Bounded, MaybeSerializeDeserialize},
		Perbill,
	};

	/// The balance type of the pool's currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// The block number the pool counts periods in.
	pub type BlockNumberOf<T> =
		<<T as Config>::BlockNumberProvider as BlockNumberProvider>::BlockNumber;
	/// A payout request as stored.
	pub type PayoutRequestOf<T> = PayoutRequest<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberOf<T>,
		<T as Config>::MaxEvidenceLen,
	>;
	/// A request's kind as stored.
	pub type RequestKindOf<T> =
		RequestKind<BalanceOf<T>, BlockNumberOf<T>, <T as Config>::MaxEvidenceLen>;
	/// The pool's parameters as stored.
	pub type ParametersOf<T> = PoolParameters<BalanceOf<T>, BlockNumberOf<T>>;
	/// One account's votes as stored.
	pub type VotingOf<T> = Voting<BalanceOf<T>, BlockNumberOf<T>, <T as Config>::MaxVotes>;
	/// A revealed report as stored.
	pub type ReportOf<T> =
		Report<<T as frame_system::Config>::AccountId, BalanceOf<T>, <T as Config>::MaxReportLen>;
	/// A queue of deadlines, sorted by block.
	pub type DeadlinesOf<T> =
		BoundedVec<Deadline<BlockNumberOf<T>>, <T as Config>::MaxOpenRequests>;

	/// The in-code storage version.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency of the pool: fees, contributions, deposits (held) and votes (frozen).
		type Currency: Inspect<Self::AccountId, Balance: MaybeSerializeDeserialize>
			+ Mutate<Self::AccountId>
			+ fungible::Balanced<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The overarching freeze reason.
		type RuntimeFreezeReason: From<FreezeReason>;

		/// May veto an approved request during its timelock (a security council, or root).
		type VetoOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// May cancel a request while it votes, forfeiting its deposit (spam, a duplicate).
		type CancelOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// May change the pool's parameters.
		type ParamsOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Triages disclosures and publishes the key reports are encrypted to (a security
		/// council, or root).
		type TriageOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The clock of periods and deadlines (a parachain may count relay-chain blocks).
		type BlockNumberProvider: BlockNumberProvider<BlockNumber: MaybeSerializeDeserialize>;

		/// The parameters of a pool without genesis: when the pallet is added to a running chain
		/// and as the genesis default. Must be valid, with capped tiers (`integrity_test`).
		type DefaultParameters: Get<ParametersOf<Self>>;

		/// The pool's identifier; the pool account is derived from it.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The share of every fee that goes to the pool.
		#[pallet::constant]
		type FeeShare: Get<Perbill>;

		/// The most requests open at once (voting, in timelock or owed).
		#[pallet::constant]
		type MaxOpenRequests: Get<u32>;

		/// The most requests one account may have open at once, as their submitter.
		#[pallet::constant]
		type MaxOpenRequestsPerAccount: Get<u32>;

		/// The longest evidence of a claim, in bytes.
		#[pallet::constant]
		type MaxEvidenceLen: Get<u32>;

		/// The longest revealed disclosure report, in bytes.
		#[pallet::constant]
		type MaxReportLen: Get<u32>;

		/// The longest sealed report, in bytes: a sealed box of the 32-byte salt and the report
		/// adds 48 bytes to them.
		#[pallet::constant]
		type MaxEncryptedReportLen: Get<u32>;

		/// The most votes one account keeps at once (running or not yet removed).
		#[pallet::constant]
		type MaxVotes: Get<u32>;

		/// The most referenda ended in one block; the rest end in the next blocks.
		#[pallet::constant]
		type MaxEndingsPerBlock: Get<u32>;

		/// The most payment attempts in one block; the rest are made in the next blocks.
		#[pallet::constant]
		type MaxPayoutsPerBlock: Get<u32>;

		/// The most triage deadlines, and the most reveal deadlines, that expire in one block;
		/// the rest expire in the next blocks.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// The most leaves an incident's loss list may have; a leaf's proof has at most
		/// `⌈log2(MaxVictims)⌉` hashes.
		#[pallet::constant]
		type MaxVictims: Get<u32>;

		/// The shortest claim window an incident may ask for, in blocks.
		#[pallet::constant]
		type MinClaimPeriod: Get<BlockNumberOf<Self>>;

		/// The longest claim window an incident may ask for, in blocks.
		#[pallet::constant]
		type MaxClaimPeriod: Get<BlockNumberOf<Self>>;

		/// The most words of closed incidents' claimed-leaf bitmaps removed in one block.
		#[pallet::constant]
		type MaxSweepPerBlock: Get<u32>;

		/// The transaction-pool priority of a free claim of compensation.
		#[pallet::constant]
		type CompensationPriority: Get<TransactionPriority>;

		/// Weights of the calls and of the per-block work.
		type WeightInfo: WeightInfo;
	}

	/// Why the pool holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an open payout request.
		#[codec(index = 0)]
		RequestDeposit,
		/// The deposit of a revealed report, per byte, for as long as it is stored.
		#[codec(index = 1)]
		ReportDeposit,
	}

	/// Why the pool freezes funds.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// Balance backing votes in referenda.
		#[codec(index = 0)]
		Vote,
	}

	/// The pool's governance parameters.
	#[pallet::storage]
	pub type Parameters<T: Config> =
		StorageValue<_, ParametersOf<T>, ValueQuery, T::DefaultParameters>;

	/// The identifier the next request gets.
	#[pallet::storage]
	pub type NextRequestId<T: Config> = StorageValue<_, RequestId, ValueQuery>;

	/// Open payout requests: voting, in timelock or owed.
	#[pallet::storage]
	pub type Requests<T: Config> =
		CountedStorageMap<_, Twox64Concat, RequestId, PayoutRequestOf<T>, OptionQuery>;

	/// What the open requests (under vote, approved, owed) of each track ask for together, by
	/// track index: a track takes no request beyond its `max_open`.
	#[pallet::storage]
	pub type OpenByTrack<T: Config> = StorageValue<_, TrackAmounts<BalanceOf<T>>, ValueQuery>;

	/// How many requests each account has open as their submitter.
	#[pallet::storage]
	pub type OpenRequestsOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Disclosure commitments in use (by an open request) or paid out, with their request: a
	/// commitment is accepted once.
	#[pallet::storage]
	pub type Commitments<T: Config> =
		StorageMap<_, Identity, sp_core::H256, RequestId, OptionQuery>;

	/// Disclosures with an identifier below this one were filed before commitments bound the
	/// submitter (storage version 0): they are revealed against `blake2_256(report ++ salt)`.
	#[pallet::storage]
	pub type LegacyDisclosuresBefore<T: Config> = StorageValue<_, RequestId, ValueQuery>;

	/// How finished referenda ended, while votes still refer to them.
	#[pallet::storage]
	pub type Outcomes<T: Config> =
		StorageMap<_, Twox64Concat, RequestId, ReferendumOutcome<BlockNumberOf<T>>, OptionQuery>;

	/// Revealed disclosure reports, with their deposits: kept for paid disclosures, removed when
	/// a disclosure closes unpaid.
	#[pallet::storage]
	pub type Reports<T: Config> = StorageMap<_, Twox64Concat, RequestId, ReportOf<T>, OptionQuery>;

	/// The X25519 public key of `TriageOrigin`: disclosures may carry their report sealed to it.
	#[pallet::storage]
	pub type TriageKey<T: Config> = StorageValue<_, [u8; 32], OptionQuery>;

	/// Reports sealed to the triage key, of open disclosures.
	#[pallet::storage]
	pub type EncryptedReports<T: Config> = StorageMap<
		_,
		Twox64Concat,
		RequestId,
		BoundedVec<u8, T::MaxEncryptedReportLen>,
		OptionQuery,
	>;

	/// When disclosures awaiting triage miss it, earliest first.
	#[pallet::storage]
	pub type TriageDeadlines<T: Config> = StorageValue<_, DeadlinesOf<T>, ValueQuery>;

	/// When disclosures past their timelock must be revealed by, earliest first.
	#[pallet::storage]
	pub type RevealDeadlines<T: Config> = StorageValue<_, DeadlinesOf<T>, ValueQuery>;

	/// Every account's votes and what they keep frozen.
	#[pallet::storage]
	pub type VotingFor<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, VotingOf<T>, OptionQuery>;

	/// When running referenda end, earliest first.
	#[pallet::storage]
	pub type VotingDeadlines<T: Config> = StorageValue<_, DeadlinesOf<T>, ValueQuery>;

	/// When approved requests become payable, earliest first.
	#[pallet::storage]
	pub type Timelocks<T: Config> = StorageValue<_, DeadlinesOf<T>, ValueQuery>;

	/// Requests that are due but not fully paid, in approval order (a payee that refused a
	/// payment goes to the back).
	#[pallet::storage]
	pub type OwedQueue<T: Config> =
		StorageValue<_, BoundedVec<RequestId, T::MaxOpenRequests>, ValueQuery>;

	/// The pool's running accounts: under vote, committed, owed, lifetime inflow and outflow.
	///
	/// Warm in every block: `on_initialize` pays for its access, so the benchmarks don't count it.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type Ledger<T: Config> = StorageValue<_, PoolLedger<BalanceOf<T>>, ValueQuery>;

	/// The adaptive fee share governance set, if any; else each fee pays [`Config::FeeShare`].
	#[pallet::storage]
	pub type FeeSharePolicy<T: Config> =
		StorageValue<_, AdaptiveFeeShare<BalanceOf<T>>, OptionQuery>;

	/// The share of each fee in this block under the adaptive policy, worked out from the
	/// pool's balance when the block starts (after its payouts) and when the policy is set;
	/// `None` while the share is fixed.
	///
	/// Warm in every block: `on_initialize` pays for its access, so the benchmarks don't count it.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type BlockFeeShare<T: Config> = StorageValue<_, Perbill, OptionQuery>;

	/// Which leaves of an incident's loss list were paid: bit `index % 128` of word
	/// `index / 128`. Removed, a bounded number of words per block, once the incident closes.
	#[pallet::storage]
	pub type ClaimedLeaves<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RequestId, Twox64Concat, u32, u128, ValueQuery>;

	/// When incidents' claim windows close, earliest first.
	#[pallet::storage]
	pub type ClaimWindows<T: Config> = StorageValue<_, DeadlinesOf<T>, ValueQuery>;

	/// Closed incidents whose claimed-leaf bitmaps are still being removed.
	#[pallet::storage]
	pub type Sweeps<T: Config> = StorageMap<_, Twox64Concat, RequestId, (), OptionQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The pool's parameters at genesis.
		pub parameters: ParametersOf<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { parameters: T::DefaultParameters::get() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			self.parameters
				.validate()
				.expect("genesis parameters of the security pool are valid");
			Parameters::<T>::put(&self.parameters);
			Pallet::<T>::ensure_pool_account();
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			Self::on_block()
		}

		fn integrity_test() {
			assert!(T::MaxOpenRequests::get() > 0, "MaxOpenRequests must be positive");
			assert!(
				T::MaxOpenRequestsPerAccount::get() > 0,
				"MaxOpenRequestsPerAccount must be positive"
			);
			assert!(T::MaxVotes::get() > 0, "MaxVotes must be positive");
			assert!(T::MaxEndingsPerBlock::get() > 0, "MaxEndingsPerBlock must be positive");
			assert!(T::MaxPayoutsPerBlock::get() > 0, "MaxPayoutsPerBlock must be positive");
			assert!(T::MaxExpiriesPerBlock::get() > 0, "MaxExpiriesPerBlock must be positive");
			assert!(T::MaxReportLen::get() > 0, "MaxReportLen must be positive");
			assert!(T::MaxVictims::get() > 0, "MaxVictims must be positive");
			assert!(T::MaxSweepPerBlock::get() > 0, "MaxSweepPerBlock must be positive");
			assert!(
				!T::MinClaimPeriod::get().is_zero()
					&& T::MinClaimPeriod::get() <= T::MaxClaimPeriod::get(),
				"claim periods must be positive and ordered"
			);
			let defaults = T::DefaultParameters::get();
			assert_eq!(defaults.validate(), Ok(()), "DefaultParameters must be valid");
			assert!(
				[Severity::Critical, Severity::High, Severity::Medium, Severity::Low]
					.into_iter()
					.all(|severity| defaults.tiers.of(severity).cap < BalanceOf::<T>::max_value()),
				"DefaultParameters must cap every tier"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Donate `amount` to the pool. Contributions cannot be withdrawn.
		///
		/// - Origin: signed.
		/// - Errors: `ZeroAmount`; the currency's errors if the account cannot pay while staying
		///   alive.
		/// - Events: `Contributed`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::contribute())]
		pub fn contribute(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			T::Currency::transfer(&who, &Self::account_id(), amount, Preservation::Preserve)?;
			Self::note_inflow(amount);
			Self::deposit_event(Event::Contributed { who, amount });
			Ok(())
		}

		/// File a claim for `amount`, paid to `beneficiary` if the referendum passes.
		///
		/// The deposit, `(deposit_base + deposit_per_byte × evidence length) × (1 + open
		/// requests)`, is held until the request is paid; it goes to the pool if the referendum
		/// fails or the request is vetoed or cancelled. The referendum opens at once.
		///
		/// - Origin: signed.
		/// - Errors: `ZeroAmount`, `AmountBelowMinimum`, `ExceedsMaxPayout`,
		///   `ExceedsMaxExposure`, `EvidenceTooLong`, `PoolIsBeneficiary`, `TooManyOpenRequests`,
		///   `TooManyRequestsOfAccount`, `InsufficientFunds` (deposit).
		/// - Events: `ClaimSubmitted`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::submit_claim(
			(evidence.len() as u32).min(T::MaxEvidenceLen::get())
		))]
		pub fn submit_claim(
			origin: OriginFor<T>,
			amount: BalanceOf<T>,
			beneficiary: T::AccountId,
			evidence: Vec<u8>,
		) -> DispatchResult {
			let submitter = ensure_signed(origin)?;
			Self::do_submit_claim(submitter, amount, beneficiary, evidence)
		}

		/// Commit to a bug-bounty report without publishing it and ask for `amount`.
		///
		/// `commitment` is `blake2_256(SCALE(submitter) ++ report ++ salt)` with a 32-byte
		/// `salt`: only the submitter can reveal it. `encrypted_report` is `salt ++ report` sealed
		/// to the `TriageKey` (libsodium `crypto_box_seal`), for the council's triage: the council
		/// confirms a report only if it hashes with the submitter and the salt to the commitment,
		/// so a copied sealed report proves nothing. The amount is
		/// capped by `max_payout`, by `max_exposure` and by the `severity` tier. The deposit (as
		/// for claims, with the 32 bytes of the commitment and the encrypted report) is held
		/// until the request is paid and its report revealed. The referendum and the triage
		/// period open at once. It is paid only once proven: confirmed or downgraded by the
		/// council, or revealed.
		///
		/// - Origin: signed.
		/// - Errors: `ZeroAmount`, `AmountBelowMinimum`, `ExceedsMaxPayout`,
		///   `ExceedsSeverityCap`, `ExceedsMaxExposure`, `PoolIsBeneficiary`,
		///   `DuplicateCommitment`, `EncryptedReportTooLong`, `NoTriageKey`,
		///   `TooManyOpenRequests`, `TooManyRequestsOfAccount`, `InsufficientFunds` (deposit).
		/// - Events: `DisclosureSubmitted`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::submit_disclosure(
			encrypted_report.as_ref().map_or(0, |sealed| sealed.len() as u32)
				.min(T::MaxEncryptedReportLen::get())
		))]
		pub fn submit_disclosure(
			origin: OriginFor<T>,
			commitment: sp_core::H256,
			severity: Severity,
			amount: BalanceOf<T>,
			beneficiary: T::AccountId,
			encrypted_report: Option<Vec<u8>>,
		) -> DispatchResult {
			let submitter = ensure_signed(origin)?;
			Self::do_submit_disclosure(
				submitter,
				commitment,
				severity,
				amount,
				beneficiary,
				encrypted_report,
			)
		}

		/// Publish the report of one's disclosure; it must hash with one's account and `salt`
		/// to the commitment. `deposit_per_byte` × the report's length is held for as long as
		/// the report is stored. A disclosure not yet due is paid no earlier than `veto_window`
		/// whole blocks after the reveal (the veto origin reads the report); one that waited
		/// unproven past its timelock starts a new timelock; a paid or owed one gets its
		/// deposit back.
		///
		/// - Origin: signed, the disclosure's submitter.
		/// - Errors: `ReportTooLong`, `UnknownRequest`, `NotADisclosure`, `NotSubmitter`,
		///   `AlreadyRevealed`, `RevealTooLate`, `CommitmentMismatch`, `InsufficientFunds`
		///   (deposit).
		/// - Events: `DisclosureRevealed`, `TimelockRestarted`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reveal_disclosure(
			(report.len() as u32).min(T::MaxReportLen::get())
		))]
		pub fn reveal_disclosure(
			origin: OriginFor<T>,
			request: RequestId,
			report: Vec<u8>,
			salt: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal(who, request, report, salt)
		}

		/// Vote on a running referendum, or change one's vote on it.
		///
		/// `vote.balance` is frozen (one freeze per account: its largest vote) and weighted by
		/// `vote.conviction`. A vote on the winning side stays frozen after the referendum for
		/// the conviction's lock periods; an abstention counts toward support only and is not
		/// locked. In the confirmation window (the last `confirm_period` blocks) a vote that
		/// turns the outcome moves the end so that `confirm_period` whole blocks follow it, and
		/// any vote cast or changed there stays frozen until `vote_locking_period` after the
		/// end, whichever side wins.
		///
		/// - Origin: signed; neither the request's submitter nor its beneficiary.
		/// - Errors: `ZeroAmount`, `UnknownRequest`, `VotingClosed`, `OwnRequest`,
		///   `InsufficientFunds`, `TooManyVotes`.
		/// - Events: `Voted`, `VotingExtended`.
		/// - Weight: that of a vote that moves the end; a vote before the last `confirm_period`
		///   blocks is refunded to its own.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::vote())]
		pub fn vote(
			origin: OriginFor<T>,
			request: RequestId,
			vote: Vote<BalanceOf<T>>,
		) -> DispatchResultWithPostInfo {
			let voter = ensure_signed(origin)?;
			let may_move_end = Self::do_vote(&voter, request, vote)?;
			Self::deposit_event(Event::Voted { request, voter, vote });
			Ok((!may_move_end).then(T::WeightInfo::vote_early).into())
		}

		/// Remove one's vote. While the referendum runs this takes it out of the tally (in the
		/// confirmation window it may move the end, and the balance stays frozen until
		/// `vote_locking_period` after it); after the end, a won vote with a conviction leaves
		/// its lock behind (released by `unlock` once expired), and the referendum's record
		/// goes with its last vote.
		///
		/// - Origin: signed.
		/// - Errors: `NotVoted`, `VotingClosed` (voting closed but the referendum not yet ended).
		/// - Events: `VoteRemoved`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::remove_vote())]
		pub fn remove_vote(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let voter = ensure_signed(origin)?;
			Self::do_remove_vote(&voter, request)?;
			Self::deposit_event(Event::VoteRemoved { request, voter });
			Ok(())
		}

		/// Release the caller's expired vote locks (left by removed votes) and lower the freeze
		/// to its remaining votes and locks.
		///
		/// - Origin: signed.
		/// - Errors: `NothingToUnlock`.
		/// - Events: `Unlocked`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let frozen = Self::do_unlock(&who)?;
			Self::deposit_event(Event::Unlocked { who, frozen });
			Ok(())
		}

		/// Stop an approved request during its timelock, or a disclosure waiting unproven for
		/// its report: nothing is paid, the funds are no longer committed and the deposit goes
		/// to the pool.
		///
		/// - Origin: `VetoOrigin`.
		/// - Errors: `UnknownRequest`, `NotApproved`, `TimelockExpired`.
		/// - Events: `Vetoed`, `DepositForfeited`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::veto())]
		pub fn veto(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			T::VetoOrigin::ensure_origin(origin)?;
			Self::do_veto(request)
		}

		/// Pay an approved request whose timelock has expired, without waiting for the
		/// automatic payout (an incident opens its claims). What the pool cannot pay is owed.
		///
		/// - Origin: signed (anyone).
		/// - Errors: `UnknownRequest`, `NotApproved`, `TimelockNotExpired`.
		/// - Events: `Paid`, `PayoutOwed`, `PaymentRefused` or `CompensationOpened`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::execute_payout())]
		pub fn execute_payout(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			ensure_signed(origin)?;
			let now = T::BlockNumberProvider::current_block_number();
			let stored = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
			let RequestStatus::Approved { payable_at } = stored.status else {
				return Err(Error::<T>::NotApproved.into());
			};
			ensure!(now >= payable_at, Error::<T>::TimelockNotExpired);
			Timelocks::<T>::mutate(|queue| queue.retain(|d| d.request != request));
			Self::pay_due_request(request, stored);
			Ok(())
		}

		/// Replace the pool's parameters. They apply to requests filed from now on: running
		/// referenda, timelocks and earned locks keep the terms they were filed under.
		///
		/// - Origin: `ParamsOrigin`.
		/// - Errors: `PeriodOutOfBounds`, `SupportBelowFloor`, `ApprovalOutOfBounds`,
		///   `ZeroShare`, `ZeroDeposit`, `FastTrackOutOfBounds`, `TracksOutOfOrder`,
		///   `TrackCapBelowAmount`, `VotingEndsTooSoon`, `VetoWindowOutOfBounds`.
		/// - Events: `ParametersSet`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(origin: OriginFor<T>, parameters: ParametersOf<T>) -> DispatchResult {
			T::ParamsOrigin::ensure_origin(origin)?;
			parameters.validate().map_err(Error::<T>::from)?;
			Parameters::<T>::put(&parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}

		/// Close a request while its referendum runs (spam, a duplicate, a filing in bad
		/// faith): nothing is paid, the deposit goes to the pool, and its voters remove their
		/// votes with no lock.
		///
		/// - Origin: `CancelOrigin`.
		/// - Errors: `UnknownRequest`, `VotingClosed` (the request is past its vote).
		/// - Events: `Cancelled`, `DepositForfeited`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			T::CancelOrigin::ensure_origin(origin)?;
			Self::do_cancel(request)
		}

		/// Name the account that receives the payout of one's approved or owed request, e.g.
		/// when the beneficiary's own account cannot receive it.
		///
		/// - Origin: signed, the request's beneficiary.
		/// - Errors: `UnknownRequest`, `NotBeneficiary`, `NotPayable`, `PoolIsBeneficiary`.
		/// - Events: `PayeeSet`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_payee())]
		pub fn set_payee(
			origin: OriginFor<T>,
			request: RequestId,
			payee: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_payee(who, request, payee)
		}

		/// Publish the council's X25519 public key: hunters seal their reports to it.
		///
		/// - Origin: `TriageOrigin`.
		/// - Events: `TriageKeySet`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_triage_key())]
		pub fn set_triage_key(origin: OriginFor<T>, key: [u8; 32]) -> DispatchResult {
			T::TriageOrigin::ensure_origin(origin)?;
			TriageKey::<T>::put(key);
			Self::deposit_event(Event::TriageKeySet { key });
			Ok(())
		}

		/// Attest to a disclosure's report within `triage_period` of its filing: `Confirmed`
		/// (a `Critical` one is fast-tracked), `Downgraded` (the amount is capped by the lower
		/// tier, never below the existential deposit) or `Invalid` (the referendum still decides;
		/// it is paid only if revealed). Confirm or downgrade only a report that hashes with the
		/// submitter and its salt to the commitment.
		///
		/// - Origin: `TriageOrigin`.
		/// - Errors: `UnknownRequest`, `NotADisclosure`, `AlreadyTriaged`, `TriageClosed`,
		///   `NotADowngrade`.
		/// - Events: `Triaged`, `FastTracked`.
		#[pallet::call_index(13)]
		#[pallet::weight(
			T::WeightInfo::triage_fast_track().max(T::WeightInfo::triage_downgrade())
		)]
		pub fn triage(
			origin: OriginFor<T>,
			request: RequestId,
			verdict: Verdict,
		) -> DispatchResult {
			T::TriageOrigin::ensure_origin(origin)?;
			Self::do_triage(request, verdict)
		}

		/// Make the pool's share of fees follow its reserve (between `floor` and `ceiling`,
		/// reaching `floor` at `target_reserve`), or with `None` return to the runtime's fixed
		/// share. Applies from the next fee; the adaptive share is then worked out again at the
		/// start of every block.
		///
		/// - Origin: `ParamsOrigin`.
		/// - Errors: `FeeShareFloorAboveCeiling`, `ZeroTargetReserve`, `TargetReserveTooLarge`.
		/// - Events: `FeeShareSet`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_fee_share())]
		pub fn set_fee_share(
			origin: OriginFor<T>,
			adaptive: Option<AdaptiveFeeShare<BalanceOf<T>>>,
		) -> DispatchResult {
			T::ParamsOrigin::ensure_origin(origin)?;
			if let Some(policy) = &adaptive {
				policy.validate().map_err(Error::<T>::from)?;
			}
			FeeSharePolicy::<T>::set(adaptive);
			BlockFeeShare::<T>::kill();
			Self::refresh_fee_share();
			Self::deposit_event(Event::FeeShareSet { adaptive });
			Ok(())
		}

		/// Declare a hack whose victims the pool compensates together, by one referendum.
		///
		/// `root` is the Merkle root of the loss list, published off chain: `victims` leaves
		/// `SCALE((index: u32, account, amount))`, BLAKE2-256, the tree of `binary-merkle-tree`;
		/// `total` is the sum of its amounts (voters check it against the published list: a list
		/// adding up to more is paid only until the budget runs out), and may exceed what the
		/// pool holds. Voting runs on the track `total` selects, which counts it in full. On approval the budget is the smallest of `total`,
		/// `max_payout` of what is available and the room under `max_exposure`; once the
		/// timelock expires each leaf is paid `amount × budget ÷ total` (rounded down) when
		/// claimed, for `claim_period` blocks, and the rest returns to the pool. The deposit (as
		/// for a claim asking `total`, with the root's 32 bytes) is held until the claims open.
		///
		/// - Origin: signed.
		/// - Errors: `ZeroAmount`, `EvidenceTooLong`, `VictimsOutOfBounds`,
		///   `ClaimPeriodOutOfBounds`, `NoBudget`, `TooManyOpenRequests`,
		///   `TooManyRequestsOfAccount`, `InsufficientFunds` (deposit).
		/// - Events: `IncidentDeclared`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::declare_incident(
			(evidence.len() as u32).min(T::MaxEvidenceLen::get())
		))]
		pub fn declare_incident(
			origin: OriginFor<T>,
			evidence: Vec<u8>,
			total: BalanceOf<T>,
			victims: u32,
			root: sp_core::H256,
			claim_period: BlockNumberOf<T>,
		) -> DispatchResult {
			let submitter = ensure_signed(origin)?;
			Self::do_declare_incident(submitter, evidence, total, victims, root, claim_period)
		}

		/// Pay leaf `index` of an incident's loss list, `(index, account, amount)` proven by
		/// `proof`, its share: `amount × budget ÷ total`, rounded down, to `account`. Each leaf
		/// is paid once, while the claim window is open.
		///
		/// Free: sent unsigned (no account needed: a drained victim, or anyone on its behalf),
		/// it is checked before it enters a block and an invalid, repeated or late claim never
		/// does. A valid signed one is refunded; an invalid signed one pays its fee, as any
		/// failed call. A share below the existential deposit is refused while `account` does
		/// not exist, and can be claimed once it does.
		///
		/// - Origin: none or signed.
		/// - Errors: `UnknownRequest`, `NotAnIncident`, `NotCompensating`, `ClaimWindowClosed`,
		///   `LeafOutOfRange`, `InvalidProof`, `AlreadyCompensated`, `NothingToPay`,
		///   `BudgetExhausted`, `PoolCannotPay`, `ShareBelowMinimum`, `CannotReceive`,
		///   `PoolIsBeneficiary`.
		/// - Events: `Compensated`.
		#[pallet::call_index(16)]
		// The transaction pool's check runs once more when a block includes an unsigned claim.
		#[pallet::weight(
			T::WeightInfo::claim_compensation().saturating_add(T::WeightInfo::validate_claim())
		)]
		pub fn claim_compensation(
			origin: OriginFor<T>,
			incident: RequestId,
			index: u32,
			account: T::AccountId,
			amount: BalanceOf<T>,
			proof: Vec<sp_core::H256>,
		) -> DispatchResultWithPostInfo {
			ensure_none(origin.clone()).or_else(|_| ensure_signed(origin).map(|_| ()))?;
			Self::do_claim_compensation(incident, index, account, amount, &proof)?;
			Ok(Pays::No.into())
		}
	}

	#[allow(deprecated)]
	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		/// Admits a claim of compensation exactly when it would pay: once per leaf (its tag),
		/// for as long as the claim window is open.
		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let Call::claim_compensation { incident, index, account, amount, proof } = call else {
				return InvalidTransaction::Call.into();
			};
			Self::validate_claim(*incident, *index, account, *amount, proof)
		}
	}
}
