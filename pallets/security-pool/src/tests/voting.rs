//! Votes, conviction, freezes and locks.

use super::*;
use crate::{Error, Event, RequestStatus, Requests, Tally, VotingFor};
use frame_support::{
	assert_noop,
	traits::{
		fungible::Inspect,
		tokens::{Fortitude, Preservation},
	},
};

fn tally(id: RequestId) -> Tally<Balance> {
	match Requests::<Test>::get(id).unwrap().status {
		RequestStatus::Voting { tally, .. } => tally,
		status => panic!("not voting: {status:?}"),
	}
}

#[test]
fn vote_counts_with_conviction_and_freezes() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		assert_ok!(cast(BOB, id, vote(true, 1_000, Conviction::Locked3x)));
		assert_ok!(cast(CHARLIE, id, vote(false, 1_000, Conviction::None)));
		assert_ok!(cast(DAVE, id, vote(true, 700, Conviction::Locked6x)));
		assert_eq!(tally(id), Tally { ayes: 3_000 + 4_200, nays: 100, support: 1_700, votes: 3 });
		assert_eq!(frozen(BOB), 1_000);
		assert_eq!(frozen(DAVE), 700);
		// Frozen funds cannot leave.
		let spendable =
			Balances::reducible_balance(&BOB, Preservation::Expendable, Fortitude::Polite);
		assert_eq!(spendable, ENDOWMENT - 1_000);
		assert!(pool_events().contains(&Event::Voted {
			request: id,
			voter: BOB,
			vote: vote(true, 1_000, Conviction::Locked3x)
		}));
	});
}

#[test]
fn changing_a_vote_replaces_it_in_the_tally() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		assert_ok!(cast(BOB, id, vote(true, 1_000, Conviction::Locked2x)));
		assert_ok!(cast(BOB, id, vote(false, 300, Conviction::Locked1x)));
		assert_eq!(tally(id), Tally { ayes: 0, nays: 300, support: 0, votes: 1 });
		assert_eq!(frozen(BOB), 300);
		assert_eq!(VotingFor::<Test>::get(BOB).unwrap().votes.len(), 1);
	});
}

#[test]
fn one_freeze_covers_all_votes_of_an_account() {
	ExtBuilder::default().build_and_execute(|| {
		let first = claim(ALICE, 1_000);
		let second = claim(DAVE, 1_000);
		assert_ok!(cast(BOB, first, vote(true, 5_000, Conviction::Locked1x)));
		assert_ok!(cast(BOB, second, vote(true, 8_000, Conviction::Locked1x)));
		assert_eq!(frozen(BOB), 8_000);
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(BOB), second));
		assert_eq!(frozen(BOB), 5_000);
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(BOB), first));
		assert_eq!(frozen(BOB), 0);
		assert!(VotingFor::<Test>::get(BOB).is_none());
	});
}

#[test]
fn vote_rejects_bad_votes() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		assert_ok!(SecurityPool::submit_claim(RuntimeOrigin::signed(EVE), 1_000, DAVE, vec![]));
		let for_dave = id + 1;
		assert_noop!(cast(BOB, id, vote(true, 0, Conviction::None)), Error::<Test>::ZeroAmount);
		assert_noop!(cast(BOB, 77, vote(true, 1, Conviction::None)), Error::<Test>::UnknownRequest);
		assert_noop!(cast(ALICE, id, vote(true, 1, Conviction::None)), Error::<Test>::OwnRequest);
		assert_noop!(
			cast(EVE, for_dave, vote(true, 1, Conviction::None)),
			Error::<Test>::OwnRequest
		);
		assert_noop!(
			cast(DAVE, for_dave, vote(true, 1, Conviction::None)),
			Error::<Test>::OwnRequest
		);
		assert_noop!(
			cast(BOB, id, vote(true, ENDOWMENT + 1, Conviction::None)),
			Error::<Test>::InsufficientFunds
		);
	});
}

#[test]
fn votes_are_refused_once_voting_closed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let ends_at = voting_end();
		// Closed at `ends_at`, even before the block's work concluded the referendum.
		System::set_block_number(ends_at);
		assert_noop!(cast(BOB, id, vote(true, 10, Conviction::None)), Error::<Test>::VotingClosed);
		System::set_block_number(ends_at - 1);
		assert_ok!(cast(BOB, id, vote(true, 10, Conviction::None)));
		System::set_block_number(ends_at);
		assert_noop!(
			SecurityPool::remove_vote(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::VotingClosed
		);
		System::set_block_number(ends_at - 1);
		run_to_block(ends_at);
		// Concluded (rejected: too little support) and gone.
		assert!(Requests::<Test>::get(id).is_none());
		assert_noop!(cast(DAVE, id, vote(true, 10, Conviction::None)), Error::<Test>::VotingClosed);
	});
}

#[test]
fn an_account_has_a_bounded_number_of_votes() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<_> =
			[ALICE, CHARLIE, DAVE, EVE, 6].into_iter().map(|who| claim(who, 100)).collect();
		for &id in &ids[..4] {
			assert_ok!(cast(BOB, id, vote(true, 10, Conviction::None)));
		}
		assert_noop!(
			cast(BOB, ids[4], vote(true, 10, Conviction::None)),
			Error::<Test>::TooManyVotes
		);
	});
}

#[test]
fn remove_vote_needs_a_vote() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		assert_noop!(
			SecurityPool::remove_vote(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotVoted
		);
		assert_ok!(cast(BOB, id, vote(true, 10, Conviction::None)));
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(BOB), id));
		assert_eq!(tally(id), Tally::default());
		assert!(pool_events().contains(&Event::VoteRemoved { request: id, voter: BOB }));
	});
}

#[test]
fn won_votes_stay_locked_for_their_conviction() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let ends_at = voting_end();
		// BOB (Locked1x, winning): locked 1 period; CHARLIE (None, winning): free at the end;
		// DAVE (Locked2x, losing): free at the end; EVE (Locked2x, winning): 2 periods.
		pass(id);
		assert_ok!(cast(DAVE, id, vote(false, 1_000, Conviction::Locked2x)));
		assert_ok!(cast(EVE, id, vote(true, 2_000, Conviction::Locked2x)));
		let unlock = |who| SecurityPool::unlock(RuntimeOrigin::signed(who));
		let remove = |who| SecurityPool::remove_vote(RuntimeOrigin::signed(who), id);

		assert_noop!(unlock(BOB), Error::<Test>::NothingToUnlock);
		run_to_block(ends_at);
		assert!(matches!(
			Requests::<Test>::get(id).unwrap().status,
			RequestStatus::Approved { .. }
		));
		// A vote keeps its balance frozen until it is removed; removing turns a won vote with
		// a conviction into a lock.
		assert_eq!(frozen(CHARLIE), 600_000);
		assert_ok!(remove(CHARLIE));
		assert_eq!(frozen(CHARLIE), 0);
		assert_ok!(remove(DAVE));
		assert_eq!(frozen(DAVE), 0);
		assert_ok!(remove(BOB));
		assert_ok!(remove(EVE));

		// Before the lock expires nothing is released.
		run_to_block(ends_at + LOCKING_PERIOD - 1);
		assert_noop!(unlock(BOB), Error::<Test>::NothingToUnlock);
		assert_eq!(frozen(BOB), 700_000);
		run_to_block(ends_at + LOCKING_PERIOD);
		assert_ok!(unlock(BOB));
		assert_eq!(frozen(BOB), 0);
		assert!(pool_events().contains(&Event::Unlocked { who: BOB, frozen: 0 }));

		run_to_block(ends_at + 2 * LOCKING_PERIOD - 1);
		assert_noop!(unlock(EVE), Error::<Test>::NothingToUnlock);
		run_to_block(ends_at + 2 * LOCKING_PERIOD);
		assert_ok!(unlock(EVE));
		assert_eq!(frozen(EVE), 0);
	});
}

#[test]
fn removing_a_won_vote_leaves_its_lock_behind() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let ends_at = voting_end();
		pass(id);
		run_to_block(ends_at + 1);
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(BOB), id));
		let voting = VotingFor::<Test>::get(BOB).unwrap();
		assert!(voting.votes.is_empty());
		assert_eq!(voting.prior.amount, 700_000);
		assert_eq!(frozen(BOB), 700_000);
		run_to_block(ends_at + LOCKING_PERIOD);
		assert_ok!(SecurityPool::unlock(RuntimeOrigin::signed(BOB)));
		assert_eq!(frozen(BOB), 0);
		assert!(VotingFor::<Test>::get(BOB).is_none());
		// CHARLIE voted without conviction: removing after the end leaves nothing frozen.
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(CHARLIE), id));
		assert_eq!(frozen(CHARLIE), 0);
	});
}
