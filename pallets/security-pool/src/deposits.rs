//! What a request puts at stake and what it may ask: the deposit, the caps on the amount, and
//! what becomes of the deposit when the request ends.

use crate::{pallet::*, PoolLedger, RequestId, RequestLimits, Severity};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks a new request's amount against zero, the existential deposit, `max_payout`,
	/// `max_exposure` and, for disclosures, the severity tier.
	pub(crate) fn check_amount(amount: BalanceOf<T>, severity: Option<Severity>) -> DispatchResult {
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
		ensure!(amount <= Self::exposure_room(), Error::<T>::ExceedsMaxExposure);
		Ok(())
	}

	/// What `max_exposure` leaves for new requests: its share of the pool's balance less what
	/// the open requests ask.
	pub fn exposure_room() -> BalanceOf<T> {
		Self::exposure_room_under(&Ledger::<T>::get())
	}

	/// [`Self::exposure_room`] against `ledger` in place of the stored accounts.
	fn exposure_room_under(ledger: &PoolLedger<BalanceOf<T>>) -> BalanceOf<T> {
		let pool = T::Currency::balance(&Self::account_id());
		Parameters::<T>::get()
			.max_exposure
			.mul_floor(pool)
			.saturating_sub(ledger.exposure())
	}

	/// The most a claim may ask against `ledger`: `max_payout` of what is available, within the
	/// exposure room. [`Self::limits`] quotes it against the stored accounts; an incident's
	/// budget is set by it against the accounts its approval block left.
	pub(crate) fn claim_limit_under(ledger: &PoolLedger<BalanceOf<T>>) -> BalanceOf<T> {
		Parameters::<T>::get()
			.max_payout
			.mul_floor(Self::available_under(ledger))
			.min(Self::exposure_room_under(ledger))
	}

	/// What a new request may ask now, by the rules [`Self::check_amount`] applies: at least the
	/// existential deposit, at most `max_payout` of available within the exposure room, and for a
	/// disclosure at most its severity's tier.
	pub fn limits() -> RequestLimits<BalanceOf<T>> {
		let parameters = Parameters::<T>::get();
		let ledger = Ledger::<T>::get();
		let available = Self::available_under(&ledger);
		let exposure_room = Self::exposure_room_under(&ledger);
		let claim = Self::claim_limit_under(&ledger);
		let disclosure =
			Severity::ALL.map(|severity| claim.min(parameters.tiers.of(severity).limit(available)));
		RequestLimits {
			minimum: T::Currency::minimum_balance(),
			claim,
			disclosure,
			exposure_room,
			open_requests: Requests::<T>::count(),
			max_open_requests: T::MaxOpenRequests::get(),
		}
	}

	/// The deposit of a new request for `amount` with `bytes` of evidence or commitment:
	/// `(deposit_base + deposit_per_byte × bytes) × (1 + open requests) + amount_bond × amount`.
	pub fn deposit_for(bytes: u32, amount: BalanceOf<T>) -> BalanceOf<T> {
		Self::deposit_under(&Parameters::<T>::get(), bytes, amount)
	}

	/// [`Self::deposit_for`] under `parameters`.
	pub(crate) fn deposit_under(
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
