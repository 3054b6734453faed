//! # Security Pool Pallet
//!
//! A ring-fenced on-chain reserve for security incidents, funded by a share of every transaction
//! fee and by contributions, and paid out only after a referendum of token holders and a timelock.
//!
//! ## Pallet API
//!
//! See the [`pallet`] module for the [`Config`](pallet::Config), the calls ([`Call`]), the events
//! ([`Event`]) and the errors ([`Error`]). The fee hook is [`PoolFeeShare`].
//!
//! ## Overview
//!
//! - **Reserve.** The pool is the account of [`Config::PalletId`], kept alive at all times. Funds
//!   leave it only as the payout of an approved request whose timelock expired. `available` is the
//!   pool's free balance less the existential deposit less `committed` (the unpaid amounts of
//!   approved requests); new requests are capped against it.
//! - **Inflows.** [`PoolFeeShare`] is an `OnUnbalanced` handler that puts [`Config::FeeShare`] of
//!   each fee into the pool and hands the rest and all tips on to another handler.
//!   [`Pallet::contribute`] donates; forfeited deposits come in too. Every inflow emits an event.
//! - **Requests.** [`Pallet::submit_claim`] (a user who lost funds) and
//!   [`Pallet::submit_disclosure`] (a researcher committing to a report with `blake2_256(report ++
//!   salt)`) hold a deposit and open a referendum at once. [`Pallet::reveal_disclosure`] publishes
//!   the report later.
//! - **Referendum.** [`Pallet::vote`] with a conviction (0.1×, 1×–6×) backed by a freeze; one freeze
//!   per account, the largest of its votes. After `voting_period` the referendum ends by itself:
//!   it passes when turnout ≥ `min_turnout` of the active issuance and weighted ayes > `approval`
//!   of weighted votes. Won votes stay frozen for their conviction's lock; [`Pallet::unlock`] and
//!   [`Pallet::remove_vote`] free them.
//! - **Timelock.** A passed request is paid `timelock` blocks later, automatically (or by anyone
//!   through [`Pallet::execute_payout`]); [`Config::VetoOrigin`] may [`Pallet::veto`] it until then.
//!   The deposit is released at payout and goes to the pool when the request fails or is vetoed.
//! - **Running short.** What the pool cannot pay is owed, and owed amounts are paid first, in
//!   approval order, from later inflows.
//!
//! ### Example
//!
//! A runtime sends 20% of fees to the pool and the rest to the block author:
//!
//! ```ignore
//! impl pallet_transaction_payment::Config for Runtime {
//!     type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<
//!         Balances,
//!         pallet_security_pool::PoolFeeShare<Runtime, ToBlockAuthor>,
//!     >;
//!     // ...
//! }
//! ```
//!
//! ## Low Level / Implementation Details
//!
//! - No iteration over voters anywhere: tallies change vote by vote and locks are worked out per
//!   account, on demand.
//! - The block path (`on_initialize`) ends at most [`Config::MaxEndingsPerBlock`] referenda and
//!   makes at most [`Config::MaxPayoutsPerBlock`] payments per block; the rest waits for the next
//!   block. Its weight is charged from the benchmarks.
//! - Deadlines live in two sorted queues bounded by [`Config::MaxOpenRequests`], the owed requests
//!   in a FIFO of the same bound.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod fee;
#[cfg(test)]
mod mock;
mod referendum;
mod reserve;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use fee::PoolFeeShare;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, Inspect, Mutate, MutateFreeze, MutateHold},
			tokens::{Precision, Preservation},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{AccountIdConversion, BlockNumberProvider, MaybeSerializeDeserialize, Saturating},
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
	/// The pool's parameters as stored.
	pub type ParametersOf<T> = PoolParameters<BalanceOf<T>, BlockNumberOf<T>>;
	/// One account's votes as stored.
	pub type VotingOf<T> = Voting<BalanceOf<T>, BlockNumberOf<T>, <T as Config>::MaxVotes>;
	/// A queue of deadlines, sorted by block.
	pub type DeadlinesOf<T> =
		BoundedVec<Deadline<BlockNumberOf<T>>, <T as Config>::MaxOpenRequests>;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

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

		/// May change the pool's parameters.
		type ParamsOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The clock of periods and deadlines (a parachain may count relay-chain blocks).
		type BlockNumberProvider: BlockNumberProvider<BlockNumber: MaybeSerializeDeserialize>;

		/// The pool's identifier; the pool account is derived from it.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The share of every fee that goes to the pool.
		#[pallet::constant]
		type FeeShare: Get<Perbill>;

		/// The most requests open at once (voting, in timelock or owed).
		#[pallet::constant]
		type MaxOpenRequests: Get<u32>;

		/// The longest evidence of a claim, in bytes.
		#[pallet::constant]
		type MaxEvidenceLen: Get<u32>;

		/// The longest revealed disclosure report, in bytes.
		#[pallet::constant]
		type MaxReportLen: Get<u32>;

		/// The most votes one account keeps at once (running or not yet removed).
		#[pallet::constant]
		type MaxVotes: Get<u32>;

		/// The most referenda ended in one block; the rest end in the next blocks.
		#[pallet::constant]
		type MaxEndingsPerBlock: Get<u32>;

		/// The most payments made in one block; the rest are made in the next blocks.
		#[pallet::constant]
		type MaxPayoutsPerBlock: Get<u32>;

		/// Weights of the calls and of the per-block work.
		type WeightInfo: WeightInfo;
	}

	/// Why the pool holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an open payout request.
		#[codec(index = 0)]
		RequestDeposit,
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
	pub type Parameters<T: Config> = StorageValue<_, ParametersOf<T>, ValueQuery>;

	/// The identifier the next request gets.
	#[pallet::storage]
	pub type NextRequestId<T: Config> = StorageValue<_, RequestId, ValueQuery>;

	/// Open payout requests: voting, in timelock or owed.
	#[pallet::storage]
	pub type Requests<T: Config> =
		CountedStorageMap<_, Twox64Concat, RequestId, PayoutRequestOf<T>, OptionQuery>;

	/// How finished referenda ended; voters' locks are worked out from it.
	#[pallet::storage]
	pub type Outcomes<T: Config> =
		StorageMap<_, Twox64Concat, RequestId, ReferendumOutcome<BlockNumberOf<T>>, OptionQuery>;

	/// Revealed disclosure reports.
	#[pallet::storage]
	pub type Reports<T: Config> =
		StorageMap<_, Twox64Concat, RequestId, BoundedVec<u8, T::MaxReportLen>, OptionQuery>;

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

	/// Requests that are due but not fully paid, in approval order.
	#[pallet::storage]
	pub type OwedQueue<T: Config> =
		StorageValue<_, BoundedVec<RequestId, T::MaxOpenRequests>, ValueQuery>;

	/// The pool's running accounts: committed, owed, lifetime inflow and outflow.
	///
	/// Warm in every block: `on_initialize` pays for its access, so the benchmarks don't count it.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type Ledger<T: Config> = StorageValue<_, PoolLedger<BalanceOf<T>>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The pool's parameters at genesis.
		pub parameters: ParametersOf<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			self.parameters
				.validate()
				.expect("genesis parameters of the security pool are valid");
			Parameters::<T>::put(self.parameters);
			// The pool must exist: top it up to the existential deposit.
			let pool = Pallet::<T>::account_id();
			let missing =
				T::Currency::minimum_balance().saturating_sub(T::Currency::balance(&pool));
			if !missing.is_zero() {
				T::Currency::mint_into(&pool, missing).expect("minting the pool's ED succeeds");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The pool's share of a fee came in.
		FeeShareReceived { amount: BalanceOf<T> },
		/// Someone donated to the pool.
		Contributed { who: T::AccountId, amount: BalanceOf<T> },
		/// The deposit of a failed or vetoed request went to the pool.
		DepositForfeited { request: RequestId, who: T::AccountId, amount: BalanceOf<T> },
		/// A claim was filed and its referendum opened.
		ClaimSubmitted {
			request: RequestId,
			submitter: T::AccountId,
			beneficiary: T::AccountId,
			amount: BalanceOf<T>,
			deposit: BalanceOf<T>,
			voting_ends_at: BlockNumberOf<T>,
		},
		/// A disclosure was committed to and its referendum opened.
		DisclosureSubmitted {
			request: RequestId,
			submitter: T::AccountId,
			beneficiary: T::AccountId,
			amount: BalanceOf<T>,
			severity: Severity,
			commitment: sp_core::H256,
			deposit: BalanceOf<T>,
			voting_ends_at: BlockNumberOf<T>,
		},
		/// A disclosure's report was published and matches its commitment.
		DisclosureRevealed { request: RequestId, report_len: u32 },
		/// A vote was cast or changed.
		Voted { request: RequestId, voter: T::AccountId, vote: Vote<BalanceOf<T>> },
		/// A vote was removed.
		VoteRemoved { request: RequestId, voter: T::AccountId },
		/// Expired vote locks were released; `frozen` is what stays frozen.
		Unlocked { who: T::AccountId, frozen: BalanceOf<T> },
		/// A referendum passed; the request is paid at `payable_at` unless vetoed.
		Approved { request: RequestId, tally: Tally<BalanceOf<T>>, payable_at: BlockNumberOf<T> },
		/// A referendum failed; the request is closed and its deposit forfeited.
		Rejected { request: RequestId, tally: Tally<BalanceOf<T>> },
		/// An approved request was vetoed during its timelock; nothing is paid.
		Vetoed { request: RequestId },
		/// A payment left the pool; `remaining` is still owed (zero when the request is done).
		Paid {
			request: RequestId,
			beneficiary: T::AccountId,
			amount: BalanceOf<T>,
			remaining: BalanceOf<T>,
		},
		/// A due request could not be paid in full; `remaining` is owed.
		PayoutOwed { request: RequestId, remaining: BalanceOf<T> },
		/// The parameters were changed.
		ParametersSet { parameters: ParametersOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The amount is zero.
		ZeroAmount,
		/// The amount is below the existential deposit.
		AmountBelowMinimum,
		/// The amount exceeds `max_payout` of what is available.
		ExceedsMaxPayout,
		/// The amount exceeds the severity tier's cap.
		ExceedsSeverityCap,
		/// As many requests as allowed are open already.
		TooManyOpenRequests,
		/// The evidence is longer than `MaxEvidenceLen`.
		EvidenceTooLong,
		/// The report is longer than `MaxReportLen`.
		ReportTooLong,
		/// No open request has this identifier.
		UnknownRequest,
		/// The request is not a disclosure.
		NotADisclosure,
		/// The disclosure's report was revealed already.
		AlreadyRevealed,
		/// The report and salt do not hash to the commitment.
		CommitmentMismatch,
		/// The referendum no longer takes or changes votes.
		VotingClosed,
		/// Submitters and beneficiaries may not vote on their own request.
		OwnRequest,
		/// The account's balance cannot back this.
		InsufficientFunds,
		/// The account has as many votes as allowed; remove finished ones first.
		TooManyVotes,
		/// The account has no vote on this referendum.
		NotVoted,
		/// No vote lock has expired.
		NothingToUnlock,
		/// The request is not approved and in its timelock.
		NotApproved,
		/// The timelock has expired: too late to veto.
		TimelockExpired,
		/// The timelock has not expired yet.
		TimelockNotExpired,
		/// A period parameter is zero.
		ZeroPeriod,
		/// An `approval` of 100% could never be exceeded.
		UnreachableApproval,
		/// A `max_payout` of zero would refuse every request.
		ZeroMaxPayout,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let now = T::BlockNumberProvider::current_block_number();
			let ended = Self::end_referenda(now);
			let paid = Self::make_payments(now);
			Self::block_work_weight(ended, paid)
		}

		fn integrity_test() {
			assert!(T::MaxOpenRequests::get() > 0, "MaxOpenRequests must be positive");
			assert!(T::MaxVotes::get() > 0, "MaxVotes must be positive");
			assert!(T::MaxEndingsPerBlock::get() > 0, "MaxEndingsPerBlock must be positive");
			assert!(T::MaxPayoutsPerBlock::get() > 0, "MaxPayoutsPerBlock must be positive");
			assert!(T::MaxReportLen::get() > 0, "MaxReportLen must be positive");
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
		/// The deposit (`deposit_base` + `deposit_per_byte` × evidence length) is held until
		/// the request is paid; it goes to the pool if the referendum fails or the payout is
		/// vetoed. The referendum opens at once.
		///
		/// - Origin: signed.
		/// - Errors: `ZeroAmount`, `AmountBelowMinimum`, `ExceedsMaxPayout`, `EvidenceTooLong`,
		///   `TooManyOpenRequests`, `InsufficientFunds` (deposit).
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
			let evidence: BoundedVec<u8, T::MaxEvidenceLen> =
				evidence.try_into().map_err(|_| Error::<T>::EvidenceTooLong)?;
			Self::check_amount(amount, None)?;
			let (request, deposit, voting_ends_at) = Self::open_request(
				&submitter,
				&beneficiary,
				amount,
				evidence.len() as u32,
				RequestKind::Claim { evidence },
			)?;
			Self::deposit_event(Event::ClaimSubmitted {
				request,
				submitter,
				beneficiary,
				amount,
				deposit,
				voting_ends_at,
			});
			Ok(())
		}

		/// Commit to a bug-bounty report without publishing it and ask for `amount`.
		///
		/// `commitment` is `blake2_256(report ++ salt)` with a 32-byte `salt`. The amount is
		/// capped by `max_payout` and by the `severity` tier. The deposit (`deposit_base` +
		/// `deposit_per_byte` × 32) is held as for claims, and the referendum opens at once.
		///
		/// - Origin: signed.
		/// - Errors: `ZeroAmount`, `AmountBelowMinimum`, `ExceedsMaxPayout`,
		///   `ExceedsSeverityCap`, `TooManyOpenRequests`, `InsufficientFunds` (deposit).
		/// - Events: `DisclosureSubmitted`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::submit_disclosure())]
		pub fn submit_disclosure(
			origin: OriginFor<T>,
			commitment: sp_core::H256,
			severity: Severity,
			amount: BalanceOf<T>,
			beneficiary: T::AccountId,
		) -> DispatchResult {
			let submitter = ensure_signed(origin)?;
			Self::check_amount(amount, Some(severity))?;
			let (request, deposit, voting_ends_at) = Self::open_request(
				&submitter,
				&beneficiary,
				amount,
				commitment.as_bytes().len() as u32,
				RequestKind::Disclosure { commitment, severity },
			)?;
			Self::deposit_event(Event::DisclosureSubmitted {
				request,
				submitter,
				beneficiary,
				amount,
				severity,
				commitment,
				deposit,
				voting_ends_at,
			});
			Ok(())
		}

		/// Publish the report of an open disclosure; it must hash with `salt` to the commitment.
		///
		/// - Origin: signed (knowing the report and salt is what counts).
		/// - Errors: `ReportTooLong`, `UnknownRequest`, `NotADisclosure`, `AlreadyRevealed`,
		///   `CommitmentMismatch`.
		/// - Events: `DisclosureRevealed`.
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
			ensure_signed(origin)?;
			let report: BoundedVec<u8, T::MaxReportLen> =
				report.try_into().map_err(|_| Error::<T>::ReportTooLong)?;
			let stored = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
			let RequestKind::Disclosure { commitment, .. } = stored.kind else {
				return Err(Error::<T>::NotADisclosure.into());
			};
			ensure!(!Reports::<T>::contains_key(request), Error::<T>::AlreadyRevealed);
			ensure!(commitment_of(&report, &salt) == commitment, Error::<T>::CommitmentMismatch);
			let report_len = report.len() as u32;
			Reports::<T>::insert(request, report);
			Self::deposit_event(Event::DisclosureRevealed { request, report_len });
			Ok(())
		}

		/// Vote on a running referendum, or change one's vote on it.
		///
		/// `vote.balance` is frozen (one freeze per account: its largest vote) and weighted by
		/// `vote.conviction`. A vote on the winning side stays frozen after the referendum for
		/// the conviction's lock periods.
		///
		/// - Origin: signed; neither the request's submitter nor its beneficiary.
		/// - Errors: `ZeroAmount`, `UnknownRequest`, `VotingClosed`, `OwnRequest`,
		///   `InsufficientFunds`, `TooManyVotes`.
		/// - Events: `Voted`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::vote())]
		pub fn vote(
			origin: OriginFor<T>,
			request: RequestId,
			vote: Vote<BalanceOf<T>>,
		) -> DispatchResult {
			let voter = ensure_signed(origin)?;
			Self::do_vote(&voter, request, vote)?;
			Self::deposit_event(Event::Voted { request, voter, vote });
			Ok(())
		}

		/// Remove one's vote. While the referendum runs this takes it out of the tally; after
		/// the end, a vote on the winning side still locked leaves its freeze behind until the
		/// lock expires.
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

		/// Release the caller's votes and locks that have expired and lower the freeze.
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

		/// Stop an approved request during its timelock: nothing is paid and the deposit goes
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
		/// automatic payout. What the pool cannot pay is owed.
		///
		/// - Origin: signed (anyone).
		/// - Errors: `UnknownRequest`, `NotApproved`, `TimelockNotExpired`.
		/// - Events: `Paid` and/or `PayoutOwed`.
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

		/// Replace the pool's parameters. Running referenda and timelocks keep their deadlines.
		///
		/// - Origin: `ParamsOrigin`.
		/// - Errors: `ZeroPeriod`, `UnreachableApproval`, `ZeroMaxPayout`.
		/// - Events: `ParametersSet`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(origin: OriginFor<T>, parameters: ParametersOf<T>) -> DispatchResult {
			T::ParamsOrigin::ensure_origin(origin)?;
			parameters.validate().map_err(|e| match e {
				ParameterError::ZeroPeriod => Error::<T>::ZeroPeriod,
				ParameterError::UnreachableApproval => Error::<T>::UnreachableApproval,
				ParameterError::ZeroMaxPayout => Error::<T>::ZeroMaxPayout,
			})?;
			Parameters::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The pool account.
		pub fn account_id() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// What new requests are capped against: free balance − existential deposit −
		/// committed.
		pub fn available() -> BalanceOf<T> {
			T::Currency::balance(&Self::account_id())
				.saturating_sub(T::Currency::minimum_balance())
				.saturating_sub(Ledger::<T>::get().committed)
		}

		/// The pool's accounts, for clients.
		pub fn pool_status() -> PoolStatus<BalanceOf<T>> {
			let ledger = Ledger::<T>::get();
			PoolStatus {
				balance: T::Currency::balance(&Self::account_id()),
				available: Self::available(),
				committed: ledger.committed,
				owed: ledger.owed,
				open_requests: Requests::<T>::count(),
				lifetime_inflow: ledger.lifetime_inflow,
				lifetime_outflow: ledger.lifetime_outflow,
			}
		}

		/// One open request, for clients.
		pub fn request(id: RequestId) -> Option<PayoutRequestOf<T>> {
			Requests::<T>::get(id)
		}

		/// The weight of a block's own work: ending `ended` referenda, making `paid` payments,
		/// and the fee hook's storage (the pool account and the ledger, read and written once;
		/// every later access in the block is warm, and `fee_share` is benchmarked so).
		pub fn block_work_weight(ended: u32, paid: u32) -> Weight {
			let fee_hook_proof =
				frame_system::AccountInfo::<T::Nonce, T::AccountData>::max_encoded_len()
					.saturating_add(PoolLedger::<BalanceOf<T>>::max_encoded_len());
			T::WeightInfo::end_referenda(ended)
				.saturating_add(T::WeightInfo::make_payments(paid))
				.saturating_add(T::DbWeight::get().reads_writes(2, 2))
				.saturating_add(Weight::from_parts(0, fee_hook_proof as u64))
		}

		/// Checks a new request's amount against zero, the existential deposit, `max_payout`
		/// and, for disclosures, the severity tier.
		fn check_amount(amount: BalanceOf<T>, severity: Option<Severity>) -> DispatchResult {
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			ensure!(amount >= T::Currency::minimum_balance(), Error::<T>::AmountBelowMinimum);
			let parameters = Parameters::<T>::get();
			let available = Self::available();
			ensure!(
				amount <= parameters.max_payout.mul_floor(available),
				Error::<T>::ExceedsMaxPayout
			);
			if let Some(severity) = severity {
				ensure!(
					amount <= parameters.tiers.of(severity).limit(available),
					Error::<T>::ExceedsSeverityCap
				);
			}
			Ok(())
		}

		/// Holds the deposit, stores the request and opens its referendum.
		fn open_request(
			submitter: &T::AccountId,
			beneficiary: &T::AccountId,
			amount: BalanceOf<T>,
			evidence_len: u32,
			kind: RequestKind<T::MaxEvidenceLen>,
		) -> Result<(RequestId, BalanceOf<T>, BlockNumberOf<T>), DispatchError> {
			ensure!(
				Requests::<T>::count() < T::MaxOpenRequests::get(),
				Error::<T>::TooManyOpenRequests
			);
			let parameters = Parameters::<T>::get();
			let deposit = parameters
				.deposit_per_byte
				.saturating_mul(evidence_len.into())
				.saturating_add(parameters.deposit_base);
			T::Currency::hold(&HoldReason::RequestDeposit.into(), submitter, deposit)
				.map_err(|_| Error::<T>::InsufficientFunds)?;

			let request = NextRequestId::<T>::mutate(|next| {
				let id = *next;
				next.saturating_inc();
				id
			});
			let ends_at = T::BlockNumberProvider::current_block_number()
				.saturating_add(parameters.voting_period);
			VotingDeadlines::<T>::try_mutate(|queue| schedule(queue, ends_at, request))
				.map_err(|_| Error::<T>::TooManyOpenRequests)?;
			Requests::<T>::insert(
				request,
				PayoutRequest {
					kind,
					submitter: submitter.clone(),
					beneficiary: beneficiary.clone(),
					amount,
					deposit,
					status: RequestStatus::Voting { ends_at, tally: Tally::default() },
				},
			);
			Ok((request, deposit, ends_at))
		}

		/// Releases a request's deposit to its submitter.
		pub(crate) fn release_deposit(request: &mut PayoutRequestOf<T>) {
			if !request.deposit.is_zero() {
				let _ = T::Currency::release(
					&HoldReason::RequestDeposit.into(),
					&request.submitter,
					request.deposit,
					Precision::BestEffort,
				);
				request.deposit = Zero::zero();
			}
		}
	}
}

/// The commitment of a disclosure: `blake2_256(report ++ salt)`.
pub fn commitment_of(report: &[u8], salt: &[u8; 32]) -> sp_core::H256 {
	let mut preimage = alloc::vec::Vec::with_capacity(report.len() + salt.len());
	preimage.extend_from_slice(report);
	preimage.extend_from_slice(salt);
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&preimage)
}

/// Inserts `request` into a deadline queue, after every deadline at or before `at`.
pub(crate) fn schedule<BlockNumber: Ord + Copy, S: frame_support::pallet_prelude::Get<u32>>(
	queue: &mut frame_support::BoundedVec<Deadline<BlockNumber>, S>,
	at: BlockNumber,
	request: RequestId,
) -> Result<(), ()> {
	let index = queue.partition_point(|deadline| deadline.at <= at);
	queue.try_insert(index, Deadline { at, request }).map_err(|_| ())
}
