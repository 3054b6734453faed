//! Incidents: one decision compensates every victim of a hack.
//!
//! An incident is a request whose beneficiaries are the leaves of a loss list: `(index, account,
//! amount)` SCALE-encoded, hashed with BLAKE2-256 into the binary Merkle tree of polkadot-sdk's
//! `binary-merkle-tree` crate, of which only the root is stored. It is voted on like any request;
//! once its timelock expires every leaf may be claimed, by anyone and without a fee, for the
//! same fraction of its amount (budget ÷ total, rounded down) until its claim window closes.

use crate::{
	pallet::*, schedule, take_due_in, BlockNumberOf, Deadline, PoolLedger, RequestId, RequestKind,
	RequestStatus,
};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	defensive, ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{DepositConsequence, Preservation, Provenance},
	},
};
use sp_core::H256;
use sp_runtime::{
	traits::{
		AtLeast32BitUnsigned, BlakeTwo256, BlockNumberProvider, Saturating, UniqueSaturatedInto,
		Zero,
	},
	ModuleError, Rounding,
};

/// The bytes of a loss list's leaf: `SCALE((index, account, amount))`.
pub fn leaf_of<AccountId: Encode, Balance: Encode>(
	index: u32,
	account: &AccountId,
	amount: &Balance,
) -> Vec<u8> {
	(index, account, amount).encode()
}

/// The Merkle root of a loss list's leaves, in order (32 zero bytes for none).
pub fn loss_root<I>(leaves: I) -> H256
where
	I: IntoIterator,
	I::Item: AsRef<[u8]>,
{
	binary_merkle_tree::merkle_root::<BlakeTwo256, _>(leaves)
}

/// The Merkle proof of leaf `index` of a loss list: the sibling hashes from the leaf up.
///
/// Panics if `index` is not below the number of leaves.
pub fn loss_proof<I>(leaves: I, index: u32) -> Vec<H256>
where
	I: IntoIterator,
	I::IntoIter: ExactSizeIterator,
	I::Item: AsRef<[u8]>,
{
	binary_merkle_tree::merkle_proof::<BlakeTwo256, _, _>(leaves, index).proof
}

/// Whether `leaf` is leaf `index` of the `victims`-leaf loss list with `root`.
pub fn verify_loss(root: &H256, victims: u32, index: u32, leaf: &[u8], proof: &[H256]) -> bool {
	binary_merkle_tree::verify_proof::<BlakeTwo256, _, _>(
		root,
		proof.iter().copied(),
		victims,
		index,
		&leaf,
	)
}

/// The most hashes a proof of a leaf of a `victims`-leaf list has: `⌈log2(victims)⌉`.
pub fn proof_depth(victims: u32) -> usize {
	(u32::BITS - victims.saturating_sub(1).leading_zeros()) as usize
}

/// The share of a leaf for `amount` of an incident asking `total` with `budget`:
/// `amount × budget ÷ total`, rounded down.
pub fn share_of<Balance: AtLeast32BitUnsigned + Copy>(
	amount: Balance,
	budget: Balance,
	total: Balance,
) -> Balance {
	amount
		.multiply_rational(budget, total, Rounding::Down)
		.unwrap_or_else(Zero::zero)
}

/// A claim that pays: its incident, the leaf's share, and the leaf's bitmap word with its bit
/// set.
pub(crate) struct ValidClaim<T: Config> {
	request: PayoutRequestOf<T>,
	pub(crate) share: BalanceOf<T>,
	word: u32,
	bits: u128,
}

impl<T: Config> Pallet<T> {
	/// Files an incident; see [`Pallet::declare_incident`].
	pub(crate) fn do_declare_incident(
		submitter: T::AccountId,
		evidence: Vec<u8>,
		total: BalanceOf<T>,
		victims: u32,
		root: H256,
		claim_period: BlockNumberOf<T>,
	) -> DispatchResult {
		let evidence: BoundedVec<u8, T::MaxEvidenceLen> =
			evidence.try_into().map_err(|_| Error::<T>::EvidenceTooLong)?;
		ensure!(!total.is_zero(), Error::<T>::ZeroAmount);
		ensure!((1..=T::MaxVictims::get()).contains(&victims), Error::<T>::VictimsOutOfBounds);
		ensure!(
			(T::MinClaimPeriod::get()..=T::MaxClaimPeriod::get()).contains(&claim_period),
			Error::<T>::ClaimPeriodOutOfBounds
		);
		let budget = Self::budget_for(total, &Ledger::<T>::get());
		ensure!(!budget.is_zero(), Error::<T>::NoBudget);
		let bytes = (evidence.len() as u32).saturating_add(H256::len_bytes() as u32);
		let kind = RequestKind::Incident {
			evidence: evidence.clone(),
			total,
			victims,
			root,
			claim_period,
		};
		let (incident, deposit, voting_ends_at) =
			Self::open_request(&submitter, &submitter, total, budget, bytes, kind)?;
		Self::deposit_event(Event::IncidentDeclared {
			incident,
			submitter,
			total,
			victims,
			root,
			claim_period,
			evidence,
			budget,
			deposit,
			voting_ends_at,
		});
		Ok(())
	}

	/// The budget of an incident asking `total` against the pool's accounts `ledger`: the
	/// smallest of `total`, `max_payout` of what is available and the room under
	/// `max_exposure`.
	pub(crate) fn budget_for(
		total: BalanceOf<T>,
		ledger: &PoolLedger<BalanceOf<T>>,
	) -> BalanceOf<T> {
		total.min(Self::claim_limit_under(ledger))
	}

	/// What an approved request commits: its amount, or for an incident the budget set now
	/// against `ledger` (the accounts as this block's endings left them) in place of what it
	/// reserved while voting.
	pub(crate) fn budget_on_approval(
		request: &mut PayoutRequestOf<T>,
		ledger: &PoolLedger<BalanceOf<T>>,
	) -> BalanceOf<T> {
		if let RequestKind::Incident { total, .. } = request.kind {
			let budget = Self::budget_for(total, ledger);
			// The budget is at most the total its track took it for: the track's cap holds.
			Self::track_releases(request.terms.track, total);
			Self::track_opens(request.terms.track, budget);
			request.amount = budget;
		}
		request.amount
	}

	/// Opens the claims of an incident whose timelock expired: releases its deposit and its
	/// track, and closes the window `claim_period` blocks from `now`.
	pub(crate) fn open_compensation(
		id: RequestId,
		mut request: PayoutRequestOf<T>,
		now: BlockNumberOf<T>,
		claim_period: BlockNumberOf<T>,
	) {
		Self::release_deposit(&mut request);
		Self::track_releases(request.terms.track, request.amount);
		let closes_at = now.saturating_add(claim_period);
		if ClaimWindows::<T>::try_mutate(|queue| schedule(queue, closes_at, id)).is_err() {
			// Unreachable: the queue is bounded by the open requests.
			defensive!("claim window queue full");
		}
		request.status = RequestStatus::Compensating { paid: Zero::zero(), closes_at };
		let budget = request.amount;
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::CompensationOpened { incident: id, budget, closes_at });
	}

	/// Checks a claim of compensation without changing anything.
	pub(crate) fn check_claim(
		incident: RequestId,
		index: u32,
		account: &T::AccountId,
		amount: BalanceOf<T>,
		proof: &[H256],
		now: BlockNumberOf<T>,
	) -> Result<ValidClaim<T>, DispatchError> {
		let request = Requests::<T>::get(incident).ok_or(Error::<T>::UnknownRequest)?;
		let RequestKind::Incident { total, victims, root, .. } = &request.kind else {
			return Err(Error::<T>::NotAnIncident.into());
		};
		let RequestStatus::Compensating { paid, closes_at } = request.status else {
			return Err(Error::<T>::NotCompensating.into());
		};
		ensure!(now < closes_at, Error::<T>::ClaimWindowClosed);
		ensure!(index < *victims, Error::<T>::LeafOutOfRange);
		ensure!(*account != Self::account_id(), Error::<T>::PoolIsBeneficiary);
		let (word_index, bit) = (index / 128, 1u128 << (index % 128));
		let word = ClaimedLeaves::<T>::get(incident, word_index);
		ensure!(word & bit == 0, Error::<T>::AlreadyCompensated);
		ensure!(
			proof.len() <= proof_depth(*victims)
				&& verify_loss(root, *victims, index, &leaf_of(index, account, &amount), proof),
			Error::<T>::InvalidProof
		);
		let share = share_of(amount, request.amount, *total);
		ensure!(!share.is_zero(), Error::<T>::NothingToPay);
		ensure!(paid.saturating_add(share) <= request.amount, Error::<T>::BudgetExhausted);
		// Owed requests are paid first (the pool only runs short if its funds left otherwise).
		ensure!(
			share <= Self::liquid().saturating_sub(Ledger::<T>::get().owed),
			Error::<T>::PoolCannotPay
		);
		match T::Currency::can_deposit(account, share, Provenance::Extant) {
			DepositConsequence::Success => {},
			DepositConsequence::BelowMinimum => return Err(Error::<T>::ShareBelowMinimum.into()),
			_ => return Err(Error::<T>::CannotReceive.into()),
		}
		Ok(ValidClaim { request, share, word: word_index, bits: word | bit })
	}

	/// Pays a leaf its share; see [`Pallet::claim_compensation`].
	pub(crate) fn do_claim_compensation(
		incident: RequestId,
		index: u32,
		account: T::AccountId,
		amount: BalanceOf<T>,
		proof: &[H256],
	) -> DispatchResult {
		let now = T::BlockNumberProvider::current_block_number();
		let ValidClaim { mut request, share, word, bits } =
			Self::check_claim(incident, index, &account, amount, proof, now)?;
		T::Currency::transfer(&Self::account_id(), &account, share, Preservation::Preserve)?;
		ClaimedLeaves::<T>::insert(incident, word, bits);
		if let RequestStatus::Compensating { ref mut paid, .. } = request.status {
			paid.saturating_accrue(share);
		}
		Requests::<T>::insert(incident, request);
		Ledger::<T>::mutate(|ledger| {
			ledger.committed.saturating_reduce(share);
			ledger.lifetime_outflow.saturating_accrue(share);
		});
		Self::deposit_event(Event::Compensated { incident, index, account, amount: share });
		Ok(())
	}

	/// The transaction pool's check of an unsigned claim: valid exactly when it would pay,
	/// provided once per leaf, until the window closes. A refusal carries the pallet error's
	/// index as its custom code.
	pub(crate) fn validate_claim(
		incident: RequestId,
		index: u32,
		account: &T::AccountId,
		amount: BalanceOf<T>,
		proof: &[H256],
	) -> TransactionValidity {
		let now = T::BlockNumberProvider::current_block_number();
		let ValidClaim { request, .. } =
			Self::check_claim(incident, index, account, amount, proof, now).map_err(|error| {
				match error {
					DispatchError::Module(ModuleError { error, .. }) => {
						InvalidTransaction::Custom(error[0])
					},
					_ => InvalidTransaction::Call,
				}
			})?;
		let RequestStatus::Compensating { closes_at, .. } = request.status else {
			return InvalidTransaction::Call.into();
		};
		ValidTransaction::with_tag_prefix("SecurityPoolCompensation")
			.priority(T::CompensationPriority::get())
			.and_provides((incident, index))
			.longevity(closes_at.saturating_sub(now).unique_saturated_into())
			.propagate(true)
			.build()
	}

	/// Closes the incidents whose claim window ended by `now`, at most `MaxExpiriesPerBlock` of
	/// them: the rest of each budget returns to the pool and its bitmap is swept. Returns how
	/// many deadlines it took.
	pub(crate) fn close_incidents(now: BlockNumberOf<T>) -> u32 {
		let closing = take_due_in::<T, ClaimWindows<T>>(now, T::MaxExpiriesPerBlock::get());
		for &Deadline { request: incident, .. } in &closing {
			let Some(request) = Requests::<T>::get(incident) else { continue };
			let RequestStatus::Compensating { paid, .. } = request.status else { continue };
			let returned = request.amount.saturating_sub(paid);
			Ledger::<T>::mutate(|ledger| ledger.committed.saturating_reduce(returned));
			Self::finish(incident, &request, true);
			if ClaimedLeaves::<T>::iter_key_prefix(incident).next().is_some() {
				Sweeps::<T>::insert(incident, ());
			}
			Self::deposit_event(Event::IncidentClosed { incident, paid, returned });
		}
		closing.len() as u32
	}

	/// Removes at most `MaxSweepPerBlock` words of one closed incident's claimed-leaf bitmap.
	/// Returns how many it removed.
	pub(crate) fn sweep_claimed() -> u32 {
		let Some(incident) = Sweeps::<T>::iter_keys().next() else { return 0 };
		let limit = T::MaxSweepPerBlock::get() as usize;
		// One word more than it removes tells whether the bitmap is gone.
		let words: Vec<u32> = ClaimedLeaves::<T>::iter_key_prefix(incident)
			.take(limit.saturating_add(1))
			.collect();
		if words.len() <= limit {
			Sweeps::<T>::remove(incident);
		}
		let removed = words.len().min(limit);
		for &word in &words[..removed] {
			ClaimedLeaves::<T>::remove(incident, word);
		}
		removed as u32
	}
}
