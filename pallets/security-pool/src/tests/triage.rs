//! Disclosure triage: verdicts, the fast track, the triage deadline and the reveal deadline.

use super::*;
use crate::{
	commitment_of, Commitments, EncryptedReports, Error, Event, Ledger, Reports, RequestKind,
	RequestStatus, Requests, Severity, Triage, TriageDeadlines, TriageKey, Verdict,
	VotingDeadlines,
};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

const REPORT: &[u8] = b"overflow in the bridge";
const SALT: [u8; 32] = [7; 32];

/// EVE discloses REPORT with `severity` for `amount` to herself; returns the request.
fn disclose(severity: Severity, amount: Balance) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(try_disclose(EVE, commitment_of(&EVE, REPORT, &SALT), severity, amount, EVE));
	id
}

fn reveal(id: RequestId) -> DispatchResult {
	SecurityPool::reveal_disclosure(RuntimeOrigin::signed(EVE), id, REPORT.to_vec(), SALT)
}

fn triage(id: RequestId, verdict: Verdict) -> DispatchResult {
	SecurityPool::triage(RuntimeOrigin::root(), id, verdict)
}

fn triage_of(id: RequestId) -> Triage<u64> {
	match Requests::<Test>::get(id).expect("open").kind {
		RequestKind::Disclosure { triage, .. } => triage,
		_ => panic!("not a disclosure"),
	}
}

fn status(id: RequestId) -> Option<RequestStatus<Balance, u64>> {
	Requests::<Test>::get(id).map(|request| request.status)
}

fn paid(id: RequestId) -> Balance {
	pool_events()
		.into_iter()
		.filter_map(|event| match event {
			Event::Paid { request, amount, .. } if request == id => Some(amount),
			_ => None,
		})
		.sum()
}

/// The deposit of a disclosure filed while no other request is open.
const DEPOSIT: Balance = DEPOSIT_BASE + 32 * DEPOSIT_PER_BYTE;

#[test]
fn a_confirmed_disclosure_is_paid_unrevealed_and_its_deposit_waits_for_the_report() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		assert_ok!(triage(id, Verdict::Confirmed));
		assert_eq!(triage_of(id), Triage::Judged { verdict: Verdict::Confirmed, at: 1 });
		assert!(pool_events().contains(&Event::Triaged {
			request: id,
			verdict: Verdict::Confirmed,
			amount: 5_000,
			reduction: 0
		}));
		assert!(TriageDeadlines::<Test>::get().is_empty());
		pass(id);
		run_to_block(1 + VOTING_PERIOD + TIMELOCK);
		assert_eq!(paid(id), 5_000);
		let reveal_by = 1 + VOTING_PERIOD + TIMELOCK + REVEAL_PERIOD;
		assert_eq!(status(id), Some(RequestStatus::Paid { reveal_by }));
		assert!(pool_events().contains(&Event::AwaitingReveal { request: id, reveal_by }));
		assert_eq!(held(EVE), DEPOSIT);

		// Revealed within the deadline: the deposit comes back and the request is done.
		run_to_block(reveal_by - 1);
		assert_ok!(reveal(id));
		assert_eq!(held(EVE), 0);
		assert_eq!(status(id), None);
		assert_eq!(Reports::<Test>::get(id).unwrap().text.to_vec(), REPORT.to_vec());
		assert_eq!(Commitments::<Test>::get(commitment_of(&EVE, REPORT, &SALT)), Some(id));
		let report_deposit = REPORT.len() as Balance * DEPOSIT_PER_BYTE;
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT + 5_000 - report_deposit);
	});
}

#[test]
fn a_paid_disclosure_not_revealed_in_time_forfeits_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		assert_ok!(triage(id, Verdict::Confirmed));
		pass(id);
		let reveal_by = 1 + VOTING_PERIOD + TIMELOCK + REVEAL_PERIOD;
		run_to_block(reveal_by - 1);
		assert_eq!(held(EVE), DEPOSIT);
		let pool = pool_balance();
		run_to_block(reveal_by);
		assert!(pool_events().contains(&Event::RevealMissed { request: id }));
		assert_eq!(held(EVE), 0);
		assert_eq!(pool_balance(), pool + DEPOSIT);
		assert_eq!(status(id), None);
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT + 5_000 - DEPOSIT);
		// Paid once: the commitment is never accepted again.
		assert_noop!(
			try_disclose(EVE, commitment_of(&EVE, REPORT, &SALT), Severity::Low, 100, EVE),
			Error::<Test>::DuplicateCommitment
		);
		assert_noop!(reveal(id), Error::<Test>::UnknownRequest);
	});
}

#[test]
fn a_downgrade_caps_the_amount_at_the_lower_tier_exactly() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::Critical, 25_000);
		assert_noop!(
			triage(id, Verdict::Downgraded(Severity::Critical)),
			Error::<Test>::NotADowngrade
		);
		// Medium: min(5% of 99_990, 2_000) = 2_000.
		assert_ok!(triage(id, Verdict::Downgraded(Severity::Medium)));
		assert!(pool_events().contains(&Event::Triaged {
			request: id,
			verdict: Verdict::Downgraded(Severity::Medium),
			amount: 2_000,
			reduction: 23_000
		}));
		assert_eq!(Requests::<Test>::get(id).unwrap().amount, 2_000);
		assert_eq!(Ledger::<Test>::get().voting, 2_000);
		// Not fast-tracked: the vote ends on the normal track.
		assert_eq!(VotingDeadlines::<Test>::get()[0].at, 1 + VOTING_PERIOD);
		pass(id);
		run_to_block(1 + VOTING_PERIOD + TIMELOCK);
		assert_eq!(paid(id), 2_000);

		// A downgrade to a severity above the claimed one is refused.
		let high = crate::NextRequestId::<Test>::get();
		assert_ok!(try_disclose(
			DAVE,
			commitment_of(&DAVE, b"other", &SALT),
			Severity::High,
			1_000,
			DAVE
		));
		assert_noop!(
			triage(high, Verdict::Downgraded(Severity::Critical)),
			Error::<Test>::NotADowngrade
		);
	});
}

#[test]
fn an_invalid_disclosure_that_passes_is_paid_only_once_revealed_and_a_new_timelock_ran() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		assert_ok!(triage(id, Verdict::Invalid));
		assert_eq!(triage_of(id), Triage::Judged { verdict: Verdict::Invalid, at: 1 });
		pass(id);
		let due = 1 + VOTING_PERIOD + TIMELOCK;
		run_to_block(due);
		assert_eq!(paid(id), 0);
		assert_eq!(status(id), Some(RequestStatus::Unproven { reveal_by: due + REVEAL_PERIOD }));
		assert_eq!(Ledger::<Test>::get().committed, 5_000);
		assert_noop!(
			SecurityPool::execute_payout(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotApproved
		);
		run_to_block(due + 3);
		assert_ok!(reveal(id));
		let payable_at = due + 3 + TIMELOCK;
		assert_eq!(status(id), Some(RequestStatus::Approved { payable_at }));
		assert!(pool_events().contains(&Event::TimelockRestarted { request: id, payable_at }));
		assert!(crate::RevealDeadlines::<Test>::get().is_empty());
		run_to_block(payable_at - 1);
		assert_eq!(paid(id), 0);
		run_to_block(payable_at);
		assert_eq!(paid(id), 5_000);
		assert_eq!(held(EVE), 0);
		assert_eq!(status(id), None);
		assert_eq!(Ledger::<Test>::get().committed, 0);
	});
}

#[test]
fn the_veto_origin_may_stop_a_disclosure_revealed_late_after_reading_its_report() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		pass(id);
		let due = 1 + VOTING_PERIOD + TIMELOCK;
		run_to_block(due + 1);
		assert_ok!(reveal(id));
		assert_ok!(SecurityPool::veto(RuntimeOrigin::root(), id));
		run_to_block(due + 1 + TIMELOCK);
		assert_eq!(paid(id), 0);
		assert_eq!(status(id), None);
		// The deposit went to the pool; the unpaid report was removed and its deposit released.
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT - DEPOSIT);
		assert_eq!(Reports::<Test>::get(id), None);
	});
}

#[test]
fn a_report_is_refused_after_its_reveal_deadline_even_before_the_deadline_is_applied() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		pass(id);
		let due = 1 + VOTING_PERIOD + TIMELOCK;
		run_to_block(due);
		// At the deadline's block, before the block's own work applied it.
		System::set_block_number(due + REVEAL_PERIOD);
		assert_noop!(reveal(id), Error::<Test>::RevealTooLate);
		assert_eq!(status(id), Some(RequestStatus::Unproven { reveal_by: due + REVEAL_PERIOD }));
	});
}

#[test]
fn a_downgrade_never_caps_below_the_existential_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let mut parameters = test_parameters();
		parameters.tiers.low.cap = 1;
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), parameters.clone()));
		let id = disclose(Severity::High, 1_000);
		assert_ok!(triage(id, Verdict::Downgraded(Severity::Low)));
		assert_eq!(Requests::<Test>::get(id).unwrap().amount, ED);
		assert!(pool_events().contains(&Event::Triaged {
			request: id,
			verdict: Verdict::Downgraded(Severity::Low),
			amount: ED,
			reduction: 1_000 - ED
		}));
	});
}

#[test]
fn an_unproven_disclosure_not_revealed_in_time_closes_unpaid() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		pass(id);
		let due = 1 + VOTING_PERIOD + TIMELOCK;
		run_to_block(due + REVEAL_PERIOD - 1);
		assert_eq!(status(id), Some(RequestStatus::Unproven { reveal_by: due + REVEAL_PERIOD }));
		let pool = pool_balance();
		run_to_block(due + REVEAL_PERIOD);
		assert_eq!(status(id), None);
		assert_eq!(paid(id), 0);
		assert!(pool_events().contains(&Event::RevealMissed { request: id }));
		assert_eq!(pool_balance(), pool + DEPOSIT);
		assert_eq!(held(EVE), 0);
		assert_eq!(Ledger::<Test>::get().committed, 0);
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT - DEPOSIT);
	});
}

#[test]
fn a_silent_council_misses_triage_exactly_at_its_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		let due = 1 + TRIAGE_PERIOD;
		assert_eq!(triage_of(id), Triage::Pending { due });
		run_to_block(due - 1);
		assert_eq!(triage_of(id), Triage::Pending { due });
		assert!(!pool_events().contains(&Event::TriageMissed { request: id }));
		run_to_block(due);
		assert_eq!(triage_of(id), Triage::Missed { at: due });
		assert!(pool_events().contains(&Event::TriageMissed { request: id }));
		assert_noop!(triage(id, Verdict::Confirmed), Error::<Test>::TriageClosed);

		// The hunter reveals: the disclosure is paid at its claimed severity.
		assert_ok!(reveal(id));
		pass(id);
		run_to_block(1 + VOTING_PERIOD + TIMELOCK);
		assert_eq!(paid(id), 5_000);
		assert_eq!(status(id), None);
		assert_eq!(held(EVE), 0);
	});
}

#[test]
fn triage_after_the_deadline_is_refused_even_before_it_is_marked() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		// At the deadline's block, before the block's own work marked it.
		System::set_block_number(1 + TRIAGE_PERIOD);
		assert_noop!(triage(id, Verdict::Confirmed), Error::<Test>::TriageClosed);
		assert_eq!(triage_of(id), Triage::Pending { due: 1 + TRIAGE_PERIOD });
	});
}

#[test]
fn a_confirmed_critical_disclosure_is_fast_tracked() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::Critical, 20_000);
		let other = claim(ALICE, 1_000);
		run_to_block(2);
		assert_ok!(triage(id, Verdict::Confirmed));
		let ends_at = 1 + FAST_VOTING_PERIOD;
		assert!(
			pool_events().contains(&Event::FastTracked { request: id, voting_ends_at: ends_at })
		);
		let queue = VotingDeadlines::<Test>::get();
		assert_eq!(
			queue.iter().map(|d| (d.at, d.request)).collect::<Vec<_>>(),
			vec![(ends_at, id), (1 + VOTING_PERIOD, other)]
		);
		assert_eq!(Requests::<Test>::get(id).unwrap().terms.timelock, FAST_TIMELOCK);
		pass(id);
		run_to_block(ends_at - 1);
		assert!(matches!(status(id), Some(RequestStatus::Voting { .. })));
		run_to_block(ends_at);
		let payable_at = ends_at + FAST_TIMELOCK;
		assert_eq!(status(id), Some(RequestStatus::Approved { payable_at }));
		run_to_block(payable_at - 1);
		assert_eq!(paid(id), 0);
		run_to_block(payable_at);
		assert_eq!(paid(id), 20_000);
	});
}

#[test]
fn triage_is_for_the_council_once_per_open_disclosure() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		let claim_id = claim(ALICE, 1_000);
		assert_noop!(
			SecurityPool::triage(RuntimeOrigin::signed(ALICE), id, Verdict::Confirmed),
			DispatchError::BadOrigin
		);
		assert_noop!(triage(claim_id, Verdict::Confirmed), Error::<Test>::NotADisclosure);
		assert_noop!(triage(99, Verdict::Confirmed), Error::<Test>::UnknownRequest);
		assert_ok!(triage(id, Verdict::Invalid));
		assert_noop!(triage(id, Verdict::Confirmed), Error::<Test>::AlreadyTriaged);
	});
}

#[test]
fn a_report_sealed_to_the_council_is_stored_paid_for_and_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		let commitment = commitment_of(&EVE, REPORT, &SALT);
		let submit = |sealed: Vec<u8>| {
			SecurityPool::submit_disclosure(
				RuntimeOrigin::signed(EVE),
				commitment,
				Severity::High,
				5_000,
				EVE,
				Some(sealed),
			)
		};
		assert_noop!(submit(vec![1; 80]), Error::<Test>::NoTriageKey);
		assert_noop!(
			SecurityPool::set_triage_key(RuntimeOrigin::signed(ALICE), [3; 32]),
			DispatchError::BadOrigin
		);
		assert_ok!(SecurityPool::set_triage_key(RuntimeOrigin::root(), [3; 32]));
		assert_eq!(TriageKey::<Test>::get(), Some([3; 32]));
		assert!(pool_events().contains(&Event::TriageKeySet { key: [3; 32] }));
		assert_noop!(
			submit(vec![1; MAX_SEALED as usize + 1]),
			Error::<Test>::EncryptedReportTooLong
		);
		assert_ok!(submit(vec![1; MAX_SEALED as usize]));
		assert_eq!(held(EVE), DEPOSIT + MAX_SEALED as Balance * DEPOSIT_PER_BYTE);
		assert_eq!(EncryptedReports::<Test>::get(0).unwrap().len(), MAX_SEALED as usize);
		assert_ok!(SecurityPool::cancel(RuntimeOrigin::root(), 0));
		assert_eq!(EncryptedReports::<Test>::get(0), None);
		assert!(TriageDeadlines::<Test>::get().is_empty());
	});
}

#[test]
fn missed_triages_are_marked_at_most_max_expiries_per_block() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<_> = [EVE, DAVE, ALICE]
			.into_iter()
			.map(|who| {
				let id = crate::NextRequestId::<Test>::get();
				let commitment = commitment_of(&who, b"r", &SALT);
				assert_ok!(try_disclose(who, commitment, Severity::Low, 100, who));
				id
			})
			.collect();
		let due = 1 + TRIAGE_PERIOD;
		run_to_block(due);
		let missed = |id| matches!(triage_of(id), Triage::Missed { .. });
		assert_eq!(ids.iter().filter(|id| missed(**id)).count(), 2);
		assert_eq!(triage_of(ids[2]), Triage::Pending { due });
		run_to_block(due + 1);
		assert_eq!(triage_of(ids[2]), Triage::Missed { at: due + 1 });
	});
}

#[test]
fn an_owed_disclosure_keeps_its_deposit_until_revealed_or_late() {
	ExtBuilder::default().build_and_execute(|| {
		let revealed = disclose(Severity::High, 5_000);
		let late = {
			let id = crate::NextRequestId::<Test>::get();
			let commitment = commitment_of(&DAVE, b"late", &SALT);
			assert_ok!(try_disclose(DAVE, commitment, Severity::High, 5_000, DAVE));
			id
		};
		let deposits = (held(EVE), held(DAVE));
		for id in [revealed, late] {
			assert_ok!(triage(id, Verdict::Confirmed));
			pass(id);
		}
		run_to_block(1 + VOTING_PERIOD);
		drain_pool_to(0);
		let due = 1 + VOTING_PERIOD + TIMELOCK;
		run_to_block(due);
		assert!(matches!(status(revealed), Some(RequestStatus::Owed { .. })));
		assert!(matches!(status(late), Some(RequestStatus::Owed { .. })));
		assert_eq!((held(EVE), held(DAVE)), deposits);

		// Revealed while owed: the deposit comes back, the payment still comes.
		assert_ok!(reveal(revealed));
		assert_eq!(held(EVE), 0);
		// Not revealed in time: the deposit goes to the pool, the payment still comes.
		run_to_block(due + REVEAL_PERIOD);
		assert!(pool_events().contains(&Event::RevealMissed { request: late }));
		assert_eq!(held(DAVE), 0);
		assert!(matches!(status(late), Some(RequestStatus::Owed { .. })));
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(ALICE), 20_000));
		run_to_block(due + REVEAL_PERIOD + 2);
		assert_eq!((paid(revealed), paid(late)), (5_000, 5_000));
		assert_eq!((status(revealed), status(late)), (None, None));
	});
}

/// A disclosure the council found invalid, passed and revealed in the last block of its
/// timelock, hoping to be paid in the next block before anyone can read it. Returns it and the
/// block it is payable at now.
fn revealed_in_the_last_block() -> (RequestId, u64) {
	let id = disclose(Severity::High, 5_000);
	assert_ok!(triage(id, Verdict::Invalid));
	pass(id);
	let payable_at = 1 + VOTING_PERIOD + TIMELOCK;
	run_to_block(payable_at - 1);
	assert_ok!(reveal(id));
	(id, payable_at - 1 + VETO_WINDOW + 1)
}

#[test]
fn a_report_revealed_in_the_last_block_of_its_timelock_waits_out_the_veto_window() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, after_window) = revealed_in_the_last_block();
		assert_eq!(status(id), Some(RequestStatus::Approved { payable_at: after_window }));
		assert!(pool_events()
			.contains(&Event::TimelockRestarted { request: id, payable_at: after_window }));
		// Not paid at the old time, nor before VETO_WINDOW whole blocks have passed.
		run_to_block(after_window - 1);
		assert_eq!(paid(id), 0);
		// In those blocks the veto origin reads the report and stops the payout.
		assert_ok!(SecurityPool::veto(RuntimeOrigin::root(), id));
		run_to_block(after_window + 1);
		assert_eq!(paid(id), 0);
		assert_eq!(status(id), None);
		assert_eq!(Ledger::<Test>::get().committed, 0);
		assert_eq!(Balances::free_balance(EVE), ENDOWMENT - DEPOSIT);
	});
}

#[test]
fn a_report_revealed_in_the_last_block_is_paid_after_the_veto_window_if_nobody_vetoes() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, after_window) = revealed_in_the_last_block();
		run_to_block(after_window - 1);
		assert_eq!(paid(id), 0);
		run_to_block(after_window);
		assert_eq!(paid(id), 5_000);
		assert_eq!((status(id), held(EVE)), (None, 0));
	});
}

#[test]
fn a_report_revealed_early_in_its_timelock_keeps_its_payment_time() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		pass(id);
		let payable_at = 1 + VOTING_PERIOD + TIMELOCK;
		// VETO_WINDOW whole blocks remain after this one: nothing moves.
		run_to_block(payable_at - VETO_WINDOW - 1);
		assert_ok!(reveal(id));
		assert_eq!(status(id), Some(RequestStatus::Approved { payable_at }));
		run_to_block(payable_at);
		assert_eq!(paid(id), 5_000);
	});
}

#[test]
fn a_disclosure_waiting_unproven_can_be_vetoed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		pass(id);
		let due = 1 + VOTING_PERIOD + TIMELOCK;
		run_to_block(due);
		assert_eq!(status(id), Some(RequestStatus::Unproven { reveal_by: due + REVEAL_PERIOD }));
		assert_eq!(Ledger::<Test>::get().committed, 5_000);
		let pool = pool_balance();
		assert_ok!(SecurityPool::veto(RuntimeOrigin::root(), id));
		assert_eq!(status(id), None);
		assert!(pool_events().contains(&Event::Vetoed { request: id }));
		// Its amount is free again, its deposit went to the pool, its slot and deadline are gone.
		assert_eq!(Ledger::<Test>::get().committed, 0);
		assert_eq!(pool_balance(), pool + DEPOSIT);
		assert_eq!((held(EVE), Balances::free_balance(EVE)), (0, ENDOWMENT - DEPOSIT));
		assert!(crate::RevealDeadlines::<Test>::get().is_empty());
		assert_eq!(Commitments::<Test>::get(commitment_of(&EVE, REPORT, &SALT)), None);
		assert_noop!(reveal(id), Error::<Test>::UnknownRequest);
		run_to_block(due + REVEAL_PERIOD + 1);
		assert_eq!(paid(id), 0);
	});
}

#[test]
fn a_disclosure_still_voting_cannot_be_vetoed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		assert_noop!(SecurityPool::veto(RuntimeOrigin::root(), id), Error::<Test>::NotApproved);
	});
}

#[test]
fn an_owed_disclosure_cannot_be_revealed_after_its_deadline_that_waits_behind_the_bound() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disclose(Severity::High, 5_000);
		assert_ok!(triage(id, Verdict::Confirmed));
		pass(id);
		run_to_block(1 + VOTING_PERIOD);
		drain_pool_to(0);
		let due = 1 + VOTING_PERIOD + TIMELOCK;
		run_to_block(due);
		assert!(matches!(status(id), Some(RequestStatus::Owed { .. })));
		// The deadline has come, but the block's bounded work has not applied it yet.
		System::set_block_number(due + REVEAL_PERIOD);
		assert_noop!(reveal(id), Error::<Test>::RevealTooLate);
		assert_eq!(held(EVE), DEPOSIT);
	});
}
