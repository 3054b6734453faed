//! Random action sequences of honest and adversarial actors: the invariants hold after every
//! step, no funds appear or vanish, no request outlives its deadlines by more than the per-block
//! bounds allow, and once enough funds arrive every approved amount is paid exactly once.
//!
//! Every event is recorded with its block as it happens ([`Journal`]): no payment comes before
//! its request is proven or before its latest `payable_at`, nor sooner than `veto_window` whole
//! blocks after a reveal; every referendum is decided by an outcome that stood for
//! `confirm_period` whole blocks (no flip left unanswerable); support never counts a nay.

use super::*;
use crate::{
	incidents::{leaf_of, loss_proof, loss_root},
	Event, Ledger, OwedQueue, PoolParameters, RequestKind, RequestStatus, Requests, Severity,
	Triage, Verdict,
};
use frame_support::traits::{fungible::Mutate, OnUnbalanced};
use proptest::{
	prelude::*,
	sample::Index,
	test_runner::{Config as ProptestConfig, TestRunner},
};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill};
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};

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
	/// A spammer files as many of the cheapest claims as it may, and one more.
	Spam {
		who: AccountId,
	},
	/// Someone files a disclosure with the commitment of another, open one (copied from the
	/// mempool or the chain).
	CopyCommitment {
		who: AccountId,
		request: Index,
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
	/// A voter flips a referendum in its confirmation window with a vote that is not locked
	/// otherwise (0.1x or abstain): removes it, votes again, and maybe removes it once more in
	/// the same block, to spend the other side's time to answer.
	FlipFlop {
		who: AccountId,
		request: Index,
		/// Blocks before the end (0: the last block of voting).
		before_end: u64,
		balance: Balance,
		abstain: bool,
		twice: bool,
	},
	/// Sybils (accounts 7–9) split one large claim into small ones, to get a laxer track.
	Split {
		sybils: u8,
		amount: Balance,
	},
	/// A disclosure in its timelock is revealed this many blocks before it becomes payable.
	RevealInTimelock {
		request: Index,
		before_payable: u64,
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
	/// A hack is declared: a loss list of victims (accounts 20–23 and 30–37, most of which do
	/// not exist) asking its sum, or half of it (a list that adds up to more than the
	/// declaration), or twice it; passed at once, or left to the voters.
	Incident {
		who: AccountId,
		leaves: Vec<(AccountId, Balance)>,
		ask: u8,
		window: u64,
		pass: bool,
	},
	/// Anyone claims a leaf of an incident, unsigned or signed, honestly or with a forged
	/// amount or another leaf's index.
	ClaimLeaf {
		request: Index,
		leaf: Index,
		forgery: u8,
		signed: bool,
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
		confirm: u64,
		veto_window: u64,
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

/// A victim of a hack: a payee, or an account that never existed.
fn victim() -> impl Strategy<Value = AccountId> {
	prop_oneof![20..=23u64, 30..=37u64]
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
		2 => (account(), request()).prop_map(|(who, request)| Action::CopyCommitment { who, request }),
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
		3 => (account(), request(), 0..4u64, 1..900_000u64, any::<bool>(), any::<bool>()).prop_map(
			|(who, request, before_end, balance, abstain, twice)| Action::FlipFlop {
				who,
				request,
				before_end,
				balance,
				abstain,
				twice
			}
		),
		2 => (2..=3u8, 500..5_000u64).prop_map(|(sybils, amount)| Action::Split { sybils, amount }),
		6 => (request(), 0..8u64)
			.prop_map(|(request, before_payable)| Action::RevealInTimelock { request, before_payable }),
		4 => (1..12u64).prop_map(|blocks| Action::Advance { blocks }),
		4 => request().prop_map(|request| Action::Veto { request }),
		1 => request().prop_map(|request| Action::Cancel { request }),
		1 => request().prop_map(|request| Action::Execute { request }),
		1 => account().prop_map(|who| Action::Unlock { who }),
		1 => (request(), payee()).prop_map(|(request, payee)| Action::SetPayee { request, payee }),
		1 => payee().prop_map(|who| Action::Reap { who }),
		1 => (1..=100u32).prop_map(|percent| Action::Drain { percent }),
		2 => (
			account(),
			prop::collection::vec((victim(), 0..60_000u64), 1..12),
			0..3u8,
			MIN_CLAIM_PERIOD..15,
			any::<bool>()
		)
			.prop_map(|(who, leaves, ask, window, pass)| Action::Incident {
				who,
				leaves,
				ask,
				window,
				pass
			}),
		10 => (request(), any::<Index>(), 0..4u8, any::<bool>()).prop_map(
			|(request, leaf, forgery, signed)| Action::ClaimLeaf { request, leaf, forgery, signed }
		),
		1 => prop::option::of((0..60u32, 0..60u32, 0..300_000u64))
			.prop_map(|adaptive| Action::SetFeeShare { adaptive }),
		1 => (
			(3..15u64, 2..8u64, 1..30u64, 50..90u32),
			(30..=100u32, 1..20u64, any::<bool>(), 1..4u64, 1..4u64)
		)
			.prop_map(
				|(
					(voting, timelock, locking, approval),
					(exposure, reveal, track, confirm, veto_window),
				)| Action::SetParameters {
					voting,
					timelock,
					locking,
					approval,
					exposure,
					reveal,
					track,
					confirm,
					veto_window,
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

thread_local! {
	/// How often each path of interest was taken, over all cases of the run.
	static PATHS: RefCell<BTreeMap<&'static str, u32>> = const { RefCell::new(BTreeMap::new()) };
}

/// Counts one more pass through `path`.
fn took(path: &'static str) {
	PATHS.with(|paths| *paths.borrow_mut().entry(path).or_default() += 1);
}

/// The pool's events as they happen, each checked with the block it happened in.
#[derive(Default)]
struct Journal {
	/// How many of the system's events were read.
	seen: usize,
	/// Each request's latest `payable_at` (approval, or a restarted timelock).
	payable_at: BTreeMap<RequestId, u64>,
	/// Disclosures not proven yet: neither confirmed or downgraded by the council nor revealed.
	unproven: BTreeSet<RequestId>,
	/// The block of each reveal made before any payment was attempted, with the request's
	/// veto window.
	revealed_before_due: BTreeMap<RequestId, (u64, u64)>,
	/// Requests a payment was attempted for (paid, owed or refused).
	due: BTreeSet<RequestId>,
	/// Each running referendum: whether it passes, the block its standing last changed, and
	/// its confirmation period.
	standing: BTreeMap<RequestId, (bool, u64, u64)>,
	/// What was paid, by request.
	paid: BTreeMap<RequestId, Balance>,
	/// What was paid, by payee.
	paid_to: BTreeMap<AccountId, Balance>,
	/// The pool's balance when the block's fee share was last worked out.
	fee_basis: Balance,
	/// Every incident's loss list and what it was declared to ask, with what its events said.
	incidents: BTreeMap<RequestId, IncidentBook>,
	/// What incidents paid their victims in all.
	compensated: Balance,
}

/// An incident as the test knows it: its published list, and its life as its events tell it.
#[derive(Default)]
struct IncidentBook {
	leaves: Vec<(AccountId, Balance)>,
	total: Balance,
	budget: Option<Balance>,
	closes_at: Option<u64>,
	paid: BTreeMap<u32, Balance>,
	closed: bool,
}

impl IncidentBook {
	fn leaf_bytes(&self) -> Vec<Vec<u8>> {
		let leaves = self.leaves.iter().enumerate();
		leaves.map(|(i, (who, amount))| leaf_of(i as u32, who, amount)).collect()
	}
}

impl Journal {
	/// Reads the events since the last call, all of the current block, and checks them; then
	/// notes every running referendum's standing and checks its support.
	fn observe(&mut self) {
		let now = System::block_number();
		let events = pool_events();
		for event in events[self.seen..].iter().cloned() {
			self.check(event, now);
		}
		self.seen = events.len();
		for (id, request) in Requests::<Test>::iter() {
			let RequestStatus::Voting { tally, .. } = request.status else { continue };
			let passing = SecurityPool::referendum(id).expect("running").passing;
			let confirm = request.terms.confirm_period;
			let standing = self.standing.entry(id).or_insert((passing, now, confirm));
			if standing.0 != passing {
				*standing = (passing, now, confirm);
			}
			// Support, worked out from the votes themselves: ayes and abstentions, never nays.
			let support: Balance = crate::VotingFor::<Test>::iter()
				.flat_map(|(_, voting)| voting.votes.into_iter())
				.filter(|cast| cast.request == id && cast.vote.choice != Choice::Nay)
				.map(|cast| cast.vote.balance)
				.sum();
			assert_eq!(tally.support, support, "request {id}: support counts no nay");
		}
	}

	/// Checks one event that happened in block `now`.
	fn check(&mut self, event: Event<Test>, now: u64) {
		let terms = |id| Requests::<Test>::get(id).map(|request| request.terms);
		match event {
			Event::DisclosureSubmitted { request, .. } => {
				self.unproven.insert(request);
			},
			Event::Triaged { request, verdict, .. } if verdict != Verdict::Invalid => {
				self.unproven.remove(&request);
			},
			Event::DisclosureRevealed { request, .. } => {
				self.unproven.remove(&request);
				if !self.due.contains(&request) {
					let window = terms(request).expect("revealed while open").veto_window;
					self.revealed_before_due.insert(request, (now, window));
					took("revealed before payment");
				}
			},
			Event::Approved { request, payable_at, .. } => {
				self.payable_at.insert(request, payable_at);
				self.decided(request, true, now);
			},
			Event::TimelockRestarted { request, payable_at } => {
				self.payable_at.insert(request, payable_at);
			},
			Event::VotingExtended { request, ends_at, .. } => {
				let confirm = terms(request).expect("voting").confirm_period;
				assert_eq!(ends_at, now + confirm + 1, "request {request}: answerable flip");
				took("late flip moved the end");
			},
			Event::Paid { request, amount, payee, .. } => {
				*self.paid_to.entry(payee).or_default() += amount;
				assert!(!self.unproven.contains(&request), "request {request} paid unproven");
				let payable_at = self.payable_at.get(&request).copied();
				assert!(payable_at.is_some_and(|at| now >= at), "request {request} paid early");
				*self.paid.entry(request).or_default() += amount;
				self.attempt(request, now);
			},
			Event::PayoutOwed { request, .. } | Event::PaymentRefused { request, .. } => {
				self.attempt(request, now)
			},
			Event::IncidentBudgeted { incident, budget, total } => {
				let book = self.incidents.get_mut(&incident).expect("declared");
				assert_eq!(total, book.total);
				assert!(budget <= total, "incident {incident}: budget within its total");
				book.budget = Some(budget);
				took("incident budgeted");
				if budget < total {
					took("incident budget short of its total");
				}
			},
			Event::CompensationOpened { incident, budget, closes_at } => {
				let payable_at = self.payable_at.get(&incident).copied();
				assert!(payable_at.is_some_and(|at| now >= at), "incident {incident} opened early");
				let book = self.incidents.get_mut(&incident).expect("declared");
				assert_eq!(Some(budget), book.budget);
				book.closes_at = Some(closes_at);
			},
			Event::Compensated { incident, index, account, amount } => {
				let book = self.incidents.get_mut(&incident).expect("declared");
				let (Some(budget), Some(closes_at)) = (book.budget, book.closes_at) else {
					panic!("incident {incident} paid before its claims opened");
				};
				assert!(now < closes_at, "incident {incident} paid after its window");
				let (victim, loss) = book.leaves[index as usize];
				assert_eq!(account, victim, "incident {incident}: the leaf's own account is paid");
				assert_eq!(
					amount,
					(loss as u128 * budget as u128 / book.total as u128) as Balance,
					"incident {incident}: leaf {index} paid its fraction"
				);
				assert!(book.paid.insert(index, amount).is_none(), "leaf {index} paid twice");
				assert!(
					book.paid.values().sum::<Balance>() <= budget,
					"incident {incident} paid beyond its budget"
				);
				*self.paid_to.entry(account).or_default() += amount;
				self.compensated += amount;
				took("incident leaf paid");
			},
			Event::IncidentClosed { incident, paid, returned } => {
				let book = self.incidents.get_mut(&incident).expect("declared");
				assert!(book.closes_at.is_some_and(|at| now >= at), "closed before its window");
				let claimed: Balance = book.paid.values().sum();
				assert_eq!(paid, claimed, "incident {incident}: paid as its leaves were");
				assert_eq!(returned, book.budget.expect("budgeted") - claimed);
				book.closed = true;
				if returned > 0 {
					took("incident closed with a return");
				}
			},
			Event::Rejected { request, .. } => self.decided(request, false, now),
			Event::Cancelled { request } => {
				self.standing.remove(&request);
			},
			_ => {},
		}
	}

	/// A payment of `request` was attempted in block `now`: no sooner than its veto window
	/// after a reveal that came before.
	fn attempt(&mut self, request: RequestId, now: u64) {
		if self.due.insert(request) {
			if let Some((revealed, window)) = self.revealed_before_due.get(&request) {
				assert!(
					now > revealed + window,
					"request {request} due at {now}, revealed at {revealed}"
				);
			}
		}
	}

	/// The referendum on `request` ended in block `now`: with the outcome it had, which
	/// stood for `confirm_period` whole blocks at least.
	fn decided(&mut self, request: RequestId, approved: bool, now: u64) {
		let (passing, since, confirm) =
			self.standing.remove(&request).expect("a running referendum");
		assert_eq!(passing, approved, "request {request} decided as it stood");
		assert!(
			now - since > confirm,
			"request {request} decided at {now}, its standing changed at {since}"
		);
	}
}

/// Moves to block `n` block by block, with the pool's block work, observing every block and
/// checking its deadlines.
fn advance(n: u64, journal: &mut Journal) {
	// What happened in this block so far belongs to it.
	journal.observe();
	while System::block_number() < n {
		run_to_block(System::block_number() + 1);
		// The block's share is worked out from the pool's balance after the block's payouts.
		journal.fee_basis = pool_balance();
		journal.observe();
		check_deadlines();
	}
}

/// The pool's share of `fee`, from the fee policy alone: the runtime's fixed 20%, or the
/// adaptive share for a pool of `basis` (its balance when the block's share was worked out):
/// the ceiling for an empty pool, falling linearly to the floor at the target reserve.
fn expected_fee_share(fee: Balance, basis: Balance) -> Balance {
	let parts = match crate::FeeSharePolicy::<Test>::get() {
		None => 200_000_000u128,
		Some(policy) => {
			let (floor, ceiling) = (policy.floor.deconstruct(), policy.ceiling.deconstruct());
			let target = policy.target_reserve as u128;
			let reserve = (basis as u128).min(target);
			ceiling as u128 - (ceiling - floor) as u128 * reserve / target
		},
	};
	(fee as u128 * parts / 1_000_000_000) as Balance
}

/// Casts an aye that passes request `id` (under the test's 1% support) if it is under vote,
/// and runs blocks until its referendum has ended.
fn pass_and_wait(id: RequestId, journal: &mut Journal) {
	let Some(request) = Requests::<Test>::get(id) else { return };
	if !matches!(request.status, RequestStatus::Voting { .. }) {
		return;
	}
	let voter = (2..=4).find(|who| *who != request.submitter && *who != request.beneficiary);
	let ballot = vote(true, 500_000, Conviction::Locked1x);
	let _ = SecurityPool::vote(RuntimeOrigin::signed(voter.expect("a voter")), id, ballot);
	while matches!(Requests::<Test>::get(id).map(|r| r.status), Some(RequestStatus::Voting { .. }))
	{
		advance(System::block_number() + 1, journal);
	}
}

/// Every account the test uses: voters, submitters, sybils, payees, the block author.
const ACCOUNTS: [AccountId; 14] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, AUTHOR];

/// No funds stuck once their reason is gone: for every account, each hold equals what the
/// pool's state says it should be (0 when nothing is open), its freeze equals its votes' and
/// locks' or 0, and the pool paid it exactly what the `Paid` events name it for.
fn check_no_stuck_funds(journal: &Journal) {
	use frame_support::traits::fungible::{InspectFreeze, InspectHold};
	let pool = SecurityPool::account_id();
	for who in ACCOUNTS {
		let deposits: Balance = Requests::<Test>::iter_values()
			.filter(|request| request.submitter == who)
			.map(|request| request.deposit)
			.sum();
		let reports: Balance = crate::Reports::<Test>::iter_values()
			.filter(|report| report.author == who)
			.map(|report| report.deposit)
			.sum();
		let hold = |reason: crate::HoldReason| Balances::balance_on_hold(&reason.into(), &who);
		assert_eq!(hold(crate::HoldReason::RequestDeposit), deposits, "account {who}: deposit");
		assert_eq!(hold(crate::HoldReason::ReportDeposit), reports, "account {who}: report");
		let frozen = crate::VotingFor::<Test>::get(who).map_or(0, |voting| voting.frozen());
		let freeze = Balances::balance_frozen(&crate::FreezeReason::Vote.into(), &who);
		assert_eq!(freeze, frozen, "account {who}: freeze");
		let received: Balance = System::events()
			.into_iter()
			.filter_map(|record| match record.event {
				RuntimeEvent::Balances(pallet_balances::Event::Transfer { from, to, amount })
					if from == pool && to == who && who != AUTHOR =>
				{
					Some(amount)
				},
				_ => None,
			})
			.sum();
		assert_eq!(received, journal.paid_to.get(&who).copied().unwrap_or_default(), "payee {who}");
	}
}

/// Applies `action`; returns what it moved that the test itself can tell. `salts` remembers
/// each disclosure's salt, for its reveal.
fn apply(
	action: Action,
	salts: &mut BTreeMap<RequestId, [u8; 32]>,
	journal: &mut Journal,
) -> Outcome {
	let origin = RuntimeOrigin::signed;
	match action {
		Action::Fee { fee, tip } => {
			let share = expected_fee_share(fee, journal.fee_basis);
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
			use crate::Error;
			for _ in 0..=MAX_OPEN_PER_ACCOUNT {
				let open = crate::OpenRequestsOf::<Test>::get(who);
				match SecurityPool::submit_claim(origin(who), ED, who, vec![]) {
					Ok(()) => assert_eq!(crate::OpenRequestsOf::<Test>::get(who), open + 1),
					Err(error) => {
						let refusals: [DispatchError; 5] = [
							Error::<Test>::TooManyRequestsOfAccount.into(),
							Error::<Test>::TooManyOpenRequests.into(),
							Error::<Test>::InsufficientFunds.into(),
							Error::<Test>::ExceedsMaxPayout.into(),
							Error::<Test>::ExceedsMaxExposure.into(),
						];
						assert!(refusals.contains(&error), "spam refused with {error:?}");
						assert_eq!(crate::OpenRequestsOf::<Test>::get(who), open);
						if error == Error::<Test>::TooManyRequestsOfAccount.into() {
							took("spam stopped by the per-account limit");
						}
					},
				}
			}
			assert!(crate::OpenRequestsOf::<Test>::get(who) <= MAX_OPEN_PER_ACCOUNT);
		},
		Action::CopyCommitment { who, request } => {
			// A disclosure filed with the commitment of an open one is refused.
			let commitments: Vec<_> = Requests::<Test>::iter_values()
				.filter_map(|r| match r.kind {
					RequestKind::Disclosure { commitment, .. } => Some(commitment),
					RequestKind::Claim { .. } | RequestKind::Incident { .. } => None,
				})
				.collect();
			if !commitments.is_empty() {
				let commitment = commitments[request.index(commitments.len())];
				let copy = SecurityPool::submit_disclosure(
					origin(who),
					commitment,
					Severity::Low,
					ED,
					who,
					None,
				);
				assert_eq!(copy, Err(crate::Error::<Test>::DuplicateCommitment.into()));
				took("copied commitment refused");
			}
		},
		Action::Split { sybils, amount } => {
			for who in 7..7 + sybils as AccountId {
				let id = crate::NextRequestId::<Test>::get();
				let open = crate::OpenByTrack::<Test>::get();
				let parameters = crate::Parameters::<Test>::get();
				if SecurityPool::submit_claim(origin(who), amount, 1, vec![]).is_ok() {
					let track = Requests::<Test>::get(id).unwrap().terms.track;
					// The first track that covers the amount and has room for it: a full track
					// sends the piece up, to stricter rules.
					let covering = |index: &usize| amount <= parameters.tracks[*index].max_amount;
					let room =
						|index: &usize| open[*index] + amount <= parameters.tracks[*index].max_open;
					let expected = (0..parameters.tracks.len()).find(|i| covering(i) && room(i));
					assert_eq!(track, expected.map(|index| index as u8), "split piece {id}");
					if (0..parameters.tracks.len()).find(covering) != expected {
						took("split piece went up a track");
					}
				}
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
			let request = pick(request);
			let claim = Requests::<Test>::get(request)
				.is_some_and(|r| matches!(r.kind, RequestKind::Claim { .. }));
			let triaged = SecurityPool::triage(RuntimeOrigin::root(), request, verdict);
			if claim {
				assert_eq!(triaged, Err(crate::Error::<Test>::NotADisclosure.into()));
				took("triage of a claim refused");
			}
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
		Action::RevealInTimelock { request, before_payable } => {
			// An unrevealed disclosure in its timelock; else one under vote, passed first.
			let unrevealed = |voting: bool| -> Vec<_> {
				Requests::<Test>::iter()
					.filter(|(id, request)| {
						salts.contains_key(id)
							&& matches!(
								request.kind,
								RequestKind::Disclosure { revealed: false, .. }
							) && match request.status {
							RequestStatus::Voting { .. } => voting,
							RequestStatus::Approved { .. } => !voting,
							_ => false,
						}
					})
					.map(|(id, _)| id)
					.collect()
			};
			let (in_timelock, under_vote) = (unrevealed(false), unrevealed(true));
			let (candidates, pass_first) =
				if in_timelock.is_empty() { (under_vote, true) } else { (in_timelock, false) };
			if candidates.is_empty() {
				return Outcome::default();
			}
			let request = candidates[request.index(candidates.len())];
			let submitter = Requests::<Test>::get(request).expect("open").submitter;
			if pass_first {
				pass_and_wait(request, journal);
			}
			if let Some(RequestStatus::Approved { payable_at }) =
				Requests::<Test>::get(request).map(|r| r.status)
			{
				let at = payable_at.saturating_sub(1 + before_payable);
				advance(at.max(System::block_number()), journal);
				let salt = salts[&request];
				let reveal = SecurityPool::reveal_disclosure(
					origin(submitter),
					request,
					REPORT.to_vec(),
					salt,
				);
				if reveal.is_ok() {
					took("revealed in its timelock");
				}
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
				advance(ends_at - 1, journal);
				let passing = SecurityPool::referendum(request).is_some_and(|r| r.passing);
				let snipe = vote(!passing, balance, Conviction::Locked1x);
				if SecurityPool::vote(origin(who), request, snipe).is_ok() {
					let status = SecurityPool::referendum(request).expect("still voting");
					// A snipe that turned the outcome leaves the other side its whole blocks.
					if status.passing != passing {
						let confirm = Requests::<Test>::get(request).unwrap().terms.confirm_period;
						assert_eq!(status.ends_at, ends_at + confirm, "request {request}");
						took("snipe answered");
					}
				}
			}
		},
		Action::FlipFlop { who, request, before_end, balance, abstain, twice } => {
			let request = pick(request);
			if let Some(RequestStatus::Voting { ends_at, .. }) =
				Requests::<Test>::get(request).map(|r| r.status)
			{
				advance(
					ends_at.saturating_sub(1 + before_end).max(System::block_number()),
					journal,
				);
				let choice = if abstain { Choice::Abstain } else { Choice::Aye };
				let ballot = Vote { choice, balance, conviction: Conviction::None };
				let cast = || SecurityPool::vote(origin(who), request, ballot).is_ok();
				let remove = || SecurityPool::remove_vote(origin(who), request).is_ok();
				if cast() && remove() && cast() {
					took("flip and undo in one block");
					if twice && remove() {
						took("flip, undo and flip in one block");
					}
				}
			}
		},
		Action::RemoveVote { who, request } => {
			let _ = SecurityPool::remove_vote(origin(who), pick(request));
		},
		Action::Advance { blocks } => advance(System::block_number() + blocks, journal),
		Action::Veto { request } => {
			// Among the disclosures waiting unproven, else those in their timelock, if any.
			let in_status = |unproven: bool| -> Vec<_> {
				Requests::<Test>::iter()
					.filter(|(_, request)| match request.status {
						RequestStatus::Unproven { .. } => unproven,
						RequestStatus::Approved { .. } => !unproven,
						_ => false,
					})
					.map(|(id, _)| id)
					.collect()
			};
			let mut unproven = in_status(true);
			if unproven.is_empty() {
				// An unproven disclosure (under vote or in its timelock) waits past its
				// timelock once passed: veto it there.
				let waiting = Requests::<Test>::iter().find(|(_, r)| {
					!r.is_proven()
						&& matches!(
							r.status,
							RequestStatus::Voting { .. } | RequestStatus::Approved { .. }
						)
				});
				if let Some((id, _)) = waiting {
					pass_and_wait(id, journal);
					while matches!(
						Requests::<Test>::get(id).map(|r| r.status),
						Some(RequestStatus::Approved { .. })
					) {
						advance(System::block_number() + 1, journal);
					}
					unproven = in_status(true);
				}
			}
			let candidates = if unproven.is_empty() { in_status(false) } else { unproven };
			let request = if candidates.is_empty() {
				pick(request)
			} else {
				candidates[request.index(candidates.len())]
			};
			let unproven = matches!(
				Requests::<Test>::get(request).map(|r| r.status),
				Some(RequestStatus::Unproven { .. })
			);
			if SecurityPool::veto(RuntimeOrigin::root(), request).is_ok() && unproven {
				took("vetoed while unproven");
			}
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
			if valid {
				journal.fee_basis = pool_balance();
			}
			let expected = if valid { adaptive } else { before };
			assert_eq!(crate::FeeSharePolicy::<Test>::get(), expected);
		},
		Action::Incident { who, leaves, ask, window, pass } => {
			let total: Balance = leaves.iter().map(|(_, amount)| amount).sum();
			let total = match ask {
				0 => total,
				1 => total / 2,
				_ => total * 2,
			};
			let book = IncidentBook { leaves, total, ..Default::default() };
			let root = loss_root(book.leaf_bytes());
			let id = crate::NextRequestId::<Test>::get();
			let victims = book.leaves.len() as u32;
			let declared =
				SecurityPool::declare_incident(origin(who), vec![1], total, victims, root, window);
			if declared.is_ok() {
				journal.incidents.insert(id, book);
				if pass {
					pass_and_wait(id, journal);
					if let Some(at) = journal.payable_at.get(&id).copied() {
						advance(at, journal);
					}
				}
			}
		},
		Action::ClaimLeaf { request, leaf, forgery, signed } => {
			// An incident, if any was declared; else any request.
			let incidents: Vec<_> = journal.incidents.keys().copied().collect();
			let id = match incidents.len() {
				0 => pick(request),
				n => incidents[request.index(n)],
			};
			let claim = |index: u32, who: AccountId, amount: Balance, proof: Vec<H256>| {
				let caller = if signed { RuntimeOrigin::signed(1) } else { RuntimeOrigin::none() };
				let call = crate::Call::claim_compensation {
					incident: id,
					index,
					account: who,
					amount,
					proof: proof.clone(),
				};
				#[allow(deprecated)]
				let valid = <SecurityPool as sp_runtime::traits::ValidateUnsigned>::validate_unsigned(
					sp_runtime::transaction_validity::TransactionSource::External,
					&call,
				);
				let paid = SecurityPool::claim_compensation(caller, id, index, who, amount, proof);
				assert_eq!(
					valid.is_ok(),
					paid.is_ok(),
					"the pool admits exactly the claims that pay"
				);
				paid
			};
			let Some(book) = journal.incidents.get(&id) else {
				assert!(claim(0, 30, 1, vec![]).is_err(), "only incidents compensate");
				return Outcome::default();
			};
			let index = leaf.index(book.leaves.len()) as u32;
			let (who, amount) = book.leaves[index as usize];
			let proof = loss_proof(book.leaf_bytes(), index);
			match forgery {
				1 => {
					assert!(claim(index, who, amount + 1, proof).is_err(), "forged amount");
					took("forged claim refused");
				},
				2 if book.leaves.len() > 1 => {
					let other = (index + 1) % book.leaves.len() as u32;
					assert!(claim(other, who, amount, proof).is_err(), "another leaf's index");
					took("forged claim refused");
				},
				_ => {
					if claim(index, who, amount, proof.clone()).is_ok() && forgery == 3 {
						assert!(claim(index, who, amount, proof).is_err(), "a leaf pays once");
						took("repeated claim refused");
					}
				},
			}
		},
		Action::SetParameters {
			voting,
			timelock,
			locking,
			approval,
			exposure,
			reveal,
			track,
			confirm,
			veto_window,
		} => {
			let triage_period = (voting / 3).max(1);
			let fast_track_voting_period = triage_period + 1;
			let confirm_period = confirm.min(triage_period);
			let fast_track_timelock = (timelock / 2).max(1);
			// A track for small amounts, as fast as the rules allow, with room for one of its largest.
			let small = crate::Track {
				max_amount: 5_000,
				max_open: 6_000,
				voting_period: triage_period.max(confirm_period + 1),
				timelock: fast_track_timelock,
				min_support: Perbill::from_percent(1),
				approval: Perbill::from_percent(50),
			};
			let tracks = if track { vec![small] } else { vec![] };
			let parameters = PoolParameters {
				voting_period: voting,
				timelock,
				vote_locking_period: locking,
				min_support: Perbill::from_percent(1),
				approval: Perbill::from_percent(approval),
				max_exposure: Perbill::from_percent(exposure),
				triage_period,
				fast_track_voting_period,
				fast_track_timelock,
				reveal_period: reveal,
				tracks: tracks.try_into().unwrap(),
				confirm_period,
				veto_window: veto_window.min(fast_track_timelock),
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
			RequestStatus::Compensating { closes_at, .. } => {
				assert!(now < closes_at + EXPIRY_SLACK, "incident {id} still open at {now}")
			},
		}
	}
}

/// Sends enough funds for everything open (from the block author, so that the electorate stays
/// the same) and runs blocks until every request has finished; the hunters reveal their
/// reports if `reveal` (else they are silent).
fn settle_everything(
	reveal: bool,
	salts: &BTreeMap<RequestId, [u8; 32]>,
	journal: &mut Journal,
) -> Balance {
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
	journal.observe();
	let open: Balance = Requests::<Test>::iter().map(|(_, request)| request.amount).sum();
	let funds = open + ED;
	assert_ok!(SecurityPool::contribute(RuntimeOrigin::signed(AUTHOR), funds));
	journal.observe();
	let give_up = System::block_number() + 200;
	let busy =
		|| Requests::<Test>::count() > 0 || crate::Sweeps::<Test>::iter_keys().next().is_some();
	while busy() && System::block_number() < give_up {
		advance(System::block_number() + 1, journal);
		check_deadlines();
	}
	assert_eq!(Requests::<Test>::count(), 0, "every request finishes once funds arrive");
	assert!(OwedQueue::<Test>::get().is_empty());
	funds
}

/// Every approved, not vetoed and proven request was paid exactly its amount (after a
/// downgrade); no other was paid: a disclosure neither confirmed nor downgraded by the council
/// nor revealed is never paid, whatever its vote.
fn check_every_approval_paid_once(journal: &Journal) {
	let (mut asked, mut approved, mut vetoed) = (BTreeMap::new(), Vec::new(), Vec::new());
	let mut unproven = Vec::new();
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
			_ => {},
		}
	}
	for (request, amount) in asked {
		let payable = approved.contains(&request)
			&& !vetoed.contains(&request)
			&& !unproven.contains(&request);
		let due = if payable { amount } else { 0 };
		let paid = journal.paid.get(&request).copied().unwrap_or_default();
		assert_eq!(paid, due, "request {request}");
	}
}

/// Every incident that opened its claims closed, paid at most its budget, and left nothing
/// behind: no claimed-leaf bitmap, no window, no sweep.
fn check_incidents_closed(journal: &Journal) {
	for (id, book) in &journal.incidents {
		if book.closes_at.is_some() {
			assert!(book.closed, "incident {id} closed");
		}
		assert!(crate::ClaimedLeaves::<Test>::iter_prefix(id).next().is_none());
	}
	assert!(crate::ClaimWindows::<Test>::get().is_empty());
	assert!(crate::Sweeps::<Test>::iter_keys().next().is_none());
}

/// One case: `actions`, then funds for everything and blocks until every request is done.
fn run_case(actions: Vec<Action>, hunters_reveal: bool) {
	ExtBuilder::default().build_and_execute(|| {
		// A single large vote can pass a referendum, so that approvals, payouts and
		// shortfalls are common.
		crate::Parameters::<Test>::mutate(|p| p.min_support = Perbill::from_percent(1));
		assert_ok!(SecurityPool::set_triage_key(RuntimeOrigin::root(), [5; 32]));
		let issuance = Balances::total_issuance();
		let (mut known_inflow, mut drained) = (0, 0);
		let mut salts = BTreeMap::new();
		let mut journal = Journal { fee_basis: pool_balance(), ..Default::default() };
		journal.observe();
		for action in actions {
			let outcome = apply(action, &mut salts, &mut journal);
			journal.observe();
			known_inflow += outcome.inflow;
			drained += outcome.drained;
			SecurityPool::do_try_state().expect("invariants hold after every step");
			check_deadlines();
			check_no_stuck_funds(&journal);

			let forfeited: Balance = pool_events()
				.into_iter()
				.filter_map(|event| match event {
					Event::DepositForfeited { amount, .. } => Some(amount),
					_ => None,
				})
				.sum();
			let paid: Balance = journal.paid.values().sum::<Balance>() + journal.compensated;
			let ledger = Ledger::<Test>::get();
			assert_eq!(pool_balance(), POOL_GENESIS + known_inflow + forfeited - paid - drained);
			assert_eq!(ledger.lifetime_inflow, known_inflow + forfeited);
			assert_eq!(ledger.lifetime_outflow, paid);
			assert_eq!(Balances::total_issuance(), issuance);
		}
		settle_everything(hunters_reveal, &salts, &mut journal);
		check_every_approval_paid_once(&journal);
		check_incidents_closed(&journal);
		check_no_stuck_funds(&journal);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// The least number of times each adversarial path must be taken in a run: a path the
/// generator stops reaching fails the test.
/// About a third of what a run takes each path, so that a change of the generator that starves
/// one shows.
const PATH_MINIMUMS: [(&str, u32); 16] = [
	("incident budget short of its total", 100),
	("incident leaf paid", 70),
	("incident closed with a return", 120),
	("forged claim refused", 200),
	("repeated claim refused", 30),
	("late flip moved the end", 200),
	("snipe answered", 100),
	("flip and undo in one block", 150),
	("flip, undo and flip in one block", 80),
	("split piece went up a track", 35),
	("revealed in its timelock", 80),
	("revealed before payment", 100),
	("vetoed while unproven", 35),
	("spam stopped by the per-account limit", 150),
	("copied commitment refused", 30),
	("triage of a claim refused", 200),
];

#[test]
fn invariants_hold_funds_are_conserved_and_approvals_paid_once() {
	let mut runner = TestRunner::new(ProptestConfig::with_cases(1_000));
	let cases = (prop::collection::vec(action(), 1..60), any::<bool>());
	if let Err(failure) = runner.run(&cases, |(actions, hunters_reveal)| {
		run_case(actions, hunters_reveal);
		Ok(())
	}) {
		panic!("{failure}");
	}
	let paths = PATHS.with(|paths| paths.borrow().clone());
	println!("paths taken in 1,000 cases: {paths:?}");
	for (path, minimum) in PATH_MINIMUMS {
		let taken = paths.get(path).copied().unwrap_or_default();
		assert!(taken >= minimum, "path {path:?} taken {taken} times, fewer than {minimum}");
	}
}
