//! Disclosure triage: the council's verdicts, the fast track, the triage deadline kept by the
//! chain, and the deadline for revealing a report after the timelock.

use crate::{
	pallet::*, schedule, take_due_in, BlockNumberOf, Deadline, RequestId, RequestKind,
	RequestStatus,
};
use frame_support::{ensure, pallet_prelude::*, traits::fungible::Inspect};
use sp_runtime::traits::{BlockNumberProvider, One, Saturating, Zero};

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::{pallet_prelude::Get, BoundedVec, CloneNoBound, PartialEqNoBound};
use scale_info::TypeInfo;

/// How bad a disclosed vulnerability is; it decides the disclosure's payout cap.
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
pub enum Severity {
	/// Loss of funds or of the chain's liveness.
	Critical,
	/// Serious harm that needs unusual conditions.
	High,
	/// Limited harm.
	Medium,
	/// Best-practice findings with little harm.
	Low,
}

impl Severity {
	/// Every severity, from the most severe.
	pub const ALL: [Severity; 4] =
		[Severity::Critical, Severity::High, Severity::Medium, Severity::Low];

	/// Whether `self` is less severe than `other`.
	pub fn is_below(self, other: Severity) -> bool {
		self as u8 > other as u8
	}
}

/// The triage council's finding on a disclosure, after reading its report.
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
pub enum Verdict {
	/// The report is real and as severe as claimed.
	Confirmed,
	/// The report is real but less severe: the amount is capped by this severity's tier.
	Downgraded(Severity),
	/// The report does not show a vulnerability; the referendum still decides.
	Invalid,
}

/// Where a disclosure is in triage.
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
pub enum Triage<BlockNumber> {
	/// Waiting for the council's verdict; at `due` the triage is missed.
	Pending {
		/// The first block at which the verdict is too late.
		due: BlockNumber,
	},
	/// The council gave `verdict` at block `at`.
	Judged {
		/// The council's finding.
		verdict: Verdict,
		/// The block of the verdict.
		at: BlockNumber,
	},
	/// The council gave no verdict in time; the disclosure goes on at its claimed severity.
	Missed {
		/// The block at which the miss was marked.
		at: BlockNumber,
	},
	/// Filed before triage existed (storage version 1 or older): judged and paid by the rules
	/// it was filed under, with no proof needed.
	Exempt,
}

impl<BlockNumber> Triage<BlockNumber> {
	/// Whether the triage alone proves the report: confirmed or downgraded by the council, or
	/// filed before proofs were needed.
	pub fn proves(&self) -> bool {
		matches!(
			self,
			Triage::Judged { verdict: Verdict::Confirmed | Verdict::Downgraded(_), .. }
				| Triage::Exempt
		)
	}
}

/// A revealed disclosure report and the deposit its author keeps on hold for it.
#[derive(Encode, Decode, CloneNoBound, PartialEqNoBound, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxReport))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen))]
pub struct Report<AccountId, Balance, MaxReport: Get<u32>>
where
	AccountId: Clone + PartialEq + core::fmt::Debug,
	Balance: Clone + PartialEq + core::fmt::Debug,
{
	/// The researcher who revealed it (the disclosure's submitter).
	pub author: AccountId,
	/// Held from the author: `deposit_per_byte` × the report's length.
	pub deposit: Balance,
	/// The report; it hashes with the author and the salt to the disclosure's commitment.
	pub text: BoundedVec<u8, MaxReport>,
}

impl<T: Config> Pallet<T> {
	/// Records the council's verdict on a disclosure; see [`Pallet::triage`].
	pub(crate) fn do_triage(id: RequestId, verdict: Verdict) -> DispatchResult {
		let now = T::BlockNumberProvider::current_block_number();
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let RequestKind::Disclosure { severity, ref mut triage, .. } = request.kind else {
			return Err(Error::<T>::NotADisclosure.into());
		};
		let due = match *triage {
			Triage::Pending { due } => due,
			Triage::Judged { .. } => return Err(Error::<T>::AlreadyTriaged.into()),
			Triage::Missed { .. } | Triage::Exempt => return Err(Error::<T>::TriageClosed.into()),
		};
		ensure!(now < due, Error::<T>::TriageClosed);
		let RequestStatus::Voting { ref mut ends_at, .. } = request.status else {
			return Err(Error::<T>::TriageClosed.into());
		};
		*triage = Triage::Judged { verdict, at: now };

		let mut reduction = BalanceOf::<T>::zero();
		let mut fast_tracked = None;
		match verdict {
			Verdict::Downgraded(lower) => {
				ensure!(lower.is_below(severity), Error::<T>::NotADowngrade);
				let limit = Parameters::<T>::get().tiers.of(lower).limit(Self::available());
				// Never below what a payment to a new account needs.
				let limit = limit.max(T::Currency::minimum_balance());
				reduction = request.amount.saturating_sub(limit);
				request.amount.saturating_reduce(reduction);
				Ledger::<T>::mutate(|ledger| ledger.voting.saturating_reduce(reduction));
				Self::track_releases(request.terms.track, reduction);
			},
			Verdict::Confirmed if severity == Severity::Critical => {
				let terms = &mut request.terms;
				let filed_at = due.saturating_sub(terms.triage_period);
				// A shorter vote still leaves a flip before the verdict its whole blocks.
				let answerable =
					now.saturating_add(terms.confirm_period).saturating_add(One::one());
				let fast_end =
					filed_at.saturating_add(terms.fast_track_voting_period).max(answerable);
				if fast_end < *ends_at {
					*ends_at = fast_end;
					VotingDeadlines::<T>::mutate(|queue| {
						queue.retain(|deadline| deadline.request != id);
						// One out, one in: the queue has room.
						let _ = schedule(queue, *ends_at, id);
					});
				}
				terms.timelock = terms.timelock.min(terms.fast_track_timelock);
				fast_tracked = Some(*ends_at);
			},
			Verdict::Confirmed | Verdict::Invalid => {},
		}
		TriageDeadlines::<T>::mutate(|queue| queue.retain(|deadline| deadline.request != id));
		let amount = request.amount;
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::Triaged { request: id, verdict, amount, reduction });
		if let Some(voting_ends_at) = fast_tracked {
			Self::deposit_event(Event::FastTracked { request: id, voting_ends_at });
		}
		Ok(())
	}

	/// Marks the disclosures whose triage period ended by `now` with no verdict as missed, at
	/// most `MaxExpiriesPerBlock` of them. Returns how many deadlines it took.
	pub(crate) fn miss_triage(now: BlockNumberOf<T>) -> u32 {
		let expired = take_due_in::<T, TriageDeadlines<T>>(now, T::MaxExpiriesPerBlock::get());
		for &Deadline { request: id, .. } in &expired {
			let Some(mut request) = Requests::<T>::get(id) else { continue };
			let RequestKind::Disclosure { ref mut triage, .. } = request.kind else { continue };
			if let Triage::Pending { .. } = triage {
				*triage = Triage::Missed { at: now };
				Requests::<T>::insert(id, request);
				Self::deposit_event(Event::TriageMissed { request: id });
			}
		}
		expired.len() as u32
	}

	/// Starts the reveal deadline of a disclosure whose timelock expired at `now` unrevealed.
	/// Returns the deadline.
	pub(crate) fn await_reveal(
		id: RequestId,
		request: &PayoutRequestOf<T>,
		now: BlockNumberOf<T>,
	) -> BlockNumberOf<T> {
		let reveal_by = now.saturating_add(request.terms.reveal_period);
		if RevealDeadlines::<T>::try_mutate(|queue| schedule(queue, reveal_by, id)).is_err() {
			// Unreachable: the queue is bounded by the open requests.
			defensive!("reveal queue full");
		}
		Self::deposit_event(Event::AwaitingReveal { request: id, reveal_by });
		reveal_by
	}

	/// Goes on with a disclosure whose report was just revealed at `now`: one that waited
	/// unproven past its timelock starts a new timelock, and one in its timelock waits at least
	/// until the veto window has passed (the veto origin reads the report and may veto it); a
	/// paid or owed one gets its deposit back.
	pub(crate) fn settle_revealed(
		id: RequestId,
		mut request: PayoutRequestOf<T>,
		now: BlockNumberOf<T>,
	) {
		// Payment comes no earlier than after `veto_window` whole blocks.
		let after_veto_window =
			now.saturating_add(request.terms.veto_window).saturating_add(One::one());
		let past_timelock = matches!(
			request.status,
			RequestStatus::Unproven { .. }
				| RequestStatus::Paid { .. }
				| RequestStatus::Owed { .. }
		);
		if past_timelock {
			RevealDeadlines::<T>::mutate(|queue| queue.retain(|deadline| deadline.request != id));
		}
		match request.status {
			RequestStatus::Unproven { .. } => {
				let payable_at = now.saturating_add(request.terms.timelock).max(after_veto_window);
				if Timelocks::<T>::try_mutate(|queue| schedule(queue, payable_at, id)).is_err() {
					// Unreachable: the queue is bounded by the open requests.
					defensive!("timelock queue full");
				}
				request.status = RequestStatus::Approved { payable_at };
				Requests::<T>::insert(id, request);
				Self::deposit_event(Event::TimelockRestarted { request: id, payable_at });
			},
			RequestStatus::Approved { payable_at } if payable_at < after_veto_window => {
				let payable_at = after_veto_window;
				Timelocks::<T>::mutate(|queue| {
					queue.retain(|deadline| deadline.request != id);
					// One out, one in: the queue has room.
					let _ = schedule(queue, payable_at, id);
				});
				request.status = RequestStatus::Approved { payable_at };
				Requests::<T>::insert(id, request);
				Self::deposit_event(Event::TimelockRestarted { request: id, payable_at });
			},
			RequestStatus::Paid { .. } => {
				Self::release_deposit(&mut request);
				Self::finish(id, &request, true);
			},
			_ => {
				if past_timelock {
					Self::release_deposit(&mut request);
				}
				Requests::<T>::insert(id, request);
			},
		}
	}

	/// Applies the reveal deadlines passed by `now`, at most `MaxExpiriesPerBlock` of them: an
	/// unproven disclosure closes unpaid, a paid or owed one loses its deposit to the pool.
	/// Returns how many deadlines it took.
	pub(crate) fn expire_reveals(now: BlockNumberOf<T>) -> u32 {
		let expired = take_due_in::<T, RevealDeadlines<T>>(now, T::MaxExpiriesPerBlock::get());
		for &Deadline { request: id, .. } in &expired {
			let Some(mut request) = Requests::<T>::get(id) else { continue };
			match request.status {
				RequestStatus::Unproven { .. } => {
					let amount = request.amount;
					Ledger::<T>::mutate(|ledger| ledger.committed.saturating_reduce(amount));
					Self::close_forfeiting_deposit(id, request);
				},
				RequestStatus::Paid { .. } => {
					Self::forfeit_deposit(id, &mut request);
					Self::finish(id, &request, true);
				},
				RequestStatus::Owed { .. } => {
					Self::forfeit_deposit(id, &mut request);
					Requests::<T>::insert(id, request);
				},
				RequestStatus::Voting { .. }
				| RequestStatus::Approved { .. }
				| RequestStatus::Compensating { .. } => continue,
			}
			Self::deposit_event(Event::RevealMissed { request: id });
		}
		expired.len() as u32
	}
}
