//! The pallet's events and errors, imported into the pallet as a section.

use frame_support::pallet_macros::pallet_section;

/// Events and errors of the security pool.
#[pallet_section]
mod events {
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The pool's share of a fee came in.
		FeeShareReceived { amount: BalanceOf<T> },
		/// Someone donated to the pool.
		Contributed { who: T::AccountId, amount: BalanceOf<T> },
		/// The deposit of a failed, vetoed or cancelled request went to the pool.
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
		/// A disclosure's report was published, matches its commitment and holds `deposit`.
		DisclosureRevealed { request: RequestId, report_len: u32, deposit: BalanceOf<T> },
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
		/// A request was cancelled while it voted; nothing is paid and no vote is locked.
		Cancelled { request: RequestId },
		/// The beneficiary named another account to receive the payout.
		PayeeSet { request: RequestId, payee: T::AccountId },
		/// A payment left the pool; `remaining` is still owed (zero when the request is done).
		Paid {
			request: RequestId,
			payee: T::AccountId,
			amount: BalanceOf<T>,
			remaining: BalanceOf<T>,
		},
		/// A due request could not be paid in full; `remaining` is owed.
		PayoutOwed { request: RequestId, remaining: BalanceOf<T> },
		/// The payee could not receive the payment; the request went to the back of the owed
		/// queue and is retried (the beneficiary may `set_payee`).
		PaymentRefused { request: RequestId, payee: T::AccountId, amount: BalanceOf<T> },
		/// The parameters were changed; they apply to requests filed from now on.
		ParametersSet { parameters: ParametersOf<T> },
		/// The pool's share of fees now follows its reserve (`Some`) or is the runtime's fixed
		/// share again (`None`).
		FeeShareSet { adaptive: Option<AdaptiveFeeShare<BalanceOf<T>>> },
		/// `TriageOrigin` published the X25519 key reports are sealed to.
		TriageKeySet { key: [u8; 32] },
		/// The council triaged a disclosure; `amount` is what it asks for now, `reduction` what
		/// a downgrade took off.
		Triaged {
			request: RequestId,
			verdict: Verdict,
			amount: BalanceOf<T>,
			reduction: BalanceOf<T>,
		},
		/// A disclosure confirmed `Critical` votes until `voting_ends_at` and has the fast-track
		/// timelock.
		FastTracked { request: RequestId, voting_ends_at: BlockNumberOf<T> },
		/// The council gave no verdict within the triage period; the disclosure goes on at its
		/// claimed severity.
		TriageMissed { request: RequestId },
		/// A disclosure's timelock expired with its report unrevealed: it must be revealed by
		/// `reveal_by` (to be paid, if unproven; to get its deposit back, if paid).
		AwaitingReveal { request: RequestId, reveal_by: BlockNumberOf<T> },
		/// A disclosure's report was not revealed in time: its deposit went to the pool, and an
		/// unproven disclosure closed unpaid.
		RevealMissed { request: RequestId },
		/// A change of the outcome in the confirmation window moved the end of voting to
		/// `ends_at`, `confirm_period` whole blocks after the change; `extensions` is how often
		/// it moved (saturating at 255).
		VotingExtended { request: RequestId, ends_at: BlockNumberOf<T>, extensions: u8 },
		/// A disclosure was revealed after waiting unproven (a new timelock), or late in its
		/// timelock (the veto window): it is paid at `payable_at` unless vetoed.
		TimelockRestarted { request: RequestId, payable_at: BlockNumberOf<T> },
		/// A hack was declared and its referendum opened: `victims` leaves with Merkle root
		/// `root` declare losses of `total`; `budget` is what the pool reserves for it now (set
		/// again at approval).
		IncidentDeclared {
			incident: RequestId,
			submitter: T::AccountId,
			total: BalanceOf<T>,
			victims: u32,
			root: sp_core::H256,
			claim_period: BlockNumberOf<T>,
			evidence: BoundedVec<u8, T::MaxEvidenceLen>,
			budget: BalanceOf<T>,
			deposit: BalanceOf<T>,
			voting_ends_at: BlockNumberOf<T>,
		},
		/// An approved incident's budget was committed: each leaf is paid
		/// `amount × budget ÷ total`, rounded down.
		IncidentBudgeted { incident: RequestId, budget: BalanceOf<T>, total: BalanceOf<T> },
		/// An incident's timelock expired: its victims claim their shares until `closes_at`.
		CompensationOpened {
			incident: RequestId,
			budget: BalanceOf<T>,
			closes_at: BlockNumberOf<T>,
		},
		/// Leaf `index` of an incident's list was paid `amount` to `account`.
		Compensated { incident: RequestId, index: u32, account: T::AccountId, amount: BalanceOf<T> },
		/// An incident's claim window closed: its victims were paid `paid`, and `returned`, the
		/// rest of its budget, is available to the pool again.
		IncidentClosed { incident: RequestId, paid: BalanceOf<T>, returned: BalanceOf<T> },
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
		/// The open requests together would ask for more than `max_exposure` of the pool.
		ExceedsMaxExposure,
		/// As many requests as allowed are open already.
		TooManyOpenRequests,
		/// The submitter has as many requests open as one account may.
		TooManyRequestsOfAccount,
		/// The evidence is longer than `MaxEvidenceLen`.
		EvidenceTooLong,
		/// The report is longer than `MaxReportLen`.
		ReportTooLong,
		/// The encrypted report is longer than `MaxEncryptedReportLen`.
		EncryptedReportTooLong,
		/// No triage key is published: a report cannot be sealed to the council yet.
		NoTriageKey,
		/// The council triaged this disclosure already.
		AlreadyTriaged,
		/// The triage period of this disclosure is over (or it needs no triage).
		TriageClosed,
		/// A downgrade names a severity that is not below the claimed one.
		NotADowngrade,
		/// The pool cannot be a beneficiary or payee of its own payouts.
		PoolIsBeneficiary,
		/// This commitment was filed before (open or paid); file a new report or salt.
		DuplicateCommitment,
		/// No open request has this identifier.
		UnknownRequest,
		/// The request is not a disclosure.
		NotADisclosure,
		/// Only the disclosure's submitter may reveal its report.
		NotSubmitter,
		/// Only the request's beneficiary may name its payee.
		NotBeneficiary,
		/// The disclosure's report was revealed already.
		AlreadyRevealed,
		/// The reveal deadline of the disclosure has passed.
		RevealTooLate,
		/// The report and salt do not hash with the submitter to the commitment.
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
		/// The request is neither approved and in its timelock nor waiting unproven.
		NotApproved,
		/// The request is neither approved nor owed: there is no payout to redirect yet.
		NotPayable,
		/// The timelock has expired: too late to veto.
		TimelockExpired,
		/// The timelock has not expired yet.
		TimelockNotExpired,
		/// A period parameter is zero or longer than `MAX_PERIOD`.
		PeriodOutOfBounds,
		/// `min_support` is below `MIN_SUPPORT_FLOOR`.
		SupportBelowFloor,
		/// `approval` is below 50% or is 100%.
		ApprovalOutOfBounds,
		/// `max_payout` or `max_exposure` is zero.
		ZeroShare,
		/// `deposit_base` or `deposit_per_byte` is zero.
		ZeroDeposit,
		/// The fast track is not shorter than the normal one, or ends before triage does.
		FastTrackOutOfBounds,
		/// The tracks are not ordered by amount, or a larger amount's track is faster or laxer.
		TracksOutOfOrder,
		/// A track's `max_open` is below its `max_amount`.
		TrackCapBelowAmount,
		/// A voting period is shorter than `triage_period` or not longer than `confirm_period`.
		VotingEndsTooSoon,
		/// `veto_window` is longer than a timelock.
		VetoWindowOutOfBounds,
		/// An adaptive fee share's floor is above its ceiling.
		FeeShareFloorAboveCeiling,
		/// An adaptive fee share's target reserve is zero.
		ZeroTargetReserve,
		/// An adaptive fee share's target reserve is above `MAX_TARGET_RESERVE`.
		TargetReserveTooLarge,
		/// An incident's loss list has no leaves or more than `MaxVictims`.
		VictimsOutOfBounds,
		/// An incident's claim period is outside `[MinClaimPeriod, MaxClaimPeriod]`.
		ClaimPeriodOutOfBounds,
		/// The pool has nothing available for a budget now, or no room under `max_exposure`.
		NoBudget,
		/// The request is not an incident.
		NotAnIncident,
		/// The incident's claims are not open: its vote or timelock is still running.
		NotCompensating,
		/// The incident's claim window has closed.
		ClaimWindowClosed,
		/// The leaf's index is not below the incident's number of victims.
		LeafOutOfRange,
		/// The leaf and its proof do not lead to the incident's root.
		InvalidProof,
		/// The leaf was already paid.
		AlreadyCompensated,
		/// The leaf's share rounds down to nothing.
		NothingToPay,
		/// Paying the leaf would take the incident past its budget: its list adds up to more
		/// than its total.
		BudgetExhausted,
		/// The share is below the existential deposit and the account does not exist: it can
		/// be claimed once the account exists.
		ShareBelowMinimum,
		/// The account cannot receive the share (e.g. it can hold no more).
		CannotReceive,
		/// The pool cannot pay the share now: what it holds is owed to earlier requests.
		PoolCannotPay,
	}

	impl<T> From<ParameterError> for Error<T> {
		fn from(error: ParameterError) -> Self {
			match error {
				ParameterError::PeriodOutOfBounds => Error::PeriodOutOfBounds,
				ParameterError::SupportBelowFloor => Error::SupportBelowFloor,
				ParameterError::ApprovalOutOfBounds => Error::ApprovalOutOfBounds,
				ParameterError::ZeroShare => Error::ZeroShare,
				ParameterError::ZeroDeposit => Error::ZeroDeposit,
				ParameterError::FastTrackOutOfBounds => Error::FastTrackOutOfBounds,
				ParameterError::TracksOutOfOrder => Error::TracksOutOfOrder,
				ParameterError::TrackCapBelowAmount => Error::TrackCapBelowAmount,
				ParameterError::VotingEndsTooSoon => Error::VotingEndsTooSoon,
				ParameterError::VetoWindowOutOfBounds => Error::VetoWindowOutOfBounds,
			}
		}
	}

	impl<T> From<FeeShareError> for Error<T> {
		fn from(error: FeeShareError) -> Self {
			match error {
				FeeShareError::FloorAboveCeiling => Error::FeeShareFloorAboveCeiling,
				FeeShareError::ZeroTargetReserve => Error::ZeroTargetReserve,
				FeeShareError::TargetReserveTooLarge => Error::TargetReserveTooLarge,
			}
		}
	}
}
