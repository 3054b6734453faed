//! The pool's invariants, checked after every block by `try-runtime` and by the tests.

use crate::{pallet::*, RequestId, RequestStatus};
use frame_support::{ensure, pallet_prelude::*, traits::fungible::Inspect};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks the pool's invariants:
	/// - the pool account exists;
	/// - `committed` and `owed` equal the sums over the requests;
	/// - each track's open amount equals what its requests not yet paid ask for;
	/// - the deadline and owed queues hold exactly the requests in the matching status; a voting
	///   deadline is its referendum's end, or before it if a late flip moved the end;
	/// - every running tally equals the sum of the votes cast on it;
	/// - every voter's freeze equals its largest live vote;
	/// - every submitter's held deposit equals its open requests' deposits, and its count of
	///   open requests is right and within `MaxOpenRequestsPerAccount`;
	/// - every open disclosure owns its commitment, is revealed exactly when its report is
	///   stored, and is in the triage queue exactly while its triage is pending;
	/// - the reveal queue holds exactly the disclosures past their timelock whose report is due;
	/// - encrypted reports belong to open disclosures; no request pays the pool;
	/// - every author's held report deposit equals its reports' deposits;
	/// - every vote refers to a running referendum or to a kept outcome, and every outcome
	///   counts exactly the votes that refer to it;
	/// - open requests do not exceed `MaxOpenRequests`;
	/// - an incident's budget is at most its total and it pays at most its budget; every
	///   compensating incident has its claim window, and claimed-leaf words belong to a
	///   compensating incident's list or to one being swept.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::{RequestKind, Tally, Triage};
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::{InspectFreeze, InspectHold};

		let pool = Self::account_id();
		ensure!(
			T::Currency::balance(&pool) >= T::Currency::minimum_balance(),
			"the pool account must stay alive"
		);
		ensure!(
			BlockFeeShare::<T>::get().is_some() == FeeSharePolicy::<T>::get().is_some(),
			"a block's fee share is worked out exactly while an adaptive policy is set"
		);

		let (mut under_vote, mut committed) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero());
		let mut owed = BalanceOf::<T>::zero();
		let mut deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut open_of = BTreeMap::<T::AccountId, u32>::new();
		let mut tallies = BTreeMap::<RequestId, Tally<BalanceOf<T>>>::new();
		let (mut voting, mut owing) = (0usize, 0usize);
		let mut payable_of = BTreeMap::<RequestId, BlockNumberOf<T>>::new();
		let mut awaiting_reveal = alloc::vec::Vec::new();
		let mut reveal_by_of = BTreeMap::<RequestId, BlockNumberOf<T>>::new();
		let mut in_triage = BTreeMap::<RequestId, BlockNumberOf<T>>::new();
		let mut voting_ends = BTreeMap::<RequestId, BlockNumberOf<T>>::new();
		let mut closes_at_of = BTreeMap::<RequestId, BlockNumberOf<T>>::new();
		let mut track_open = crate::TrackAmounts::<BalanceOf<T>>::default();
		for (id, request) in Requests::<T>::iter() {
			match request.status {
				RequestStatus::Voting { tally, ends_at, .. } => {
					voting_ends.insert(id, ends_at);
					voting += 1;
					under_vote.saturating_accrue(request.amount);
					tallies.insert(id, tally);
				},
				RequestStatus::Approved { payable_at } => {
					payable_of.insert(id, payable_at);
					committed.saturating_accrue(request.amount);
				},
				RequestStatus::Owed { remaining } => {
					owing += 1;
					committed.saturating_accrue(remaining);
					owed.saturating_accrue(remaining);
					ensure!(
						request.deposit.is_zero() || request.owes_reveal(),
						"owed requests hold no deposit unless their report is due"
					);
					if !request.deposit.is_zero() {
						awaiting_reveal.push(id);
					}
				},
				RequestStatus::Unproven { reveal_by } => {
					committed.saturating_accrue(request.amount);
					ensure!(!request.is_proven(), "only unproven disclosures wait for proof");
					awaiting_reveal.push(id);
					reveal_by_of.insert(id, reveal_by);
				},
				RequestStatus::Paid { reveal_by } => {
					ensure!(request.owes_reveal(), "only unrevealed disclosures wait paid");
					awaiting_reveal.push(id);
					reveal_by_of.insert(id, reveal_by);
				},
				RequestStatus::Compensating { paid, closes_at } => {
					ensure!(paid <= request.amount, "an incident pays at most its budget");
					ensure!(
						request.deposit.is_zero(),
						"an incident's deposit is released at its claims"
					);
					committed.saturating_accrue(request.amount.saturating_sub(paid));
					closes_at_of.insert(id, closes_at);
				},
			}
			if let RequestKind::Incident { total, victims, .. } = &request.kind {
				ensure!(request.amount <= *total, "an incident's budget is at most its total");
				ensure!(
					(1..=T::MaxVictims::get()).contains(victims),
					"an incident's list is within MaxVictims"
				);
			} else {
				ensure!(
					!matches!(request.status, RequestStatus::Compensating { .. }),
					"only incidents compensate"
				);
			}
			if let RequestKind::Disclosure { commitment, triage, revealed, .. } = &request.kind {
				ensure!(
					Commitments::<T>::get(commitment) == Some(id)
						|| id < LegacyDisclosuresBefore::<T>::get(),
					"an open disclosure owns its commitment"
				);
				ensure!(
					*revealed == Reports::<T>::contains_key(id),
					"a disclosure is revealed when its report is stored"
				);
				if let Triage::Pending { due } = triage {
					in_triage.insert(id, *due);
				}
			} else {
				ensure!(!EncryptedReports::<T>::contains_key(id), "only disclosures are sealed");
			}
			ensure!(
				request.beneficiary != pool && request.payee != pool,
				"the pool pays no one but others"
			);
			let asks = !matches!(
				request.status,
				RequestStatus::Paid { .. } | RequestStatus::Compensating { .. }
			);
			if let (Some(track), true) = (request.terms.track, asks) {
				track_open[track as usize].saturating_accrue(request.on_track());
			}
			*open_of.entry(request.submitter.clone()).or_default() += 1;
			deposits
				.entry(request.submitter)
				.or_default()
				.saturating_accrue(request.deposit);
		}
		ensure!(
			open_of.iter().all(|(who, n)| OpenRequestsOf::<T>::get(who) == *n
				&& *n <= T::MaxOpenRequestsPerAccount::get()),
			"open requests per account counted and bounded"
		);
		ensure!(
			OpenRequestsOf::<T>::iter().count() == open_of.len(),
			"no stray count of open requests"
		);
		let ledger = Ledger::<T>::get();
		ensure!(ledger.voting == under_vote, "voting must equal the sum over requests under vote");
		ensure!(ledger.committed == committed, "committed must equal the sum over requests");
		ensure!(ledger.owed == owed, "owed must equal the sum over owed requests");
		ensure!(
			OpenByTrack::<T>::get() == track_open,
			"each track's open amount equals what its unpaid requests ask for"
		);

		let count = Requests::<T>::count();
		ensure!(
			count as usize == Requests::<T>::iter_keys().count(),
			"request counter out of step"
		);
		ensure!(count <= T::MaxOpenRequests::get(), "too many open requests");
		// Each queue, by request: exactly one entry per request in the matching state.
		let by_request = |queue: &DeadlinesOf<T>| {
			let mut entries: alloc::vec::Vec<_> =
				queue.iter().map(|deadline| (deadline.request, deadline.at)).collect();
			entries.sort();
			entries
		};
		let deadlines = VotingDeadlines::<T>::get();
		let queued = by_request(&deadlines);
		ensure!(
			queued.iter().map(|(id, _)| *id).eq(voting_ends.keys().copied()),
			"every running referendum has exactly one deadline"
		);
		ensure!(voting == voting_ends.len(), "running referenda counted");
		ensure!(
			queued.iter().all(|(id, at)| voting_ends.get(id).is_some_and(|end| at <= end)),
			"every voting deadline is its referendum's end, or before it if a late flip moved it"
		);
		ensure!(deadlines.windows(2).all(|w| w[0].at <= w[1].at), "voting deadlines unsorted");
		let timelocks = Timelocks::<T>::get();
		ensure!(
			by_request(&timelocks).into_iter().eq(payable_of),
			"every approved request has exactly one timelock, at its payable_at"
		);
		ensure!(timelocks.windows(2).all(|w| w[0].at <= w[1].at), "timelocks unsorted");
		let windows = ClaimWindows::<T>::get();
		ensure!(
			by_request(&windows).into_iter().eq(closes_at_of),
			"every compensating incident has exactly one claim window, closing at its closes_at"
		);
		ensure!(windows.windows(2).all(|w| w[0].at <= w[1].at), "claim windows unsorted");
		ensure!(
			ClaimedLeaves::<T>::iter_keys().all(|(incident, word)| {
				Sweeps::<T>::contains_key(incident)
					|| Requests::<T>::get(incident).is_some_and(|request| match request.kind {
						RequestKind::Incident { victims, .. } => {
							matches!(request.status, RequestStatus::Compensating { .. })
								&& word <= (victims - 1) / 128
						},
						_ => false,
					})
			}),
			"claimed leaves belong to compensating incidents, within their lists, or are swept"
		);
		ensure!(
			Sweeps::<T>::iter_keys().all(|incident| !Requests::<T>::contains_key(incident)),
			"only closed incidents are swept"
		);
		let triage_deadlines = TriageDeadlines::<T>::get();
		ensure!(
			by_request(&triage_deadlines).into_iter().eq(in_triage),
			"every disclosure in triage has exactly one deadline, at its due block"
		);
		ensure!(
			triage_deadlines.windows(2).all(|w| w[0].at <= w[1].at),
			"triage deadlines unsorted"
		);
		let reveal_deadlines = RevealDeadlines::<T>::get();
		awaiting_reveal.sort();
		let mut queued: alloc::vec::Vec<_> =
			reveal_deadlines.iter().map(|deadline| deadline.request).collect();
		queued.sort();
		ensure!(queued == awaiting_reveal, "every disclosure awaiting its report has a deadline");
		ensure!(
			reveal_deadlines
				.iter()
				.all(|d| reveal_by_of.get(&d.request).is_none_or(|by| *by == d.at)),
			"reveal deadlines match their requests"
		);
		ensure!(
			reveal_deadlines.windows(2).all(|w| w[0].at <= w[1].at),
			"reveal deadlines unsorted"
		);
		ensure!(
			EncryptedReports::<T>::iter_keys().all(Requests::<T>::contains_key),
			"encrypted reports belong to open requests"
		);
		let queue = OwedQueue::<T>::get();
		ensure!(queue.len() == owing, "every owed request is queued once");
		ensure!(
			queue.iter().all(|id| Requests::<T>::get(id)
				.is_some_and(|r| matches!(r.status, RequestStatus::Owed { .. }))),
			"stray owed entry"
		);

		let reason = HoldReason::RequestDeposit.into();
		for (who, deposit) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&reason, &who) == deposit,
				"held deposit must equal the open requests' deposits"
			);
		}

		let mut report_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (_, report) in Reports::<T>::iter() {
			report_deposits
				.entry(report.author)
				.or_default()
				.saturating_accrue(report.deposit);
		}
		let report_reason = HoldReason::ReportDeposit.into();
		for (who, deposit) in report_deposits {
			ensure!(
				T::Currency::balance_on_hold(&report_reason, &who) == deposit,
				"held report deposit must equal the author's reports' deposits"
			);
		}

		let mut counted = BTreeMap::<RequestId, Tally<BalanceOf<T>>>::new();
		let mut referring = BTreeMap::<RequestId, u32>::new();
		let freeze = FreezeReason::Vote.into();
		for (who, votes) in VotingFor::<T>::iter() {
			ensure!(
				T::Currency::balance_frozen(&freeze, &who) == votes.frozen(),
				"each voter's freeze equals its largest live vote"
			);
			ensure!(
				votes.votes.windows(2).all(|w| w[0].request < w[1].request),
				"votes sorted by request"
			);
			for cast in votes.votes.iter() {
				if tallies.contains_key(&cast.request) {
					counted.entry(cast.request).or_default().add(&cast.vote);
				} else {
					*referring.entry(cast.request).or_default() += 1;
				}
			}
		}
		ensure!(
			Outcomes::<T>::iter().all(|(id, outcome)| referring.get(&id) == Some(&outcome.votes)),
			"every outcome counts the votes that refer to it"
		);
		ensure!(
			referring.keys().all(Outcomes::<T>::contains_key),
			"every vote on a finished referendum has its outcome"
		);
		for (id, tally) in tallies {
			ensure!(
				counted.get(&id).copied().unwrap_or_default() == tally,
				"running tallies equal the sum of their votes"
			);
		}
		Ok(())
	}
}
