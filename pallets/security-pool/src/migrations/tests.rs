//! Storage migrations: the pallet added to a running chain, and the upgrade of version 0, 1 and
//! 2 state to the current layout.

use crate::{
	migrations::{self, v1},
	Event, Ledger, OpenRequestsOf, Outcomes, Parameters, Reports, RequestKind, RequestStatus,
	Requests, Severity, Triage, VotingDeadlines, VotingFor,
};
use crate::{mock::*, tests::*, Conviction};
use frame_support::assert_ok;
use frame_support::traits::{
	fungible::{MutateFreeze, MutateHold},
	GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
};
use sp_runtime::{traits::Hash, Perbill};

/// The runtime's migrations, in its order.
type Migrations = (
	migrations::from_v0::MigrateFromV0<Test>,
	migrations::from_v1::MigrateFromV1<Test>,
	migrations::from_v2::MigrateFromV2<Test>,
);

/// Runs the migrations to the current version, with their `try-runtime` pre- and post-checks
/// when built with them.
fn migrate_with_checks() {
	#[cfg(feature = "try-runtime")]
	Migrations::try_on_runtime_upgrade(true).unwrap();
	#[cfg(not(feature = "try-runtime"))]
	Migrations::on_runtime_upgrade();
	assert_eq!(SecurityPool::on_chain_storage_version(), StorageVersion::new(3));
}

#[test]
fn the_migration_sets_up_a_pallet_added_without_genesis() {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		assert_eq!(SecurityPool::on_chain_storage_version(), StorageVersion::new(0));
		assert!(!Parameters::<Test>::exists());
		assert_eq!(pool_balance(), 0);

		migrate_with_checks();
		assert_eq!(Parameters::<Test>::get(), test_parameters());
		assert!(Parameters::<Test>::exists());
		assert_eq!(pool_balance(), ED);
		SecurityPool::do_try_state().unwrap();
		// The pool works: a claim is filed against it.
		assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(ALICE), 10_000));
		assert_ok!(try_claim(ALICE, 100, ALICE));
		// A second run changes nothing.
		let changed = crate::PoolParameters { deposit_base: 1, ..test_parameters() };
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), changed.clone()));
		Migrations::on_runtime_upgrade();
		assert_eq!(Parameters::<Test>::get(), changed);
	});
}

#[test]
fn the_migration_carries_version_0_state_over() {
	use migrations::v0;
	ExtBuilder::default().build().execute_with(|| {
		// Version 0 state: a claim under vote with BOB's vote, a finished referendum that
		// CHARLIE's vote refers to, one nobody's vote refers to, a revealed report.
		let params = test_parameters();
		v0::Parameters::<Test>::put(v0::PoolParameters {
			voting_period: params.voting_period,
			timelock: params.timelock,
			vote_locking_period: params.vote_locking_period,
			min_support: params.min_support,
			approval: params.approval,
			max_payout: params.max_payout,
			deposit_base: params.deposit_base,
			deposit_per_byte: params.deposit_per_byte,
			tiers: params.tiers,
		});
		let bob_vote = vote(true, 5_000, Conviction::Locked1x);
		let tally = v0::Tally { ayes: 5_000, nays: 0, turnout: 5_000 };
		assert_ok!(Balances::hold(&crate::HoldReason::RequestDeposit.into(), &ALICE, 100));
		v0::Requests::<Test>::insert(
			3,
			v0::PayoutRequest {
				kind: v1::RequestKind::Claim { evidence: Default::default() },
				submitter: ALICE,
				beneficiary: DAVE,
				amount: 1_000,
				deposit: 100,
				status: v0::RequestStatus::Voting { ends_at: 11, tally },
			},
		);
		VotingDeadlines::<Test>::put(frame_support::BoundedVec::truncate_from(vec![
			crate::Deadline { at: 11, request: 3 },
		]));
		v0::Outcomes::<Test>::insert(1, v0::ReferendumOutcome { approved: true, ended_at: 1 });
		v0::Outcomes::<Test>::insert(2, v0::ReferendumOutcome { approved: false, ended_at: 1 });
		v0::Reports::<Test>::insert(1, frame_support::BoundedVec::truncate_from(b"r".to_vec()));
		let mut bob = crate::VotingOf::<Test>::default();
		bob.votes.try_push(crate::CastVote { request: 3, vote: bob_vote }).unwrap();
		assert_ok!(Balances::set_freeze(&crate::FreezeReason::Vote.into(), &BOB, 5_000));
		VotingFor::<Test>::insert(BOB, bob);
		let mut charlie = crate::VotingOf::<Test>::default();
		charlie.votes.try_push(crate::CastVote { request: 1, vote: bob_vote }).unwrap();
		assert_ok!(Balances::set_freeze(&crate::FreezeReason::Vote.into(), &CHARLIE, 5_000));
		VotingFor::<Test>::insert(CHARLIE, charlie);
		// An open disclosure committed the version 0 way, to `blake2_256(report ++ salt)`.
		let (report, salt) = (b"legacy report".to_vec(), [8u8; 32]);
		let legacy = sp_runtime::traits::BlakeTwo256::hash(&[&report[..], &salt[..]].concat());
		v0::Requests::<Test>::insert(
			4,
			v0::PayoutRequest {
				kind: v1::RequestKind::Disclosure { commitment: legacy, severity: Severity::Low },
				submitter: EVE,
				beneficiary: EVE,
				amount: 100,
				deposit: 0,
				status: v0::RequestStatus::Approved { payable_at: 20 },
			},
		);
		crate::Timelocks::<Test>::put(frame_support::BoundedVec::truncate_from(vec![
			crate::Deadline { at: 20, request: 4 },
		]));
		crate::NextRequestId::<Test>::put(5);
		v0::Ledger::<Test>::put(v0::PoolLedger {
			committed: 100,
			lifetime_inflow: 7,
			..Default::default()
		});
		StorageVersion::new(0).put::<SecurityPool>();

		migrate_with_checks();
		let request = Requests::<Test>::get(3).unwrap();
		assert_eq!(request.payee, DAVE);
		assert_eq!(request.terms, params.terms(1_000, &Default::default()).1);
		let RequestStatus::Voting { tally, .. } = request.status else { panic!("voting") };
		assert_eq!((tally.votes, tally.support), (1, 5_000));
		assert_eq!(Outcomes::<Test>::get(1).unwrap().votes, 1);
		assert_eq!(Outcomes::<Test>::get(1).unwrap().vote_locking_period, LOCKING_PERIOD);
		assert_eq!(Outcomes::<Test>::get(2), None);
		assert_eq!(Reports::<Test>::get(1).unwrap().deposit, 0);
		assert_eq!(OpenRequestsOf::<Test>::get(ALICE), 1);
		assert_eq!(Ledger::<Test>::get().voting, 1_000);
		assert_eq!(Ledger::<Test>::get().lifetime_inflow, 7);
		assert_eq!(Parameters::<Test>::get().max_exposure, test_parameters().max_exposure);
		assert_eq!(Parameters::<Test>::get().reveal_period, REVEAL_PERIOD);
		let disclosure = Requests::<Test>::get(4).unwrap();
		assert!(matches!(
			disclosure.kind,
			RequestKind::Disclosure { triage: Triage::Exempt, revealed: false, .. }
		));
		assert!(disclosure.is_proven(), "filed before triage: paid by its own rules");
		SecurityPool::do_try_state().expect("the migrated state holds the invariants");
		// The disclosure filed under version 0 is revealed against its own commitment.
		assert_ok!(SecurityPool::reveal_disclosure(RuntimeOrigin::signed(EVE), 4, report, salt));
	});
}

#[test]
fn the_migration_from_version_1_adds_triage_and_keeps_the_rules_of_open_requests() {
	ExtBuilder::default().build().execute_with(|| {
		// Version 1 state: parameters without triage periods, a claim under vote and a
		// disclosure in its timelock whose report is revealed.
		v1::Parameters::<Test>::put(v1_parameters(VOTING_PERIOD, TIMELOCK));
		let old_terms = v1::RequestTerms {
			timelock: 3,
			vote_locking_period: 4,
			min_support: Perbill::from_percent(20),
			approval: Perbill::from_percent(60),
		};
		let request = |kind, status, deposit| v1::PayoutRequest {
			kind,
			submitter: EVE,
			beneficiary: EVE,
			payee: DAVE,
			amount: 1_000,
			deposit,
			status,
			terms: old_terms,
		};
		assert_ok!(Balances::hold(&crate::HoldReason::RequestDeposit.into(), &EVE, 300));
		v1::Requests::<Test>::insert(
			0,
			request(
				v1::RequestKind::Claim { evidence: Default::default() },
				v1::RequestStatus::Voting { ends_at: 11, tally: Default::default() },
				100,
			),
		);
		let commitment = crate::commitment_of(&EVE, b"r", &[1; 32]);
		v1::Requests::<Test>::insert(
			1,
			request(
				v1::RequestKind::Disclosure { commitment, severity: Severity::High },
				v1::RequestStatus::Approved { payable_at: 6 },
				200,
			),
		);
		crate::Commitments::<Test>::insert(commitment, 1);
		crate::Reports::<Test>::insert(
			1,
			crate::Report { author: EVE, deposit: 0, text: b"r".to_vec().try_into().unwrap() },
		);
		VotingDeadlines::<Test>::put(frame_support::BoundedVec::truncate_from(vec![
			crate::Deadline { at: 11, request: 0 },
		]));
		crate::Timelocks::<Test>::put(frame_support::BoundedVec::truncate_from(vec![
			crate::Deadline { at: 6, request: 1 },
		]));
		OpenRequestsOf::<Test>::insert(EVE, 2);
		Ledger::<Test>::put(crate::PoolLedger {
			voting: 1_000,
			committed: 1_000,
			..Default::default()
		});
		StorageVersion::new(1).put::<SecurityPool>();

		migrate_with_checks();
		let parameters = Parameters::<Test>::get();
		assert_eq!(parameters.deposit_base, 7, "version 1 parameters are kept");
		assert_eq!(parameters.triage_period, TRIAGE_PERIOD);
		assert_eq!(parameters.fast_track_voting_period, FAST_VOTING_PERIOD);
		let claim = Requests::<Test>::get(0).unwrap();
		assert_eq!(claim.terms.timelock, 3);
		assert_eq!(claim.terms.approval, Perbill::from_percent(60));
		assert_eq!(claim.terms.reveal_period, REVEAL_PERIOD);
		assert_eq!(claim.payee, DAVE);
		let disclosure = Requests::<Test>::get(1).unwrap();
		assert_eq!(
			disclosure.kind,
			RequestKind::Disclosure {
				commitment,
				severity: Severity::High,
				triage: Triage::Exempt,
				revealed: true,
			}
		);
		SecurityPool::do_try_state().expect("the migrated state holds the invariants");

		// The disclosure is paid at its old timelock's end, to its payee, deposit released.
		run_to_block(6);
		assert!(pool_events().contains(&Event::Paid {
			request: 1,
			payee: DAVE,
			amount: 1_000,
			remaining: 0
		}));
		assert_eq!(held(EVE), 100);
		// A second run changes nothing.
		Migrations::on_runtime_upgrade();
		assert_eq!(Parameters::<Test>::get(), parameters);
	});
}

/// Version 1 parameters like the test ones with `voting_period` and `timelock` of their own.
fn v1_parameters(voting_period: u64, timelock: u64) -> v1::PoolParameters<Balance, u64> {
	let params = test_parameters();
	v1::PoolParameters {
		voting_period,
		timelock,
		vote_locking_period: params.vote_locking_period,
		min_support: params.min_support,
		approval: params.approval,
		max_payout: params.max_payout,
		max_exposure: params.max_exposure,
		deposit_base: 7,
		deposit_per_byte: params.deposit_per_byte,
		amount_bond: params.amount_bond,
		tiers: params.tiers,
	}
}

#[test]
fn triage_periods_that_do_not_fit_a_version_1_chain_are_derived_from_its_own_periods() {
	ExtBuilder::default().build().execute_with(|| {
		// The default triage period (3) and fast track (6) do not fit 5 blocks of voting.
		v1::Parameters::<Test>::put(v1_parameters(5, 4));
		StorageVersion::new(1).put::<SecurityPool>();
		migrate_with_checks();
		let parameters = Parameters::<Test>::get();
		assert_eq!(parameters.deposit_base, 7, "the chain's own parameters are kept");
		assert_eq!(
			(
				parameters.triage_period,
				parameters.fast_track_voting_period,
				parameters.fast_track_timelock,
				parameters.reveal_period
			),
			(1, 2, 2, REVEAL_PERIOD)
		);
	});
}

#[test]
fn a_version_1_parameter_set_that_fails_the_new_bounds_is_replaced_by_the_defaults() {
	ExtBuilder::default().build().execute_with(|| {
		// A voting period no fast track can be shorter than while longer than triage.
		v1::Parameters::<Test>::put(v1_parameters(2, TIMELOCK));
		StorageVersion::new(1).put::<SecurityPool>();
		migrate_with_checks();
		assert_eq!(Parameters::<Test>::get(), test_parameters());
	});
}

#[test]
fn the_migration_from_version_2_counts_support_caps_tracks_and_adds_the_veto_window() {
	use migrations::v2;
	ExtBuilder::default().build().execute_with(|| {
		let params = test_parameters();
		let half = Perbill::from_percent(50);
		let track = v2::Track {
			max_amount: 1_000,
			voting_period: 4,
			timelock: 2,
			min_support: Perbill::from_percent(5),
			approval: half,
		};
		v2::Parameters::<Test>::put(v2::PoolParameters {
			voting_period: params.voting_period,
			timelock: params.timelock,
			vote_locking_period: params.vote_locking_period,
			min_support: params.min_support,
			approval: params.approval,
			max_payout: params.max_payout,
			max_exposure: params.max_exposure,
			deposit_base: params.deposit_base,
			deposit_per_byte: params.deposit_per_byte,
			amount_bond: params.amount_bond,
			tiers: params.tiers,
			triage_period: params.triage_period,
			fast_track_voting_period: params.fast_track_voting_period,
			fast_track_timelock: params.fast_track_timelock,
			reveal_period: params.reveal_period,
			tracks: vec![track].try_into().unwrap(),
			confirm_period: params.confirm_period,
			max_extensions: 2,
		});
		// A claim on the small track under vote: BOB's aye of 700_000 and DAVE's nay of 600_000
		// at 0.1x, which version 2 counted into the turnout (1_300_000: passing).
		let (aye, nay) =
			(vote(true, 700_000, Conviction::Locked1x), vote(false, 600_000, Conviction::None));
		assert_ok!(Balances::hold(&crate::HoldReason::RequestDeposit.into(), &ALICE, 100));
		v2::Requests::<Test>::insert(
			0,
			v2::PayoutRequest {
				kind: RequestKind::Claim { evidence: Default::default() },
				submitter: ALICE,
				beneficiary: ALICE,
				payee: ALICE,
				amount: 1_000,
				deposit: 100,
				status: RequestStatus::Voting {
					ends_at: 5,
					tally: crate::Tally {
						ayes: 700_000,
						nays: 60_000,
						support: 1_300_000,
						votes: 2,
					},
					extensions: 0,
				},
				terms: v2::RequestTerms {
					track: Some(0),
					timelock: 2,
					vote_locking_period: LOCKING_PERIOD,
					min_support: Perbill::from_percent(5),
					approval: half,
					triage_period: TRIAGE_PERIOD,
					fast_track_voting_period: FAST_VOTING_PERIOD,
					fast_track_timelock: FAST_TIMELOCK,
					reveal_period: REVEAL_PERIOD,
					confirm_period: CONFIRM_PERIOD,
					max_extensions: 2,
				},
			},
		);
		VotingDeadlines::<Test>::put(frame_support::BoundedVec::truncate_from(vec![
			crate::Deadline { at: 5, request: 0 },
		]));
		crate::NextRequestId::<Test>::put(1);
		OpenRequestsOf::<Test>::insert(ALICE, 1);
		Ledger::<Test>::put(crate::PoolLedger { voting: 1_000, ..Default::default() });
		for (who, cast) in [(BOB, aye), (DAVE, nay)] {
			let mut voting = crate::VotingOf::<Test>::default();
			voting.votes.try_push(crate::CastVote { request: 0, vote: cast }).unwrap();
			assert_ok!(Balances::set_freeze(&crate::FreezeReason::Vote.into(), &who, cast.balance));
			VotingFor::<Test>::insert(who, voting);
		}
		StorageVersion::new(2).put::<SecurityPool>();

		migrate_with_checks();
		let parameters = Parameters::<Test>::get();
		assert_eq!(parameters.tracks[0].max_open, 1_000);
		assert_eq!(parameters.veto_window, VETO_WINDOW);
		let request = Requests::<Test>::get(0).unwrap();
		assert_eq!((request.terms.track, request.terms.veto_window), (Some(0), VETO_WINDOW));
		assert_eq!(request.terms.timelock, 2);
		let RequestStatus::Voting { tally, .. } = request.status else { panic!("voting") };
		// The nay no longer counts: 700_000 of support, against 555_000 needed on this track.
		assert_eq!(tally, crate::Tally { ayes: 700_000, nays: 60_000, support: 700_000, votes: 2 });
		assert_eq!(crate::OpenByTrack::<Test>::get()[0], 1_000);
		SecurityPool::do_try_state().expect("the migrated state holds the invariants");
		// A second small claim finds the track full and goes to the general track.
		assert_eq!(claim(EVE, 500), 1);
		assert_eq!(Requests::<Test>::get(1).unwrap().terms.track, None);
	});
}

/// Incidents added variants at the end of `RequestKind` and `RequestStatus`, and storage items
/// of their own: every request stored by version 3 decodes unchanged, so no migration is due.
#[test]
fn incidents_keep_the_layout_of_version_3_requests() {
	use codec::Encode;
	use frame_support::traits::ConstU32;
	let evidence = b"cid".to_vec().try_into().unwrap();
	let kinds: [(RequestKind<Balance, u64, ConstU32<MAX_EVIDENCE>>, u8); 3] = [
		(RequestKind::Claim { evidence }, 0),
		(
			RequestKind::Disclosure {
				commitment: Default::default(),
				severity: Severity::Low,
				triage: Triage::Exempt,
				revealed: false,
			},
			1,
		),
		(
			RequestKind::Incident {
				evidence: Default::default(),
				total: 1,
				victims: 1,
				root: Default::default(),
				claim_period: 1,
			},
			2,
		),
	];
	for (kind, index) in kinds {
		assert_eq!(kind.encode()[0], index);
	}
	let statuses: [(RequestStatus<Balance, u64>, u8); 6] = [
		(RequestStatus::Voting { ends_at: 1, tally: Default::default(), extensions: 0 }, 0),
		(RequestStatus::Approved { payable_at: 1 }, 1),
		(RequestStatus::Owed { remaining: 1 }, 2),
		(RequestStatus::Unproven { reveal_by: 1 }, 3),
		(RequestStatus::Paid { reveal_by: 1 }, 4),
		(RequestStatus::Compensating { paid: 0, closes_at: 1 }, 5),
	];
	for (status, index) in statuses {
		assert_eq!(status.encode()[0], index);
	}
	// A claim as version 3 stored it: kind, three accounts, amount, deposit, status, terms.
	ExtBuilder::default().build_and_execute(|| {
		let id = claim(ALICE, 1_000);
		let stored = Requests::<Test>::get(id).unwrap();
		let mut expected = vec![0u8, 12];
		expected.extend(b"cid");
		expected.extend((ALICE, ALICE, ALICE, 1_000 as Balance, stored.deposit).encode());
		assert!(stored.encode().starts_with(&expected));
		assert_eq!(SecurityPool::in_code_storage_version(), StorageVersion::new(3));
	});
}
