//! The reserve: inflows, payouts, the owed queue, vetoes and the pool's invariants.

use crate::{pallet::*, BlockNumberOf, RequestId, RequestStatus};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
	},
};
use sp_runtime::traits::{BlockNumberProvider, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Books an inflow of `amount` into the pool.
	pub(crate) fn note_inflow(amount: BalanceOf<T>) {
		Ledger::<T>::mutate(|ledger| ledger.lifetime_inflow.saturating_accrue(amount));
	}

	/// Removes a failed or vetoed request and moves its deposit into the pool.
	pub(crate) fn close_forfeiting_deposit(id: RequestId, request: PayoutRequestOf<T>) {
		Requests::<T>::remove(id);
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
		if !forfeited.is_zero() {
			Self::note_inflow(forfeited);
			Self::deposit_event(Event::DepositForfeited {
				request: id,
				who: request.submitter,
				amount: forfeited,
			});
		}
	}

	/// The per-block payments: first the owed queue, then the requests whose timelock expired
	/// by `now`, at most `MaxPayoutsPerBlock` steps in all. Returns the steps taken.
	pub(crate) fn make_payments(now: BlockNumberOf<T>) -> u32 {
		let budget = T::MaxPayoutsPerBlock::get();
		let mut steps = Self::settle_owed(budget);
		let mut queue = Timelocks::<T>::get();
		let due = queue
			.iter()
			.take(budget.saturating_sub(steps) as usize)
			.take_while(|deadline| deadline.at <= now)
			.count();
		if due > 0 {
			let paying: alloc::vec::Vec<_> = queue.drain(..due).collect();
			Timelocks::<T>::put(queue);
			for deadline in paying {
				if let Some(request) = Requests::<T>::get(deadline.request) {
					Self::pay_due_request(deadline.request, request);
				}
			}
			steps.saturating_accrue(due as u32);
		}
		steps
	}

	/// Pays a request whose timelock expired: releases its deposit, then pays what the pool
	/// can, unless earlier requests are still owed; the rest joins the owed queue.
	pub(crate) fn pay_due_request(id: RequestId, mut request: PayoutRequestOf<T>) {
		Self::release_deposit(&mut request);
		let amount = request.amount;
		let paid = if OwedQueue::<T>::get().is_empty() {
			Self::pay(id, &request.beneficiary, amount)
		} else {
			Zero::zero()
		};
		let remaining = amount.saturating_sub(paid);
		if remaining.is_zero() {
			Requests::<T>::remove(id);
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
	/// payments. Returns the payments made.
	fn settle_owed(budget: u32) -> u32 {
		let mut queue = OwedQueue::<T>::get();
		let mut payments = 0;
		while payments < budget {
			let Some(&id) = queue.first() else { break };
			let Some(mut request) = Requests::<T>::get(id) else {
				queue.remove(0);
				continue;
			};
			let RequestStatus::Owed { remaining } = request.status else {
				queue.remove(0);
				continue;
			};
			let paid = Self::pay(id, &request.beneficiary, remaining);
			if paid.is_zero() {
				break;
			}
			payments += 1;
			Ledger::<T>::mutate(|ledger| ledger.owed.saturating_reduce(paid));
			let remaining = remaining.saturating_sub(paid);
			if remaining.is_zero() {
				queue.remove(0);
				Requests::<T>::remove(id);
			} else {
				request.status = RequestStatus::Owed { remaining };
				Requests::<T>::insert(id, request);
				break;
			}
		}
		if payments > 0 {
			OwedQueue::<T>::put(queue);
		}
		payments
	}

	/// Transfers up to `due` from the pool to `beneficiary`, as much as the pool can while
	/// staying alive, and books it. Returns what was paid.
	fn pay(id: RequestId, beneficiary: &T::AccountId, due: BalanceOf<T>) -> BalanceOf<T> {
		let pool = Self::account_id();
		let liquid =
			T::Currency::reducible_balance(&pool, Preservation::Preserve, Fortitude::Polite);
		let amount = due.min(liquid);
		if amount.is_zero()
			|| T::Currency::transfer(&pool, beneficiary, amount, Preservation::Preserve).is_err()
		{
			return Zero::zero();
		}
		Ledger::<T>::mutate(|ledger| {
			ledger.committed.saturating_reduce(amount);
			ledger.lifetime_outflow.saturating_accrue(amount);
		});
		Self::deposit_event(Event::Paid {
			request: id,
			beneficiary: beneficiary.clone(),
			amount,
			remaining: due.saturating_sub(amount),
		});
		amount
	}

	/// Vetoes an approved request still in its timelock.
	pub(crate) fn do_veto(id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let RequestStatus::Approved { payable_at } = request.status else {
			return Err(Error::<T>::NotApproved.into());
		};
		let now = T::BlockNumberProvider::current_block_number();
		ensure!(now < payable_at, Error::<T>::TimelockExpired);
		Timelocks::<T>::mutate(|queue| queue.retain(|deadline| deadline.request != id));
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
	/// - the deadline and owed queues hold exactly the requests in the matching status;
	/// - every running tally equals the sum of the votes cast on it;
	/// - every voter's freeze equals its largest live vote;
	/// - every submitter's held deposit equals its open requests' deposits;
	/// - open requests do not exceed `MaxOpenRequests`.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::Tally;
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::{InspectFreeze, InspectHold};

		let pool = Self::account_id();
		ensure!(
			T::Currency::balance(&pool) >= T::Currency::minimum_balance(),
			"the pool account must stay alive"
		);

		let mut committed = BalanceOf::<T>::zero();
		let mut owed = BalanceOf::<T>::zero();
		let mut deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut tallies = BTreeMap::<RequestId, Tally<BalanceOf<T>>>::new();
		let (mut voting, mut approved, mut owing) = (0usize, 0usize, 0usize);
		for (id, request) in Requests::<T>::iter() {
			match request.status {
				RequestStatus::Voting { tally, .. } => {
					voting += 1;
					tallies.insert(id, tally);
				},
				RequestStatus::Approved { .. } => {
					approved += 1;
					committed.saturating_accrue(request.amount);
				},
				RequestStatus::Owed { remaining } => {
					owing += 1;
					committed.saturating_accrue(remaining);
					owed.saturating_accrue(remaining);
					ensure!(request.deposit.is_zero(), "owed requests hold no deposit");
				},
			}
			deposits
				.entry(request.submitter)
				.or_default()
				.saturating_accrue(request.deposit);
		}
		let ledger = Ledger::<T>::get();
		ensure!(ledger.committed == committed, "committed must equal the sum over requests");
		ensure!(ledger.owed == owed, "owed must equal the sum over owed requests");

		let count = Requests::<T>::count();
		ensure!(count as usize == voting + approved + owing, "request counter out of step");
		ensure!(count <= T::MaxOpenRequests::get(), "too many open requests");
		let in_status = |id: RequestId, voting: bool| {
			Requests::<T>::get(id).is_some_and(|r| {
				matches!(
					(r.status, voting),
					(RequestStatus::Voting { .. }, true) | (RequestStatus::Approved { .. }, false)
				)
			})
		};
		let deadlines = VotingDeadlines::<T>::get();
		ensure!(deadlines.len() == voting, "every running referendum has one deadline");
		ensure!(deadlines.iter().all(|d| in_status(d.request, true)), "stray voting deadline");
		ensure!(deadlines.windows(2).all(|w| w[0].at <= w[1].at), "voting deadlines unsorted");
		let timelocks = Timelocks::<T>::get();
		ensure!(timelocks.len() == approved, "every approved request has one timelock");
		ensure!(timelocks.iter().all(|d| in_status(d.request, false)), "stray timelock");
		ensure!(timelocks.windows(2).all(|w| w[0].at <= w[1].at), "timelocks unsorted");
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

		let mut counted = BTreeMap::<RequestId, Tally<BalanceOf<T>>>::new();
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
				}
			}
		}
		for (id, tally) in tallies {
			ensure!(
				counted.get(&id).copied().unwrap_or_default() == tally,
				"running tallies equal the sum of their votes"
			);
		}
		Ok(())
	}
}
