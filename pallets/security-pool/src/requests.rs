//! Requests: filing claims and disclosures, revealing reports, cancelling, naming a payee, and
//! closing a request when it is done.

use crate::{
	pallet::*, schedule, BlockNumberOf, PayoutRequest, ReferendumOutcome, Report, RequestId,
	RequestKind, RequestStatus, Severity, Tally, Triage,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::traits::{BlockNumberProvider, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Files a claim; see [`Pallet::submit_claim`].
	pub(crate) fn do_submit_claim(
		submitter: T::AccountId,
		amount: BalanceOf<T>,
		beneficiary: T::AccountId,
		evidence: Vec<u8>,
	) -> DispatchResult {
		let evidence: BoundedVec<u8, T::MaxEvidenceLen> =
			evidence.try_into().map_err(|_| Error::<T>::EvidenceTooLong)?;
		Self::check_amount(amount, None)?;
		let bytes = evidence.len() as u32;
		let (request, deposit, voting_ends_at) = Self::open_request(
			&submitter,
			&beneficiary,
			amount,
			amount,
			bytes,
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

	/// Files a disclosure; see [`Pallet::submit_disclosure`].
	pub(crate) fn do_submit_disclosure(
		submitter: T::AccountId,
		commitment: sp_core::H256,
		severity: Severity,
		amount: BalanceOf<T>,
		beneficiary: T::AccountId,
		encrypted_report: Option<Vec<u8>>,
	) -> DispatchResult {
		let sealed: Option<BoundedVec<u8, T::MaxEncryptedReportLen>> = encrypted_report
			.map(|report| report.try_into().map_err(|_| Error::<T>::EncryptedReportTooLong))
			.transpose()?;
		ensure!(sealed.is_none() || TriageKey::<T>::exists(), Error::<T>::NoTriageKey);
		ensure!(!Commitments::<T>::contains_key(commitment), Error::<T>::DuplicateCommitment);
		Self::check_amount(amount, Some(severity))?;
		let due = T::BlockNumberProvider::current_block_number()
			.saturating_add(Parameters::<T>::get().triage_period);
		let sealed_len = sealed.as_ref().map_or(0, |sealed| sealed.len() as u32);
		let (request, deposit, voting_ends_at) = Self::open_request(
			&submitter,
			&beneficiary,
			amount,
			amount,
			(commitment.as_bytes().len() as u32).saturating_add(sealed_len),
			RequestKind::Disclosure {
				commitment,
				severity,
				triage: Triage::Pending { due },
				revealed: false,
			},
		)?;
		TriageDeadlines::<T>::try_mutate(|queue| schedule(queue, due, request))
			.map_err(|_| Error::<T>::TooManyOpenRequests)?;
		Commitments::<T>::insert(commitment, request);
		if let Some(sealed) = sealed {
			EncryptedReports::<T>::insert(request, sealed);
		}
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

	/// Publishes a disclosure's report; see [`Pallet::reveal_disclosure`].
	pub(crate) fn do_reveal(
		who: T::AccountId,
		id: RequestId,
		report: Vec<u8>,
		salt: [u8; 32],
	) -> DispatchResult {
		let text: BoundedVec<u8, T::MaxReportLen> =
			report.try_into().map_err(|_| Error::<T>::ReportTooLong)?;
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let RequestKind::Disclosure { commitment, ref mut revealed, .. } = request.kind else {
			return Err(Error::<T>::NotADisclosure.into());
		};
		ensure!(who == request.submitter, Error::<T>::NotSubmitter);
		ensure!(!*revealed, Error::<T>::AlreadyRevealed);
		let now = T::BlockNumberProvider::current_block_number();
		let reveal_by = match request.status {
			RequestStatus::Unproven { reveal_by } | RequestStatus::Paid { reveal_by } => {
				Some(reveal_by)
			},
			// An owed disclosure's deadline may wait behind the per-block bound: it counts.
			RequestStatus::Owed { .. } => RevealDeadlines::<T>::get()
				.into_iter()
				.find(|deadline| deadline.request == id)
				.map(|deadline| deadline.at),
			RequestStatus::Voting { .. }
			| RequestStatus::Approved { .. }
			| RequestStatus::Compensating { .. } => None,
		};
		ensure!(reveal_by.is_none_or(|by| now < by), Error::<T>::RevealTooLate);
		*revealed = true;
		let legacy = id < LegacyDisclosuresBefore::<T>::get();
		ensure!(
			commitment_of(&who, &text, &salt) == commitment
				|| legacy && legacy_commitment_of(&text, &salt) == commitment,
			Error::<T>::CommitmentMismatch
		);
		let report_len = text.len() as u32;
		let deposit = Parameters::<T>::get().deposit_per_byte.saturating_mul(report_len.into());
		T::Currency::hold(&HoldReason::ReportDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::InsufficientFunds)?;
		Reports::<T>::insert(id, Report { author: who, deposit, text });
		Self::deposit_event(Event::DisclosureRevealed { request: id, report_len, deposit });
		Self::settle_revealed(id, request, now);
		Ok(())
	}

	/// Cancels a request under vote; see [`Pallet::cancel`].
	pub(crate) fn do_cancel(id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let now = T::BlockNumberProvider::current_block_number();
		let RequestStatus::Voting { tally, ends_at, .. } = request.status else {
			return Err(Error::<T>::VotingClosed.into());
		};
		ensure!(now < ends_at, Error::<T>::VotingClosed);
		VotingDeadlines::<T>::mutate(|queue| queue.retain(|deadline| deadline.request != id));
		// No side won: the voters' votes are released with no lock.
		Self::record_outcome(id, &tally, false, now, Zero::zero());
		Ledger::<T>::mutate(|ledger| ledger.voting.saturating_reduce(request.amount));
		Self::close_forfeiting_deposit(id, request);
		Self::deposit_event(Event::Cancelled { request: id });
		Ok(())
	}

	/// Names the payee of an approved or owed request; see [`Pallet::set_payee`].
	pub(crate) fn do_set_payee(
		who: T::AccountId,
		id: RequestId,
		payee: T::AccountId,
	) -> DispatchResult {
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(who == request.beneficiary, Error::<T>::NotBeneficiary);
		ensure!(
			matches!(request.status, RequestStatus::Approved { .. } | RequestStatus::Owed { .. })
				&& !matches!(request.kind, RequestKind::Incident { .. }),
			Error::<T>::NotPayable
		);
		ensure!(payee != Self::account_id(), Error::<T>::PoolIsBeneficiary);
		request.payee = payee.clone();
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::PayeeSet { request: id, payee });
		Ok(())
	}

	/// Checks a new request's amount against zero, the existential deposit, `max_payout`,
	/// `max_exposure` and, for disclosures, the severity tier.
	fn check_amount(amount: BalanceOf<T>, severity: Option<Severity>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount >= T::Currency::minimum_balance(), Error::<T>::AmountBelowMinimum);
		let parameters = Parameters::<T>::get();
		let available = Self::available();
		ensure!(amount <= parameters.max_payout.mul_floor(available), Error::<T>::ExceedsMaxPayout);
		if let Some(severity) = severity {
			ensure!(
				amount <= parameters.tiers.of(severity).limit(available),
				Error::<T>::ExceedsSeverityCap
			);
		}
		let pool = T::Currency::balance(&Self::account_id());
		ensure!(
			Ledger::<T>::get().exposure().saturating_add(amount)
				<= parameters.max_exposure.mul_floor(pool),
			Error::<T>::ExceedsMaxExposure
		);
		Ok(())
	}

	/// The deposit of a new request for `amount` with `bytes` of evidence or commitment:
	/// `(deposit_base + deposit_per_byte × bytes) × (1 + open requests) + amount_bond × amount`.
	pub fn deposit_for(bytes: u32, amount: BalanceOf<T>) -> BalanceOf<T> {
		Self::deposit_under(&Parameters::<T>::get(), bytes, amount)
	}

	/// [`Self::deposit_for`] under `parameters`.
	fn deposit_under(
		parameters: &ParametersOf<T>,
		bytes: u32,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		let open = Requests::<T>::count().saturating_add(1);
		parameters
			.deposit_per_byte
			.saturating_mul(bytes.into())
			.saturating_add(parameters.deposit_base)
			.saturating_mul(open.into())
			.saturating_add(parameters.amount_bond.mul_ceil(amount))
	}

	/// Holds the deposit, stores the request with the current terms and opens its referendum.
	/// The request asks for `asks` (its track, what it counts there and its deposit follow it)
	/// and books `amount` under vote (less for an incident whose budget the pool bounds).
	pub(crate) fn open_request(
		submitter: &T::AccountId,
		beneficiary: &T::AccountId,
		asks: BalanceOf<T>,
		amount: BalanceOf<T>,
		bytes: u32,
		kind: RequestKindOf<T>,
	) -> Result<(RequestId, BalanceOf<T>, BlockNumberOf<T>), DispatchError> {
		ensure!(beneficiary != &Self::account_id(), Error::<T>::PoolIsBeneficiary);
		ensure!(
			Requests::<T>::count() < T::MaxOpenRequests::get(),
			Error::<T>::TooManyOpenRequests
		);
		let open_of_submitter = OpenRequestsOf::<T>::get(submitter);
		ensure!(
			open_of_submitter < T::MaxOpenRequestsPerAccount::get(),
			Error::<T>::TooManyRequestsOfAccount
		);
		let parameters = Parameters::<T>::get();
		let deposit = Self::deposit_under(&parameters, bytes, asks);
		T::Currency::hold(&HoldReason::RequestDeposit.into(), submitter, deposit)
			.map_err(|_| Error::<T>::InsufficientFunds)?;

		let request = NextRequestId::<T>::mutate(|next| {
			let id = *next;
			next.saturating_inc();
			id
		});
		let (voting_period, terms) = parameters.terms(asks, &OpenByTrack::<T>::get());
		let ends_at = T::BlockNumberProvider::current_block_number().saturating_add(voting_period);
		VotingDeadlines::<T>::try_mutate(|queue| schedule(queue, ends_at, request))
			.map_err(|_| Error::<T>::TooManyOpenRequests)?;
		Requests::<T>::insert(
			request,
			PayoutRequest {
				kind,
				submitter: submitter.clone(),
				beneficiary: beneficiary.clone(),
				payee: beneficiary.clone(),
				amount,
				deposit,
				status: RequestStatus::Voting { ends_at, tally: Tally::default(), extensions: 0 },
				terms,
			},
		);
		OpenRequestsOf::<T>::insert(submitter, open_of_submitter.saturating_add(1));
		Ledger::<T>::mutate(|ledger| ledger.voting.saturating_accrue(amount));
		Self::track_opens(terms.track, asks);
		Ok((request, deposit, ends_at))
	}

	/// Keeps the outcome of a referendum that ended at `ended_at` for as long as votes refer to
	/// it: their voters work out their locks from it when they remove them.
	pub(crate) fn record_outcome(
		id: RequestId,
		tally: &Tally<BalanceOf<T>>,
		approved: bool,
		ended_at: BlockNumberOf<T>,
		vote_locking_period: BlockNumberOf<T>,
	) {
		if tally.votes > 0 {
			Outcomes::<T>::insert(
				id,
				ReferendumOutcome { approved, ended_at, vote_locking_period, votes: tally.votes },
			);
		}
	}

	/// Forgets a finished request and frees its slot. A paid disclosure keeps its commitment
	/// (it is never accepted again) and its report; an unpaid one frees both, and the report's
	/// deposit. The encrypted report goes either way.
	pub(crate) fn finish(id: RequestId, request: &PayoutRequestOf<T>, paid: bool) {
		Requests::<T>::remove(id);
		OpenRequestsOf::<T>::mutate_exists(&request.submitter, |open| {
			*open = open.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
		});
		let RequestKind::Disclosure { commitment, triage, .. } = &request.kind else { return };
		EncryptedReports::<T>::remove(id);
		if let Triage::Pending { .. } = triage {
			TriageDeadlines::<T>::mutate(|queue| queue.retain(|deadline| deadline.request != id));
		}
		if !paid {
			// Version 0 accepted copies: only the commitment's owner frees it.
			if Commitments::<T>::get(commitment) == Some(id) {
				Commitments::<T>::remove(commitment);
			}
			if let Some(report) = Reports::<T>::take(id) {
				let _ = T::Currency::release(
					&HoldReason::ReportDeposit.into(),
					&report.author,
					report.deposit,
					Precision::BestEffort,
				);
			}
		}
	}

	/// Counts `amount`, asked for by a new request (or an incident's budget) on `track`, in the
	/// track's open amount.
	pub(crate) fn track_opens(track: Option<u8>, amount: BalanceOf<T>) {
		if let Some(index) = track {
			OpenByTrack::<T>::mutate(|open| {
				open.get_mut(index as usize).map(|open| open.saturating_accrue(amount))
			});
		}
	}

	/// Takes `amount` out of `track`'s open amount: the request closed, was paid, or a
	/// downgrade lowered it.
	pub(crate) fn track_releases(track: Option<u8>, amount: BalanceOf<T>) {
		if let Some(index) = track {
			OpenByTrack::<T>::mutate(|open| {
				open.get_mut(index as usize).map(|open| open.saturating_reduce(amount))
			});
		}
	}

	/// Closes a failed, vetoed or cancelled request and moves its deposit into the pool.
	pub(crate) fn close_forfeiting_deposit(id: RequestId, mut request: PayoutRequestOf<T>) {
		Self::track_releases(request.terms.track, request.on_track());
		Self::finish(id, &request, false);
		Self::forfeit_deposit(id, &mut request);
	}

	/// Moves a request's deposit into the pool.
	pub(crate) fn forfeit_deposit(id: RequestId, request: &mut PayoutRequestOf<T>) {
		if request.deposit.is_zero() {
			return;
		}
		let forfeited = T::Currency::transfer_on_hold(
			&HoldReason::RequestDeposit.into(),
			&request.submitter,
			&Self::account_id(),
			request.deposit,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		)
		.unwrap_or_default();
		request.deposit = Zero::zero();
		if !forfeited.is_zero() {
			Self::note_inflow(forfeited);
			Self::deposit_event(Event::DepositForfeited {
				request: id,
				who: request.submitter.clone(),
				amount: forfeited,
			});
		}
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

/// The commitment of a disclosure: `blake2_256(SCALE(submitter) ++ report ++ salt)`.
pub fn commitment_of<AccountId: codec::Encode>(
	submitter: &AccountId,
	report: &[u8],
	salt: &[u8; 32],
) -> sp_core::H256 {
	let mut preimage = submitter.encode();
	preimage.extend_from_slice(report);
	preimage.extend_from_slice(salt);
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&preimage)
}

/// The commitment of a disclosure filed under storage version 0: `blake2_256(report ++ salt)`.
fn legacy_commitment_of(report: &[u8], salt: &[u8; 32]) -> sp_core::H256 {
	commitment_of(&(), report, salt)
}
