//! Requests: filing claims and disclosures, revealing reports, cancelling, naming a payee, and
//! closing a request when it is done.

use crate::{
	pallet::*, schedule, BlockNumberOf, ReferendumOutcome, Report, Severity, Tally, Triage,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::traits::{BlockNumberProvider, Saturating, Zero};

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::{pallet_prelude::Get, BoundedVec, CloneNoBound, PartialEqNoBound};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Perbill;

/// Identifies a payout request (and its referendum) for its whole life.
pub type RequestId = u32;

/// What a payout request is for.
#[derive(Encode, Decode, CloneNoBound, PartialEqNoBound, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxEvidence))]
#[codec(mel_bound(Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub enum RequestKind<
	Balance: Clone + PartialEq + Debug,
	BlockNumber: Clone + PartialEq + Debug,
	MaxEvidence: Get<u32>,
> {
	/// A user who lost funds in an incident asks to be made whole.
	Claim {
		/// Evidence of the loss, e.g. a content hash or CID and a short description.
		evidence: BoundedVec<u8, MaxEvidence>,
	},
	/// A researcher asks for a bounty for a report that is only committed to.
	Disclosure {
		/// `blake2_256(SCALE(submitter) ++ report ++ salt)`: binds the researcher to the report
		/// without publishing it; no one else can reveal it.
		commitment: H256,
		/// The claimed severity; it caps the amount.
		severity: Severity,
		/// The council's triage of the report.
		triage: Triage<BlockNumber>,
		/// Whether the report was revealed against the commitment.
		revealed: bool,
	},
	/// A hack's victims ask to be compensated together: every leaf of the loss list with root
	/// `root` is paid the same fraction of its amount, budget ÷ `total`.
	Incident {
		/// Evidence of the hack, e.g. a content hash or CID of the report and the list, and a line.
		evidence: BoundedVec<u8, MaxEvidence>,
		/// The sum of the losses the list declares.
		total: Balance,
		/// The number of leaves of the list.
		victims: u32,
		/// The Merkle root of the list: leaves `SCALE((index, account, amount))`, BLAKE2-256,
		/// the tree of `binary-merkle-tree` (see [`crate::incidents`]).
		root: H256,
		/// Blocks during which the victims claim their shares, from the timelock's expiry.
		claim_period: BlockNumber,
	},
}

/// Where a payout request is in its life.
#[derive(
	Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen, DecodeWithMemTracking,
)]
pub enum RequestStatus<Balance, BlockNumber> {
	/// The referendum runs until `ends_at` (exclusive).
	Voting {
		/// The first block at which votes are no longer accepted.
		ends_at: BlockNumber,
		/// The running tally.
		tally: Tally<Balance>,
		/// How often a change of the outcome in the confirmation window moved `ends_at`
		/// (saturating at 255; the end moves however often the outcome changes).
		extensions: u8,
	},
	/// The referendum passed; the timelock runs until `payable_at` and the veto origin may stop
	/// the payout until then.
	Approved {
		/// The first block at which the request is paid.
		payable_at: BlockNumber,
	},
	/// The timelock expired but the pool could not pay in full; the rest is owed and paid first,
	/// in approval order, from later inflows.
	Owed {
		/// What is still to be paid.
		remaining: Balance,
	},
	/// A disclosure whose timelock expired unproven (the council did not confirm it and its
	/// report is not revealed): it is paid once revealed, and closes unpaid, its deposit
	/// forfeited, at `reveal_by`.
	Unproven {
		/// The first block at which the disclosure closes unrevealed.
		reveal_by: BlockNumber,
	},
	/// A disclosure paid in full whose report is not revealed yet: its deposit stays held until
	/// it is, and goes to the pool at `reveal_by`.
	Paid {
		/// The first block at which the deposit is forfeited.
		reveal_by: BlockNumber,
	},
	/// An incident past its timelock: its victims claim their shares of the budget (the
	/// request's `amount`) until `closes_at`, when the rest returns to the pool.
	Compensating {
		/// What its victims were paid so far.
		paid: Balance,
		/// The first block at which no claim is accepted.
		closes_at: BlockNumber,
	},
}

/// A claim, a disclosure or an incident asking the pool for funds.
#[derive(Encode, Decode, CloneNoBound, PartialEqNoBound, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxEvidence))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence: Get<u32>>
where
	AccountId: Clone + PartialEq + core::fmt::Debug,
	Balance: Clone + PartialEq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + core::fmt::Debug,
{
	/// Claim, disclosure or incident, with what each carries.
	pub kind: RequestKind<Balance, BlockNumber, MaxEvidence>,
	/// Who filed the request and put down the deposit.
	pub submitter: AccountId,
	/// Who the payout is for; only the beneficiary may name another payee.
	pub beneficiary: AccountId,
	/// Who receives the payout: the beneficiary unless it named another account.
	pub payee: AccountId,
	/// What is asked for.
	pub amount: Balance,
	/// What is held from the submitter until the request is paid or fails.
	pub deposit: Balance,
	/// Where the request is in its life.
	pub status: RequestStatus<Balance, BlockNumber>,
	/// The rules the request is judged by, as they were when it was filed.
	pub terms: RequestTerms<BlockNumber>,
}

/// The parameters a request is judged by, fixed when it is filed: later parameter changes apply
/// to later requests only.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct RequestTerms<BlockNumber> {
	/// The request's track: an index into the parameters' `tracks`, or `None` for the general
	/// track (amounts above every track's `max_amount`).
	pub track: Option<u8>,
	/// Blocks between approval and payout.
	pub timelock: BlockNumber,
	/// Blocks a won `Locked1x` vote stays frozen after the referendum (doubling per level).
	pub vote_locking_period: BlockNumber,
	/// Least support (ayes and abstentions), as a share of the active issuance, for the
	/// referendum to pass.
	pub min_support: Perbill,
	/// Share of the weighted votes that the ayes must exceed for the referendum to pass.
	pub approval: Perbill,
	/// Blocks after filing within which the council may triage a disclosure.
	pub triage_period: BlockNumber,
	/// Blocks from filing to the end of voting of a disclosure confirmed `Critical`.
	pub fast_track_voting_period: BlockNumber,
	/// The timelock of a disclosure confirmed `Critical`.
	pub fast_track_timelock: BlockNumber,
	/// Blocks after a disclosure's timelock expires within which its report must be revealed.
	pub reveal_period: BlockNumber,
	/// The confirmation window: a change of the outcome within the last `confirm_period` blocks
	/// of voting moves the end so that `confirm_period` whole blocks follow it, and a vote cast,
	/// changed or removed in the window is locked as if it had a conviction.
	pub confirm_period: BlockNumber,
	/// Whole blocks that pass between the reveal of a disclosure's report and its payment: the
	/// veto origin's time to read it.
	pub veto_window: BlockNumber,
}

impl<AccountId, Balance, BlockNumber, MaxEvidence>
	PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence>
where
	AccountId: Clone + PartialEq + core::fmt::Debug,
	Balance: Clone + PartialEq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + core::fmt::Debug,
	MaxEvidence: Get<u32>,
{
	/// Whether the request may be paid: a claim, or a disclosure confirmed or downgraded by the
	/// council, revealed, or filed before proofs were needed.
	pub fn is_proven(&self) -> bool {
		match &self.kind {
			RequestKind::Claim { .. } | RequestKind::Incident { .. } => true,
			RequestKind::Disclosure { triage, revealed, .. } => *revealed || triage.proves(),
		}
	}

	/// What the request counts on its track: an incident under vote the total it declares (its
	/// track was chosen for that total), then its budget; every other request its amount.
	pub fn on_track(&self) -> Balance {
		match (&self.kind, &self.status) {
			(RequestKind::Incident { total, .. }, RequestStatus::Voting { .. }) => total.clone(),
			_ => self.amount.clone(),
		}
	}

	/// Whether the request is a disclosure whose report must still be revealed.
	pub fn owes_reveal(&self) -> bool {
		matches!(
			&self.kind,
			RequestKind::Disclosure { triage, revealed: false, .. } if *triage != Triage::Exempt
		)
	}
}

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
