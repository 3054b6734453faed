//! The fee hook through its `OnUnbalanced` API.

use super::*;
use crate::FeeShareError;
use crate::{AdaptiveFeeShare, Event, Ledger};
use frame_support::{assert_noop, traits::OnUnbalanced};
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
		assert_noop!(
			SecurityPool::contribute(RuntimeOrigin::signed(ALICE), 0),
			crate::Error::<Test>::ZeroAmount
		);
	});
}

/// From a 45% share of an empty pool down to 5% at a reserve of `POOL_GENESIS`.
fn adaptive() -> AdaptiveFeeShare<Balance> {
	AdaptiveFeeShare {
		floor: Perbill::from_percent(5),
		ceiling: Perbill::from_percent(45),
		target_reserve: POOL_GENESIS,
	}
}

fn set_fee_share(adaptive: Option<AdaptiveFeeShare<Balance>>) -> DispatchResult {
	SecurityPool::set_fee_share(RuntimeOrigin::root(), adaptive)
}

#[test]
fn an_adaptive_share_runs_from_the_ceiling_to_the_floor() {
	let share = adaptive();
	assert_eq!(share.share_at(0), Perbill::from_percent(45));
	assert_eq!(share.share_at(POOL_GENESIS / 2), Perbill::from_percent(25));
	assert_eq!(share.share_at(POOL_GENESIS / 4), Perbill::from_percent(35));
	assert_eq!(share.share_at(POOL_GENESIS), Perbill::from_percent(5));
	assert_eq!(share.share_at(Balance::MAX), Perbill::from_percent(5));
	// The fall is rounded down, in the pool's favour: 40% × 1/3 = 13.333…%.
	let thirds = AdaptiveFeeShare { target_reserve: 3, ..share };
	assert_eq!(thirds.share_at(1), Perbill::from_parts(450_000_000 - 133_333_333));
	// A flat policy is a fixed share.
	let flat = AdaptiveFeeShare { floor: Perbill::from_percent(7), ..share };
	let flat = AdaptiveFeeShare { ceiling: Perbill::from_percent(7), ..flat };
	assert_eq!(flat.share_at(0), Perbill::from_percent(7));
	assert_eq!(flat.share_at(POOL_GENESIS / 2), Perbill::from_percent(7));
}

/// Moves to the next block, where `on_initialize` works out the block's share.
fn next_block() {
	run_to_block(System::block_number() + 1);
}

#[test]
fn fees_pay_the_adaptive_share_of_the_reserve_when_the_block_starts() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(set_fee_share(Some(adaptive())));
		assert_eq!(pool_events(), vec![Event::FeeShareSet { adaptive: Some(adaptive()) }]);
		// At the target: the floor, 5%, from the next fee on.
		assert_eq!(pool_balance(), POOL_GENESIS);
		assert_eq!(split(100_000, 0), (5_000, 95_000));
		// Above it: still the floor.
		next_block();
		assert_eq!(split(100_000, 10), (5_000, 95_010));
		// The pool falls to half the target: the block keeps its share; the next block pays
		// the midpoint, 25%, to the unit.
		drain_pool_to(POOL_GENESIS / 2 - ED);
		assert_eq!(split(100_000, 0), (5_000, 95_000));
		drain_pool_to(POOL_GENESIS / 2 - ED);
		assert_eq!(pool_balance(), POOL_GENESIS / 2);
		next_block();
		assert_eq!(SecurityPool::fee_share(), Perbill::from_percent(25));
		assert_eq!(split(100_000, 0), (25_000, 75_000));
		// Nearly empty: close to the ceiling (45% − 40% × 10 / 100,000).
		drain_pool_to(0);
		next_block();
		assert_eq!(SecurityPool::fee_share(), Perbill::from_parts(449_960_000));
		assert_eq!(split(100_000, 0), (44_996, 55_004));
		let status = SecurityPool::fee_share_status();
		assert_eq!(status.fixed, Perbill::from_percent(20));
		assert_eq!(status.adaptive, Some(adaptive()));
		assert_eq!(status.current, Perbill::from_parts(449_960_000));
		// Governance changes the policy mid-block: the next fee pays the new share.
		let flat = AdaptiveFeeShare { floor: Perbill::from_percent(9), ..adaptive() };
		let flat = AdaptiveFeeShare { ceiling: Perbill::from_percent(9), ..flat };
		assert_ok!(set_fee_share(Some(flat)));
		assert_eq!(split(100_000, 0), (9_000, 91_000));
		// Back to the runtime's fixed share, also from the next fee.
		assert_ok!(set_fee_share(None));
		assert!(pool_events().contains(&Event::FeeShareSet { adaptive: None }));
		assert_eq!(split(1_000, 0), (200, 800));
		next_block();
		assert_eq!(split(1_000, 0), (200, 800));
		assert_eq!(crate::BlockFeeShare::<Test>::get(), None);
		assert_eq!(SecurityPool::fee_share_status().adaptive, None);
	});
}

#[test]
fn a_bad_adaptive_share_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let upside_down = AdaptiveFeeShare {
			floor: Perbill::from_percent(46),
			ceiling: Perbill::from_percent(45),
			..adaptive()
		};
		assert_noop!(
			set_fee_share(Some(upside_down)),
			crate::Error::<Test>::InvalidFeeShare(FeeShareError::FloorAboveCeiling)
		);
		let no_target = AdaptiveFeeShare { target_reserve: 0, ..adaptive() };
		assert_noop!(
			set_fee_share(Some(no_target)),
			crate::Error::<Test>::InvalidFeeShare(FeeShareError::ZeroTargetReserve)
		);
		// The mock's balances are 64-bit: every target fits; the bound is checked on the type.
		let huge = AdaptiveFeeShare::<u128> {
			floor: Perbill::from_percent(5),
			ceiling: Perbill::from_percent(45),
			target_reserve: crate::MAX_TARGET_RESERVE + 1,
		};
		assert_eq!(huge.validate(), Err(crate::FeeShareError::TargetReserveTooLarge));
		let largest = AdaptiveFeeShare { target_reserve: crate::MAX_TARGET_RESERVE, ..huge };
		assert_eq!(largest.validate(), Ok(()));
		// At the largest target the fall is still exact: a third of the way, 40% × 1/3 down.
		let third = crate::MAX_TARGET_RESERVE / 3;
		assert_eq!(largest.share_at(third), Perbill::from_parts(450_000_000 - 133_333_333));
		assert_eq!(largest.share_at(crate::MAX_TARGET_RESERVE - 1).deconstruct(), 50_000_001);
		assert_noop!(
			SecurityPool::set_fee_share(RuntimeOrigin::signed(ALICE), Some(adaptive())),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			SecurityPool::set_fee_share(RuntimeOrigin::signed(ALICE), None),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_eq!(crate::FeeSharePolicy::<Test>::get(), None);
		assert_eq!(split(1_000, 0), (200, 800));
	});
}
