//! The fee hook through its `OnUnbalanced` API.

use super::*;
use crate::{Event, Ledger};
use frame_support::traits::OnUnbalanced;
use sp_runtime::Perbill;

/// Runs one fee and tip through the hook; returns what the pool and the author gained.
fn split(fee: Balance, tip: Balance) -> (Balance, Balance) {
	let (pool, author) = (pool_balance(), Balances::free_balance(AUTHOR));
	let issuance = Balances::total_issuance();
	FeeHook::on_unbalanceds([fee_credit(fee), fee_credit(tip)].into_iter());
	assert_eq!(Balances::total_issuance(), issuance, "no value is lost or made");
	(pool_balance() - pool, Balances::free_balance(AUTHOR) - author)
}

#[test]
fn the_pool_takes_its_share_of_fees_and_none_of_tips() {
	ExtBuilder::default().build_and_execute(|| {
		// 20%, rounded down for the pool; amounts below the existential deposit included.
		for (fee, tip, to_pool) in [
			(1, 0, 0),
			(4, 3, 0),
			(5, 0, 1),
			(9, 1, 1),
			(10, 0, 2),
			(99, 7, 19),
			(1_234, 100, 246),
			(500_001, 0, 100_000),
		] {
			assert_eq!(split(fee, tip), (to_pool, fee - to_pool + tip), "fee {fee}, tip {tip}");
		}
		let inflow = 1 + 1 + 2 + 19 + 246 + 100_000;
		assert_eq!(Ledger::<Test>::get().lifetime_inflow, inflow);
		assert!(pool_events().contains(&Event::FeeShareReceived { amount: 246 }));
		// No event for an empty share.
		assert_eq!(pool_events().len(), 6);
	});
}

#[test]
fn a_zero_share_passes_everything_on() {
	ExtBuilder::default().build_and_execute(|| {
		FeeShare::set(Perbill::zero());
		assert_eq!(split(1_000, 50), (0, 1_050));
		assert_eq!(Ledger::<Test>::get().lifetime_inflow, 0);
		assert!(pool_events().is_empty());
		FeeShare::set(Perbill::from_percent(20));
	});
}

#[test]
fn a_full_share_keeps_the_fee_but_not_the_tip() {
	ExtBuilder::default().build_and_execute(|| {
		FeeShare::set(Perbill::one());
		assert_eq!(split(1_000, 50), (1_000, 50));
		assert_eq!(split(3, 0), (3, 0));
		FeeShare::set(Perbill::from_percent(20));
	});
}

#[test]
fn other_pallets_can_hand_over_single_credits() {
	ExtBuilder::default().build_and_execute(|| {
		let author = Balances::free_balance(AUTHOR);
		FeeHook::on_unbalanced(fee_credit(500));
		assert_eq!(pool_balance(), POOL_GENESIS + 100);
		assert_eq!(Balances::free_balance(AUTHOR), author + 400);
		// An empty credit is a no-op.
		FeeHook::on_unbalanced(fee_credit(0));
		assert_eq!(pool_balance(), POOL_GENESIS + 100);
	});
}

#[test]
fn contributions_go_to_the_pool() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(ALICE), 2_500));
		assert_eq!(pool_balance(), POOL_GENESIS + 2_500);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT - 2_500);
		assert_eq!(Ledger::<Test>::get().lifetime_inflow, 2_500);
		assert_eq!(pool_events(), vec![Event::Contributed { who: ALICE, amount: 2_500 }]);
		frame_support::assert_noop!(
			SecurityPool::contribute(RuntimeOrigin::signed(ALICE), 0),
			crate::Error::<Test>::ZeroAmount
		);
	});
}
