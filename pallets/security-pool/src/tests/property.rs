//! Random action sequences of honest and adversarial actors: the invariants hold after every
//! step, no funds appear or vanish, no request outlives its deadlines by more than the per-block
//! bounds allow, and once enough funds arrive every approved amount is paid exactly once.

use super::*;
use crate::{
	Event, Ledger, OwedQueue, PoolParameters, RequestKind, RequestStatus, Requests, Severity,
	Triage, Verdict,
};
use frame_support::traits::{fungible::Mutate, OnUnbalanced};
use proptest::{prelude::*, sample::Index};
use sp_runtime::Perbill;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum Action {
	Fee {
		fee: Balance,
		tip: Balance,
	},
	Contribute {
		who: AccountId,
		amount: Balance,
	},
	Claim {
		who: AccountId,
		beneficiary: AccountId,
		amount: Balance,
		evidence: u8,
	},
	/// A spammer files as many of the cheapest claims as it may.
	Spam {
		who: AccountId,
	},
	/// A disclosure, with its report sealed to the council (of this many bytes) or not.
	Disclose {
		who: AccountId,
		severity: Severity,
		amount: Balance,
		sealed: Option<u32>,
	},
	/// The council triages a disclosure (or anything else, and fails).
	Triage {
		request: Index,
		verdict: Verdict,
	},
	/// The submitter reveals its disclosure (if it is one).
	Reveal {
		request: Index,
	},
	/// Someone else tries to reveal a disclosure with the submitter's report and salt.
	StealReveal {
		who: AccountId,
		request: Index,
	},
	Vote {
		who: AccountId,
		request: Index,
		choice: Choice,
		balance: Balance,
		conviction: Conviction,
	},
	/// A vote for the losing side in the last block of a referendum.
	Snipe {
		who: AccountId,
		request: Index,
		balance: Balance,
	},
	RemoveVote {
		who: AccountId,
		request: Index,
	},
	Advance {
		blocks: u64,
	},
	Veto {
		request: Index,
	},
	Cancel {
		request: Index,
	},
	Execute {
		request: Index,
	},
	Unlock {
		who: AccountId,
	},
	/// The beneficiary names another payee.
	SetPayee {
		request: Index,
		payee: AccountId,
	},
	/// An account is emptied and reaped (a beneficiary that vanishes).
	Reap {
		who: AccountId,
	},
	/// Root takes a share of the pool's liquid funds (as sudo could), so that the pool runs
	/// short.
	Drain {
		percent: u32,
	},
	/// Governance sets an adaptive fee share (floor, ceiling and target reserve, as given) or
	/// returns to the fixed one.
	SetFeeShare {
		adaptive: Option<(u32, u32, Balance)>,
	},
	/// Parameters change while requests are in flight.
	SetParameters {
		voting: u64,
		timelock: u64,
		locking: u64,
		approval: u32,
		exposure: u32,
		reveal: u64,
		track: bool,
	},
}

/// Voters, submitters and beneficiaries with funds.
fn account() -> impl Strategy<Value = AccountId> {
	1..=6u64
}

/// Beneficiaries and payees: funded accounts, or accounts that do not exist yet.
fn payee() -> impl Strategy<Value = AccountId> {
	prop_oneof![1..=6u64, 20..=23u64]
}

/// A request among those filed so far (open or finished), chosen when the action runs.
fn request() -> impl Strategy<Value = Index> {
	any::<Index>()
}

/// The request `index` picks among those filed so far.
fn pick(index: Index) -> RequestId {
	let filed = crate::NextRequestId::<Test>::get();
	if filed == 0 {
		0
	} else {
		index.index(filed as usize) as RequestId
	}
}

fn conviction() -> impl Strategy<Value = Conviction> {
	prop_oneof![
		Just(Conviction::None),
		Just(Conviction::Locked1x),
		Just(Conviction::Locked3x),
		Just(Conviction::Locked6x),
	]
}

fn severity() -> impl Strategy<Value = Severity> {
	prop_oneof![
		Just(Severity::Critical),
		Just(Severity::High),
		Just(Severity::Medium),
		Just(Severity::Low)
	]
}

fn choice() -> impl Strategy<Value = Choice> {
	prop_oneof![5 => Just(Choice::Aye), 3 => Just(Choice::Nay), 2 => Just(Choice::Abstain)]
}

fn verdict() -> impl Strategy<Value = Verdict> {
	prop_oneof![
		2 => Just(Verdict::Confirmed),
		1 => severity().prop_map(Verdict::Downgraded),
		1 => Just(Verdict::Invalid),
	]
}

/// Actions, weighted so that most requests draw votes and many pass.
fn action() -> impl Strategy<Value = Action> {
	prop_oneof![
		2 => (0..15_000u64, 0..100u64).prop_map(|(fee, tip)| Action::Fee { fee, tip }),
		2 => (account(), 0..60_000u64).prop_map(|(who, amount)| Action::Contribute { who, amount }),
		3 => (account(), payee(), 0..40_000u64, 0..8u8).prop_map(
			|(who, beneficiary, amount, evidence)| Action::Claim {
				who,
				beneficiary,
				amount,
				evidence
			}
		),
		1 => account().prop_map(|who| Action::Spam { who }),
		3 => (account(), severity(), 0..30_000u64, prop::option::of(0..MAX_SEALED + 8)).prop_map(
			|(who, severity, amount, sealed)| Action::Disclose { who, severity, amount, sealed }
		),
		3 => (request(), verdict()).prop_map(|(request, verdict)| Action::Triage { request, verdict }),
		2 => request().prop_map(|request| Action::Reveal { request }),
		1 => (account(), request()).prop_map(|(who, request)| Action::StealReveal { who, request }),
		10 => (account(), request(), choice(), 0..800_000u64, conviction())
			.prop_map(|(who, request, choice, balance, conviction)| Action::Vote {
				who,
				request,
				choice,
				balance,
				conviction
			}),
		2 => (account(), request(), 0..1_000_000u64)
			.prop_map(|(who, request, balance)| Action::Snipe { who, request, balance }),
		2 => (account(), request()).prop_map(|(who, request)| Action::RemoveVote { who, request }),
		4 => (1..12u64).prop_map(|blocks| Action::Advance { blocks }),
		1 => request().prop_map(|request| Action::Veto { request }),
		1 => request().prop_map(|request| Action::Cancel { request }),
		1 => request().prop_map(|request| Action::Execute { request }),
		1 => account().prop_map(|who| Action::Unlock { who }),
		1 => (request(), payee()).prop_map(|(request, payee)| Action::SetPayee { request, payee }),
		1 => payee().prop_map(|who| Action::Reap { who }),
		1 => (1..=100u32).prop_map(|percent| Action::Drain { percent }),
		1 => prop::option::of((0..60u32, 0..60u32, 0..300_000u64))
			.prop_map(|adaptive| Action::SetFeeShare { adaptive }),
		1 => (3..15u64, 2..8u64, 1..30u64, 50..90u32, 30..=100u32, 1..20u64, any::<bool>()).prop_map(
			|(voting, timelock, locking, approval, exposure, reveal, track)| Action::SetParameters {
				voting,
				timelock,
				locking,
				approval,
				exposure,
				reveal,
				track
			}
		),
	]
}

/// The report every disclosure of the test commits to, with a salt of its own.
const REPORT: &[u8] = b"report";

/// What an action moved into or out of the pool that the pool's events do not tell.
#[derive(Default)]
struct Outcome {
	/// Fee shares and contributions.
	inflow: Balance,
	/// Taken by root.
	drained: Balance,
}

/// Applies `action`; returns what it moved that the test itself can tell. `salts` remembers
/// each disclosure's salt, for its reveal.
fn apply(action: Action, salts: &mut BTreeMap<RequestId, [u8; 32]>) -> Outcome {
	let origin = RuntimeOrigin::signed;
	match action {
		Action::Fee { fee, tip } => {
			let share = SecurityPool::fee_share().mul_floor(fee);
			FeeHook::on_unbalanceds([fee_credit(fee), fee_credit(tip)].into_iter());
			return Outcome { inflow: share, drained: 0 };
		},
		Action::Contribute { who, amount } => {
			if SecurityPool::contribute(origin(who), amount).is_ok() {
				return Outcome { inflow: amount, drained: 0 };
			}
		},
		Action::Claim { who, beneficiary, amount, evidence } => {
			let evidence = vec![1; evidence as usize];
			let _ = SecurityPool::submit_claim(origin(who), amount, beneficiary, evidence);
		},
		Action::Spam { who } => {
			for _ in 0..MAX_OPEN_PER_ACCOUNT {
				let _ = SecurityPool::submit_claim(origin(who), ED, who, vec![]);
			}
		},
		Action::Disclose { who, severity, amount, sealed } => {
			let id = crate::NextRequestId::<Test>::get();
			let salt = [id as u8; 32];
			let commitment = crate::commitment_of(&who, REPORT, &salt);
			let sealed = sealed.map(|len| vec![9; len as usize]);
			let oversized =
				sealed.as_ref().is_some_and(|sealed| sealed.len() > MAX_SEALED as usize);
			let filed = SecurityPool::submit_disclosure(
				origin(who),
				commitment,
				severity,
				amount,
				who,
				sealed,
			);
			assert!(!(oversized && filed.is_ok()), "an oversized sealed report is refused");
			if filed.is_ok() {
				salts.insert(id, salt);
			}
		},
		Action::Triage { request, verdict } => {
			let _ = SecurityPool::triage(RuntimeOrigin::root(), pick(request), verdict);
		},
		Action::Reveal { request } => {
			let request = pick(request);
			if let (Some(salt), Some(stored)) =
				(salts.get(&request), Requests::<Test>::get(request))
			{
				let who = stored.submitter;
				let _ =
					SecurityPool::reveal_disclosure(origin(who), request, REPORT.to_vec(), *salt);
			}
		},
		Action::StealReveal { who, request } => {
			let request = pick(request);
			if let (Some(salt), Some(stored)) =
				(salts.get(&request), Requests::<Test>::get(request))
			{
				if stored.submitter != who {
					assert!(SecurityPool::reveal_disclosure(
						origin(who),
						request,
						REPORT.to_vec(),
						*salt
					)
					.is_err());
				}
			}
		},
		Action::Vote { who, request, choice, balance, conviction } => {
			let vote = Vote { choice, balance, conviction };
			let _ = SecurityPool::vote(origin(who), pick(request), vote);
		},
		Action::Snipe { who, request, balance } => {
			let request = pick(request);
			if let Some(RequestStatus::Voting { ends_at, .. }) =
				Requests::<Test>::get(request).map(|r| r.status)
			{
				run_to_block(ends_at - 1);
				let passing = SecurityPool::referendum(request).is_some_and(|r| r.passing);
				let _ = SecurityPool::vote(
					origin(who),
					request,
					vote(!passing, balance, Conviction::Locked1x),
				);
			}
		},
		Action::RemoveVote { who, request } => {
			let _ = SecurityPool::remove_vote(origin(who), pick(request));
		},
		Action::Advance { blocks } => run_to_block(System::block_number() + blocks),
		Action::Veto { request } => {
			let _ = SecurityPool::veto(RuntimeOrigin::root(), pick(request));
		},
		Action::Cancel { request } => {
			let _ = SecurityPool::cancel(RuntimeOrigin::root(), pick(request));
		},
		Action::Execute { request } => {
			let _ = SecurityPool::execute_payout(origin(1), pick(request));
		},
		Action::Unlock { who } => {
			let _ = SecurityPool::unlock(origin(who));
		},
		Action::SetPayee { request, payee } => {
			let request = pick(request);
			if let Some(stored) = Requests::<Test>::get(request) {
				let _ = SecurityPool::set_payee(origin(stored.beneficiary), request, payee);
			}
		},
		Action::Reap { who } => {
			let _ = Balances::transfer_all(origin(who), AUTHOR, false);
		},
		Action::Drain { percent } => {
			use frame_support::traits::{
				fungible::Inspect,
				tokens::{Fortitude, Preservation},
			};
			let pool = SecurityPool::account_id();
			let liquid =
				Balances::reducible_balance(&pool, Preservation::Preserve, Fortitude::Polite);
			let taken = liquid * percent as Balance / 100;
			assert_ok!(Balances::transfer(&pool, &AUTHOR, taken, Preservation::Preserve));
			return Outcome { inflow: 0, drained: taken };
		},
		Action::SetFeeShare { adaptive } => {
			let adaptive =
				adaptive.map(|(floor, ceiling, target_reserve)| crate::AdaptiveFeeShare {
					floor: Perbill::from_percent(floor),
					ceiling: Perbill::from_percent(ceiling),
					target_reserve,
				});
			let valid = adaptive.is_none_or(|policy| policy.validate().is_ok());
			let before = crate::FeeSharePolicy::<Test>::get();
			assert_eq!(SecurityPool::set_fee_share(RuntimeOrigin::root(), adaptive).is_ok(), valid);
			let expected = if valid { adaptive } else { before };
			assert_eq!(crate::FeeSharePolicy::<Test>::get(), expected);
		},
		Action::SetParameters { voting, timelock, locking, approval, exposure, reveal, track } => {
			let triage_period = (voting / 3).max(1);
			// A track for small amounts, as fast as the rules allow.
			let small = crate::Track {
				max_amount: 5_000,
				voting_period: 1,
				timelock: 1,
				min_turnout: Perbill::from_percent(1),
				approval: Perbill::from_percent(50),
			};
			let tracks = if track { vec![small] } else { vec![] };
			let parameters = PoolParameters {
				voting_period: voting,
				timelock,
				vote_locking_period: locking,
				min_turnout: Perbill::from_percent(1),
				approval: Perbill::from_percent(approval),
				max_exposure: Perbill::from_percent(exposure),
				triage_period,
				fast_track_voting_period: triage_period + 1,
				fast_track_timelock: timelock / 2,
				reveal_period: reveal,
				tracks: tracks.try_into().unwrap(),
				..test_parameters()
			};
			assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), parameters.clone()));
		},
	}
	Outcome::default()
}

/// How long past its deadline a request may stay in the same status: referenda end at most
/// `MaxEndingsPerBlock` (2) per block, and payments take at most `MaxPayoutsPerBlock` (2)
/// attempts per block, owed requests first.
const ENDING_SLACK: u64 = (MAX_OPEN / 2) as u64;
const PAYMENT_SLACK: u64 = 2 * MAX_OPEN as u64;
/// Triage and reveal deadlines expire at most `MaxExpiriesPerBlock` (2) per block.
const EXPIRY_SLACK: u64 = (MAX_OPEN / 2) as u64;

/// No request outlives its deadlines by more than the per-block bounds allow.
fn check_deadlines() {
	let now = System::block_number();
	for (id, request) in Requests::<Test>::iter() {
		match request.status {
			_ if matches!(request.kind, RequestKind::Disclosure { triage: Triage::Pending { due }, .. } if now >= due + EXPIRY_SLACK) =>
			{
				panic!("request {id} still in triage at {now}")
			},
			RequestStatus::Voting { ends_at, .. } => {
				assert!(now < ends_at + ENDING_SLACK, "request {id} still votes at {now}")
			},
			RequestStatus::Approved { payable_at } => {
				assert!(now < payable_at + PAYMENT_SLACK, "request {id} still unpaid at {now}")
			},
			RequestStatus::Owed { .. } => {},
			RequestStatus::Unproven { reveal_by } | RequestStatus::Paid { reveal_by } => {
				assert!(now < reveal_by + EXPIRY_SLACK, "request {id} awaits its report at {now}")
			},
		}
	}
}

/// Sends enough funds for everything open and runs blocks until every request has finished;
/// the hunters reveal their reports if `reveal` (else they are silent).
fn settle_everything(reveal: bool, salts: &BTreeMap<RequestId, [u8; 32]>) {
	if reveal {
		for (id, salt) in salts {
			if let Some(request) = Requests::<Test>::get(id) {
				let report = REPORT.to_vec();
				let _ = SecurityPool::reveal_disclosure(
					RuntimeOrigin::signed(request.submitter),
					*id,
					report,
					*salt,
				);
			}
		}
	}
	let open: Balance = Requests::<Test>::iter().map(|(_, request)| request.amount).sum();
	let funder = 30;
	assert_ok!(Balances::mint_into(&funder, open + 2 * ED));
	assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(funder), open + ED));
	let give_up = System::block_number() + 200;
	while Requests::<Test>::count() > 0 && System::block_number() < give_up {
		run_to_block(System::block_number() + 1);
		check_deadlines();
	}
	assert_eq!(Requests::<Test>::count(), 0, "every request finishes once funds arrive");
	assert!(OwedQueue::<Test>::get().is_empty());
}

/// Every approved, not vetoed and proven request was paid exactly its amount (after a
/// downgrade); no other was paid: a disclosure neither confirmed nor downgraded by the council
/// nor revealed is never paid, whatever its vote.
fn check_every_approval_paid_once() {
	let (mut asked, mut approved, mut vetoed) = (BTreeMap::new(), Vec::new(), Vec::new());
	let (mut unproven, mut paid) = (Vec::new(), BTreeMap::<RequestId, Balance>::new());
	for event in pool_events() {
		match event {
			Event::ClaimSubmitted { request, amount, .. } => {
				asked.insert(request, amount);
			},
			Event::DisclosureSubmitted { request, amount, .. } => {
				asked.insert(request, amount);
				unproven.push(request);
			},
			Event::Triaged { request, verdict, amount, .. } => {
				asked.insert(request, amount);
				if verdict != Verdict::Invalid {
					unproven.retain(|id| *id != request);
				}
			},
			Event::DisclosureRevealed { request, .. } => unproven.retain(|id| *id != request),
			Event::Approved { request, .. } => approved.push(request),
			Event::Vetoed { request } => vetoed.push(request),
			Event::Paid { request, amount, .. } => *paid.entry(request).or_default() += amount,
			_ => {},
		}
	}
	for (request, amount) in asked {
		let payable = approved.contains(&request)
			&& !vetoed.contains(&request)
			&& !unproven.contains(&request);
		let due = if payable { amount } else { 0 };
		assert_eq!(paid.get(&request).copied().unwrap_or_default(), due, "request {request}");
	}
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(1_000))]

	#[test]
	fn invariants_hold_funds_are_conserved_and_approvals_paid_once(
		actions in prop::collection::vec(action(), 1..60),
		hunters_reveal in any::<bool>(),
	) {
		ExtBuilder::default().build_and_execute(|| {
			// A single large vote can pass a referendum, so that approvals, payouts and
			// shortfalls are common.
			crate::Parameters::<Test>::mutate(|p| p.min_turnout = Perbill::from_percent(1));
			assert_ok!(SecurityPool::set_triage_key(RuntimeOrigin::root(), [5; 32]));
			let issuance = Balances::total_issuance();
			let (mut known_inflow, mut drained) = (0, 0);
			let mut salts = BTreeMap::new();
			for action in actions {
				let outcome = apply(action, &mut salts);
				known_inflow += outcome.inflow;
				drained += outcome.drained;
				SecurityPool::do_try_state().expect("invariants hold after every step");
				check_deadlines();

				let (mut forfeited, mut paid) = (0, 0);
				for event in pool_events() {
					match event {
						Event::DepositForfeited { amount, .. } => forfeited += amount,
						Event::Paid { amount, .. } => paid += amount,
						_ => {},
					}
				}
				let ledger = Ledger::<Test>::get();
				assert_eq!(
					pool_balance(),
					POOL_GENESIS + known_inflow + forfeited - paid - drained
				);
				assert_eq!(ledger.lifetime_inflow, known_inflow + forfeited);
				assert_eq!(ledger.lifetime_outflow, paid);
				assert_eq!(Balances::total_issuance(), issuance);
			}
			settle_everything(hunters_reveal, &salts);
			check_every_approval_paid_once();
		});
	}
}
