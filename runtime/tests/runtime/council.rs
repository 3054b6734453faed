//! The security council: the pool's veto, triage and cancel powers take root or two thirds of
//! the council by motion, its parameters three quarters; one member, or a third, cannot act.

use crate::chain::{chain_from_preset, development_chain, Chain};
use codec::Encode;
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::{EnsureOrigin, Get},
};
use pallet_security_pool::{Choice, Conviction, PoolParameters, RequestStatus, Vote};
use security_pool_runtime::{
	configs::{
		ayes_for, share_for, MotionDeposit, MotionDuration, SecurityCouncilInstance,
		THREE_QUARTERS, TWO_THIRDS,
	},
	genesis_config_presets, AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, SecurityCouncil, SecurityPool, SecurityPoolCall, System, UNIT,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{traits::Convert, DispatchError};

type Veto = <Runtime as pallet_security_pool::Config>::VetoOrigin;
type Cancel = <Runtime as pallet_security_pool::Config>::CancelOrigin;
type Triage = <Runtime as pallet_security_pool::Config>::TriageOrigin;
type Params = <Runtime as pallet_security_pool::Config>::ParamsOrigin;
type SetMembers = <Runtime as pallet_collective::Config<SecurityCouncilInstance>>::SetMembersOrigin;

/// The origin of a motion passed by `ayes` of `members`.
fn motion(ayes: u32, members: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, SecurityCouncilInstance>::Members(ayes, members)
		.into()
}

/// The origin of one member acting alone (`SecurityCouncil::execute`).
fn member(who: Sr25519Keyring) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, SecurityCouncilInstance>::Member(who.to_account_id())
		.into()
}

/// Whether origin check `O` lets `origin` through.
fn accepts<O: EnsureOrigin<RuntimeOrigin>>(origin: RuntimeOrigin) -> bool {
	O::try_origin(origin).is_ok()
}

#[test]
fn veto_triage_and_cancel_take_root_or_two_thirds_of_the_council() {
	fn check<O: EnsureOrigin<RuntimeOrigin>>(power: &str) {
		assert!(accepts::<O>(RuntimeOrigin::root()), "{power}: root");
		for (ayes, members) in [(2, 3), (3, 3), (4, 5), (5, 5), (4, 6)] {
			assert!(accepts::<O>(motion(ayes, members)), "{power}: {ayes} of {members}");
		}
		for (ayes, members) in [(1, 3), (1, 2), (3, 5), (2, 4), (0, 3)] {
			assert!(!accepts::<O>(motion(ayes, members)), "{power}: {ayes} of {members}");
		}
		assert!(!accepts::<O>(member(Alice)), "{power}: one member");
		assert!(!accepts::<O>(RuntimeOrigin::signed(Alice.to_account_id())), "{power}: signed");
		assert!(!accepts::<O>(RuntimeOrigin::none()), "{power}: none");
	}
	check::<Veto>("veto");
	check::<Cancel>("cancel");
	check::<Triage>("triage");
}

#[test]
fn parameters_and_membership_take_root_or_three_quarters_of_the_council() {
	fn check<O: EnsureOrigin<RuntimeOrigin>>(power: &str) {
		assert!(accepts::<O>(RuntimeOrigin::root()), "{power}: root");
		for (ayes, members) in [(3, 3), (3, 4), (4, 5), (5, 5)] {
			assert!(accepts::<O>(motion(ayes, members)), "{power}: {ayes} of {members}");
		}
		for (ayes, members) in [(2, 3), (1, 3), (2, 4), (3, 5)] {
			assert!(!accepts::<O>(motion(ayes, members)), "{power}: {ayes} of {members}");
		}
		assert!(!accepts::<O>(member(Alice)), "{power}: one member");
		assert!(!accepts::<O>(RuntimeOrigin::signed(Alice.to_account_id())), "{power}: signed");
	}
	check::<Params>("parameters");
	check::<SetMembers>("membership");
}

/// The collective's calls, as a member sends them.
fn propose(threshold: u32, call: &RuntimeCall) -> RuntimeCall {
	RuntimeCall::SecurityCouncil(pallet_collective::Call::propose {
		threshold,
		proposal: Box::new(call.clone()),
		length_bound: call.encoded_size() as u32,
	})
}

fn vote(hash: H256, index: u32, approve: bool) -> RuntimeCall {
	RuntimeCall::SecurityCouncil(pallet_collective::Call::vote { proposal: hash, index, approve })
}

fn close(hash: H256, index: u32, call: &RuntimeCall) -> RuntimeCall {
	RuntimeCall::SecurityCouncil(pallet_collective::Call::close {
		proposal_hash: hash,
		index,
		proposal_weight_bound: call.get_dispatch_info().call_weight,
		length_bound: call.encoded_size() as u32,
	})
}

/// The results of the calls the council ran in the last block: by motion, or (with `alone`) by
/// one member.
fn council_results(alone: bool) -> Vec<Result<(), DispatchError>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::SecurityCouncil(pallet_collective::Event::Executed {
				result, ..
			}) if !alone => Some(result),
			RuntimeEvent::SecurityCouncil(pallet_collective::Event::MemberExecuted {
				result,
				..
			}) if alone => Some(result),
			_ => None,
		})
		.collect()
}

fn executed() -> Vec<Result<(), DispatchError>> {
	council_results(false)
}

fn executed_by_one_member() -> Vec<Result<(), DispatchError>> {
	council_results(true)
}

fn hash_of(call: &RuntimeCall) -> H256 {
	sp_io::hashing::blake2_256(&call.encode()).into()
}

fn status(id: u32) -> Option<RequestStatus<Balance, BlockNumber>> {
	pallet_security_pool::Requests::<Runtime>::get(id).map(|request| request.status)
}

/// Files a 1,000 SPT claim by Bob for Ferdie and votes it through; returns the block its
/// timelock ends at, with the chain at its approval.
fn approved_claim(chain: &mut Chain) -> BlockNumber {
	let parameters = genesis_config_presets::development_parameters();
	let claim = RuntimeCall::SecurityPool(SecurityPoolCall::submit_claim {
		amount: 1_000 * UNIT,
		beneficiary: Ferdie.to_account_id(),
		evidence: b"ipfs://incident-report".to_vec(),
	});
	assert_eq!(chain.block(vec![(Bob, claim, 0)]), vec![true]);
	let ends_at = chain.number + parameters.voting_period;
	let aye = |balance| {
		let vote = Vote { choice: Choice::Aye, balance, conviction: Conviction::Locked1x };
		RuntimeCall::SecurityPool(SecurityPoolCall::vote { request: 0, vote })
	};
	let votes = vec![(Dave, aye(700_000 * UNIT), 0), (Eve, aye(700_000 * UNIT), 0)];
	assert_eq!(chain.block(votes), vec![true, true]);
	chain.run_to(ends_at);
	let payable_at = ends_at + parameters.timelock;
	assert_eq!(status(0), Some(RequestStatus::Approved { payable_at }));
	payable_at
}

#[test]
fn two_of_three_members_veto_an_approved_claim_by_motion_and_it_is_not_paid() {
	development_chain().execute_with(|| {
		let mut chain = Chain::new();
		chain.block(vec![]);
		let payable_at = approved_claim(&mut chain);
		let ferdie = Ferdie.to_account_id();
		let ferdie_before = Balances::free_balance(&ferdie);
		let veto = RuntimeCall::SecurityPool(SecurityPoolCall::veto { request: 0 });

		// Alice proposes and votes, Bob seconds, Charlie (anyone) closes: 2 of 3.
		assert_eq!(chain.block(vec![(Alice, propose(2, &veto), 0)]), vec![true]);
		let hash = hash_of(&veto);
		assert_eq!(
			pallet_collective::ProposalOf::<Runtime, SecurityCouncilInstance>::get(hash),
			Some(veto.clone())
		);
		assert_eq!(status(0), Some(RequestStatus::Approved { payable_at }));
		assert_eq!(chain.block(vec![(Alice, vote(hash, 0, true), 0)]), vec![true]);
		// One aye of three: too early to close.
		assert_eq!(chain.block(vec![(Charlie, close(hash, 0, &veto), 0)]), vec![false]);
		assert_eq!(status(0), Some(RequestStatus::Approved { payable_at }));
		assert_eq!(chain.block(vec![(Bob, vote(hash, 0, true), 0)]), vec![true]);
		assert_eq!(chain.block(vec![(Charlie, close(hash, 0, &veto), 0)]), vec![true]);
		assert_eq!(executed(), vec![Ok(())]);
		assert!(chain.number < payable_at);
		assert_eq!(status(0), None, "the vetoed claim is gone");

		chain.run_to(payable_at + 1);
		assert_eq!(Balances::free_balance(&ferdie), ferdie_before);
		assert_eq!(pallet_security_pool::Ledger::<Runtime>::get().committed, 0);
	});
}

#[test]
fn one_member_or_a_third_of_the_council_cannot_veto_and_the_claim_is_paid() {
	development_chain().execute_with(|| {
		let mut chain = Chain::new();
		chain.block(vec![]);
		let payable_at = approved_claim(&mut chain);
		let veto = RuntimeCall::SecurityPool(SecurityPoolCall::veto { request: 0 });
		let approved = status(0);

		// Signed by a member: not the veto origin.
		assert_eq!(chain.block(vec![(Alice, veto.clone(), 0)]), vec![false]);
		// A member acting alone through the council.
		let alone = RuntimeCall::SecurityCouncil(pallet_collective::Call::execute {
			proposal: Box::new(veto.clone()),
			length_bound: veto.encoded_size() as u32,
		});
		assert_eq!(chain.block(vec![(Alice, alone, 0)]), vec![true]);
		assert_eq!(executed_by_one_member(), vec![Err(DispatchError::BadOrigin)]);
		assert_eq!(status(0), approved);
		// A motion of threshold 1 (it would run at once with one aye of three): not admitted.
		assert_eq!(chain.block(vec![(Alice, propose(1, &veto), 0)]), vec![false]);
		assert_eq!(executed(), vec![]);
		assert_eq!(status(0), approved);
		// Not a member: cannot propose.
		assert_eq!(chain.block(vec![(Eve, propose(2, &veto), 0)]), vec![false]);

		let ferdie = Ferdie.to_account_id();
		let before = Balances::free_balance(&ferdie);
		chain.run_to(payable_at);
		assert_eq!(Balances::free_balance(&ferdie), before + 1_000 * UNIT);
	});
}

#[test]
fn a_motion_is_admitted_only_at_the_threshold_its_call_takes() {
	development_chain().execute_with(|| {
		let mut chain = Chain::new();
		chain.block(vec![]);
		let veto = RuntimeCall::SecurityPool(SecurityPoolCall::veto { request: 0 });
		let parameters = RuntimeCall::SecurityPool(SecurityPoolCall::set_parameters {
			parameters: genesis_config_presets::development_parameters(),
		});
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let proposals = || pallet_collective::Proposals::<Runtime, SecurityCouncilInstance>::get();

		// Too low (it would run and fail at the first ayes), too high (no vote could pass it and
		// no one could propose the call again), or a call no motion can pass: refused.
		for (threshold, call) in [(1, &veto), (3, &veto), (2, &parameters), (2, &remark)] {
			assert_eq!(chain.block(vec![(Alice, propose(threshold, call), 0)]), vec![false]);
			assert!(System::events().iter().any(|record| matches!(
				record.event,
				RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { dispatch_error, .. })
					if dispatch_error == frame_system::Error::<Runtime>::CallFiltered.into()
			)));
		}
		assert!(proposals().is_empty());

		// At their thresholds: two of three for a veto, three of three for the parameters.
		assert_eq!(ayes_for(3, share_for(&veto).unwrap()), 2);
		assert_eq!(ayes_for(3, share_for(&parameters).unwrap()), 3);
		assert_eq!(ayes_for(5, TWO_THIRDS), 4);
		assert_eq!(ayes_for(5, THREE_QUARTERS), 4);
		assert_eq!(share_for(&remark), None);
		let admitted = vec![(Alice, propose(2, &veto), 0), (Bob, propose(3, &parameters), 0)];
		assert_eq!(chain.block(admitted), vec![true, true]);
		assert_eq!(proposals().len(), 2);
	});
}

#[test]
fn silence_is_a_nay_when_a_motion_closes_after_its_end_even_with_a_prime() {
	development_chain().execute_with(|| {
		let mut chain = Chain::new();
		chain.block(vec![]);
		let payable_at = approved_claim(&mut chain);
		let members = vec![Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id()];
		let prime = Some(Alice.to_account_id());
		assert!(SecurityCouncil::set_members(RuntimeOrigin::root(), members, prime, 3).is_ok());

		// The prime votes aye; the other two are silent until the motion's end.
		let veto = RuntimeCall::SecurityPool(SecurityPoolCall::veto { request: 0 });
		let hash = hash_of(&veto);
		assert_eq!(chain.block(vec![(Alice, propose(2, &veto), 0)]), vec![true]);
		let end = chain.number + MotionDuration::get();
		assert_eq!(chain.block(vec![(Alice, vote(hash, 0, true), 0)]), vec![true]);
		assert_eq!(chain.block(vec![(Charlie, close(hash, 0, &veto), 0)]), vec![false]);
		chain.run_to(end - 1);
		assert!(chain.number < payable_at);
		assert_eq!(chain.block(vec![(Charlie, close(hash, 0, &veto), 0)]), vec![true]);
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::SecurityCouncil(pallet_collective::Event::Disapproved { .. })
		)));
		assert_eq!(executed(), vec![]);
		assert_eq!(status(0), Some(RequestStatus::Approved { payable_at }));
	});
}

#[test]
fn a_motion_runs_the_longer_of_triage_period_and_veto_window() {
	development_chain().execute_with(|| {
		let parameters = genesis_config_presets::development_parameters();
		assert!(parameters.veto_window < parameters.triage_period);
		assert_eq!(MotionDuration::get(), parameters.triage_period);

		// It follows the parameters the council (or root) sets.
		let production = security_pool_runtime::configs::production_parameters();
		assert!(production.veto_window < production.triage_period);
		assert!(SecurityPool::set_parameters(motion(3, 3), production.clone()).is_ok());
		assert_eq!(MotionDuration::get(), production.triage_period);
		let longer_veto_window =
			PoolParameters { veto_window: parameters.triage_period + 1, ..parameters.clone() };
		let longer_timelocks = PoolParameters {
			timelock: 20,
			fast_track_timelock: 10,
			tracks: Default::default(),
			..longer_veto_window
		};
		assert_eq!(SecurityPool::set_parameters(RuntimeOrigin::root(), longer_timelocks), Ok(()));
		assert_eq!(MotionDuration::get(), parameters.triage_period + 1);
	});
}

#[test]
fn the_fifth_open_motion_and_each_after_it_cost_a_doubling_deposit() {
	let deposit =
		|open: u32| -> Balance { <MotionDeposit as Convert<u32, Balance>>::convert(open) };
	assert_eq!((0..4).map(deposit).collect::<Vec<_>>(), vec![0; 4]);
	assert_eq!(deposit(4), 10 * UNIT);
	assert_eq!(deposit(5), 20 * UNIT);
	assert_eq!(deposit(13), (10 * UNIT) << 9);
	// Filling the council's motion slots costs more than the dev chain's whole supply.
	let slots: u32 =
		<Runtime as pallet_collective::Config<SecurityCouncilInstance>>::MaxProposals::get();
	let total: Balance = (0..slots).map(deposit).sum();
	let supply = development_chain().execute_with(security_pool_runtime::Balances::total_issuance);
	assert!(total > supply, "{total} <= {supply}");
}

#[test]
fn the_production_preset_has_a_council_of_five_four_validators_and_no_sudo_key() {
	chain_from_preset(genesis_config_presets::PRODUCTION_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		let council: Vec<AccountId> =
			[Bob, Charlie, Dave, Eve, Ferdie].iter().map(|k| k.to_account_id()).collect();
		let mut members = pallet_collective::Members::<Runtime, SecurityCouncilInstance>::get();
		members.sort();
		let mut expected = council.clone();
		expected.sort();
		assert_eq!(members, expected);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(pallet_grandpa::Authorities::<Runtime>::get().len(), 4);
		let parameters = SecurityPool::parameters();
		assert_eq!(parameters, security_pool_runtime::configs::production_parameters());
		assert_eq!(parameters.validate(), Ok(()));
		assert_eq!(MotionDuration::get(), parameters.triage_period.max(parameters.veto_window));
		// Root is out of every account's reach: a sudo call fails for everyone.
		let mut chain = Chain::new();
		let inner = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(inner) });
		for who in [Alice, Bob] {
			assert_eq!(chain.block(vec![(who, sudo.clone(), 0)]), vec![false]);
		}
	});
}
