//! Parameters, genesis and integrity.

use super::*;
use crate::{Error, Event, Parameters};
use frame_support::{assert_noop, traits::Hooks};
use sp_runtime::{DispatchError, Perbill};

#[test]
fn root_sets_valid_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		let parameters = crate::PoolParameters { voting_period: 99, ..test_parameters() };
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), parameters));
		assert_eq!(Parameters::<Test>::get(), parameters);
		assert_eq!(pool_events(), vec![Event::ParametersSet { parameters }]);
		// New requests use them.
		claim(ALICE, 100);
		assert_eq!(crate::VotingDeadlines::<Test>::get()[0].at, System::block_number() + 99);
	});
}

#[test]
fn invalid_parameters_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let set = |parameters| SecurityPool::set_parameters(RuntimeOrigin::root(), parameters);
		let base = test_parameters();
		assert_noop!(
			SecurityPool::set_parameters(RuntimeOrigin::signed(ALICE), base),
			DispatchError::BadOrigin
		);
		for bad in [
			crate::PoolParameters { voting_period: 0, ..base },
			crate::PoolParameters { timelock: 0, ..base },
			crate::PoolParameters { vote_locking_period: 0, ..base },
		] {
			assert_noop!(set(bad), Error::<Test>::ZeroPeriod);
		}
		assert_noop!(
			set(crate::PoolParameters { approval: Perbill::one(), ..base }),
			Error::<Test>::UnreachableApproval
		);
		assert_noop!(
			set(crate::PoolParameters { max_payout: Perbill::zero(), ..base }),
			Error::<Test>::ZeroMaxPayout
		);
	});
}

#[test]
fn genesis_keeps_the_pool_alive() {
	ExtBuilder::default().pool(0).build_and_execute(|| {
		assert_eq!(pool_balance(), ED);
		assert_eq!(SecurityPool::available(), 0);
		assert_eq!(SecurityPool::pool_status().balance, ED);
	});
}

#[test]
fn default_parameters_are_valid() {
	assert_eq!(crate::PoolParameters::<Balance, u64>::default().validate(), Ok(()));
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(SecurityPool::integrity_test);
}

#[test]
fn pool_status_reports_the_accounts() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 10_000);
		pass(id);
		run_to_block(voting_end());
		let status = SecurityPool::pool_status();
		assert_eq!(status.balance, POOL_GENESIS);
		assert_eq!(status.committed, 10_000);
		assert_eq!(status.available, POOL_GENESIS - ED - 10_000);
		assert_eq!(status.open_requests, 1);
		assert_eq!(SecurityPool::request(id).unwrap().amount, 10_000);
	});
}
