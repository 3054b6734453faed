//! The pallet's errors, imported into the pallet as a section.

use frame_support::pallet_macros::pallet_section;

/// Errors of the security pool.
#[pallet_section]
mod errors {
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
		/// The parameter set is refused: the nested error says why.
		InvalidParameters(ParameterError),
		/// The adaptive fee share is refused: the nested error says why.
		InvalidFeeShare(FeeShareError),
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
			Error::InvalidParameters(error)
		}
	}

	impl<T> From<FeeShareError> for Error<T> {
		fn from(error: FeeShareError) -> Self {
			Error::InvalidFeeShare(error)
		}
	}
}
