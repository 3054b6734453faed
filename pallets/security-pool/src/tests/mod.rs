//! Tests of the security pool, by topic, on the mock runtime with real `pallet-balances`.

mod api;
mod attacks;
mod decisions;
mod fee;
mod incidents;
mod lifecycle;

mod parameters;
mod property;
mod requests;
mod triage;
mod voting;

use crate::{mock::*, Choice, Conviction, RequestId, Vote};
use frame_support::{assert_ok, dispatch::DispatchResult};

/// Files a claim by `who` for `amount` to `who` with 3 bytes of evidence; returns its id.
pub(crate) fn claim(who: AccountId, amount: Balance) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(SecurityPool::submit_claim(
		RuntimeOrigin::signed(who),
		amount,
		who,
		b"cid".to_vec()
	));
	id
}

/// `who` files a claim for `amount` to `beneficiary`, without evidence.
pub(crate) fn try_claim(who: AccountId, amount: Balance, beneficiary: AccountId) -> DispatchResult {
	SecurityPool::submit_claim(RuntimeOrigin::signed(who), amount, beneficiary, vec![])
}

/// `who` files a disclosure with `commitment` for `amount` to `beneficiary`.
pub(crate) fn try_disclose(
	who: AccountId,
	commitment: sp_core::H256,
	severity: crate::Severity,
	amount: Balance,
	beneficiary: AccountId,
) -> DispatchResult {
	SecurityPool::submit_disclosure(
		RuntimeOrigin::signed(who),
		commitment,
		severity,
		amount,
		beneficiary,
		None,
	)
}

/// A vote of `balance` with `conviction`.
pub(crate) fn vote(aye: bool, balance: Balance, conviction: Conviction) -> Vote<Balance> {
	let choice = if aye { Choice::Aye } else { Choice::Nay };
	Vote { choice, balance, conviction }
}

/// `who` votes `vote` on `id`.
pub(crate) fn cast(who: AccountId, id: RequestId, vote: Vote<Balance>) -> DispatchResult {
	SecurityPool::vote(RuntimeOrigin::signed(who), id, vote)
		.map(|_| ())
		.map_err(|e| e.error)
}

/// Casts aye votes of BOB and CHARLIE that pass any referendum under the test parameters.
pub(crate) fn pass(id: RequestId) {
	assert_ok!(cast(BOB, id, vote(true, 700_000, Conviction::Locked1x)));
	assert_ok!(cast(CHARLIE, id, vote(true, 600_000, Conviction::None)));
}

/// The deposit of a claim with `len` bytes of evidence filed while no other request is open.
pub(crate) fn deposit_for(len: u64) -> Balance {
	DEPOSIT_BASE + DEPOSIT_PER_BYTE * len
}

/// The first block at which a request submitted now stops taking votes.
pub(crate) fn voting_end() -> u64 {
	System::block_number() + VOTING_PERIOD
}

/// The request deposits `who` has on hold.
pub(crate) fn held(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&crate::HoldReason::RequestDeposit.into(), &who)
}

/// What `who` has frozen for votes.
pub(crate) fn frozen(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectFreeze;
	Balances::balance_frozen(&crate::FreezeReason::Vote.into(), &who)
}

/// Moves everything the pool holds above `keep` (and its existential deposit) out of it, as root
/// could through a forced transfer; the pool's books are untouched.
pub(crate) fn drain_pool_to(keep: Balance) {
	use frame_support::traits::{fungible::Mutate, tokens::Preservation};
	let pool = SecurityPool::account_id();
	let excess = pool_balance() - ED - keep;
	assert_ok!(<Balances as Mutate<_>>::transfer(&pool, &AUTHOR, excess, Preservation::Preserve));
}
