//! Filing claims and disclosures, and revealing disclosures.

use super::*;
use crate::{
	commitment_of, Error, Event, Reports, RequestKind, RequestStatus, Requests, Severity, Tally,
	VotingDeadlines,
};
use frame_support::assert_noop;

fn disclose(who: AccountId, severity: Severity, amount: Balance, report: &[u8]) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(SecurityPool::submit_disclosure(
		RuntimeOrigin::signed(who),
		commitment_of(&who, report, &[7; 32]),
		severity,
		amount,
		who,
		None,
	));
	id
}

#[test]
fn submit_claim_holds_the_deposit_and_opens_the_referendum() {
	ExtBuilder::default().build_and_execute(|| {
		let evidence = b"bafy-incident-42".to_vec();
		assert_ok!(SecurityPool::submit_claim(
			RuntimeOrigin::signed(ALICE),
			1_000,
			DAVE,
			evidence.clone()
		));
		let deposit = deposit_for(evidence.len() as u64);
		assert_eq!(held(ALICE), deposit);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT - deposit);
		let request = Requests::<Test>::get(0).unwrap();
		assert_eq!(request.beneficiary, DAVE);
		assert_eq!(request.amount, 1_000);
		assert_eq!(request.kind, RequestKind::Claim { evidence: evidence.try_into().unwrap() });
		assert_eq!(
			request.status,
			RequestStatus::Voting { ends_at: voting_end(), tally: Tally::default(), extensions: 0 }
		);
		assert_eq!(VotingDeadlines::<Test>::get().len(), 1);
		assert_eq!(
			pool_events(),
			vec![Event::ClaimSubmitted {
				request: 0,
				submitter: ALICE,
				beneficiary: DAVE,
				amount: 1_000,
				deposit,
				voting_ends_at: voting_end(),
			}]
		);
	});
}

#[test]
fn submit_claim_rejects_bad_amounts() {
	ExtBuilder::default().build_and_execute(|| {
		let submit = |amount| {
			SecurityPool::submit_claim(RuntimeOrigin::signed(ALICE), amount, ALICE, vec![1])
		};
		assert_noop!(submit(0), Error::<Test>::ZeroAmount);
		assert_noop!(submit(ED - 1), Error::<Test>::AmountBelowMinimum);
		// available = 100_000 − ED; max_payout 50%.
		let cap = (POOL_GENESIS - ED) / 2;
		assert_noop!(submit(cap + 1), Error::<Test>::ExceedsMaxPayout);
		assert_ok!(submit(cap));
	});
}

#[test]
fn committed_funds_lower_the_cap() {
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 40_000);
		pass(id);
		run_to_block(voting_end());
		assert_eq!(SecurityPool::available(), POOL_GENESIS - ED - 40_000);
		let cap = (POOL_GENESIS - ED - 40_000) / 2;
		assert_noop!(
			SecurityPool::submit_claim(RuntimeOrigin::signed(DAVE), cap + 1, DAVE, vec![]),
			Error::<Test>::ExceedsMaxPayout
		);
	});
}

#[test]
fn submit_claim_rejects_oversize_evidence() {
	ExtBuilder::default().build_and_execute(|| {
		let evidence = vec![0u8; MAX_EVIDENCE as usize + 1];
		assert_noop!(
			SecurityPool::submit_claim(RuntimeOrigin::signed(ALICE), 100, ALICE, evidence),
			Error::<Test>::EvidenceTooLong
		);
	});
}

#[test]
fn submit_claim_needs_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let poor = 42;
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), poor, DEPOSIT_BASE));
		assert_noop!(
			SecurityPool::submit_claim(RuntimeOrigin::signed(poor), 100, poor, vec![1, 2, 3]),
			Error::<Test>::InsufficientFunds
		);
	});
}

#[test]
fn a_tier_caps_by_its_share_of_available_when_that_is_below_its_cap() {
	ExtBuilder::default().build_and_execute(|| {
		// High: 20% of available, at most 10_000. With 20_000 available the share binds: 4_000.
		drain_pool_to(20_000);
		assert_eq!(SecurityPool::available(), 20_000);
		let submit = |amount| {
			let commitment = commitment_of(&EVE, b"report", &[amount as u8; 32]);
			SecurityPool::submit_disclosure(
				RuntimeOrigin::signed(EVE),
				commitment,
				Severity::High,
				amount,
				EVE,
				None,
			)
		};
		assert_noop!(submit(4_001), Error::<Test>::ExceedsSeverityCap);
		assert_ok!(submit(4_000));
		assert_eq!(Requests::<Test>::get(0).unwrap().amount, 4_000);
	});
}

#[test]
fn submit_disclosure_is_capped_by_its_tier() {
	ExtBuilder::default().build_and_execute(|| {
		let commitment = commitment_of(&EVE, b"report", &[7; 32]);
		let submit = |severity, amount| {
			SecurityPool::submit_disclosure(
				RuntimeOrigin::signed(EVE),
				commitment,
				severity,
				amount,
				EVE,
				None,
			)
		};
		// Low: min(1% of 99_990, 500) = 500; Medium: min(5% of 99_990, 2_000) = 2_000.
		assert_noop!(submit(Severity::Low, 501), Error::<Test>::ExceedsSeverityCap);
		assert_noop!(submit(Severity::Medium, 2_001), Error::<Test>::ExceedsSeverityCap);
		assert_noop!(submit(Severity::Critical, 0), Error::<Test>::ZeroAmount);
		assert_ok!(submit(Severity::Low, 500));
		assert_eq!(held(EVE), deposit_for(32));
		assert_eq!(
			Requests::<Test>::get(0).unwrap().kind,
			RequestKind::Disclosure {
				commitment,
				severity: Severity::Low,
				triage: crate::Triage::Pending { due: 1 + TRIAGE_PERIOD },
				revealed: false
			}
		);
		assert!(pool_events().contains(&Event::DisclosureSubmitted {
			request: 0,
			submitter: EVE,
			beneficiary: EVE,
			amount: 500,
			severity: Severity::Low,
			commitment,
			deposit: deposit_for(32),
			voting_ends_at: voting_end(),
		}));
	});
}

#[test]
fn reveal_disclosure_checks_the_commitment() {
	ExtBuilder::default().build_and_execute(|| {
		let report = b"overflow in the fee hook".to_vec();
		let id = disclose(EVE, Severity::High, 1_000, &report);
		let reveal = |report: Vec<u8>, salt| {
			SecurityPool::reveal_disclosure(RuntimeOrigin::signed(EVE), id, report, salt)
		};
		assert_noop!(reveal(report.clone(), [8; 32]), Error::<Test>::CommitmentMismatch);
		assert_noop!(
			reveal(b"another report".to_vec(), [7; 32]),
			Error::<Test>::CommitmentMismatch
		);
		assert_ok!(reveal(report.clone(), [7; 32]));
		assert_eq!(Reports::<Test>::get(id).unwrap().text.to_vec(), report);
		let report_len = report.len() as u32;
		let deposit = DEPOSIT_PER_BYTE * report_len as Balance;
		assert!(pool_events().contains(&Event::DisclosureRevealed {
			request: id,
			report_len,
			deposit
		}));
		assert_noop!(reveal(report, [7; 32]), Error::<Test>::AlreadyRevealed);
	});
}

#[test]
fn reveal_disclosure_rejects_bad_targets() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = claim(ALICE, 100);
		let reveal = |id, report: Vec<u8>| {
			SecurityPool::reveal_disclosure(RuntimeOrigin::signed(EVE), id, report, [7; 32])
		};
		assert_noop!(reveal(claim_id, b"x".to_vec()), Error::<Test>::NotADisclosure);
		assert_noop!(reveal(99, b"x".to_vec()), Error::<Test>::UnknownRequest);
		assert_noop!(
			reveal(claim_id, vec![0; MAX_REPORT as usize + 1]),
			Error::<Test>::ReportTooLong
		);
	});
}
