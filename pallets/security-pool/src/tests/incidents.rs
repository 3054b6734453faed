//! Incidents: declaring, deciding once, budgeting when the pool is short, claiming (also free,
//! through the transaction pool's check), closing and sweeping.

use super::*;
use crate::{
	incidents::{leaf_of, loss_proof, loss_root, share_of},
	ClaimWindows, ClaimedLeaves, Error, Event, Ledger, RequestKind, RequestStatus, Requests,
	Sweeps,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchErrorWithPostInfo, Pays, PostDispatchInfo},
	traits::{fungible::InspectHold, Currency},
};
use sp_core::H256;
#[allow(deprecated)]
use sp_runtime::traits::ValidateUnsigned;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionSource};

/// Victims that have no account yet.
const V1: AccountId = 1001;
const V2: AccountId = 1002;
const V3: AccountId = 1003;
/// The claim window the tests ask for.
const WINDOW: u64 = 10;

/// A published loss list: its leaves' bytes and the entries they encode.
struct LossList {
	entries: Vec<(AccountId, Balance)>,
	leaves: Vec<Vec<u8>>,
}

impl LossList {
	fn new(entries: &[(AccountId, Balance)]) -> Self {
		let leaves = entries
			.iter()
			.enumerate()
			.map(|(i, (who, amount))| leaf_of(i as u32, who, amount));
		Self { entries: entries.to_vec(), leaves: leaves.collect() }
	}

	fn root(&self) -> H256 {
		loss_root(&self.leaves)
	}

	fn total(&self) -> Balance {
		self.entries.iter().map(|(_, amount)| amount).sum()
	}

	fn victims(&self) -> u32 {
		self.entries.len() as u32
	}

	fn proof(&self, index: u32) -> Vec<H256> {
		loss_proof(&self.leaves, index)
	}
}

/// ALICE declares `list` asking its total with a 10-block window; returns the incident's id.
fn declare(list: &LossList) -> RequestId {
	declare_asking(list, list.total())
}

/// `who` declares `victims` leaves with `root`, asking `total` with a window of `period`, without
/// evidence.
fn try_declare(
	who: AccountId,
	total: Balance,
	victims: u32,
	root: H256,
	period: u64,
) -> DispatchResult {
	SecurityPool::declare_incident(RuntimeOrigin::signed(who), vec![], total, victims, root, period)
}

/// Sets the test parameters with `amount_bond` and one track for amounts up to 5,000, whose open
/// requests ask for at most 5,000 together.
fn with_small_track(amount_bond: sp_runtime::Perbill) {
	let mut parameters = test_parameters();
	parameters.amount_bond = amount_bond;
	parameters.tracks = vec![crate::Track {
		max_amount: 5_000,
		max_open: 5_000,
		voting_period: 4,
		timelock: 3,
		min_support: sp_runtime::Perbill::from_percent(10),
		approval: sp_runtime::Perbill::from_percent(50),
	}]
	.try_into()
	.unwrap();
	assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), parameters));
}

/// ALICE declares `list` asking `total`.
fn declare_asking(list: &LossList, total: Balance) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(SecurityPool::declare_incident(
		RuntimeOrigin::signed(ALICE),
		b"cid".to_vec(),
		total,
		list.victims(),
		list.root(),
		WINDOW,
	));
	id
}

/// Passes `id`'s referendum and runs to the opening of its claims; returns the block they
/// close at.
fn open_claims(id: RequestId) -> u64 {
	pass(id);
	run_to_block(voting_end_of(id));
	let RequestStatus::Approved { payable_at } = Requests::<Test>::get(id).unwrap().status else {
		panic!("approved");
	};
	run_to_block(payable_at);
	match Requests::<Test>::get(id).unwrap().status {
		RequestStatus::Compensating { closes_at, .. } => closes_at,
		status => panic!("claims open, not {status:?}"),
	}
}

fn voting_end_of(id: RequestId) -> u64 {
	match Requests::<Test>::get(id).unwrap().status {
		RequestStatus::Voting { ends_at, .. } => ends_at,
		status => panic!("voting, not {status:?}"),
	}
}

/// Claims leaf `index` of `list` unsigned.
fn claim_leaf(id: RequestId, list: &LossList, index: u32) -> DispatchResult {
	let (who, amount) = list.entries[index as usize];
	claim_as(RuntimeOrigin::none(), id, index, who, amount, list.proof(index))
}

fn claim_as(
	origin: RuntimeOrigin,
	id: RequestId,
	index: u32,
	who: AccountId,
	amount: Balance,
	proof: Vec<H256>,
) -> DispatchResult {
	SecurityPool::claim_compensation(origin, id, index, who, amount, proof)
		.map(|_| ())
		.map_err(|e| e.error)
}

/// What the transaction pool says of an unsigned claim.
fn validate(
	id: RequestId,
	index: u32,
	who: AccountId,
	amount: Balance,
	proof: Vec<H256>,
) -> Result<Vec<Vec<u8>>, InvalidTransaction> {
	let call = crate::Call::claim_compensation { incident: id, index, account: who, amount, proof };
	#[allow(deprecated)]
	SecurityPool::validate_unsigned(TransactionSource::External, &call)
		.map(|valid| valid.provides)
		.map_err(|error| match error {
			sp_runtime::transaction_validity::TransactionValidityError::Invalid(invalid) => invalid,
			other => panic!("unexpected {other:?}"),
		})
}

/// The custom code the transaction pool refuses a claim with: the error's index.
fn code(error: Error<Test>) -> InvalidTransaction {
	let sp_runtime::DispatchError::Module(module) = sp_runtime::DispatchError::from(error) else {
		unreachable!()
	};
	InvalidTransaction::Custom(module.error[0])
}

/// The three victims of the hand-computed example: 100,000 + 150,000 + 50,000 = 300,000, three
/// times what the pool holds.
fn three_victims() -> LossList {
	LossList::new(&[(V1, 100_000), (V2, 150_000), (V3, 50_000)])
}

#[test]
fn a_declaration_opens_one_referendum_reserving_what_the_pool_could_pay() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let id = declare(&list);
		let request = Requests::<Test>::get(id).unwrap();
		// 50% of the available 99,990: the declaration asks 300,000, the budget is bounded.
		assert_eq!(request.amount, 49_995);
		assert_eq!(
			request.kind,
			RequestKind::Incident {
				evidence: b"cid".to_vec().try_into().unwrap(),
				total: 300_000,
				victims: 3,
				root: list.root(),
				claim_period: WINDOW,
			}
		);
		// The deposit of a claim with 3 bytes of evidence and the root's 32.
		let deposit = deposit_for(3 + 32);
		assert_eq!(held(ALICE), deposit);
		assert_eq!(Ledger::<Test>::get().voting, 49_995);
		assert!(pool_events().contains(&Event::IncidentDeclared {
			incident: id,
			submitter: ALICE,
			total: 300_000,
			victims: 3,
			root: list.root(),
			claim_period: WINDOW,
			evidence: b"cid".to_vec().try_into().unwrap(),
			budget: 49_995,
			deposit,
			voting_ends_at: voting_end(),
		}));
	});
}

#[test]
fn a_declaration_is_refused_on_every_bad_input_and_nothing_changes() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let declare = |evidence: Vec<u8>, total, victims, period| {
			SecurityPool::declare_incident(
				RuntimeOrigin::signed(ALICE),
				evidence,
				total,
				victims,
				list.root(),
				period,
			)
		};
		assert_noop!(declare(vec![], 0, 3, WINDOW), Error::<Test>::ZeroAmount);
		assert_noop!(
			declare(vec![0; MAX_EVIDENCE as usize + 1], 300_000, 3, WINDOW),
			Error::<Test>::EvidenceTooLong
		);
		assert_noop!(declare(vec![], 300_000, 0, WINDOW), Error::<Test>::VictimsOutOfBounds);
		assert_noop!(
			declare(vec![], 300_000, MAX_VICTIMS + 1, WINDOW),
			Error::<Test>::VictimsOutOfBounds
		);
		assert_noop!(
			declare(vec![], 300_000, 3, MIN_CLAIM_PERIOD - 1),
			Error::<Test>::ClaimPeriodOutOfBounds
		);
		assert_noop!(
			declare(vec![], 300_000, 3, MAX_CLAIM_PERIOD + 1),
			Error::<Test>::ClaimPeriodOutOfBounds
		);
		assert_noop!(
			try_declare(1234, 300_000, 3, list.root(), WINDOW),
			Error::<Test>::InsufficientFunds
		);
		// Requests under vote fill the exposure cap: no room for a budget.
		claim(BOB, 49_995);
		claim(CHARLIE, 25_000);
		claim(DAVE, 12_500);
		drain_pool_to(87_485);
		assert_noop!(declare(vec![], 300_000, 3, WINDOW), Error::<Test>::NoBudget);
	});
}

#[test]
fn a_declaration_counts_as_a_request_against_the_slots() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		for _ in 0..MAX_OPEN_PER_ACCOUNT {
			declare_asking(&list, 10);
		}
		assert_noop!(
			try_declare(ALICE, 10, 3, list.root(), WINDOW),
			Error::<Test>::TooManyRequestsOfAccount
		);
		for who in [BOB, CHARLIE, DAVE, EVE, 6] {
			if crate::Requests::<Test>::count() < MAX_OPEN {
				assert_ok!(try_claim(who, 100, who));
			}
		}
		assert_eq!(crate::Requests::<Test>::count(), MAX_OPEN);
		assert_noop!(
			try_declare(7, 10, 3, list.root(), WINDOW),
			Error::<Test>::TooManyOpenRequests
		);
	});
}

#[test]
fn an_incident_asking_three_times_the_pool_pays_every_victim_the_same_fraction() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let id = declare(&list);
		let closes_at = open_claims(id);
		// At approval: 50% of (100,000 − 10 existential − 0 committed) = 49,995 < 300,000.
		assert!(pool_events().contains(&Event::IncidentBudgeted {
			incident: id,
			budget: 49_995,
			total: 300_000
		}));
		assert!(pool_events().contains(&Event::CompensationOpened {
			incident: id,
			budget: 49_995,
			closes_at
		}));
		// ALICE's deposit is back once the claims open.
		assert_eq!(held(ALICE), 0);
		assert_eq!(Ledger::<Test>::get().committed, 49_995);
		for index in 0..3 {
			assert_ok!(claim_leaf(id, &list, index));
		}
		// 100,000 × 49,995 / 300,000 = 16,665; 150,000 × … = 24,997.5 → 24,997;
		// 50,000 × … = 8,332.5 → 8,332. One unit of dust stays in the pool.
		assert_eq!(Balances::free_balance(V1), 16_665);
		assert_eq!(Balances::free_balance(V2), 24_997);
		assert_eq!(Balances::free_balance(V3), 8_332);
		assert_eq!(pool_balance(), POOL_GENESIS - 49_994);
		assert!(pool_events().contains(&Event::Compensated {
			incident: id,
			index: 1,
			account: V2,
			amount: 24_997
		}));
		run_to_block(closes_at);
		assert!(pool_events().contains(&Event::IncidentClosed {
			incident: id,
			paid: 49_994,
			returned: 1
		}));
		assert_eq!(Ledger::<Test>::get().committed, 0);
		assert!(Requests::<Test>::get(id).is_none());
		assert_eq!(ClaimWindows::<Test>::get().len(), 0);
	});
}

#[test]
fn a_full_pool_pays_the_whole_loss() {
	ExtBuilder::default().build_and_execute(|| {
		let list = LossList::new(&[(V1, 1_000), (BOB, 2_500)]);
		let id = declare(&list);
		let bob = Balances::free_balance(BOB);
		let closes_at = open_claims(id);
		assert_eq!(Requests::<Test>::get(id).unwrap().amount, 3_500);
		assert_ok!(claim_leaf(id, &list, 0));
		assert_ok!(claim_leaf(id, &list, 1));
		assert_eq!(Balances::free_balance(V1), 1_000);
		assert_eq!(Balances::free_balance(BOB), bob + 2_500);
		run_to_block(closes_at);
		assert!(pool_events().contains(&Event::IncidentClosed {
			incident: id,
			paid: 3_500,
			returned: 0
		}));
	});
}

#[test]
fn the_budget_is_set_at_approval_against_the_pool_as_it_then_stands() {
	ExtBuilder::default().build_and_execute(|| {
		// A claim approved in the same block just before the incident commits 20,000; the
		// pool then holds 60,000.
		let other = claim(DAVE, 20_000);
		let list = LossList::new(&[(V1, 40_000), (V2, 40_000)]);
		let id = declare(&list);
		assert_eq!(Requests::<Test>::get(id).unwrap().amount, 49_995);
		pass(other);
		pass(id);
		drain_pool_to(60_000 - 10);
		run_to_block(voting_end_of(id));
		// available = 60,000 − 10 − 20,000; half of it is 19,995.
		assert_eq!(Requests::<Test>::get(id).unwrap().amount, 19_995);
		assert_eq!(Ledger::<Test>::get().committed, 20_000 + 19_995);
		assert!(pool_events().contains(&Event::IncidentBudgeted {
			incident: id,
			budget: 19_995,
			total: 80_000
		}));
	});
}

#[test]
fn claims_pay_each_proven_leaf_once_and_nothing_else() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let id = declare(&list);
		// Not before the vote passes, nor during the timelock.
		assert_noop!(claim_leaf(id, &list, 0), Error::<Test>::NotCompensating);
		pass(id);
		run_to_block(voting_end_of(id));
		assert_noop!(claim_leaf(id, &list, 0), Error::<Test>::NotCompensating);
		let RequestStatus::Approved { payable_at } = Requests::<Test>::get(id).unwrap().status
		else {
			panic!("approved")
		};
		run_to_block(payable_at);

		let proof = list.proof(1);
		// A wrong proof, a wrong amount, another account, another index.
		assert_noop!(
			claim_as(RuntimeOrigin::none(), id, 1, V2, 150_000, list.proof(0)),
			Error::<Test>::InvalidProof
		);
		assert_noop!(
			claim_as(RuntimeOrigin::none(), id, 1, V2, 150_001, proof.clone()),
			Error::<Test>::InvalidProof
		);
		assert_noop!(
			claim_as(RuntimeOrigin::none(), id, 1, V1, 150_000, proof.clone()),
			Error::<Test>::InvalidProof
		);
		assert_noop!(
			claim_as(RuntimeOrigin::none(), id, 2, V2, 150_000, proof.clone()),
			Error::<Test>::InvalidProof
		);
		// A proof longer than the tree is deep.
		let mut long = proof.clone();
		long.push(H256::zero());
		assert_noop!(
			claim_as(RuntimeOrigin::none(), id, 1, V2, 150_000, long),
			Error::<Test>::InvalidProof
		);
		assert_noop!(
			claim_as(RuntimeOrigin::none(), id, 3, V2, 150_000, proof.clone()),
			Error::<Test>::LeafOutOfRange
		);
		assert_noop!(
			claim_as(RuntimeOrigin::none(), id + 1, 1, V2, 150_000, proof.clone()),
			Error::<Test>::UnknownRequest
		);
		let other = claim(BOB, 100);
		assert_noop!(
			claim_as(RuntimeOrigin::none(), other, 1, V2, 150_000, proof.clone()),
			Error::<Test>::NotAnIncident
		);

		assert_ok!(claim_as(RuntimeOrigin::none(), id, 1, V2, 150_000, proof.clone()));
		assert_eq!(Balances::free_balance(V2), 24_997);
		assert_noop!(
			claim_as(RuntimeOrigin::none(), id, 1, V2, 150_000, proof),
			Error::<Test>::AlreadyCompensated
		);
		assert_eq!(ClaimedLeaves::<Test>::get(id, 0), 0b010);
	});
}

#[test]
fn no_claim_is_taken_once_the_window_closes() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let id = declare(&list);
		let closes_at = open_claims(id);
		assert_ok!(claim_leaf(id, &list, 0));
		// The last block of the window takes claims; its end does not, even before the block's
		// own work closes the incident.
		run_to_block(closes_at - 1);
		assert_ok!(claim_leaf(id, &list, 1));
		System::set_block_number(closes_at);
		assert_noop!(claim_leaf(id, &list, 2), Error::<Test>::ClaimWindowClosed);
		assert_eq!(validate(id, 2, V3, 50_000, list.proof(2)), Err(code(Error::ClaimWindowClosed)));
		System::set_block_number(closes_at - 1);
		run_to_block(closes_at);
		assert_noop!(claim_leaf(id, &list, 2), Error::<Test>::UnknownRequest);
		// Paid 16,665 + 24,997; the rest of 49,995 returns.
		assert!(pool_events().contains(&Event::IncidentClosed {
			incident: id,
			paid: 41_662,
			returned: 8_333
		}));
		assert_eq!(Ledger::<Test>::get().committed, 0);
		assert_eq!(Balances::free_balance(V3), 0);
	});
}

#[test]
fn a_list_adding_up_to_more_than_its_total_cannot_pay_more_than_the_budget() {
	ExtBuilder::default().build_and_execute(|| {
		// The list says 30,000 of losses but the declaration asks only 3,000: every leaf's share
		// is its full amount (budget = total), and the first leaf alone takes the budget.
		let list = LossList::new(&[(V1, 3_000), (V2, 10_000), (V3, 17_000)]);
		let id = declare_asking(&list, 3_000);
		let closes_at = open_claims(id);
		assert_eq!(Requests::<Test>::get(id).unwrap().amount, 3_000);
		assert_noop!(claim_leaf(id, &list, 1), Error::<Test>::BudgetExhausted);
		assert_eq!(validate(id, 2, V3, 17_000, list.proof(2)), Err(code(Error::BudgetExhausted)));
		assert_ok!(claim_leaf(id, &list, 0));
		assert_noop!(claim_leaf(id, &list, 1), Error::<Test>::BudgetExhausted);
		run_to_block(closes_at);
		assert!(pool_events().contains(&Event::IncidentClosed {
			incident: id,
			paid: 3_000,
			returned: 0
		}));
		assert_eq!(pool_balance(), POOL_GENESIS - 3_000);
	});
}

#[test]
fn a_share_below_the_existential_deposit_waits_for_its_account() {
	ExtBuilder::default().build_and_execute(|| {
		// 30 × 49,995 / 300,030 = 4.99… → 4, below the existential deposit of 10.
		let list = LossList::new(&[(V1, 300_000), (V2, 30), (BOB, 30)]);
		let id = declare(&list);
		open_claims(id);
		assert_noop!(claim_leaf(id, &list, 1), Error::<Test>::ShareBelowMinimum);
		assert_eq!(validate(id, 1, V2, 30, list.proof(1)), Err(code(Error::ShareBelowMinimum)));
		// An existing account takes it.
		let bob = Balances::free_balance(BOB);
		assert_ok!(claim_leaf(id, &list, 2));
		assert_eq!(Balances::free_balance(BOB), bob + 4);
		// Once V2 exists, its leaf pays.
		let _ = Balances::deposit_creating(&V2, ED);
		assert_ok!(claim_leaf(id, &list, 1));
		assert_eq!(Balances::free_balance(V2), ED + 4);
	});
}

#[test]
fn a_share_that_rounds_to_nothing_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let list = LossList::new(&[(V1, 1_000_000), (BOB, 1)]);
		let id = declare(&list);
		open_claims(id);
		assert_eq!(share_of(1u128, 49_995, 1_000_001), 0);
		assert_noop!(claim_leaf(id, &list, 1), Error::<Test>::NothingToPay);
	});
}

#[test]
fn the_transaction_pool_admits_exactly_the_valid_first_claims() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let id = declare(&list);
		assert_eq!(validate(id, 0, V1, 100_000, list.proof(0)), Err(code(Error::NotCompensating)));
		let closes_at = open_claims(id);
		let tag = |index: u32| {
			let mut tag = codec::Encode::encode("SecurityPoolCompensation");
			tag.extend(codec::Encode::encode(&(id, index)));
			tag
		};
		for index in 0..3 {
			let (who, amount) = list.entries[index as usize];
			assert_eq!(validate(id, index, who, amount, list.proof(index)), Ok(vec![tag(index)]));
		}
		let valid = sp_runtime::transaction_validity::ValidTransaction {
			priority: 1_000,
			requires: vec![],
			provides: vec![tag(0)],
			longevity: closes_at - System::block_number(),
			propagate: true,
		};
		let call = crate::Call::claim_compensation {
			incident: id,
			index: 0,
			account: V1,
			amount: 100_000,
			proof: list.proof(0),
		};
		#[allow(deprecated)]
		let validity = SecurityPool::validate_unsigned(TransactionSource::External, &call);
		assert_eq!(validity, Ok(valid));
		assert_eq!(validate(id, 0, V1, 100_001, list.proof(0)), Err(code(Error::InvalidProof)));
		assert_eq!(validate(id, 5, V1, 100_000, list.proof(0)), Err(code(Error::LeafOutOfRange)));
		assert_eq!(validate(id + 1, 0, V1, 100_000, vec![]), Err(code(Error::UnknownRequest)));
		assert_ok!(claim_leaf(id, &list, 0));
		assert_eq!(
			validate(id, 0, V1, 100_000, list.proof(0)),
			Err(code(Error::AlreadyCompensated))
		);
		// Other calls are never unsigned.
		#[allow(deprecated)]
		let other = SecurityPool::validate_unsigned(
			TransactionSource::External,
			&crate::Call::contribute { amount: 1 },
		);
		assert_eq!(other, InvalidTransaction::Call.into());
	});
}

#[test]
fn a_signed_claim_is_refunded_and_an_invalid_one_is_not() {
	ExtBuilder::default().build_and_execute(|| {
		let list = LossList::new(&[(V1, 1_000), (BOB, 2_500)]);
		let id = declare(&list);
		open_claims(id);
		let paid = SecurityPool::claim_compensation(
			RuntimeOrigin::signed(EVE),
			id,
			1,
			BOB,
			2_500,
			list.proof(1),
		);
		assert_eq!(paid, Ok(PostDispatchInfo { actual_weight: None, pays_fee: Pays::No }));
		let refused = SecurityPool::claim_compensation(
			RuntimeOrigin::signed(EVE),
			id,
			1,
			BOB,
			2_500,
			list.proof(1),
		);
		assert_eq!(
			refused,
			Err(DispatchErrorWithPostInfo {
				post_info: PostDispatchInfo { actual_weight: None, pays_fee: Pays::Yes },
				error: Error::<Test>::AlreadyCompensated.into(),
			})
		);
	});
}

#[test]
fn rejection_veto_and_cancel_release_everything_an_incident_held() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let deposit = deposit_for(3 + 32);
		// Rejected: no votes.
		let rejected = declare(&list);
		run_to_block(voting_end_of(rejected));
		assert!(Requests::<Test>::get(rejected).is_none());
		// Vetoed in its timelock.
		let vetoed = declare(&list);
		pass(vetoed);
		run_to_block(voting_end_of(vetoed));
		// The rejected one's deposit came in: half of (100,000 + its deposit − 10).
		let budget = (POOL_GENESIS + deposit - ED) / 2;
		assert_eq!(Requests::<Test>::get(vetoed).unwrap().amount, budget);
		assert_eq!(Ledger::<Test>::get().committed, budget);
		assert_ok!(SecurityPool::veto(RuntimeOrigin::root(), vetoed));
		// Cancelled while voting.
		let cancelled = declare(&list);
		assert_ok!(SecurityPool::cancel(RuntimeOrigin::root(), cancelled));
		assert_eq!(
			Ledger::<Test>::get(),
			crate::PoolLedger { lifetime_inflow: 3 * deposit, ..Default::default() }
		);
		assert_eq!(held(ALICE), 0);
		assert_eq!(pool_balance(), POOL_GENESIS + 3 * deposit);
		assert_eq!(crate::OpenRequestsOf::<Test>::get(ALICE), 0);
		// A veto after the claims opened is refused.
		let open = declare(&list);
		open_claims(open);
		assert_noop!(SecurityPool::veto(RuntimeOrigin::root(), open), Error::<Test>::NotApproved);
	});
}

#[test]
fn an_incident_has_no_payee_to_name() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let id = declare(&list);
		pass(id);
		run_to_block(voting_end_of(id));
		assert_noop!(
			SecurityPool::set_payee(RuntimeOrigin::signed(ALICE), id, BOB),
			Error::<Test>::NotPayable
		);
	});
}

#[test]
fn a_closed_incident_s_bitmap_is_swept_a_bounded_number_of_words_per_block() {
	ExtBuilder::default().build_and_execute(|| {
		// 600 victims: leaves 0, 200, 400 and 599 sit in four different words.
		let entries: Vec<_> = (0..600).map(|i| (2_000 + i as AccountId, 100)).collect();
		let list = LossList::new(&entries);
		let id = declare(&list);
		let closes_at = open_claims(id);
		for index in [0, 200, 400, 599] {
			assert_ok!(claim_leaf(id, &list, index));
		}
		assert_eq!(ClaimedLeaves::<Test>::iter_prefix(id).count(), 4);
		run_to_block(closes_at);
		// Closed in this block, which also swept the first two words (MaxSweepPerBlock = 2).
		assert!(Requests::<Test>::get(id).is_none());
		assert_eq!(ClaimedLeaves::<Test>::iter_prefix(id).count(), 2);
		assert!(Sweeps::<Test>::contains_key(id));
		run_to_block(closes_at + 1);
		assert_eq!(ClaimedLeaves::<Test>::iter_prefix(id).count(), 0);
		assert!(!Sweeps::<Test>::contains_key(id));
		run_to_block(closes_at + 2);
		assert!(!Sweeps::<Test>::contains_key(id));
	});
}

#[test]
fn the_runtime_api_reports_an_incident_and_what_a_leaf_would_be_paid() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let id = declare(&list);
		let status = SecurityPool::incident(id).unwrap();
		assert_eq!((status.total, status.budget, status.closes_at), (300_000, 49_995, None));
		assert_eq!(
			SecurityPool::compensation(id, 0, V1, 100_000, list.proof(0)),
			Err(Error::<Test>::NotCompensating.into())
		);
		let closes_at = open_claims(id);
		assert_eq!(SecurityPool::compensation(id, 0, V1, 100_000, list.proof(0)), Ok(16_665));
		assert_ok!(claim_leaf(id, &list, 0));
		let status = SecurityPool::incident(id).unwrap();
		assert_eq!((status.paid, status.closes_at), (16_665, Some(closes_at)));
		assert_eq!(
			SecurityPool::compensation(id, 0, V1, 100_000, list.proof(0)),
			Err(Error::<Test>::AlreadyCompensated.into())
		);
		assert!(SecurityPool::incident(claim(BOB, 100)).is_none());
	});
}

#[test]
fn an_incident_deposit_bonds_its_total_and_its_track_follows_the_total() {
	ExtBuilder::default().build_and_execute(|| {
		with_small_track(sp_runtime::Perbill::from_percent(1));
		let list = three_victims();
		let id = declare(&list);
		// 1% of the 300,000 declared, not of the 49,995 reserved.
		assert_eq!(held(ALICE), deposit_for(35) + 3_000);
		assert_eq!(Requests::<Test>::get(id).unwrap().terms.track, None);
		let small = LossList::new(&[(V1, 1_000), (V2, 2_000)]);
		let small_id = declare(&small);
		assert_eq!(Requests::<Test>::get(small_id).unwrap().terms.track, Some(0));
		assert_eq!(crate::OpenByTrack::<Test>::get()[0], 3_000);
		open_claims(small_id);
		assert_eq!(crate::OpenByTrack::<Test>::get()[0], 0);
		assert_eq!(
			Balances::balance_on_hold(&crate::HoldReason::RequestDeposit.into(), &ALICE),
			deposit_for(35) + 3_000
		);
	});
}

#[test]
fn a_claim_waits_while_the_pool_cannot_pay_it() {
	ExtBuilder::default().build_and_execute(|| {
		let list = three_victims();
		let id = declare(&list);
		open_claims(id);
		// Funds left the pool other than as payouts (as root could): 10,000 stays liquid.
		drain_pool_to(10_000);
		assert_noop!(claim_leaf(id, &list, 0), Error::<Test>::PoolCannotPay);
		assert_eq!(validate(id, 0, V1, 100_000, list.proof(0)), Err(code(Error::PoolCannotPay)));
		assert_ok!(claim_leaf(id, &list, 2));
		assert_eq!(Balances::free_balance(V3), 8_332);
	});
}

#[test]
fn an_incident_counts_its_total_on_its_track_so_a_budget_raised_at_approval_keeps_the_cap() {
	ExtBuilder::default().build_and_execute(|| {
		with_small_track(sp_runtime::Perbill::zero());
		// Two large claims leave 10 of room under the exposure cap.
		let (big, bigger) = (claim(BOB, 49_995), claim(CHARLIE, 49_995));
		let list = LossList::new(&[(V1, 2_000), (V2, 3_000)]);
		let id = declare(&list);
		assert_eq!(Requests::<Test>::get(id).unwrap().amount, 10);
		// The track counts the 5,000 the incident may be budgeted at approval, not the 10 it
		// reserves now: a claim that would take the track past its cap goes to the general one.
		assert_eq!(crate::OpenByTrack::<Test>::get()[0], 5_000);
		assert_ok!(SecurityPool::cancel(RuntimeOrigin::root(), big));
		let small = claim(DAVE, 4_990);
		assert_eq!(Requests::<Test>::get(small).unwrap().terms.track, None);
		assert_ok!(SecurityPool::cancel(RuntimeOrigin::root(), bigger));
		pass(id);
		run_to_block(voting_end_of(id));
		// The pool has room again: the budget rises to the total, within the track's cap.
		assert_eq!(Requests::<Test>::get(id).unwrap().amount, 5_000);
		assert_eq!(crate::OpenByTrack::<Test>::get()[0], 5_000);
	});
}
