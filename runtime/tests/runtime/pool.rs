//! The security pool inside the real runtime: blocks built by `frame_executive` on the
//! `development` preset's genesis, signed extrinsics, the fee hook and the runtime API.

use crate::chain::{chain_from_preset, development_chain, signed, Chain};
use frame_support::traits::fungible::{Inspect, InspectHold};
use pallet_security_pool::{
	Choice, Conviction, FeeShareError, PayoutRequestOf, PoolStatus, RequestStatus, Vote,
};
use pallet_security_pool_runtime_api::runtime_decl_for_security_pool_api::SecurityPoolApiV6;
use security_pool_runtime::{
	genesis_config_presets, AccountId, Balance, Balances, BalancesCall, Block, BlockNumber,
	Executive, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, SecurityPool,
	SecurityPoolCall, System, UNIT,
};
use sp_keyring::Sr25519Keyring;

fn balance(who: &AccountId) -> Balance {
	Balances::balance(who)
}

fn pool() -> Balance {
	balance(&SecurityPool::account_id())
}

/// The fee (with tip) and tip of every fee payment of the current block.
fn fees_paid() -> Vec<(Balance, Balance)> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, tip, .. },
			) => Some((actual_fee, tip)),
			_ => None,
		})
		.collect()
}

/// Calls the pool's runtime API as the node does.
macro_rules! pool_api {
	($function:ident($($argument:expr),*)) => {
		<Runtime as SecurityPoolApiV6<
			Block,
			Balance,
			PayoutRequestOf<Runtime>,
			BlockNumber,
			AccountId,
		>>::$function($($argument),*)
	};
}

fn pool_status() -> PoolStatus<Balance> {
	pool_api!(pool_status())
}

fn request(id: u32) -> Option<PayoutRequestOf<Runtime>> {
	pool_api!(request(id))
}

#[test]
fn fees_go_20_percent_to_the_pool_and_the_rest_and_tips_to_the_author() {
	development_chain().execute_with(|| {
		let mut chain = Chain::new();
		chain.block(vec![]);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let (pool_before, author_before) = (pool(), balance(&alice));
		let issuance = Balances::total_issuance();

		let transfer = |value| {
			RuntimeCall::Balances(BalancesCall::transfer_allow_death {
				dest: Sr25519Keyring::Dave.to_account_id().into(),
				value,
			})
		};
		chain.open_block();
		let tip = 7 * UNIT / 1_000;
		for (who, call, tip) in [
			(Sr25519Keyring::Bob, transfer(UNIT), 0),
			(Sr25519Keyring::Charlie, transfer(5 * UNIT), tip),
		] {
			Executive::apply_extrinsic(signed(who, call, tip)).unwrap().unwrap();
		}
		let paid = fees_paid();
		chain.close_block();

		assert_eq!(paid.len(), 2);
		let to_pool: Balance = paid.iter().map(|(fee, tip)| (fee - tip) / 5).sum();
		let total: Balance = paid.iter().map(|(fee, _)| fee).sum();
		assert!(to_pool > 0);
		assert_eq!(pool() - pool_before, to_pool);
		assert_eq!(balance(&alice) - author_before, total - to_pool);
		assert_eq!(paid[1].1, tip);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(pool_status().lifetime_inflow, to_pool);
	});
}

#[test]
fn a_claim_runs_its_whole_lifecycle_with_the_development_parameters() {
	development_chain().execute_with(|| {
		let parameters = genesis_config_presets::development_parameters();
		let mut chain = Chain::new();
		chain.block(vec![]);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		let amount = 1_000 * UNIT;

		let claim = RuntimeCall::SecurityPool(SecurityPoolCall::submit_claim {
			amount,
			beneficiary: ferdie.clone(),
			evidence: b"ipfs://incident-report".to_vec(),
		});
		assert_eq!(chain.block(vec![(Sr25519Keyring::Bob, claim, 0)]), vec![true]);
		let submitted_at = chain.number;
		let before = pool_status();
		assert_eq!(before.open_requests, 1);
		assert_eq!(before.committed, 0);
		assert!(matches!(request(0).unwrap().status, RequestStatus::Voting { .. }));
		let deposit = request(0).unwrap().deposit;
		// The first open request: no growth; plus the bond on the amount.
		let bond = parameters.amount_bond.mul_ceil(amount);
		assert_eq!(deposit, parameters.deposit_base + parameters.deposit_per_byte * 22 + bond);
		assert_eq!(bond, 10 * UNIT);

		let vote = |aye, balance, conviction| {
			let choice = if aye { Choice::Aye } else { Choice::Nay };
			RuntimeCall::SecurityPool(SecurityPoolCall::vote {
				request: 0,
				vote: Vote { choice, balance, conviction },
			})
		};
		let votes = chain.block(vec![
			(Sr25519Keyring::Charlie, vote(true, 700_000 * UNIT, Conviction::Locked1x), 0),
			(Sr25519Keyring::Dave, vote(true, 600_000 * UNIT, Conviction::None), 0),
			(Sr25519Keyring::Eve, vote(false, 100_000 * UNIT, Conviction::Locked2x), 0),
		]);
		assert_eq!(votes, vec![true, true, true]);

		// The referendum ends by itself and the timelock starts.
		let ends_at = submitted_at + parameters.voting_period;
		chain.run_to(ends_at);
		let payable_at = ends_at + parameters.timelock;
		assert_eq!(request(0).unwrap().status, RequestStatus::Approved { payable_at });
		assert_eq!(pool_status().committed, amount);

		chain.run_to(payable_at - 1);
		let (ferdie_before, pool_before) = (balance(&ferdie), pool());
		assert_eq!(
			Balances::balance_on_hold(
				&pallet_security_pool::HoldReason::RequestDeposit.into(),
				&bob
			),
			deposit
		);

		chain.run_to(payable_at);
		assert_eq!(balance(&ferdie) - ferdie_before, amount);
		assert_eq!(pool_before - pool(), amount);
		assert_eq!(
			Balances::balance_on_hold(
				&pallet_security_pool::HoldReason::RequestDeposit.into(),
				&bob
			),
			0
		);
		let after = pool_status();
		assert_eq!(request(0), None);
		assert_eq!(after.open_requests, 0);
		assert_eq!(after.committed, 0);
		assert_eq!(after.lifetime_outflow, amount);
	});
}

#[test]
fn every_preset_and_the_default_genesis_build() {
	for id in genesis_config_presets::preset_names() {
		let id = String::from_utf8(AsRef::<[u8]>::as_ref(&id).to_vec()).unwrap();
		chain_from_preset(&id).execute_with(|| {
			assert!(Balances::total_issuance() > 0, "preset {id} funds no account");
			assert!(Balances::free_balance(SecurityPool::account_id()) > 0, "preset {id}");
		});
	}
	sp_io::TestExternalities::default().execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(
			serde_json::to_vec(&RuntimeGenesisConfig::default()).unwrap(),
		)
		.unwrap()
	});
}

#[test]
fn the_runtime_passes_its_integrity_tests() {
	sp_io::TestExternalities::default().execute_with(|| {
		<security_pool_runtime::AllPalletsWithSystem as frame_support::traits::IntegrityTest>::integrity_test();
	});
}

#[test]
fn filling_every_slot_costs_what_the_docs_state() {
	use frame_support::traits::Get;
	let slots: u32 = <Runtime as pallet_security_pool::Config>::MaxOpenRequests::get();
	let slots = Balance::from(slots);
	let cost = |deposit_base: Balance| deposit_base * slots * (slots + 1) / 2;
	let development = genesis_config_presets::development_parameters();
	let production = security_pool_runtime::configs::production_parameters();
	assert_eq!(cost(development.deposit_base), 2_080 * UNIT);
	assert_eq!(cost(production.deposit_base), 20_800 * UNIT);
	// Filling the exposure cap instead puts 0.9% of the pool at stake with both presets.
	for parameters in [development, production] {
		let stake = parameters.amount_bond * parameters.max_exposure;
		assert_eq!(stake, sp_runtime::Perbill::from_rational(9u32, 1000u32));
	}
}

#[test]
fn the_migrations_leave_a_chain_built_from_genesis_alone() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	development_chain().execute_with(|| {
		assert_eq!(SecurityPool::on_chain_storage_version(), StorageVersion::new(3));
		let before = pallet_security_pool::Parameters::<Runtime>::get();
		security_pool_runtime::Migrations::on_runtime_upgrade();
		assert_eq!(pallet_security_pool::Parameters::<Runtime>::get(), before);
		assert_eq!(before, genesis_config_presets::development_parameters());
	});
}

#[test]
fn a_small_claim_lives_under_30_seconds_on_the_development_chain() {
	use security_pool_runtime::MILLI_SECS_PER_BLOCK;
	let parameters = genesis_config_presets::development_parameters();
	assert_eq!(parameters.validate(), Ok(()));
	let (track, small) = parameters.track_for(UNIT, &Default::default());
	assert_eq!(track, Some(0));
	let life_ms = u64::from(small.voting_period + small.timelock) * MILLI_SECS_PER_BLOCK;
	assert!(life_ms < 30_000, "a small claim takes {life_ms} ms from filing to payout");
	// A large claim takes the general track.
	assert_eq!(parameters.track_for(1_000 * UNIT, &Default::default()).0, None);
}

#[test]
fn an_adaptive_fee_share_is_bounded_to_exact_128_bit_arithmetic() {
	use pallet_security_pool::{AdaptiveFeeShare, Error, FeeSharePolicy, MAX_TARGET_RESERVE};
	use security_pool_runtime::RuntimeOrigin;
	use sp_runtime::Perbill;
	development_chain().execute_with(|| {
		let largest = AdaptiveFeeShare {
			floor: Perbill::from_percent(5),
			ceiling: Perbill::from_percent(40),
			target_reserve: MAX_TARGET_RESERVE,
		};
		let too_large = AdaptiveFeeShare { target_reserve: MAX_TARGET_RESERVE + 1, ..largest };
		frame_support::assert_noop!(
			SecurityPool::set_fee_share(RuntimeOrigin::root(), Some(too_large)),
			Error::<Runtime>::InvalidFeeShare(FeeShareError::TargetReserveTooLarge)
		);
		assert_eq!(FeeSharePolicy::<Runtime>::get(), None);
		frame_support::assert_ok!(SecurityPool::set_fee_share(
			RuntimeOrigin::root(),
			Some(largest)
		));
		// The pool's 100,000 SPT are a sliver of the target: nearly the ceiling.
		assert_eq!(SecurityPool::fee_share(), largest.share_at(pool()));
		assert!(SecurityPool::fee_share() > Perbill::from_parts(399_999_000));
	});
}

#[test]
fn the_runtime_api_quotes_what_filing_then_holds_and_applies() {
	development_chain().execute_with(|| {
		let mut chain = Chain::new();
		chain.block(vec![]);
		let parameters = genesis_config_presets::development_parameters();
		assert_eq!(pool_api!(parameters()), parameters);
		assert_eq!(pool_api!(pool_account()), SecurityPool::account_id());
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_eq!(
			pool_api!(commitment(bob.clone(), b"report".to_vec(), [7; 32])),
			pallet_security_pool::commitment_of(&bob, b"report", &[7; 32])
		);

		let limits = pool_api!(limits());
		let available = pool_status().available;
		assert_eq!(limits.claim, parameters.max_payout.mul_floor(available));
		assert_eq!(limits.open_requests, 0);
		let amount = 5 * UNIT;
		let evidence = b"ipfs://incident-report".to_vec();
		let quoted = pool_api!(deposit_for(evidence.len() as u32, amount));
		let track = pool_api!(track_for(amount));
		assert_eq!(track.index, Some(0));
		assert_eq!(track.track, parameters.tracks[0]);

		let claim = RuntimeCall::SecurityPool(SecurityPoolCall::submit_claim {
			amount,
			beneficiary: bob,
			evidence,
		});
		assert_eq!(chain.block(vec![(Sr25519Keyring::Bob, claim, 0)]), vec![true]);
		let filed = request(0).unwrap();
		assert_eq!(filed.deposit, quoted);
		assert_eq!(filed.terms.track, track.index);
		assert_eq!(pool_api!(limits()).open_requests, 1);
	});
}
