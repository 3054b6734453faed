//! The attacks of the threat model, each tried and shown to fail or to do no harm.

use super::*;
use crate::{
	commitment_of, Commitments, Error, Event, Ledger, OpenRequestsOf, Outcomes, OwedQueue,
	Parameters, Reports, RequestStatus, Requests, Severity, VotingDeadlines, VotingFor,
};
use frame_support::{
	assert_noop,
	traits::{
		fungible::{InspectHold, Mutate},
		tokens::Preservation,
	},
};
use sp_runtime::{DispatchError, Perbill};

fn status(id: RequestId) -> Option<RequestStatus<Balance, u64>> {
	Requests::<Test>::get(id).map(|request| request.status)
}

/// Makes `who`'s account disappear: everything it has goes to the author.
fn reap(who: AccountId) {
	assert_ok!(Balances::transfer_all(RuntimeOrigin::signed(who), AUTHOR, false));
	assert!(!frame_system::Account::<Test>::contains_key(who));
}

// (1) One payee stops every payout.

#[test]
fn a_part_payment_leaves_at_least_the_existential_deposit_owed() {
	ExtBuilder::default().build_and_execute(|| {
		// The claim is approved, then the pool holds only 3 more than the claim, less ED.
		let id = crate::NextRequestId::<Test>::get();
		assert_ok!(try_claim(ALICE, 20_000, 20));
		pass(id);
		run_to_block(voting_end());
		drain_pool_to(20_000 - 3);
		run_to_block(voting_end() + TIMELOCK);
		// Paying 19,997 would leave 3 (< ED) owed: 19,990 is paid and 10 stays owed.
		assert_eq!(Balances::free_balance(20), 19_990);
		assert_eq!(status(id), Some(RequestStatus::Owed { remaining: ED }));
		assert_eq!(pool_balance(), ED + 7);
		// The beneficiary's account may now vanish: what is owed can still create it.
		reap(20);
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(BOB), 100));
		run_to_block(System::block_number() + 1);
		assert_eq!(Balances::free_balance(20), ED);
		assert_eq!(status(id), None);
		assert!(OwedQueue::<Test>::get().is_empty());
	});
}

/// Files claims of ALICE for `a` to account 20 and of DAVE for `b` to account 21, passes both,
/// empties the pool once they are approved and runs to their payout block: both are owed in full,
/// the first ahead. Returns their ids.
fn owe_two(a: Balance, b: Balance) -> (RequestId, RequestId) {
	let first = crate::NextRequestId::<Test>::get();
	assert_ok!(try_claim(ALICE, a, 20));
	assert_ok!(try_claim(DAVE, b, 21));
	pass(first);
	pass(first + 1);
	let ends_at = voting_end();
	run_to_block(ends_at);
	drain_pool_to(0);
	run_to_block(ends_at + TIMELOCK);
	assert_eq!(OwedQueue::<Test>::get().to_vec(), vec![first, first + 1]);
	assert_eq!(status(first), Some(RequestStatus::Owed { remaining: a }));
	(first, first + 1)
}

#[test]
fn a_reaped_payee_at_the_head_does_not_block_later_requests() {
	ExtBuilder::default().build_and_execute(|| {
		let (a, b) = owe_two(30_000, 100);
		// A is paid in part; its beneficiary's account is then reaped.
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(EVE), 12_000));
		run_to_block(System::block_number() + 1);
		assert_eq!(Balances::free_balance(20), 12_000);
		assert_eq!(status(a), Some(RequestStatus::Owed { remaining: 18_000 }));
		reap(20);
		// Funds arrive: A (reaped) is paid in full and B in the same block.
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(EVE), 50_000));
		run_to_block(System::block_number() + 1);
		assert_eq!(Balances::free_balance(20), 18_000);
		assert_eq!(Balances::free_balance(21), 100);
		assert_eq!(status(a), None);
		assert_eq!(status(b), None);
		assert_eq!(pool_balance(), ED + 50_000 - 18_000 - 100);
	});
}

/// Puts `id` (approved, owed in full) in the state version 0 could leave it in: owing 5 (below
/// ED) to `payee`, whose account is gone.
fn owe_dust(id: RequestId) {
	let Some(RequestStatus::Owed { remaining }) = status(id) else { panic!("owed") };
	Requests::<Test>::mutate(id, |r| {
		r.as_mut().unwrap().status = RequestStatus::Owed { remaining: 5 }
	});
	Ledger::<Test>::mutate(|ledger| {
		ledger.owed -= remaining - 5;
		ledger.committed -= remaining - 5;
	});
}

#[test]
fn a_payee_that_cannot_receive_moves_aside_until_the_beneficiary_names_another() {
	ExtBuilder::default().build_and_execute(|| {
		// A is owed 5 to the dead account 20: no transfer can create an account with 5.
		let (a, b) = owe_two(1_000, 100);
		owe_dust(a);
		SecurityPool::do_try_state().unwrap();

		// Funds arrive: A is refused and moves to the back, B is paid in the next block.
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(DAVE), 5_000));
		let pool_before = pool_balance();
		run_to_block(System::block_number() + 1);
		assert!(pool_events().contains(&Event::PaymentRefused {
			request: a,
			payee: 20,
			amount: 5
		}));
		assert_eq!(OwedQueue::<Test>::get().to_vec(), vec![b, a]);
		run_to_block(System::block_number() + 1);
		assert_eq!(Balances::free_balance(21), 100);
		assert_eq!(status(b), None);
		assert_eq!(OwedQueue::<Test>::get().to_vec(), vec![a]);
		assert_eq!(pool_balance(), pool_before - 100);
		assert_eq!(Balances::free_balance(20), 0);

		// Retried every block, never blocking: still refused.
		run_to_block(System::block_number() + 1);
		assert_eq!(status(a), Some(RequestStatus::Owed { remaining: 5 }));

		// Only the beneficiary names a payee, never the pool.
		assert_noop!(
			SecurityPool::set_payee(RuntimeOrigin::signed(ALICE), a, EVE),
			Error::<Test>::NotBeneficiary
		);
		assert_noop!(
			SecurityPool::set_payee(RuntimeOrigin::signed(20), a, SecurityPool::account_id()),
			Error::<Test>::PoolIsBeneficiary
		);
		assert_ok!(SecurityPool::set_payee(RuntimeOrigin::signed(20), a, EVE));
		assert!(pool_events().contains(&Event::PayeeSet { request: a, payee: EVE }));
		run_to_block(System::block_number() + 1);
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT + 5);
		assert_eq!(status(a), None);
		assert!(OwedQueue::<Test>::get().is_empty());
		assert_eq!(Ledger::<Test>::get().owed, 0);
	});
}

#[test]
fn refusing_payees_cannot_starve_the_due_timelocks() {
	ExtBuilder::default().build_and_execute(|| {
		// Two owed requests whose payees refuse, ahead of a claim whose timelock falls due.
		let (a, b) = owe_two(1_000, 100);
		owe_dust(a);
		owe_dust(b);
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(EVE), 5_000));
		let late = crate::NextRequestId::<Test>::get();
		assert_ok!(try_claim(6, 300, 22));
		pass(late);
		let due = voting_end() + TIMELOCK;
		// Each block spends one attempt on a refusal and leaves the rest of the budget.
		run_to_block(due);
		assert_eq!(Balances::free_balance(22), 300);
		assert_eq!(status(late), None);
		assert_eq!(OwedQueue::<Test>::get().len(), 2);
	});
}

#[test]
fn set_payee_refuses_requests_without_a_payout_yet_and_unknown_ones() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		assert_noop!(
			SecurityPool::set_payee(RuntimeOrigin::signed(ALICE), id, EVE),
			Error::<Test>::NotPayable
		);
		assert_noop!(
			SecurityPool::set_payee(RuntimeOrigin::signed(ALICE), 42, EVE),
			Error::<Test>::UnknownRequest
		);
		pass(id);
		run_to_block(voting_end());
		// Approved: the beneficiary may redirect it during the timelock.
		assert_ok!(SecurityPool::set_payee(RuntimeOrigin::signed(ALICE), id, EVE));
		run_to_block(voting_end() + TIMELOCK);
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT + 1_000);
	});
}

// (2) Intake jammed for a voting period for a few units.

#[test]
fn filling_every_slot_costs_the_documented_amount() {
	ExtBuilder::default().build_and_execute(|| {
		// The cheapest requests, claims without evidence, from as few accounts as allowed.
		let spammers = [ALICE, BOB, CHARLIE];
		let free_before: Balance = spammers.iter().map(|&who| Balances::free_balance(who)).sum();
		for slot in 0..MAX_OPEN {
			let who = spammers[(slot / MAX_OPEN_PER_ACCOUNT) as usize];
			let expected = DEPOSIT_BASE * (1 + slot as Balance);
			assert_eq!(SecurityPool::deposit_for(0, 100), expected);
			assert_ok!(try_claim(who, 100, who));
			assert_eq!(Requests::<Test>::get(slot).unwrap().deposit, expected);
		}
		// deposit_base × N(N + 1)/2, as the pallet's docs state.
		let n = MAX_OPEN as Balance;
		let held_total: Balance = spammers.iter().map(|&who| held(who)).sum();
		assert_eq!(held_total, DEPOSIT_BASE * n * (n + 1) / 2);
		assert_eq!(held_total, 3_600);
		let free_after: Balance = spammers.iter().map(|&who| Balances::free_balance(who)).sum();
		assert_eq!(free_before - free_after, 3_600);

		assert_noop!(try_claim(DAVE, 100, DAVE), Error::<Test>::TooManyOpenRequests);

		// The deposits go to the pool when the spam fails (two referenda end per block).
		run_to_block(voting_end() + MAX_OPEN as u64 / 2);
		assert_eq!(pool_balance(), POOL_GENESIS + 3_600);
		assert_eq!(Requests::<Test>::count(), 0);
	});
}

#[test]
fn one_account_has_at_most_its_share_of_open_requests() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..MAX_OPEN_PER_ACCOUNT {
			claim(ALICE, 100);
		}
		assert_eq!(OpenRequestsOf::<Test>::get(ALICE), MAX_OPEN_PER_ACCOUNT);
		assert_noop!(try_claim(ALICE, 100, ALICE), Error::<Test>::TooManyRequestsOfAccount);
		assert_noop!(
			try_disclose(ALICE, commitment_of(&ALICE, b"r", &[1; 32]), Severity::Low, 100, ALICE),
			Error::<Test>::TooManyRequestsOfAccount
		);
		// A finished request frees the account's slot.
		assert_ok!(SecurityPool::cancel(RuntimeOrigin::root(), 0));
		assert_eq!(OpenRequestsOf::<Test>::get(ALICE), MAX_OPEN_PER_ACCOUNT - 1);
		claim(ALICE, 100);
	});
}

#[test]
fn cancel_frees_a_slot_forfeits_the_deposit_and_locks_no_voter() {
	ExtBuilder::default().build_and_execute(|| {
		let spammers = [ALICE, BOB, CHARLIE];
		for slot in 0..MAX_OPEN {
			let who = spammers[(slot / MAX_OPEN_PER_ACCOUNT) as usize];
			assert_ok!(try_claim(who, 100, who));
		}
		let spam = 7;
		let deposit = Requests::<Test>::get(spam).unwrap().deposit;
		assert_eq!(deposit, DEPOSIT_BASE * 8);
		assert_ok!(cast(EVE, spam, vote(true, 5_000, Conviction::Locked6x)));

		assert_ok!(SecurityPool::cancel(RuntimeOrigin::root(), spam));
		assert_eq!(status(spam), None);
		assert_eq!(held(CHARLIE), DEPOSIT_BASE * 7);
		assert_eq!(pool_balance(), POOL_GENESIS + deposit);
		assert!(pool_events().contains(&Event::Cancelled { request: spam }));
		assert!(pool_events().contains(&Event::DepositForfeited {
			request: spam,
			who: CHARLIE,
			amount: deposit
		}));
		assert!(VotingDeadlines::<Test>::get().iter().all(|d| d.request != spam));
		assert_eq!(Ledger::<Test>::get().voting, 100 * 7);

		// The voter takes its vote back at once: no side won, nothing stays frozen.
		assert_noop!(cast(EVE, spam, vote(true, 1, Conviction::None)), Error::<Test>::VotingClosed);
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(EVE), spam));
		assert_eq!(frozen(EVE), 0);
		assert_eq!(Outcomes::<Test>::get(spam), None);

		// The freed slot takes a request at the deposit of 8 open ones.
		assert_eq!(SecurityPool::deposit_for(0, 100), DEPOSIT_BASE * 8);
		assert_ok!(try_claim(DAVE, 100, DAVE));
	});
}

#[test]
fn cancel_is_for_the_cancel_origin_and_running_referenda_only() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		assert_noop!(
			SecurityPool::cancel(RuntimeOrigin::signed(BOB), id),
			DispatchError::BadOrigin
		);
		assert_noop!(SecurityPool::cancel(RuntimeOrigin::root(), 9), Error::<Test>::UnknownRequest);
		// Three referenda end in the same block; two end per block, the third one later.
		let deferred = [claim(BOB, 100), claim(CHARLIE, 100)][1];
		pass(id);
		run_to_block(voting_end());
		assert_noop!(SecurityPool::cancel(RuntimeOrigin::root(), id), Error::<Test>::VotingClosed);
		assert!(matches!(status(deferred), Some(RequestStatus::Voting { .. })));
		assert_noop!(
			SecurityPool::cancel(RuntimeOrigin::root(), deferred),
			Error::<Test>::VotingClosed
		);
	});
}

// (3) Disclosures copied or front-run.

#[test]
fn a_copied_commitment_is_refused_and_cannot_be_revealed_by_the_copier() {
	ExtBuilder::default().build_and_execute(|| {
		let (report, salt) = (b"overflow in fee hook".to_vec(), [3u8; 32]);
		let commitment = commitment_of(&ALICE, &report, &salt);
		let submit = |who: AccountId, beneficiary| {
			try_disclose(who, commitment, Severity::High, 1_000, beneficiary)
		};
		// The front-runner (EVE) copies the hunter's commitment from the mempool, first.
		assert_ok!(submit(EVE, EVE));
		let copy = 0;
		// The hunter's own filing of it is refused, as is any duplicate.
		assert_noop!(submit(ALICE, ALICE), Error::<Test>::DuplicateCommitment);
		assert_noop!(submit(EVE, EVE), Error::<Test>::DuplicateCommitment);
		assert_eq!(Commitments::<Test>::get(commitment), Some(copy));

		// Even with the report and salt published, the copier cannot reveal: the commitment
		// binds the hunter's account.
		assert_noop!(
			SecurityPool::reveal_disclosure(RuntimeOrigin::signed(EVE), copy, report.clone(), salt),
			Error::<Test>::CommitmentMismatch
		);
		assert_noop!(
			SecurityPool::reveal_disclosure(
				RuntimeOrigin::signed(ALICE),
				copy,
				report.clone(),
				salt
			),
			Error::<Test>::NotSubmitter
		);
		// The hunter files anew with a fresh salt; the copy is cancelled.
		let fresh = commitment_of(&ALICE, &report, &[4; 32]);
		assert_ok!(try_disclose(ALICE, fresh, Severity::High, 1_000, ALICE));
		assert_ok!(SecurityPool::cancel(RuntimeOrigin::root(), copy));
		assert_eq!(Commitments::<Test>::get(commitment), None);
		assert_ok!(SecurityPool::reveal_disclosure(
			RuntimeOrigin::signed(ALICE),
			1,
			report,
			[4; 32]
		));
	});
}

#[test]
fn a_paid_commitment_is_never_accepted_again() {
	ExtBuilder::default().build_and_execute(|| {
		let commitment = commitment_of(&ALICE, b"bug", &[1; 32]);
		let submit = || try_disclose(ALICE, commitment, Severity::Low, 100, ALICE);
		assert_ok!(submit());
		pass(0);
		assert_ok!(SecurityPool::reveal_disclosure(
			RuntimeOrigin::signed(ALICE),
			0,
			b"bug".to_vec(),
			[1; 32]
		));
		run_to_block(voting_end() + TIMELOCK);
		assert_eq!(status(0), None);
		assert_eq!(Commitments::<Test>::get(commitment), Some(0));
		assert_noop!(submit(), Error::<Test>::DuplicateCommitment);
	});
}

// (4) Two requests that each fit can drain the pool together.

#[test]
fn open_requests_together_stay_within_max_exposure() {
	ExtBuilder::default().build_and_execute(|| {
		Parameters::<Test>::mutate(|p| {
			p.max_exposure = Perbill::from_percent(50);
			p.amount_bond = Perbill::from_percent(1);
		});
		// 50% of the pool's 100,000; each request alone fits `max_payout` (50% of 99,990).
		assert_ok!(try_claim(ALICE, 49_995, ALICE));
		// Taking up the cap puts its bond at stake: 1% of the amount, rounded up.
		assert_eq!(held(ALICE), DEPOSIT_BASE + 500);
		assert_noop!(try_claim(BOB, 10, BOB), Error::<Test>::ExceedsMaxExposure);
		assert_noop!(
			try_disclose(BOB, commitment_of(&BOB, b"r", &[0; 32]), Severity::Low, 10, BOB),
			Error::<Test>::ExceedsMaxExposure
		);
		assert_eq!(Ledger::<Test>::get().exposure(), 49_995);
		// Approved and owed requests count too.
		pass(0);
		run_to_block(voting_end());
		assert_eq!(Ledger::<Test>::get().voting, 0);
		assert_eq!(Ledger::<Test>::get().committed, 49_995);
		assert_noop!(try_claim(BOB, 10, BOB), Error::<Test>::ExceedsMaxExposure);
	});
}

// (5) Retroactive and unbounded parameters.

#[test]
fn a_parameter_change_leaves_running_referenda_and_earned_locks_alone() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let ends_at = voting_end();
		pass(id);
		let strict = crate::PoolParameters {
			voting_period: 100,
			timelock: 50,
			vote_locking_period: 200,
			min_support: Perbill::from_percent(90),
			approval: Perbill::from_percent(99),
			..test_parameters()
		};
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), strict.clone()));
		// Passes on the thresholds it was filed under, paid after its own timelock.
		run_to_block(ends_at);
		assert_eq!(status(id), Some(RequestStatus::Approved { payable_at: ends_at + TIMELOCK }));
		run_to_block(ends_at + TIMELOCK);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT + 1_000);
		// BOB's Locked1x vote earned a lock of one locking period as it was, not as it is.
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(BOB), id));
		assert_eq!(VotingFor::<Test>::get(BOB).unwrap().prior.until, ends_at + LOCKING_PERIOD);
		// A request filed now is judged by the new rules.
		let next = claim(ALICE, 1_000);
		assert_eq!(
			Requests::<Test>::get(next).unwrap().terms,
			strict.terms(1_000, &Default::default()).1
		);
	});
}

#[test]
#[should_panic(expected = "genesis parameters of the security pool are valid")]
fn genesis_refuses_parameters_out_of_bounds() {
	use sp_runtime::BuildStorage;
	let _ = crate::GenesisConfig::<Test> {
		parameters: crate::PoolParameters { deposit_base: 0, ..test_parameters() },
	}
	.build_storage();
}

// (6) Storage that only grows.

#[test]
fn an_outcome_goes_with_its_last_vote_and_a_report_holds_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		pass(id);
		let silent = claim(DAVE, 1_000);
		run_to_block(voting_end());
		// A referendum nobody voted on leaves no record.
		assert_eq!(Outcomes::<Test>::get(silent), None);
		assert_eq!(Outcomes::<Test>::get(id).unwrap().votes, 2);
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(CHARLIE), id));
		assert_eq!(Outcomes::<Test>::get(id).unwrap().votes, 1);
		assert_ok!(SecurityPool::remove_vote(RuntimeOrigin::signed(BOB), id));
		assert_eq!(Outcomes::<Test>::get(id), None);

		let (report, salt) = (vec![5u8; 100], [6u8; 32]);
		assert_ok!(try_disclose(EVE, commitment_of(&EVE, &report, &salt), Severity::Low, 100, EVE));
		let disclosure = 2;
		let request_deposit = held(EVE);
		assert_ok!(SecurityPool::reveal_disclosure(
			RuntimeOrigin::signed(EVE),
			disclosure,
			report.clone(),
			salt
		));
		let reason = crate::HoldReason::ReportDeposit.into();
		assert_eq!(Balances::balance_on_hold(&reason, &EVE), DEPOSIT_PER_BYTE * 100);
		assert_eq!(Reports::<Test>::get(disclosure).unwrap().deposit, 100);
		assert_eq!(Reports::<Test>::get(disclosure).unwrap().text.to_vec(), report);
		assert_eq!(held(EVE), request_deposit);
		assert_eq!(
			Balances::free_balance(EVE),
			ENDOWMENT - request_deposit - DEPOSIT_PER_BYTE * 100
		);
	});
}

#[test]
fn an_unpaid_disclosure_frees_its_report_and_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let (report, salt) = (vec![5u8; 40], [6u8; 32]);
		let commitment = commitment_of(&EVE, &report, &salt);
		assert_ok!(try_disclose(EVE, commitment, Severity::Low, 100, EVE));
		assert_ok!(SecurityPool::reveal_disclosure(RuntimeOrigin::signed(EVE), 0, report, salt));
		let deposit = held(EVE);
		assert_ok!(SecurityPool::cancel(RuntimeOrigin::root(), 0));
		assert_eq!(Reports::<Test>::get(0), None);
		assert_eq!(Commitments::<Test>::get(commitment), None);
		let reason = crate::HoldReason::ReportDeposit.into();
		assert_eq!(Balances::balance_on_hold(&reason, &EVE), 0);
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT - deposit);
	});
}

#[test]
fn a_reveal_without_funds_for_its_deposit_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let (report, salt) = (vec![5u8; MAX_REPORT as usize], [6u8; 32]);
		assert_ok!(try_disclose(EVE, commitment_of(&EVE, &report, &salt), Severity::Low, 100, EVE));
		let spend = Balances::free_balance(EVE) - ED - 1;
		assert_ok!(Balances::transfer(&EVE, &AUTHOR, spend, Preservation::Preserve));
		assert_noop!(
			SecurityPool::reveal_disclosure(RuntimeOrigin::signed(EVE), 0, report, salt),
			Error::<Test>::InsufficientFunds
		);
	});
}

// (7) The pool as beneficiary.

#[test]
fn the_pool_cannot_be_a_beneficiary() {
	ExtBuilder::default().build_and_execute(|| {
		let pool = SecurityPool::account_id();
		assert_noop!(try_claim(ALICE, 1_000, pool), Error::<Test>::PoolIsBeneficiary);
		assert_noop!(
			try_disclose(ALICE, commitment_of(&ALICE, b"r", &[0; 32]), Severity::Low, 100, pool),
			Error::<Test>::PoolIsBeneficiary
		);
	});
}
