//! Benchmarks of the security pool's calls and per-block work, worst cases first.

use super::*;
use crate::pallet::{
	BalanceOf, BlockNumberOf, Call, Config, Ledger, OwedQueue, Pallet, Parameters, Requests,
	Timelocks, VotingDeadlines, VotingFor,
};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Balanced, Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use sp_runtime::{
	traits::{BlockNumberProvider, Bounded, One, Saturating, Zero},
	Perbill,
};

const SEED: u32 = 0;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

/// The signer of the benchmarked call, funded. Its account is warm: paying the fee touched it.
fn signer<T: Config>() -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

fn now<T: Config>() -> BlockNumberOf<T> {
	T::BlockNumberProvider::current_block_number()
}

fn set_now<T: Config>(n: BlockNumberOf<T>) {
	T::BlockNumberProvider::set_block_number(n);
}

/// A funded pool and parameters under which any aye passes.
fn setup<T: Config>() {
	let pool = Pallet::<T>::account_id();
	T::Currency::set_balance(&pool, BalanceOf::<T>::max_value() / 1_000u32.into());
	let uncapped = Tier { share: Perbill::one(), cap: BalanceOf::<T>::max_value() };
	Parameters::<T>::put(PoolParameters {
		voting_period: 10u32.into(),
		timelock: 10u32.into(),
		vote_locking_period: 10u32.into(),
		min_turnout: Perbill::zero(),
		approval: Perbill::zero(),
		max_payout: Perbill::from_percent(50),
		deposit_base: T::Currency::minimum_balance(),
		deposit_per_byte: One::one(),
		tiers: SeverityTiers {
			critical: uncapped,
			high: uncapped,
			medium: uncapped,
			low: uncapped,
		},
	});
}

fn amount<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(100u32.into())
}

/// Files a claim with the longest evidence by a fresh account; returns its id.
fn file_claim<T: Config>(index: u32) -> RequestId {
	let submitter = funded::<T>("submitter", index);
	let beneficiary: T::AccountId = account("beneficiary", index, SEED);
	let id = NextRequestId::<T>::get();
	let evidence = vec![7u8; T::MaxEvidenceLen::get() as usize];
	Pallet::<T>::submit_claim(
		RawOrigin::Signed(submitter).into(),
		amount::<T>(),
		beneficiary,
		evidence,
	)
	.expect("the claim is valid");
	id
}

fn aye<T: Config>() -> Vote<BalanceOf<T>> {
	Vote { aye: true, balance: T::Currency::minimum_balance(), conviction: Conviction::Locked6x }
}

/// Ends every running referendum now.
fn end_all<T: Config>() {
	let last = VotingDeadlines::<T>::get().last().map(|d| d.at).unwrap_or_else(now::<T>);
	set_now::<T>(last);
	while !VotingDeadlines::<T>::get().is_empty() {
		Pallet::<T>::end_referenda(last);
	}
}

/// `n` referenda with a vote of `voter(id)` each, ended; returns their ids.
fn ended<T: Config>(n: u32, voter: impl Fn(RequestId) -> T::AccountId) -> Vec<RequestId> {
	let ids: Vec<_> = (0..n).map(file_claim::<T>).collect();
	for &id in &ids {
		Pallet::<T>::do_vote(&voter(id), id, aye::<T>()).expect("the vote is valid");
	}
	end_all::<T>();
	ids
}

/// `n` approved requests, each with a voter of its own; returns their ids.
fn approved<T: Config>(n: u32) -> Vec<RequestId> {
	ended::<T>(n, |id| funded::<T>("voter", id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn contribute() {
		setup::<T>();
		let who = signer::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), amount::<T>());
		assert!(!Ledger::<T>::get().lifetime_inflow.is_zero());
	}

	#[benchmark]
	fn submit_claim(e: Linear<0, { T::MaxEvidenceLen::get() }>) {
		setup::<T>();
		// One slot short of full: the deadline queue is at its longest.
		for i in 0..T::MaxOpenRequests::get() - 1 {
			file_claim::<T>(i);
		}
		let who = signer::<T>();
		let beneficiary = who.clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), amount::<T>(), beneficiary, vec![1u8; e as usize]);
		assert_eq!(Requests::<T>::count(), T::MaxOpenRequests::get());
	}

	#[benchmark]
	fn submit_disclosure() {
		setup::<T>();
		for i in 0..T::MaxOpenRequests::get() - 1 {
			file_claim::<T>(i);
		}
		let who = signer::<T>();
		let beneficiary = who.clone();
		let commitment = commitment_of(b"report", &[0; 32]);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), commitment, Severity::Critical, amount::<T>(), beneficiary);
		assert_eq!(Requests::<T>::count(), T::MaxOpenRequests::get());
	}

	#[benchmark]
	fn reveal_disclosure(r: Linear<1, { T::MaxReportLen::get() }>) {
		setup::<T>();
		let who = signer::<T>();
		let report = vec![3u8; r as usize];
		let salt = [9u8; 32];
		Pallet::<T>::submit_disclosure(
			RawOrigin::Signed(who.clone()).into(),
			commitment_of(&report, &salt),
			Severity::High,
			amount::<T>(),
			who.clone(),
		)
		.expect("the disclosure is valid");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), 0, report, salt);
		assert!(Reports::<T>::contains_key(0));
	}

	#[benchmark]
	fn vote() {
		setup::<T>();
		let voter = signer::<T>();
		// The voter's list is one short of full and the new vote goes last.
		let others = T::MaxVotes::get().min(T::MaxOpenRequests::get()) - 1;
		for i in 0..others {
			let id = file_claim::<T>(i);
			Pallet::<T>::do_vote(&voter, id, aye::<T>()).expect("the vote is valid");
		}
		let id = file_claim::<T>(others);
		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()), id, aye::<T>());
		assert_eq!(VotingFor::<T>::get(&voter).unwrap().votes.len() as u32, others + 1);
	}

	#[benchmark]
	fn remove_vote() {
		setup::<T>();
		let voter = signer::<T>();
		let votes = T::MaxVotes::get().min(T::MaxOpenRequests::get());
		for i in 0..votes {
			let id = file_claim::<T>(i);
			Pallet::<T>::do_vote(&voter, id, aye::<T>()).expect("the vote is valid");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()), 0);
		assert_eq!(VotingFor::<T>::get(&voter).unwrap().votes.len() as u32, votes - 1);
	}

	#[benchmark]
	fn unlock() {
		setup::<T>();
		let voter = signer::<T>();
		let votes = T::MaxVotes::get().min(T::MaxOpenRequests::get());
		ended::<T>(votes, |_| voter.clone());
		// Every lock has expired.
		set_now::<T>(now::<T>().saturating_add(BlockNumberOf::<T>::max_value() / 2u32.into()));
		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()));
		assert!(VotingFor::<T>::get(&voter).is_none());
	}

	#[benchmark]
	fn veto() {
		setup::<T>();
		let ids = approved::<T>(T::MaxOpenRequests::get());
		// The vetoed request is the last in the timelock queue.
		let id = *ids.last().unwrap();
		#[extrinsic_call]
		_(RawOrigin::Root, id);
		assert!(!Requests::<T>::contains_key(id));
	}

	#[benchmark]
	fn execute_payout() {
		setup::<T>();
		let ids = approved::<T>(T::MaxOpenRequests::get());
		let id = *ids.last().unwrap();
		set_now::<T>(Timelocks::<T>::get().last().unwrap().at);
		let caller = signer::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(!Requests::<T>::contains_key(id));
	}

	#[benchmark]
	fn set_parameters() {
		let parameters = PoolParameters::default();
		#[extrinsic_call]
		_(RawOrigin::Root, parameters);
		assert_eq!(Parameters::<T>::get(), parameters);
	}

	/// Ending `r` referenda in one block; each fails and forfeits its deposit.
	#[benchmark]
	fn end_referenda(r: Linear<0, { T::MaxEndingsPerBlock::get() }>) {
		setup::<T>();
		for i in 0..r {
			file_claim::<T>(i);
		}
		let at = now::<T>().saturating_add(10u32.into());
		set_now::<T>(at);
		let ended;
		#[block]
		{
			ended = Pallet::<T>::end_referenda(at);
		}
		assert_eq!(ended, r);
	}

	/// Paying `p` requests whose timelock expired, each to a new account.
	#[benchmark]
	fn make_payments(p: Linear<0, { T::MaxPayoutsPerBlock::get() }>) {
		setup::<T>();
		approved::<T>(p);
		let at = Timelocks::<T>::get().last().map(|d| d.at).unwrap_or_else(now::<T>);
		set_now::<T>(at);
		let paid;
		#[block]
		{
			paid = Pallet::<T>::make_payments(at);
		}
		assert_eq!(paid, p);
		assert!(OwedQueue::<T>::get().is_empty());
		assert!(Requests::<T>::count().is_zero());
	}

	/// The fee hook's own work on one fee: the pool's share resolved, booked and announced.
	/// The pool account and the ledger are warm: `on_initialize` pays for them once per block.
	#[benchmark]
	fn fee_share() {
		let pool = Pallet::<T>::account_id();
		whitelist_account!(pool);
		let fee = T::Currency::issue(amount::<T>());
		let rest;
		#[block]
		{
			rest = Pallet::<T>::take_fee_share(fee);
		}
		assert!(!Ledger::<T>::get().lifetime_inflow.is_zero());
		drop(rest);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
