//! The reserve: inflows, payouts, the owed queue, vetoes and the pool's invariants.

use crate::{
	pallet::*, take_due_in, BlockNumberOf, PoolLedger, RequestId, RequestKind, RequestStatus,
	WeightInfo,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{DepositConsequence, Fortitude, Preservation, Provenance},
	},
};
use sp_runtime::{
	traits::{AccountIdConversion, BlockNumberProvider, Saturating, Zero},
	Perbill,
};

/// What became of an attempt to pay a request.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Payment<Balance> {
	/// This much was paid: all that was due, or a part of it when the pool is short.
	Made(Balance),
	/// The pool cannot pay anything now without leaving an unpayable remainder.
	Short,
	/// The payee cannot receive the payment (for a reason other than the pool's funds).
	Refused,
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

	/// The weight of a block's own work: ending `ended` referenda, marking `missed` triages,
	/// making `paid` payment attempts, expiring `expired` reveal deadlines, working out the
	/// block's fee share, and the fee hook's storage (the pool account and the ledger read
	/// and written once, the block's fee share written once; every later access in the
	/// block is warm, and `fee_share` is benchmarked so).
	pub fn block_work_weight(ended: u32, missed: u32, paid: u32, expired: u32) -> Weight {
		let fee_hook_proof =
			frame_system::AccountInfo::<T::Nonce, T::AccountData>::max_encoded_len()
				.saturating_add(PoolLedger::<BalanceOf<T>>::max_encoded_len())
				.saturating_add(Perbill::max_encoded_len());
		T::WeightInfo::end_referenda(ended)
			.saturating_add(T::WeightInfo::miss_triage(missed))
			.saturating_add(T::WeightInfo::make_payments(paid))
			.saturating_add(T::WeightInfo::expire_reveals(expired))
			.saturating_add(T::WeightInfo::refresh_fee_share())
			.saturating_add(T::DbWeight::get().reads_writes(2, 3))
			.saturating_add(Weight::from_parts(0, fee_hook_proof as u64))
	}
}

impl<T: Config> Pallet<T> {
	/// Makes sure the pool account exists: tops it up to the existential deposit.
	pub(crate) fn ensure_pool_account() {
		let pool = Self::account_id();
		let missing = T::Currency::minimum_balance().saturating_sub(T::Currency::balance(&pool));
		if !missing.is_zero() {
			// Minting into an account at the existential deposit cannot fail.
			let _ = T::Currency::mint_into(&pool, missing);
		}
	}

	/// Books an inflow of `amount` into the pool.
	pub(crate) fn note_inflow(amount: BalanceOf<T>) {
		Ledger::<T>::mutate(|ledger| ledger.lifetime_inflow.saturating_accrue(amount));
	}

	/// The per-block payments: first the owed queue, then the requests whose timelock expired
	/// by `now`, at most `MaxPayoutsPerBlock` attempts in all. Returns the attempts made.
	pub(crate) fn make_payments(now: BlockNumberOf<T>) -> u32 {
		let budget = T::MaxPayoutsPerBlock::get();
		let steps = Self::settle_owed(budget);
		let paying = take_due_in::<T, Timelocks<T>>(now, budget.saturating_sub(steps));
		for deadline in &paying {
			if let Some(request) = Requests::<T>::get(deadline.request) {
				Self::pay_due_request(deadline.request, request);
			}
		}
		steps.saturating_add(paying.len() as u32)
	}

	/// Pays a request whose timelock expired (an incident opens its claims instead): releases
	/// its deposit, then pays what the pool can, unless earlier requests are still owed and the pool cannot pay them all besides; the
	/// rest joins the owed queue. A disclosure not proven waits for its report instead; one
	/// proven but not revealed is paid and keeps its deposit held until it is revealed.
	pub(crate) fn pay_due_request(id: RequestId, mut request: PayoutRequestOf<T>) {
		let now = T::BlockNumberProvider::current_block_number();
		if let RequestKind::Incident { claim_period, .. } = request.kind {
			Self::open_compensation(id, request, now, claim_period);
			return;
		}
		if !request.is_proven() {
			let reveal_by = Self::await_reveal(id, &request, now);
			request.status = RequestStatus::Unproven { reveal_by };
			Requests::<T>::insert(id, request);
			return;
		}
		let reveal_by = request.owes_reveal().then(|| Self::await_reveal(id, &request, now));
		if reveal_by.is_none() {
			Self::release_deposit(&mut request);
		}
		let amount = request.amount;
		let pays_everyone = || {
			let owed = Ledger::<T>::get().owed;
			Self::liquid() >= owed.saturating_add(amount)
		};
		let payment = if OwedQueue::<T>::get().is_empty() || pays_everyone() {
			Self::pay(id, &request.payee, amount)
		} else {
			Payment::Short
		};
		let paid = match payment {
			Payment::Made(paid) => paid,
			Payment::Short => Zero::zero(),
			Payment::Refused => {
				Self::deposit_event(Event::PaymentRefused {
					request: id,
					payee: request.payee.clone(),
					amount,
				});
				Zero::zero()
			},
		};
		let remaining = amount.saturating_sub(paid);
		if remaining.is_zero() {
			Self::paid_in_full(id, request, reveal_by);
			return;
		}
		if OwedQueue::<T>::try_mutate(|queue| queue.try_push(id)).is_err() {
			// Unreachable: the queue is bounded by the open requests.
			defensive!("owed queue full");
		}
		Ledger::<T>::mutate(|ledger| ledger.owed.saturating_accrue(remaining));
		request.status = RequestStatus::Owed { remaining };
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::PayoutOwed { request: id, remaining });
	}

	/// Pays owed requests in approval order from the pool's liquid funds, at most `budget`
	/// attempts, each request at most once. A payee that refuses goes to the back of the queue,
	/// so that it never blocks the requests behind it, and ends the block's attempts on the queue:
	/// refusing payees take at most one attempt per block from the due timelocks. Returns the
	/// attempts made.
	fn settle_owed(budget: u32) -> u32 {
		let mut queue = OwedQueue::<T>::get();
		let mut untried = queue.len();
		let (mut attempts, mut changed) = (0, false);
		while attempts < budget && untried > 0 {
			untried -= 1;
			let Some(&id) = queue.first() else { break };
			let Some(mut request) = Requests::<T>::get(id) else {
				queue.remove(0);
				changed = true;
				continue;
			};
			let RequestStatus::Owed { remaining } = request.status else {
				queue.remove(0);
				changed = true;
				continue;
			};
			attempts += 1;
			let paid = match Self::pay(id, &request.payee, remaining) {
				Payment::Short => break,
				Payment::Refused => {
					// The same length again: the push cannot fail.
					let refused = queue.remove(0);
					let _ = queue.try_push(refused);
					changed = true;
					Self::deposit_event(Event::PaymentRefused {
						request: id,
						payee: request.payee,
						amount: remaining,
					});
					break;
				},
				Payment::Made(paid) => paid,
			};
			changed = true;
			Ledger::<T>::mutate(|ledger| ledger.owed.saturating_reduce(paid));
			let remaining = remaining.saturating_sub(paid);
			if remaining.is_zero() {
				queue.remove(0);
				// A deposit still held is waiting for the report, until its reveal deadline.
				let reveal_by = (!request.deposit.is_zero())
					.then(|| RevealDeadlines::<T>::get().into_iter().find(|d| d.request == id))
					.flatten()
					.map(|deadline| deadline.at);
				Self::paid_in_full(id, request, reveal_by);
			} else {
				request.status = RequestStatus::Owed { remaining };
				Requests::<T>::insert(id, request);
				break;
			}
		}
		if changed {
			OwedQueue::<T>::put(queue);
		}
		attempts
	}

	/// Finishes a request paid in full, or keeps it until `reveal_by` while its report is due.
	fn paid_in_full(
		id: RequestId,
		mut request: PayoutRequestOf<T>,
		reveal_by: Option<BlockNumberOf<T>>,
	) {
		Self::track_releases(request.terms.track, request.amount);
		match reveal_by {
			Some(reveal_by) => {
				request.status = RequestStatus::Paid { reveal_by };
				Requests::<T>::insert(id, request);
			},
			None => {
				Self::release_deposit(&mut request);
				Self::finish(id, &request, true);
			},
		}
	}

	/// Transfers up to `due` from the pool to `payee`, as much as the pool can while staying
	/// alive, and books it. A part payment is at least the existential deposit and leaves at
	/// least the existential deposit due, so that every payment can create the payee's account.
	fn pay(id: RequestId, payee: &T::AccountId, due: BalanceOf<T>) -> Payment<BalanceOf<T>> {
		let pool = Self::account_id();
		let minimum = T::Currency::minimum_balance();
		let liquid = Self::liquid();
		let amount = if liquid >= due { due } else { liquid.min(due.saturating_sub(minimum)) };
		if amount.is_zero() || (amount < due && amount < minimum) {
			return Payment::Short;
		}
		// A transfer in the block's hook has no transaction around it: give it its own layer.
		let transfer = || {
			with_storage_layer(|| {
				T::Currency::transfer(&pool, payee, amount, Preservation::Preserve).map(|_| ())
			})
		};
		if T::Currency::can_deposit(payee, amount, Provenance::Extant)
			!= DepositConsequence::Success
			|| transfer().is_err()
		{
			return Payment::Refused;
		}
		Ledger::<T>::mutate(|ledger| {
			ledger.committed.saturating_reduce(amount);
			ledger.lifetime_outflow.saturating_accrue(amount);
		});
		Self::deposit_event(Event::Paid {
			request: id,
			payee: payee.clone(),
			amount,
			remaining: due.saturating_sub(amount),
		});
		Payment::Made(amount)
	}

	/// What the pool can pay out while staying alive.
	pub(crate) fn liquid() -> BalanceOf<T> {
		T::Currency::reducible_balance(
			&Self::account_id(),
			Preservation::Preserve,
			Fortitude::Polite,
		)
	}

	/// Vetoes an approved request still in its timelock, or a disclosure waiting unproven for
	/// its report.
	pub(crate) fn do_veto(id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		match request.status {
			RequestStatus::Approved { payable_at } => {
				let now = T::BlockNumberProvider::current_block_number();
				ensure!(now < payable_at, Error::<T>::TimelockExpired);
				Timelocks::<T>::mutate(|queue| queue.retain(|deadline| deadline.request != id));
			},
			RequestStatus::Unproven { .. } => RevealDeadlines::<T>::mutate(|queue| {
				queue.retain(|deadline| deadline.request != id)
			}),
			_ => return Err(Error::<T>::NotApproved.into()),
		}
		Ledger::<T>::mutate(|ledger| ledger.committed.saturating_reduce(request.amount));
		Self::close_forfeiting_deposit(id, request);
		Self::deposit_event(Event::Vetoed { request: id });
		Ok(())
	}
}

#[cfg(any(test, feature = "try-runtime", feature = "runtime-benchmarks"))]
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
