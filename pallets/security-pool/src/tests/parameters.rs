//! Parameters, genesis and integrity.

use super::*;
use crate::ParameterError;
use crate::{Error, Event, Parameters, MAX_PERIOD};
use frame_support::{assert_noop, traits::Hooks};
use sp_runtime::{DispatchError, Perbill};

#[test]
fn root_sets_valid_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		let parameters = crate::PoolParameters { voting_period: 99, ..test_parameters() };
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), parameters.clone()));
		assert_eq!(Parameters::<Test>::get(), parameters);
		assert_eq!(pool_events(), vec![Event::ParametersSet { parameters }]);
		// New requests use them.
		claim(ALICE, 100);
		assert_eq!(crate::VotingDeadlines::<Test>::get()[0].at, System::block_number() + 99);
	});
}

#[test]
fn parameters_out_of_bounds_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let base = test_parameters();
		assert_noop!(
			SecurityPool::set_parameters(RuntimeOrigin::signed(ALICE), base.clone()),
			DispatchError::BadOrigin
		);
		let cases = [
			(
				crate::PoolParameters { voting_period: 0, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
			(
				crate::PoolParameters { timelock: MAX_PERIOD as u64 + 1, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
			(
				crate::PoolParameters { vote_locking_period: 0, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
			(
				crate::PoolParameters {
					min_support: Perbill::from_rational(9u32, 1000u32),
					..base.clone()
				},
				Error::<Test>::InvalidParameters(ParameterError::SupportBelowFloor),
			),
			(
				crate::PoolParameters { approval: Perbill::from_percent(49), ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::ApprovalOutOfBounds),
			),
			(
				crate::PoolParameters { approval: Perbill::one(), ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::ApprovalOutOfBounds),
			),
			(
				crate::PoolParameters { max_payout: Perbill::zero(), ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::ZeroShare),
			),
			(
				crate::PoolParameters { max_exposure: Perbill::zero(), ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::ZeroShare),
			),
			(
				crate::PoolParameters { deposit_base: 0, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::ZeroDeposit),
			),
			(
				crate::PoolParameters { deposit_per_byte: 0, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::ZeroDeposit),
			),
			(
				crate::PoolParameters { triage_period: 0, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
			(
				crate::PoolParameters { reveal_period: 0, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
			(
				crate::PoolParameters { reveal_period: MAX_PERIOD as u64 + 1, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
			(
				crate::PoolParameters { fast_track_timelock: 0, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
			// The fast track must end after triage and be shorter than the normal track.
			(
				crate::PoolParameters { triage_period: FAST_VOTING_PERIOD, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::FastTrackOutOfBounds),
			),
			(
				crate::PoolParameters { fast_track_voting_period: VOTING_PERIOD, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::FastTrackOutOfBounds),
			),
			(
				crate::PoolParameters { fast_track_timelock: TIMELOCK, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::FastTrackOutOfBounds),
			),
		];
		for (parameters, error) in cases {
			assert_noop!(
				SecurityPool::set_parameters(RuntimeOrigin::root(), parameters.clone()),
				error
			);
		}
		// The bounds themselves are accepted.
		let edge = crate::PoolParameters {
			voting_period: MAX_PERIOD as u64,
			timelock: 2,
			triage_period: 1,
			fast_track_voting_period: 2,
			fast_track_timelock: 1,
			reveal_period: MAX_PERIOD as u64,
			min_support: crate::MIN_SUPPORT_FLOOR,
			approval: Perbill::from_percent(50),
			max_payout: Perbill::one(),
			max_exposure: Perbill::one(),
			confirm_period: 1,
			veto_window: 1,
			..base.clone()
		};
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), edge.clone()));
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
