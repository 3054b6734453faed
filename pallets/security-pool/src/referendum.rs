//! Referenda: votes, their freezes and locks, and the automatic end of voting.

use crate::{
	pallet::*, schedule, take_due_in, BlockNumberOf, CastVote, Choice, Deadline, ReferendumOutcome,
	RequestId, RequestKind, RequestStatus, Tally, Vote,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::fungible::{Inspect, MutateFreeze},
};
use sp_runtime::traits::{BlockNumberProvider, One, Saturating, Zero};

/// A tally change in the confirmation window (the last `confirm_period` blocks of voting): what
/// it is judged against.
struct LateChange<T: Config> {
	/// The block of the change.
	now: BlockNumberOf<T>,
	/// The active issuance, read once for the outcome before and after.
	electorate: BalanceOf<T>,
	/// Whether the referendum passed before the change.
	was_passing: bool,
}

impl<T: Config> Pallet<T> {
	/// Ends the referenda whose voting closed by `now`, at most `MaxEndingsPerBlock` of them;
	/// a deadline that a late flip has since moved goes back into the queue at the new end.
	/// Returns how many deadlines were handled.
	pub(crate) fn end_referenda(now: BlockNumberOf<T>) -> u32 {
		let ending = take_due_in::<T, VotingDeadlines<T>>(now, T::MaxEndingsPerBlock::get());
		let due = ending.len();
		if due == 0 {
			return 0;
		}
		// What every ending shares is read once and written once.
		let issuance = T::Currency::active_issuance();
		let mut timelocks = Timelocks::<T>::get();
		let (mut closed, mut committed) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero());
		let mut moved = alloc::vec::Vec::new();
		for Deadline { request: id, .. } in ending {
			let Some(request) = Requests::<T>::get(id) else { continue };
			let RequestStatus::Voting { tally, ends_at: ended_at, .. } = request.status else {
				continue;
			};
			if ended_at > now {
				moved.push((ended_at, id));
				continue;
			}
			let terms = request.terms;
			let approved = tally.passes(issuance, terms.min_support, terms.approval);
			Self::record_outcome(id, &tally, approved, ended_at, terms.vote_locking_period);
			closed.saturating_accrue(request.amount);
			if approved {
				// A report revealed while voting leaves the veto origin `veto_window` blocks.
				let payable_at = now.saturating_add(terms.timelock.max(terms.veto_window));
				let mut request = request;
				let mut ledger = Ledger::<T>::get();
				ledger.voting.saturating_reduce(closed);
				ledger.committed.saturating_accrue(committed);
				committed.saturating_accrue(Self::budget_on_approval(&mut request, &ledger));
				Self::approve(id, request, tally, payable_at, &mut timelocks);
			} else {
				Self::close_forfeiting_deposit(id, request);
				Self::deposit_event(Event::Rejected { request: id, tally });
			}
		}
		Timelocks::<T>::put(timelocks);
		if !moved.is_empty() {
			VotingDeadlines::<T>::mutate(|queue| {
				for (at, id) in moved {
					// Each was just taken off the queue: there is room.
					let _ = schedule(queue, at, id);
				}
			});
		}
		Ledger::<T>::mutate(|ledger| {
			ledger.voting.saturating_reduce(closed);
			ledger.committed.saturating_accrue(committed);
		});
		due as u32
	}

	/// Starts an approved request's timelock.
	fn approve(
		id: RequestId,
		mut request: PayoutRequestOf<T>,
		tally: Tally<BalanceOf<T>>,
		payable_at: BlockNumberOf<T>,
		timelocks: &mut DeadlinesOf<T>,
	) {
		if schedule(timelocks, payable_at, id).is_err() {
			// Unreachable: both queues are bounded by the open requests.
			defensive!("timelock queue full");
		}
		request.status = RequestStatus::Approved { payable_at };
		let incident = match request.kind {
			RequestKind::Incident { total, .. } => Some((request.amount, total)),
			_ => None,
		};
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::Approved { request: id, tally, payable_at });
		if let Some((budget, total)) = incident {
			Self::deposit_event(Event::IncidentBudgeted { incident: id, budget, total });
		}
	}

	/// Casts or changes `voter`'s vote on `id` and freezes its balance. Tells whether the vote
	/// fell in the confirmation window, where it may move the end of voting.
	pub(crate) fn do_vote(
		voter: &T::AccountId,
		id: RequestId,
		vote: Vote<BalanceOf<T>>,
	) -> Result<bool, DispatchError> {
		ensure!(!vote.balance.is_zero(), Error::<T>::ZeroAmount);
		let now = T::BlockNumberProvider::current_block_number();
		let mut request = Self::running(id, now)?;
		ensure!(
			voter != &request.submitter && voter != &request.beneficiary,
			Error::<T>::OwnRequest
		);
		ensure!(vote.balance <= T::Currency::total_balance(voter), Error::<T>::InsufficientFunds);
		let late = Self::late_change(&request, now);
		let RequestStatus::Voting { ref mut tally, .. } = request.status else {
			return Err(Error::<T>::VotingClosed.into());
		};
		let mut voting = VotingFor::<T>::get(voter).unwrap_or_default();
		let mut changed = vote.balance;
		match voting.votes.binary_search_by_key(&id, |cast| cast.request) {
			Ok(index) => {
				let replaced = voting.votes[index].vote;
				changed = changed.max(replaced.balance);
				tally.remove(&replaced);
				voting.votes[index].vote = vote;
			},
			Err(index) => voting
				.votes
				.try_insert(index, CastVote { request: id, vote })
				.map_err(|_| Error::<T>::TooManyVotes)?,
		}
		tally.add(&vote);
		let may_move_end = late.is_some();
		if let Some(late) = late {
			Self::confirm_late_flip(id, &mut request, late);
			Self::lock_late(&mut voting, &request, changed);
		}
		Self::freeze(voter, &voting)?;
		Requests::<T>::insert(id, request);
		VotingFor::<T>::insert(voter, voting);
		Ok(may_move_end)
	}

	/// Removes `voter`'s vote on `id`: from the tally while voting runs, into the prior lock
	/// after a won referendum whose lock has not expired. The outcome of a finished referendum
	/// goes with its last vote.
	pub(crate) fn do_remove_vote(voter: &T::AccountId, id: RequestId) -> DispatchResult {
		let mut voting = VotingFor::<T>::get(voter).ok_or(Error::<T>::NotVoted)?;
		let index = voting
			.votes
			.binary_search_by_key(&id, |cast| cast.request)
			.map_err(|_| Error::<T>::NotVoted)?;
		let vote = voting.votes.remove(index).vote;
		match Outcomes::<T>::get(id) {
			Some(mut outcome) => {
				if let Some(until) = Self::lock_end(&vote, &outcome) {
					if T::BlockNumberProvider::current_block_number() < until {
						voting.prior.accumulate(until, vote.balance);
					}
				}
				outcome.votes.saturating_dec();
				if outcome.votes == 0 {
					Outcomes::<T>::remove(id);
				} else {
					Outcomes::<T>::insert(id, outcome);
				}
			},
			None => {
				let now = T::BlockNumberProvider::current_block_number();
				let mut request = Self::running(id, now)?;
				let late = Self::late_change(&request, now);
				if let RequestStatus::Voting { ref mut tally, .. } = request.status {
					tally.remove(&vote);
				}
				if let Some(late) = late {
					Self::confirm_late_flip(id, &mut request, late);
					Self::lock_late(&mut voting, &request, vote.balance);
				}
				Requests::<T>::insert(id, request);
			},
		}
		Self::store_voting(voter, voting)
	}

	/// Whether `request`'s referendum passes with its tally now (false once voting is over).
	pub(crate) fn passing(request: &PayoutRequestOf<T>) -> bool {
		Self::passes_among(request, T::Currency::active_issuance())
	}

	/// Whether `request`'s referendum passes with its tally now, among `electorate`.
	fn passes_among(request: &PayoutRequestOf<T>, electorate: BalanceOf<T>) -> bool {
		let RequestStatus::Voting { tally, .. } = &request.status else { return false };
		let terms = &request.terms;
		tally.passes(electorate, terms.min_support, terms.approval)
	}

	/// After a change of `request`'s tally in the confirmation window: if it turned the
	/// outcome (passing to failing or back), moves the end so that `confirm_period` whole blocks
	/// follow the change, in which the other side can answer. The state decides, not a count:
	/// however often the outcome turns, the last turn is always answerable, and the outcome at
	/// the end has stood for `confirm_period` blocks. The voting queue keeps the old deadline,
	/// which `end_referenda` moves when it comes: a vote never rewrites the queue.
	fn confirm_late_flip(id: RequestId, request: &mut PayoutRequestOf<T>, late: LateChange<T>) {
		let terms = request.terms;
		if Self::passes_among(request, late.electorate) == late.was_passing {
			return;
		}
		let RequestStatus::Voting { ref mut ends_at, ref mut extensions, .. } = request.status
		else {
			return;
		};
		// Votes are taken before `ends_at`: blocks `now + 1 ..= now + confirm_period` answer.
		let extended = late.now.saturating_add(terms.confirm_period).saturating_add(One::one());
		if extended <= *ends_at {
			return;
		}
		*ends_at = extended;
		*extensions = extensions.saturating_add(1);
		Self::deposit_event(Event::VotingExtended {
			request: id,
			ends_at: extended,
			extensions: *extensions,
		});
	}

	/// Freezes `balance`, of a vote cast, changed or removed in `request`'s confirmation
	/// window, until `vote_locking_period` after the end of voting as it stands, whichever side
	/// wins: a flip and its undo in the last blocks cost the flipper a lock that outlives the
	/// referendum (a vote still cast stays frozen anyway until it is removed).
	fn lock_late(voting: &mut VotingOf<T>, request: &PayoutRequestOf<T>, balance: BalanceOf<T>) {
		if let RequestStatus::Voting { ends_at, .. } = request.status {
			let until = ends_at.saturating_add(request.terms.vote_locking_period);
			voting.prior.accumulate(until, balance);
		}
	}

	/// Whether `now` falls in `request`'s confirmation window: the last `confirm_period` blocks
	/// of its voting.
	pub(crate) fn confirming(request: &PayoutRequestOf<T>, now: BlockNumberOf<T>) -> bool {
		matches!(
			request.status,
			RequestStatus::Voting { ends_at, .. }
				if now.saturating_add(request.terms.confirm_period) >= ends_at
		)
	}

	/// A change to `request`'s tally at `now` in its confirmation window, which could move the
	/// end of its voting, or `None`.
	fn late_change(request: &PayoutRequestOf<T>, now: BlockNumberOf<T>) -> Option<LateChange<T>> {
		Self::confirming(request, now).then(|| {
			let electorate = T::Currency::active_issuance();
			LateChange { now, electorate, was_passing: Self::passes_among(request, electorate) }
		})
	}

	/// Releases `who`'s prior lock once it has expired, as `pallet-conviction-voting` does:
	/// votes on finished referenda turn into the prior lock when they are removed, so this
	/// reads no referendum. Returns what stays frozen.
	pub(crate) fn do_unlock(who: &T::AccountId) -> Result<BalanceOf<T>, DispatchError> {
		let mut voting = VotingFor::<T>::get(who).ok_or(Error::<T>::NothingToUnlock)?;
		let now = T::BlockNumberProvider::current_block_number();
		ensure!(voting.prior.rejig(now), Error::<T>::NothingToUnlock);
		let frozen = voting.frozen();
		Self::store_voting(who, voting)?;
		Ok(frozen)
	}

	/// The end of the lock a vote leaves after its referendum, if any: only won votes with a
	/// conviction are locked, for their lock periods (of the request's own locking period) from
	/// the end of voting.
	fn lock_end(
		vote: &Vote<BalanceOf<T>>,
		outcome: &ReferendumOutcome<BlockNumberOf<T>>,
	) -> Option<BlockNumberOf<T>> {
		let periods = vote.conviction.lock_periods();
		let period = outcome.vote_locking_period;
		let won = match vote.choice {
			Choice::Aye => outcome.approved,
			Choice::Nay => !outcome.approved,
			Choice::Abstain => false,
		};
		(won && periods > 0 && !period.is_zero())
			.then(|| outcome.ended_at.saturating_add(period.saturating_mul(periods.into())))
	}

	/// The request `id` if its referendum still takes votes at `now`.
	fn running(id: RequestId, now: BlockNumberOf<T>) -> Result<PayoutRequestOf<T>, DispatchError> {
		match Requests::<T>::get(id) {
			Some(request) => match request.status {
				RequestStatus::Voting { ends_at, .. } if now < ends_at => Ok(request),
				_ => Err(Error::<T>::VotingClosed.into()),
			},
			None if Outcomes::<T>::contains_key(id) => Err(Error::<T>::VotingClosed.into()),
			None => Err(Error::<T>::UnknownRequest.into()),
		}
	}

	/// Stores `voting` (or forgets it when empty) and sets the freeze to its largest vote.
	fn store_voting(who: &T::AccountId, voting: VotingOf<T>) -> DispatchResult {
		Self::freeze(who, &voting)?;
		if voting.is_empty() {
			VotingFor::<T>::remove(who);
		} else {
			VotingFor::<T>::insert(who, voting);
		}
		Ok(())
	}

	/// Sets `who`'s vote freeze to what `voting` keeps frozen.
	fn freeze(who: &T::AccountId, voting: &VotingOf<T>) -> DispatchResult {
		let frozen = voting.frozen();
		let reason = FreezeReason::Vote.into();
		if frozen.is_zero() {
			T::Currency::thaw(&reason, who)
		} else {
			T::Currency::set_freeze(&reason, who, frozen)
		}
	}
}
