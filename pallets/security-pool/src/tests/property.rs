//! Random action sequences: the invariants hold after every step and no funds appear or vanish.

use super::*;
use crate::{Event, Ledger, Severity};
use frame_support::traits::OnUnbalanced;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Action {
	Fee { fee: Balance, tip: Balance },
	Contribute { who: AccountId, amount: Balance },
	Claim { who: AccountId, beneficiary: AccountId, amount: Balance },
	Disclose { who: AccountId, severity: Severity, amount: Balance },
	Vote { who: AccountId, request: RequestId, aye: bool, balance: Balance, conviction: Conviction },
	RemoveVote { who: AccountId, request: RequestId },
	Advance { blocks: u64 },
	Veto { request: RequestId },
	Execute { request: RequestId },
	Unlock { who: AccountId },
}

fn account() -> impl Strategy<Value = AccountId> {
	1..=6u64
}

fn request() -> impl Strategy<Value = RequestId> {
	0..8u32
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

fn action() -> impl Strategy<Value = Action> {
	prop_oneof![
		(0..15_000u64, 0..100u64).prop_map(|(fee, tip)| Action::Fee { fee, tip }),
		(account(), 0..60_000u64).prop_map(|(who, amount)| Action::Contribute { who, amount }),
		(account(), account(), 0..60_000u64).prop_map(|(who, beneficiary, amount)| Action::Claim {
			who,
			beneficiary,
			amount
		}),
		(account(), severity(), 0..40_000u64)
			.prop_map(|(who, severity, amount)| Action::Disclose { who, severity, amount }),
		(account(), request(), any::<bool>(), 0..800_000u64, conviction()).prop_map(
			|(who, request, aye, balance, conviction)| Action::Vote {
				who,
				request,
				aye,
				balance,
				conviction
			}
		),
		(account(), request()).prop_map(|(who, request)| Action::RemoveVote { who, request }),
		(1..12u64).prop_map(|blocks| Action::Advance { blocks }),
		request().prop_map(|request| Action::Veto { request }),
		request().prop_map(|request| Action::Execute { request }),
		account().prop_map(|who| Action::Unlock { who }),
	]
}

/// Applies `action`; returns the inflow the test itself can tell (fee share, contribution).
fn apply(action: Action) -> Balance {
	let origin = RuntimeOrigin::signed;
	match action {
		Action::Fee { fee, tip } => {
			FeeHook::on_unbalanceds([fee_credit(fee), fee_credit(tip)].into_iter());
			return fee / 5;
		},
		Action::Contribute { who, amount } => {
			if SecurityPool::contribute(origin(who), amount).is_ok() {
				return amount;
			}
		},
		Action::Claim { who, beneficiary, amount } => {
			let _ = SecurityPool::submit_claim(origin(who), amount, beneficiary, vec![1; 8]);
		},
		Action::Disclose { who, severity, amount } => {
			let commitment = crate::commitment_of(b"report", &[who as u8; 32]);
			let _ = SecurityPool::submit_disclosure(origin(who), commitment, severity, amount, who);
		},
		Action::Vote { who, request, aye, balance, conviction } => {
			let _ = SecurityPool::vote(origin(who), request, vote(aye, balance, conviction));
		},
		Action::RemoveVote { who, request } => {
			let _ = SecurityPool::remove_vote(origin(who), request);
		},
		Action::Advance { blocks } => run_to_block(System::block_number() + blocks),
		Action::Veto { request } => {
			let _ = SecurityPool::veto(RuntimeOrigin::root(), request);
		},
		Action::Execute { request } => {
			let _ = SecurityPool::execute_payout(origin(1), request);
		},
		Action::Unlock { who } => {
			let _ = SecurityPool::unlock(origin(who));
		},
	}
	0
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(500))]

	#[test]
	fn invariants_hold_and_funds_are_conserved(actions in prop::collection::vec(action(), 1..60)) {
		ExtBuilder::default().build_and_execute(|| {
			// A single large vote can pass a referendum, so that approvals, payouts and
			// shortfalls are common.
			crate::Parameters::<Test>::mutate(|p| p.min_turnout = sp_runtime::Perbill::from_percent(1));
			let issuance = Balances::total_issuance();
			let mut known_inflow = 0;
			for action in actions {
				known_inflow += apply(action);
				SecurityPool::do_try_state().expect("invariants hold after every step");

				let (mut forfeited, mut paid) = (0, 0);
				for event in pool_events() {
					match event {
						Event::DepositForfeited { amount, .. } => forfeited += amount,
						Event::Paid { amount, .. } => paid += amount,
						_ => {},
					}
				}
				let ledger = Ledger::<Test>::get();
				assert_eq!(pool_balance(), POOL_GENESIS + known_inflow + forfeited - paid);
				assert_eq!(ledger.lifetime_inflow, known_inflow + forfeited);
				assert_eq!(ledger.lifetime_outflow, paid);
				assert_eq!(Balances::total_issuance(), issuance);
			}
		});
	}
}
