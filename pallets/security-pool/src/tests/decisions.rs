//! Decisions: tracks by amount, late flips that move the end of voting, and abstention.

use super::*;
use crate::{
	Error, Event, Outcomes, PoolParameters, ReferendumStatus, RequestStatus, Requests, Track,
	VotingDeadlines, VotingFor,
};
use frame_support::assert_noop;
use sp_runtime::Perbill;

/// Two tracks below the general one (10 blocks of voting, 5 of timelock, 10% turnout).
fn with_tracks() -> PoolParameters<Balance, u64> {
	let track = |max_amount, voting_period, timelock, turnout| Track {
		max_amount,
		voting_period,
		timelock,
		min_turnout: Perbill::from_percent(turnout),
		approval: Perbill::from_percent(50),
	};
	PoolParameters {
		tracks: vec![track(1_000, 4, 2, 5), track(5_000, 6, 3, 10)].try_into().unwrap(),
		..test_parameters()
	}
}

fn ends_at(id: RequestId) -> u64 {
	match Requests::<Test>::get(id).unwrap().status {
		RequestStatus::Voting { ends_at, .. } => ends_at,
		status => panic!("not voting: {status:?}"),
	}
}

#[test]
fn a_request_takes_the_first_track_that_covers_its_amount() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), with_tracks()));
		let filed = [(1_000, Some(0), 4, 2), (1_001, Some(1), 6, 3), (5_000, Some(1), 6, 3)]
			.into_iter()
			.chain([(5_001, None, VOTING_PERIOD, TIMELOCK)])
			.enumerate();
		for (who, (amount, track, voting_period, timelock)) in filed {
			let id = claim(who as AccountId + 1, amount);
			let terms = Requests::<Test>::get(id).unwrap().terms;
			assert_eq!((terms.track, terms.timelock), (track, timelock), "amount {amount}");
			assert_eq!(ends_at(id), 1 + voting_period, "amount {amount}");
		}
	});
}

#[test]
fn a_small_claim_on_a_fast_track_is_paid_before_a_large_one_filed_with_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), with_tracks()));
		let small = claim(ALICE, 500);
		let large = claim(DAVE, 20_000);
		pass(small);
		pass(large);
		run_to_block(1 + 4 + 2);
		assert_eq!(Requests::<Test>::get(small), None);
		assert!(Requests::<Test>::get(large).is_some());
		run_to_block(1 + VOTING_PERIOD + TIMELOCK);
		assert_eq!(Requests::<Test>::get(large), None);
		assert_eq!(Balances::free_balance(DAVE), ENDOWMENT + 20_000);
	});
}

#[test]
fn tracks_must_grow_slower_and_stricter_with_the_amount() {
	ExtBuilder::default().build_and_execute(|| {
		let base = with_tracks();
		let edit = |change: fn(&mut Vec<Track<Balance, u64>>)| {
			let mut tracks = base.tracks.to_vec();
			change(&mut tracks);
			PoolParameters { tracks: tracks.try_into().unwrap(), ..base.clone() }
		};
		let cases = [
			(edit(|t| t.swap(0, 1)), Error::<Test>::TracksOutOfOrder),
			(edit(|t| t[1].max_amount = t[0].max_amount), Error::<Test>::TracksOutOfOrder),
			(edit(|t| t[0].voting_period = 7), Error::<Test>::TracksOutOfOrder),
			(edit(|t| t[1].voting_period = VOTING_PERIOD + 1), Error::<Test>::TracksOutOfOrder),
			(edit(|t| t[1].timelock = TIMELOCK + 1), Error::<Test>::TracksOutOfOrder),
			(
				edit(|t| t[0].min_turnout = Perbill::from_percent(11)),
				Error::<Test>::TracksOutOfOrder,
			),
			(edit(|t| t[0].approval = Perbill::from_percent(60)), Error::<Test>::TracksOutOfOrder),
			(edit(|t| t[0].timelock = 0), Error::<Test>::PeriodOutOfBounds),
			(
				edit(|t| t[0].min_turnout = Perbill::from_rational(9u32, 1000u32)),
				Error::<Test>::TurnoutBelowFloor,
			),
			(
				edit(|t| t[0].approval = Perbill::from_percent(49)),
				Error::<Test>::ApprovalOutOfBounds,
			),
			(
				PoolParameters { confirm_period: 0, ..base.clone() },
				Error::<Test>::PeriodOutOfBounds,
			),
		];
		for (parameters, error) in cases {
			assert_noop!(SecurityPool::set_parameters(RuntimeOrigin::root(), parameters), error);
		}
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), base));
	});
}

#[test]
fn a_late_flip_moves_the_end_once_per_flip_up_to_the_limit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let end = 1 + VOTING_PERIOD;
		pass(id);
		// A flip before the last `CONFIRM_PERIOD` blocks moves nothing.
		run_to_block(end - CONFIRM_PERIOD);
		assert_ok!(cast(DAVE, id, vote(false, 800_000, Conviction::Locked1x)));
		assert_ok!(cast(DAVE, id, vote(false, 1, Conviction::None)));
		assert_eq!(ends_at(id), end);
		// A vote in the window that does not flip moves nothing.
		run_to_block(end - 1);
		assert_ok!(cast(EVE, id, vote(true, 1_000, Conviction::None)));
		assert_eq!(ends_at(id), end);
		assert!(SecurityPool::referendum(id).unwrap().passing);

		// A snipe in the last block: the end moves to CONFIRM_PERIOD blocks later.
		assert_ok!(cast(DAVE, id, vote(false, 800_000, Conviction::Locked1x)));
		let first = end - 1 + CONFIRM_PERIOD;
		assert_eq!(
			SecurityPool::referendum(id),
			Some(ReferendumStatus { track: None, passing: false, ends_at: first, extensions: 1 })
		);
		assert!(pool_events().contains(&Event::VotingExtended {
			request: id,
			ends_at: first,
			extensions: 1
		}));
		// The queue keeps the old deadline; the block path moves it when it comes.
		assert_eq!(VotingDeadlines::<Test>::get()[0].at, end);
		run_to_block(end);
		assert_eq!(VotingDeadlines::<Test>::get()[0].at, first);
		assert!(SecurityPool::referendum(id).is_some());
		// The answer, in the new last block, flips back: the end moves once more.
		run_to_block(first - 1);
		assert_ok!(cast(EVE, id, vote(true, 500_000, Conviction::Locked1x)));
		let second = first - 1 + CONFIRM_PERIOD;
		assert_eq!(ends_at(id), second);
		// The limit is reached: a third flip decides.
		run_to_block(second - 1);
		assert_ok!(cast(6, id, vote(false, 1_000_000, Conviction::Locked1x)));
		assert_eq!(ends_at(id), second);
		assert_eq!(SecurityPool::referendum(id).unwrap().extensions, MAX_EXTENSIONS);
		run_to_block(second - 1);
		assert!(Requests::<Test>::get(id).is_some());
		run_to_block(second);
		assert!(
			matches!(pool_events().last(), Some(Event::Rejected { request, .. }) if *request == id)
		);
		assert_eq!(Requests::<Test>::get(id), None);
	});
}

#[test]
fn removing_a_vote_in_the_last_blocks_is_a_flip_too() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let end = 1 + VOTING_PERIOD;
		pass(id);
		run_to_block(end - 1);
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(BOB), id));
		assert_eq!(ends_at(id), end - 1 + CONFIRM_PERIOD);
	});
}

#[test]
fn abstaining_counts_toward_turnout_only() {
	ExtBuilder::default().build_and_execute(|| {
		// 10% of the issuance of 11_100_000 is 1_110_000: BOB's 700_000 alone is too little.
		let with = claim(ALICE, 1_000);
		let without = claim(DAVE, 1_000);
		let abstain =
			Vote { choice: Choice::Abstain, balance: 500_000, conviction: Conviction::Locked6x };
		for id in [with, without] {
			assert_ok!(cast(BOB, id, vote(true, 700_000, Conviction::Locked1x)));
		}
		assert_ok!(cast(CHARLIE, with, abstain));
		let RequestStatus::Voting { tally, .. } = Requests::<Test>::get(with).unwrap().status
		else {
			panic!("voting")
		};
		assert_eq!((tally.ayes, tally.nays, tally.turnout), (700_000, 0, 1_200_000));
		assert_eq!(frozen(CHARLIE), 500_000);
		assert!(SecurityPool::referendum(with).unwrap().passing);
		assert!(!SecurityPool::referendum(without).unwrap().passing);
		run_to_block(1 + VOTING_PERIOD);
		assert!(matches!(
			Requests::<Test>::get(with).unwrap().status,
			RequestStatus::Approved { .. }
		));
		assert_eq!(Requests::<Test>::get(without), None);
		// An abstention is never locked after the end, whatever its conviction.
		assert!(Outcomes::<Test>::get(with).unwrap().approved);
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(CHARLIE), with));
		assert_eq!(frozen(CHARLIE), 0);
		assert_eq!(VotingFor::<Test>::get(CHARLIE), None);
	});
}

#[test]
fn a_vote_before_the_last_blocks_is_refunded_to_its_own_weight() {
	use crate::weights::WeightInfo;
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let end = 1 + VOTING_PERIOD;
		let ballot = |aye, balance| vote(aye, balance, Conviction::Locked1x);
		let weight = |who, vote| {
			SecurityPool::vote(RuntimeOrigin::signed(who), id, vote).unwrap().actual_weight
		};
		let early = <Test as crate::Config>::WeightInfo::vote_early();
		assert_eq!(weight(BOB, ballot(true, 700_000)), Some(early));
		// The last block outside the confirmation period: still early.
		run_to_block(end - CONFIRM_PERIOD);
		assert_eq!(weight(CHARLIE, ballot(true, 600_000)), Some(early));
		// Within it a vote pays in full, whether or not it moves the end.
		run_to_block(end - CONFIRM_PERIOD + 1);
		assert_eq!(weight(EVE, ballot(true, 1_000)), None);
		assert_eq!(weight(DAVE, vote(false, 1_000_000, Conviction::Locked2x)), None);
		assert_eq!(SecurityPool::referendum(id).unwrap().extensions, 1);
	});
}
