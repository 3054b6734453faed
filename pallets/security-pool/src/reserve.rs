//! The reserve: inflows, payouts, the owed queue, vetoes and the pool's invariants.

use crate::{pallet::*, take_due_in, BlockNumberOf, RequestId, RequestKind, RequestStatus};
use frame_support::{
	ensure,
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{DepositConsequence, Fortitude, Preservation, Provenance},
	},
};
use sp_runtime::traits::{AccountIdConversion, BlockNumberProvider, Saturating, Zero};

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::pallet_prelude::Get;
use scale_info::TypeInfo;

/// The pool's running accounts.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct PoolLedger<Balance> {
	/// What the requests under vote ask for.
	pub voting: Balance,
	/// Unpaid amounts of approved requests (in timelock or owed).
	pub committed: Balance,
	/// The part of `committed` that is due but could not yet be paid.
	pub owed: Balance,
	/// Everything that ever came in: fee shares, contributions, forfeited deposits.
	pub lifetime_inflow: Balance,
	/// Everything that was ever paid out.
	pub lifetime_outflow: Balance,
}

impl<Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy> PoolLedger<Balance> {
	/// What all open requests ask for: those under vote plus `committed`.
	pub fn exposure(&self) -> Balance {
		self.voting.saturating_add(self.committed)
	}
}

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
		Self::available_under(&Ledger::<T>::get())
	}

	/// [`Self::available`] against `ledger` in place of the stored accounts.
	pub(crate) fn available_under(ledger: &PoolLedger<BalanceOf<T>>) -> BalanceOf<T> {
		T::Currency::balance(&Self::account_id())
			.saturating_sub(T::Currency::minimum_balance())
			.saturating_sub(ledger.committed)
	}

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
