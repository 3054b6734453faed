//! What clients read (runtime API): the pool's accounts, parameters, limits, requests, running
//! referenda, incidents and fee share.

use crate::{
	pallet::*, AdaptiveFeeShare, BlockNumberOf, RequestId, RequestKind, RequestStatus, Track,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use core::fmt::Debug;
use frame_support::pallet_prelude::Get;
use frame_support::traits::fungible::Inspect;
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{
	traits::{BlockNumberProvider, One, Saturating, Zero},
	DispatchError, Perbill,
};

/// The pool's accounts, for clients (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct PoolStatus<Balance> {
	/// The pool account's free balance.
	pub balance: Balance,
	/// What new requests are capped against: balance − existential deposit − committed.
	pub available: Balance,
	/// Unpaid amounts of approved requests.
	pub committed: Balance,
	/// The part of `committed` that is due but could not yet be paid.
	pub owed: Balance,
	/// What all open requests ask for: under vote plus `committed`; capped by `max_exposure`.
	pub exposure: Balance,
	/// Requests not yet finished.
	pub open_requests: u32,
	/// Everything that ever came in: fee shares, contributions, forfeited deposits.
	pub lifetime_inflow: Balance,
	/// Everything that was ever paid out.
	pub lifetime_outflow: Balance,
}

/// A running referendum, for clients (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ReferendumStatus<Balance, BlockNumber> {
	/// The request's track: an index into the parameters' `tracks`, `None` for the general one.
	pub track: Option<u8>,
	/// Whether it passes with the votes cast so far.
	pub passing: bool,
	/// The balance of its ayes and abstentions (nays never count).
	pub support: Balance,
	/// The support it needs: `min_support` of the active issuance now.
	pub support_needed: Balance,
	/// Whether a vote sent now (included in the next block) falls in the confirmation window
	/// (the last `confirm_period` blocks of voting): a change of the outcome there moves the
	/// end, and a vote cast or removed there is locked.
	pub confirming: bool,
	/// The first block at which votes are no longer accepted, after extensions.
	pub ends_at: BlockNumber,
	/// How often a change of the outcome in the confirmation window moved the end.
	pub extensions: u8,
}

/// An incident, for clients (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct IncidentStatus<Balance, BlockNumber> {
	/// The sum of the losses its list declares.
	pub total: Balance,
	/// The number of leaves of its list.
	pub victims: u32,
	/// The Merkle root of its list.
	pub root: H256,
	/// Blocks its victims have to claim, from the timelock's expiry.
	pub claim_period: BlockNumber,
	/// While voting, what the pool reserves for it now; from approval, its budget: each leaf is
	/// paid `amount × budget ÷ total`, rounded down.
	pub budget: Balance,
	/// What its victims were paid so far.
	pub paid: Balance,
	/// The first block at which no claim is accepted, once its claims are open.
	pub closes_at: Option<BlockNumber>,
}

impl<T: Config> Pallet<T> {
	/// The pool's accounts, for clients.
	pub fn pool_status() -> PoolStatus<BalanceOf<T>> {
		let ledger = Ledger::<T>::get();
		PoolStatus {
			balance: T::Currency::balance(&Self::account_id()),
			available: Self::available(),
			committed: ledger.committed,
			owed: ledger.owed,
			exposure: ledger.exposure(),
			open_requests: Requests::<T>::count(),
			lifetime_inflow: ledger.lifetime_inflow,
			lifetime_outflow: ledger.lifetime_outflow,
		}
	}

	/// The pool's parameters, for clients.
	pub fn parameters() -> ParametersOf<T> {
		Parameters::<T>::get()
	}

	/// The track a request for `amount` filed now would take, for clients.
	pub fn track_for(amount: BalanceOf<T>) -> TrackChoice<BalanceOf<T>, BlockNumberOf<T>> {
		let (index, track) = Parameters::<T>::get().track_for(amount, &OpenByTrack::<T>::get());
		TrackChoice { index, track }
	}

	/// The X25519 key disclosures' reports are sealed to, if the council published one.
	pub fn triage_key() -> Option<[u8; 32]> {
		TriageKey::<T>::get()
	}

	/// One open request, for clients.
	pub fn request(id: RequestId) -> Option<PayoutRequestOf<T>> {
		Requests::<T>::get(id)
	}

	/// A running referendum's track, support, standing and end, and whether it is in its
	/// confirmation window, for clients.
	pub fn referendum(id: RequestId) -> Option<ReferendumStatus<BalanceOf<T>, BlockNumberOf<T>>> {
		let request = Requests::<T>::get(id)?;
		let RequestStatus::Voting { ends_at, extensions, tally } = request.status else {
			return None;
		};
		// A vote sent now is included in the next block at the earliest.
		let next = T::BlockNumberProvider::current_block_number().saturating_add(One::one());
		let support_needed = request.terms.min_support.mul_ceil(T::Currency::active_issuance());
		Some(ReferendumStatus {
			track: request.terms.track,
			passing: Self::passing(&request),
			support: tally.support,
			support_needed,
			confirming: Self::confirming(&request, next),
			ends_at,
			extensions,
		})
	}

	/// The pool's share of fees, for clients.
	pub fn fee_share_status() -> FeeShareStatus<crate::BalanceOf<T>> {
		FeeShareStatus {
			current: Self::fee_share(),
			fixed: T::FeeShare::get(),
			adaptive: FeeSharePolicy::<T>::get(),
		}
	}

	/// An incident's state, for clients.
	pub fn incident(id: RequestId) -> Option<IncidentStatus<BalanceOf<T>, BlockNumberOf<T>>> {
		let request = Requests::<T>::get(id)?;
		let RequestKind::Incident { total, victims, root, claim_period, .. } = request.kind else {
			return None;
		};
		let (paid, closes_at) = match request.status {
			RequestStatus::Compensating { paid, closes_at } => (paid, Some(closes_at)),
			_ => (Zero::zero(), None),
		};
		Some(IncidentStatus {
			total,
			victims,
			root,
			claim_period,
			budget: request.amount,
			paid,
			closes_at,
		})
	}

	/// What claiming a leaf would pay now, or why it would be refused, for clients.
	pub fn compensation(
		incident: RequestId,
		index: u32,
		account: T::AccountId,
		amount: BalanceOf<T>,
		proof: Vec<H256>,
	) -> Result<BalanceOf<T>, DispatchError> {
		// A claim sent now is included in the next block at the earliest.
		let next = T::BlockNumberProvider::current_block_number().saturating_add(One::one());
		Self::check_claim(incident, index, &account, amount, &proof, next).map(|valid| valid.share)
	}
}

/// The pool's share of fees, for clients (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct FeeShareStatus<Balance> {
	/// The share the next fee pays to the pool.
	pub current: Perbill,
	/// The runtime's fixed share ([`Config::FeeShare`]), used when no adaptive share is set.
	pub fixed: Perbill,
	/// The adaptive share governance set, if any.
	pub adaptive: Option<AdaptiveFeeShare<Balance>>,
}

/// What a new request may ask now, for clients (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct RequestLimits<Balance> {
	/// The least a request may ask: the existential deposit.
	pub minimum: Balance,
	/// The most a claim may ask: `max_payout` of available, within `exposure_room`.
	pub claim: Balance,
	/// The most a disclosure may ask, by severity from `Critical` to `Low`: the claim's limit
	/// and the severity's tier.
	pub disclosure: [Balance; 4],
	/// What `max_exposure` leaves for new requests.
	pub exposure_room: Balance,
	/// The requests open now.
	pub open_requests: u32,
	/// The most requests that may be open at once.
	pub max_open_requests: u32,
}

/// The track a request would take, for clients (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct TrackChoice<Balance, BlockNumber> {
	/// The track's index in the parameters' `tracks`, or `None` for the general track.
	pub index: Option<u8>,
	/// The track's rules.
	pub track: Track<Balance, BlockNumber>,
}
