//! Decisions: tracks by amount, late flips that move the end of voting, and abstention.

use super::*;
use crate::ParameterError;
use crate::{
	Error, Event, Outcomes, PoolParameters, ReferendumStatus, RequestStatus, Requests, Track,
	VotingDeadlines, VotingFor,
};
use frame_support::assert_noop;
use sp_runtime::Perbill;

/// Two tracks below the general one (10 blocks of voting, 5 of timelock, 10% support), each
/// taking up to ten of its largest requests open.
fn with_tracks() -> PoolParameters<Balance, u64> {
	let track = |max_amount, voting_period, timelock, support| Track {
		max_amount,
		max_open: 10 * max_amount,
		voting_period,
		timelock,
		min_support: Perbill::from_percent(support),
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
			(
				edit(|t| t.swap(0, 1)),
				Error::<Test>::InvalidParameters(ParameterError::TracksOutOfOrder),
			),
			(
				edit(|t| t[1].max_amount = t[0].max_amount),
				Error::<Test>::InvalidParameters(ParameterError::TracksOutOfOrder),
			),
			(
				edit(|t| t[0].voting_period = 7),
				Error::<Test>::InvalidParameters(ParameterError::TracksOutOfOrder),
			),
			(
				edit(|t| t[1].voting_period = VOTING_PERIOD + 1),
				Error::<Test>::InvalidParameters(ParameterError::TracksOutOfOrder),
			),
			(
				edit(|t| t[1].timelock = TIMELOCK + 1),
				Error::<Test>::InvalidParameters(ParameterError::TracksOutOfOrder),
			),
			(
				edit(|t| t[0].min_support = Perbill::from_percent(11)),
				Error::<Test>::InvalidParameters(ParameterError::TracksOutOfOrder),
			),
			(
				edit(|t| t[0].approval = Perbill::from_percent(60)),
				Error::<Test>::InvalidParameters(ParameterError::TracksOutOfOrder),
			),
			(
				edit(|t| t[0].timelock = 0),
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
			(
				edit(|t| t[0].min_support = Perbill::from_rational(9u32, 1000u32)),
				Error::<Test>::InvalidParameters(ParameterError::SupportBelowFloor),
			),
			(
				edit(|t| t[0].approval = Perbill::from_percent(49)),
				Error::<Test>::InvalidParameters(ParameterError::ApprovalOutOfBounds),
			),
			(
				PoolParameters { confirm_period: 0, ..base.clone() },
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
		];
		for (parameters, error) in cases {
			assert_noop!(SecurityPool::set_parameters(RuntimeOrigin::root(), parameters), error);
		}
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), base));
	});
}

#[test]
fn a_late_flip_leaves_the_other_side_confirm_period_whole_blocks_however_often_it_comes() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let end = 1 + VOTING_PERIOD;
		pass(id);
		// A flip just before the window moves nothing: `CONFIRM_PERIOD` whole blocks follow it.
		run_to_block(end - CONFIRM_PERIOD - 1);
		assert_ok!(cast(DAVE, id, vote(false, 800_000, Conviction::Locked1x)));
		assert_ok!(cast(DAVE, id, vote(false, 1, Conviction::None)));
		assert_eq!(ends_at(id), end);
		// A vote in the window that does not flip moves nothing.
		run_to_block(end - 1);
		assert_ok!(cast(EVE, id, vote(true, 1_000, Conviction::None)));
		assert_eq!(ends_at(id), end);
		assert!(SecurityPool::referendum(id).unwrap().passing);

		// A snipe in the last block: the end moves so that CONFIRM_PERIOD whole blocks follow.
		assert_ok!(cast(DAVE, id, vote(false, 800_000, Conviction::Locked1x)));
		let first = end + CONFIRM_PERIOD;
		assert_eq!(
			SecurityPool::referendum(id),
			Some(ReferendumStatus {
				track: None,
				passing: false,
				support: 1_301_000,
				support_needed: Perbill::from_percent(10).mul_ceil(
					<Balances as frame_support::traits::fungible::Inspect<_>>::active_issuance()
				),
				// A vote sent now lands in the new window.
				confirming: true,
				ends_at: first,
				extensions: 1
			})
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
		// Flips go on past any count: each leaves the other side its whole blocks.
		let mut last = first;
		for (round, voter) in [EVE, 6, 7, 8].into_iter().enumerate() {
			run_to_block(last - 1);
			let aye = round % 2 == 0;
			let balance = 450_000 + 25_000 * round as Balance;
			assert_ok!(cast(voter, id, vote(aye, balance, Conviction::Locked2x)));
			assert_eq!(SecurityPool::referendum(id).unwrap().passing, aye, "round {round}");
			assert_eq!(ends_at(id), last + CONFIRM_PERIOD, "round {round}");
			last += CONFIRM_PERIOD;
		}
		assert_eq!(SecurityPool::referendum(id).unwrap().extensions, 5);
		// The last flip (a nay) stood for CONFIRM_PERIOD blocks unanswered: it decides.
		run_to_block(last - 1);
		assert!(Requests::<Test>::get(id).is_some());
		run_to_block(last);
		assert!(
			matches!(pool_events().last(), Some(Event::Rejected { request, .. }) if *request == id)
		);
		assert_eq!(Requests::<Test>::get(id), None);
	});
}

#[test]
fn the_window_is_confirm_period_whole_blocks_and_its_last_answer_is_taken() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let end = 1 + VOTING_PERIOD;
		pass(id);
		// The first block of the window: a flip moves the end one block on.
		run_to_block(end - CONFIRM_PERIOD);
		assert!(SecurityPool::referendum(id).unwrap().confirming);
		assert_ok!(cast(DAVE, id, vote(false, 800_000, Conviction::Locked1x)));
		let answer_by = end - CONFIRM_PERIOD + CONFIRM_PERIOD;
		assert_eq!(ends_at(id), answer_by + 1);
		// The honest answer in the last of those blocks is taken, and decides.
		run_to_block(answer_by);
		assert_ok!(cast(EVE, id, vote(true, 900_000, Conviction::Locked1x)));
		assert_eq!(ends_at(id), answer_by + 1 + CONFIRM_PERIOD);
		run_to_block(answer_by + 1 + CONFIRM_PERIOD);
		assert!(matches!(
			Requests::<Test>::get(id).unwrap().status,
			RequestStatus::Approved { .. }
		));
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
		assert_eq!(ends_at(id), end + CONFIRM_PERIOD);
	});
}

#[test]
fn the_extension_burn_fails_a_flip_and_its_undo_buy_nothing_and_cost_a_lock() {
	ExtBuilder::default().build_and_execute(|| {
		// An honest claim passes with BOB's aye (700_000 at 1x) and CHARLIE's (600_000 at
		// 0.1x): 1_300_000 of support against the 1_110_000 needed. CHARLIE turns attacker: in
		// the last block it removes its aye (too little support: failing), adds it back and
		// removes it again, all in one block, to spend the protection before the final flip.
		let id = claim(ALICE, 1_000);
		let end = 1 + VOTING_PERIOD;
		pass(id);
		run_to_block(end - 1);
		let remove = || SecurityPool::remove_vote(RuntimeOrigin::signed(CHARLIE), id);
		assert_ok!(remove());
		assert_ok!(cast(CHARLIE, id, vote(true, 600_000, Conviction::None)));
		assert_ok!(remove());
		assert!(!SecurityPool::referendum(id).unwrap().passing);
		// However often it flipped, the end is CONFIRM_PERIOD whole blocks after the last flip.
		let extended = end + CONFIRM_PERIOD;
		assert_eq!(ends_at(id), extended);
		// The flips cost the attacker a lock: its 0.1x aye, never locked otherwise, stays
		// frozen until LOCKING_PERIOD after the end, whichever side wins.
		assert_eq!(frozen(CHARLIE), 600_000);
		// The honest side answers in the last of its blocks: the claim passes again.
		run_to_block(extended - 1);
		assert_ok!(cast(EVE, id, vote(true, 500_000, Conviction::None)));
		let last = extended - 1 + CONFIRM_PERIOD + 1;
		assert_eq!(ends_at(id), last);
		// The attacker has no flip left that the other side cannot answer: re-adding its aye
		// only adds support.
		run_to_block(last - 1);
		assert_ok!(cast(CHARLIE, id, vote(true, 600_000, Conviction::None)));
		assert_eq!(ends_at(id), last);
		run_to_block(last);
		let payable_at = last + TIMELOCK;
		assert_eq!(
			Requests::<Test>::get(id).unwrap().status,
			RequestStatus::Approved { payable_at }
		);
		run_to_block(payable_at);
		assert_eq!(Requests::<Test>::get(id), None);
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT + 1_000);
		// The attacker's late vote is locked until LOCKING_PERIOD after the end its last
		// change set, though its side won with no conviction.
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(CHARLIE), id));
		let until = last + LOCKING_PERIOD;
		assert_eq!(frozen(CHARLIE), 600_000);
		run_to_block(until - 1);
		assert_noop!(
			SecurityPool::unlock(RuntimeOrigin::signed(CHARLIE)),
			Error::<Test>::NothingToUnlock
		);
		run_to_block(until);
		assert_ok!(SecurityPool::unlock(RuntimeOrigin::signed(CHARLIE)));
		assert_eq!(frozen(CHARLIE), 0);
	});
}

#[test]
fn a_nay_never_lifts_a_request_over_the_support_it_needs() {
	ExtBuilder::default().build_and_execute(|| {
		// BOB's aye of 700_000 is short of the 1_110_000 of support needed. A nay of 600_000 at
		// 0.1x weighs 60_000, far from outweighing the ayes: with turnout it would have passed.
		let id = claim(ALICE, 1_000);
		assert_ok!(cast(BOB, id, vote(true, 700_000, Conviction::Locked1x)));
		assert_ok!(cast(DAVE, id, vote(false, 600_000, Conviction::None)));
		let status = SecurityPool::referendum(id).unwrap();
		assert_eq!((status.support, status.passing), (700_000, false));
		run_to_block(1 + VOTING_PERIOD);
		assert_eq!(Requests::<Test>::get(id), None);
		assert_eq!(Outcomes::<Test>::get(id).map(|o| o.approved), Some(false));
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT - deposit_for(3));
		// An abstention of the same balance does count.
		let id = claim(ALICE, 1_000);
		assert_ok!(cast(BOB, id, vote(true, 700_000, Conviction::Locked1x)));
		let abstain =
			Vote { choice: Choice::Abstain, balance: 600_000, conviction: Conviction::None };
		assert_ok!(cast(DAVE, id, abstain));
		assert!(SecurityPool::referendum(id).unwrap().passing);
	});
}

/// The small track of `with_tracks`, taking at most `max_open` open.
fn capped_small_track(max_open: Balance) -> PoolParameters<Balance, u64> {
	let mut parameters = with_tracks();
	parameters.tracks[0].max_open = max_open;
	parameters
}

/// Four sybils each file a 1_000 claim, together the 4_000 one larger claim would ask;
/// BOB's aye (700_000, 6.3% of the issuance) passes the small track (5%) but not the larger
/// ones (10%). Returns what the pool paid.
fn split_among_sybils() -> Balance {
	let ids: Vec<_> = [ALICE, DAVE, EVE, 6].into_iter().map(|who| claim(who, 1_000)).collect();
	for &id in &ids {
		assert_ok!(cast(BOB, id, vote(true, 700_000, Conviction::Locked1x)));
	}
	run_to_block(1 + VOTING_PERIOD + TIMELOCK + 2);
	assert_eq!(crate::Requests::<Test>::count(), 0);
	pool_events()
		.into_iter()
		.filter_map(|event| match event {
			Event::Paid { amount, .. } => Some(amount),
			_ => None,
		})
		.sum()
}

#[test]
fn splitting_a_request_among_sybils_gets_no_laxer_rules_than_asking_once() {
	// Asked once, 4_000 takes the larger track and the same votes refuse it.
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), capped_small_track(1_000)));
		let once = claim(ALICE, 4_000);
		assert_ok!(cast(BOB, once, vote(true, 700_000, Conviction::Locked1x)));
		assert_eq!(Requests::<Test>::get(once).unwrap().terms.track, Some(1));
		run_to_block(1 + 6);
		assert_eq!(Outcomes::<Test>::get(once).map(|o| o.approved), Some(false));
	});
	// The most one request on the small track can get with these votes: its `max_amount`.
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), capped_small_track(1_000)));
		assert_eq!(split_among_sybils(), 1_000);
		// Only the first took the small track; the rest went up and failed.
		let tracks: Vec<_> =
			(0..4).map(|id| Outcomes::<Test>::get(id).map(|o| o.approved)).collect();
		assert_eq!(tracks[0], Some(true));
		assert!(tracks[1..].iter().all(|approved| *approved == Some(false)));
	});
	// A track that may have two open pays the split at most that, never the 4_000.
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), capped_small_track(2_000)));
		assert_eq!(split_among_sybils(), 2_000);
	});
}

#[test]
fn a_track_takes_requests_again_once_its_open_ones_are_paid() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), capped_small_track(1_000)));
		let first = claim(ALICE, 1_000);
		assert_eq!(Requests::<Test>::get(first).unwrap().terms.track, Some(0));
		assert_eq!(crate::OpenByTrack::<Test>::get()[0], 1_000);
		// Full: the next small claim goes up a track.
		let second = claim(DAVE, 500);
		assert_eq!(Requests::<Test>::get(second).unwrap().terms.track, Some(1));
		pass(first);
		run_to_block(1 + 4 + 2);
		assert_eq!(Requests::<Test>::get(first), None);
		assert_eq!(crate::OpenByTrack::<Test>::get()[0], 0);
		let third = claim(EVE, 500);
		assert_eq!(Requests::<Test>::get(third).unwrap().terms.track, Some(0));
	});
}

#[test]
fn abstaining_counts_toward_support_only() {
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
		assert_eq!((tally.ayes, tally.nays, tally.support), (700_000, 0, 1_200_000));
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
		// The last block outside the confirmation window: still early.
		run_to_block(end - CONFIRM_PERIOD - 1);
		assert_eq!(weight(CHARLIE, ballot(true, 600_000)), Some(early));
		// Within it a vote pays in full, whether or not it moves the end.
		run_to_block(end - CONFIRM_PERIOD);
		assert_eq!(weight(EVE, ballot(true, 1_000)), None);
		assert_eq!(weight(DAVE, vote(false, 1_000_000, Conviction::Locked2x)), None);
		assert_eq!(SecurityPool::referendum(id).unwrap().extensions, 1);
	});
}

#[test]
fn parameters_that_lock_the_council_or_the_veto_origin_out_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let base = with_tracks();
		let with = |change: fn(&mut PoolParameters<Balance, u64>)| {
			let mut parameters = base.clone();
			change(&mut parameters);
			parameters
		};
		let cases = [
			// A track whose largest request could never take it.
			(
				with(|p| p.tracks[0].max_open = 999),
				Error::<Test>::InvalidParameters(ParameterError::TrackCapBelowAmount),
			),
			// Voting that ends before triage is due: the council could not triage.
			(
				with(|p| p.tracks[0].voting_period = TRIAGE_PERIOD - 1),
				Error::<Test>::InvalidParameters(ParameterError::VotingEndsTooSoon),
			),
			// A confirmation window as long as a track's voting: every vote would be late.
			(
				with(|p| p.confirm_period = 4),
				Error::<Test>::InvalidParameters(ParameterError::VotingEndsTooSoon),
			),
			(
				with(|p| p.veto_window = 0),
				Error::<Test>::InvalidParameters(ParameterError::PeriodOutOfBounds),
			),
			// A veto window longer than a timelock.
			(
				with(|p| p.veto_window = 3),
				Error::<Test>::InvalidParameters(ParameterError::VetoWindowOutOfBounds),
			),
			(
				with(|p| p.fast_track_timelock = 1),
				Error::<Test>::InvalidParameters(ParameterError::VetoWindowOutOfBounds),
			),
		];
		for (parameters, error) in cases {
			assert_noop!(SecurityPool::set_parameters(RuntimeOrigin::root(), parameters), error);
		}
		assert_ok!(SecurityPool::set_parameters(
			RuntimeOrigin::root(),
			with(|p| {
				p.tracks[0].max_open = 1_000;
				p.veto_window = 2;
			})
		));
	});
}
