//! Whole request lifecycles: referendum, timelock, veto, payout, running short.

use super::*;
use crate::{
	commitment_of, Error, Event, Ledger, Outcomes, OwedQueue, ReferendumOutcome, RequestStatus,
	Requests, Severity, Tally,
};
use frame_support::{assert_noop, traits::OnUnbalanced};
use sp_runtime::DispatchError;

fn status(id: RequestId) -> Option<RequestStatus<Balance, u64>> {
	Requests::<Test>::get(id).map(|request| request.status)
}

#[test]
fn a_passed_claim_is_paid_after_the_timelock() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 10_000);
		let ends_at = voting_end();
		let payable_at = ends_at + TIMELOCK;
		pass(id);
		assert_eq!(held(ALICE), deposit_for(3));

		run_to_block(ends_at);
		assert_eq!(status(id), Some(RequestStatus::Approved { payable_at }));
		assert_eq!(
			Outcomes::<Test>::get(id),
			Some(ReferendumOutcome {
				approved: true,
				ended_at: ends_at,
				vote_locking_period: LOCKING_PERIOD,
				votes: 2
			})
		);
		assert_eq!(Ledger::<Test>::get().committed, 10_000);
		let tally = Tally { ayes: 700_000 + 60_000, nays: 0, support: 1_300_000, votes: 2 };
		assert!(pool_events().contains(&Event::Approved { request: id, tally, payable_at }));

		// Nothing is paid during the timelock.
		run_to_block(payable_at - 1);
		assert_eq!(pool_balance(), POOL_GENESIS);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT - deposit_for(3));

		run_to_block(payable_at);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT + 10_000);
		assert_eq!(held(ALICE), 0);
		assert_eq!(pool_balance(), POOL_GENESIS - 10_000);
		assert_eq!(status(id), None);
		assert_eq!(Ledger::<Test>::get().committed, 0);
		assert_eq!(Ledger::<Test>::get().lifetime_outflow, 10_000);
		assert!(pool_events().contains(&Event::Paid {
			request: id,
			payee: ALICE,
			amount: 10_000,
			remaining: 0
		}));
	});
}

#[test]
fn too_little_support_rejects_and_forfeits_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 10_000);
		// 10% of the active issuance (10_100_000 + author) is far more than 900_000.
		assert_ok!(cast(BOB, id, vote(true, 900_000, Conviction::Locked6x)));
		run_to_block(voting_end());
		assert_eq!(status(id), None);
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT - deposit_for(3));
		assert_eq!(pool_balance(), POOL_GENESIS + deposit_for(3));
		assert_eq!(Outcomes::<Test>::get(id).map(|o| o.approved), Some(false));
		assert!(pool_events().contains(&Event::DepositForfeited {
			request: id,
			who: ALICE,
			amount: deposit_for(3)
		}));
		assert!(pool_events()
			.iter()
			.any(|e| matches!(e, Event::Rejected { request, .. } if *request == id)));
	});
}

#[test]
fn too_few_ayes_reject() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 10_000);
		// Support (BOB's aye and EVE's abstention: 1_200_000) suffices; the weighted ayes end
		// up below the nays.
		assert_ok!(cast(BOB, id, vote(true, 600_000, Conviction::Locked1x)));
		let abstain = crate::Vote {
			choice: crate::Choice::Abstain,
			balance: 600_000,
			conviction: Conviction::None,
		};
		assert_ok!(cast(EVE, id, abstain));
		assert_ok!(cast(CHARLIE, id, vote(false, 300_000, Conviction::Locked2x)));
		assert_ok!(cast(DAVE, id, vote(true, 300_000, Conviction::None)));
		// Ayes 600_000 + 30_000 against nays 600_000 would pass: DAVE changes his mind.
		assert_ok!(cast(DAVE, id, vote(false, 300_000, Conviction::None)));
		assert!(SecurityPool::referendum(id).is_some_and(|r| r.support >= r.support_needed));
		run_to_block(voting_end());
		assert_eq!(status(id), None);
		assert_eq!(pool_balance(), POOL_GENESIS + deposit_for(3));
		assert_eq!(Outcomes::<Test>::get(id).map(|o| o.approved), Some(false));
	});
}

#[test]
fn a_veto_during_the_timelock_stops_the_payout() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 10_000);
		let ends_at = voting_end();
		pass(id);
		run_to_block(ends_at + 1);
		assert_noop!(SecurityPool::veto(RuntimeOrigin::signed(BOB), id), DispatchError::BadOrigin);
		assert_ok!(SecurityPool::veto(RuntimeOrigin::root(), id));
		assert!(pool_events().contains(&Event::Vetoed { request: id }));
		run_to_block(ends_at + TIMELOCK + 2);
		assert_eq!(status(id), None);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT - deposit_for(3));
		assert_eq!(pool_balance(), POOL_GENESIS + deposit_for(3));
		assert_eq!(Ledger::<Test>::get().committed, 0);
		assert_noop!(SecurityPool::veto(RuntimeOrigin::root(), id), Error::<Test>::UnknownRequest);
	});
}

#[test]
fn veto_and_execute_respect_the_timelock() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 10_000);
		let ends_at = voting_end();
		let payable_at = ends_at + TIMELOCK;
		assert_noop!(SecurityPool::veto(RuntimeOrigin::root(), id), Error::<Test>::NotApproved);
		assert_noop!(
			SecurityPool::execute_payout(RuntimeOrigin::signed(EVE), id),
			Error::<Test>::NotApproved
		);
		assert_noop!(
			SecurityPool::execute_payout(RuntimeOrigin::signed(EVE), 99),
			Error::<Test>::UnknownRequest
		);
		pass(id);
		run_to_block(ends_at);
		assert_noop!(
			SecurityPool::execute_payout(RuntimeOrigin::signed(EVE), id),
			Error::<Test>::TimelockNotExpired
		);
		// The timelock has expired but the block's work has not paid yet.
		System::set_block_number(payable_at);
		assert_noop!(SecurityPool::veto(RuntimeOrigin::root(), id), Error::<Test>::TimelockExpired);
		assert_ok!(SecurityPool::execute_payout(RuntimeOrigin::signed(EVE), id));
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT + 10_000);
		// The automatic payout finds nothing left to pay.
		SecurityPool::do_try_state().unwrap();
		run_to_block(payable_at + 2);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT + 10_000);
		assert_eq!(pool_balance(), POOL_GENESIS - 10_000);
	});
}

#[test]
fn a_disclosure_is_committed_revealed_and_paid() {
	ExtBuilder::default().build_and_execute(|| {
		let report = b"reentrancy in the bridge".to_vec();
		let salt = [3u8; 32];
		assert_ok!(SecurityPool::submit_disclosure(
			RuntimeOrigin::signed(EVE),
			commitment_of(&EVE, &report, &salt),
			Severity::Critical,
			25_000,
			EVE,
			None,
		));
		let ends_at = voting_end();
		pass(0);
		run_to_block(ends_at);
		assert_ok!(SecurityPool::reveal_disclosure(
			RuntimeOrigin::signed(EVE),
			0,
			report.clone(),
			salt
		));
		run_to_block(ends_at + TIMELOCK);
		// The paid report stays on chain, its deposit held.
		let report_deposit = DEPOSIT_PER_BYTE * report.len() as Balance;
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT + 25_000 - report_deposit);
		assert_eq!(crate::Reports::<Test>::get(0).unwrap().text.to_vec(), report);
	});
}

#[test]
fn a_short_pool_pays_partially_and_owed_requests_first_in_order() {
	ExtBuilder::default().build_and_execute(|| {
		// Four requests of a quarter of the pool each; once they are approved the pool loses
		// half its funds (as root could take them through a forced transfer): it can pay two.
		let amount = (POOL_GENESIS - ED) / 4;
		let ids: Vec<_> = [ALICE, DAVE, EVE, 6].into_iter().map(|who| claim(who, amount)).collect();
		for &id in &ids {
			pass(id);
		}
		let payable_at = voting_end() + TIMELOCK;
		run_to_block(voting_end() + 1);
		drain_pool_to(2 * amount);
		run_to_block(payable_at);
		// At most two payments per block: the first two are paid in full.
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT + amount);
		assert_eq!(Balances::free_balance(DAVE), ENDOWMENT + amount);
		assert_eq!(pool_balance(), ED);
		run_to_block(payable_at + 1);
		assert_eq!(status(ids[2]), Some(RequestStatus::Owed { remaining: amount }));
		assert_eq!(status(ids[3]), Some(RequestStatus::Owed { remaining: amount }));
		assert_eq!(OwedQueue::<Test>::get().to_vec(), vec![ids[2], ids[3]]);
		assert_eq!(Ledger::<Test>::get().owed, 2 * amount);
		assert_eq!(SecurityPool::available(), 0);

		// A fee inflow pays the oldest owed request first.
		let fee = 100_000;
		FeeHook::on_unbalanced(fee_credit(fee));
		let share = fee / 5;
		run_to_block(payable_at + 2);
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT + share);
		assert_eq!(status(ids[2]), Some(RequestStatus::Owed { remaining: amount - share }));
		assert_eq!(Balances::free_balance(6), ENDOWMENT);

		// A contribution finishes it and pays part of the next.
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(BOB), amount));
		run_to_block(payable_at + 3);
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT + amount);
		assert_eq!(status(ids[2]), None);
		assert_eq!(status(ids[3]), Some(RequestStatus::Owed { remaining: amount - share }));
		assert_eq!(Balances::free_balance(6), ENDOWMENT + share);
		assert_eq!(OwedQueue::<Test>::get().to_vec(), vec![ids[3]]);
		assert!(pool_events().contains(&Event::Paid {
			request: ids[3],
			payee: 6,
			amount: share,
			remaining: amount - share
		}));
	});
}

#[test]
fn a_request_due_while_others_are_owed_waits_its_turn() {
	ExtBuilder::default().build_and_execute(|| {
		let amount = (POOL_GENESIS - ED) / 4;
		for who in [ALICE, DAVE, EVE] {
			pass(claim(who, amount));
		}
		let first_end = voting_end();
		let first_due = first_end + TIMELOCK;
		run_to_block(3);
		let late = claim(6, 1_000);
		pass(late);
		let late_due = voting_end() + TIMELOCK;
		run_to_block(first_end);
		drain_pool_to(2 * amount);
		run_to_block(first_due + 1);
		assert_eq!(OwedQueue::<Test>::get().to_vec(), vec![2]);
		// The inflow goes to the owed request, not to the one that falls due after it.
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(BOB), 500));
		run_to_block(late_due);
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT + 500);
		assert_eq!(OwedQueue::<Test>::get().to_vec(), vec![2, late]);
		assert_eq!(status(late), Some(RequestStatus::Owed { remaining: 1_000 }));
		assert_eq!(Balances::free_balance(6), ENDOWMENT);
	});
}
