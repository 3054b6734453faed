//! Benchmarks of the security pool's calls and per-block work, worst cases first.

use super::*;
use crate::fee::CreditOf;
use crate::pallet::{
	BalanceOf, BlockFeeShare, BlockNumberOf, Call, ClaimWindows, ClaimedLeaves, Config,
	EncryptedReports, FeeSharePolicy, Ledger, Outcomes, OwedQueue, Pallet, Parameters, Requests,
	RevealDeadlines, Sweeps, Timelocks, TriageDeadlines, TriageKey, VotingDeadlines, VotingFor,
};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Balanced, Inspect, Mutate},
	tokens::{Fortitude, Precision, Preservation},
	Get, Imbalance, OnUnbalanced,
};
use frame_system::RawOrigin;
use sp_core::H256;
#[allow(deprecated)]
use sp_runtime::traits::ValidateUnsigned;
use sp_runtime::{
	traits::{
		BlakeTwo256, BlockNumberProvider, Bounded, One, Saturating, UniqueSaturatedFrom, Zero,
	},
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
		min_support: Perbill::zero(),
		approval: Perbill::zero(),
		max_payout: Perbill::from_percent(50),
		max_exposure: Perbill::one(),
		deposit_base: T::Currency::minimum_balance(),
		deposit_per_byte: One::one(),
		amount_bond: Perbill::from_percent(1),
		tiers: SeverityTiers {
			critical: uncapped,
			high: uncapped,
			medium: uncapped,
			low: uncapped,
		},
		triage_period: 3u32.into(),
		fast_track_voting_period: 6u32.into(),
		fast_track_timelock: 5u32.into(),
		reveal_period: 10u32.into(),
		tracks: Default::default(),
		confirm_period: 3u32.into(),
		veto_window: 2u32.into(),
	});
	TriageKey::<T>::put([1; 32]);
}

/// A funded pool whose account is warm, as the fee hook finds it in a block.
fn warm_pool<T: Config>() -> T::AccountId {
	let pool = Pallet::<T>::account_id();
	T::Currency::set_balance(&pool, BalanceOf::<T>::max_value() / 1_000u32.into());
	whitelist_account!(pool);
	pool
}

/// An adaptive share at the largest target, with the pool's balance a third of it: the share is
/// worked out (the worst case). Returns the share.
fn set_adaptive_share<T: Config>(pool: &T::AccountId) -> AdaptiveFeeShare<BalanceOf<T>> {
	let adaptive = adaptive_share::<T>();
	T::Currency::set_balance(pool, adaptive.target_reserve / 3u32.into());
	FeeSharePolicy::<T>::put(adaptive);
	Pallet::<T>::refresh_fee_share();
	adaptive
}

/// An adaptive share at the largest target the pallet accepts.
fn adaptive_share<T: Config>() -> AdaptiveFeeShare<BalanceOf<T>> {
	AdaptiveFeeShare {
		floor: Perbill::from_percent(5),
		ceiling: Perbill::from_percent(50),
		target_reserve: BalanceOf::<T>::unique_saturated_from(MAX_TARGET_RESERVE),
	}
}

/// Charges `payer` a fee and a tip the way `pallet_transaction_payment::FungibleAdapter` does:
/// the estimate withdrawn before dispatch, the overestimate refunded after, then the fee and the
/// tip handed to `Handler`.
fn charge_fee<T: Config, Handler: OnUnbalanced<CreditOf<T>>>(payer: &T::AccountId) {
	let (fee, tip) = (amount::<T>(), T::Currency::minimum_balance());
	let withdrawn = T::Currency::withdraw(
		payer,
		fee.saturating_add(tip),
		Precision::Exact,
		Preservation::Preserve,
		Fortitude::Polite,
	)
	.expect("the payer can pay");
	let (refund, paid) = withdrawn.split(fee / 10u32.into());
	let _ = T::Currency::resolve(payer, refund);
	let (tip, fee) = paid.split(tip);
	Handler::on_unbalanceds([fee, tip].into_iter());
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

/// The longest report, the same for every disclosure (each commitment binds its own submitter).
fn report<T: Config>() -> Vec<u8> {
	vec![3u8; T::MaxReportLen::get() as usize]
}

/// Files a critical disclosure of [`report`] by a fresh account; returns its id and its
/// submitter.
fn file_disclosure<T: Config>(index: u32) -> (RequestId, T::AccountId) {
	file_sealed_disclosure::<T>(index, None)
}

/// Files a critical disclosure of [`report`] by a fresh account, with `sealed` as its sealed
/// report; returns its id and its submitter.
fn file_sealed_disclosure<T: Config>(
	index: u32,
	sealed: Option<Vec<u8>>,
) -> (RequestId, T::AccountId) {
	let submitter = funded::<T>("discloser", index);
	let id = NextRequestId::<T>::get();
	let commitment = commitment_of(&submitter, &report::<T>(), &[0; 32]);
	Pallet::<T>::submit_disclosure(
		RawOrigin::Signed(submitter.clone()).into(),
		commitment,
		Severity::Critical,
		amount::<T>(),
		submitter.clone(),
		sealed,
	)
	.expect("the disclosure is valid");
	(id, submitter)
}

/// The longest sealed report.
fn sealed<T: Config>() -> Option<Vec<u8>> {
	Some(vec![5u8; T::MaxEncryptedReportLen::get() as usize])
}

/// `n` disclosures with the longest sealed reports, approved unproven (no verdict, not
/// revealed) and past their timelock: each waits for its report. Returns them with their
/// submitters.
fn unproven<T: Config>(n: u32) -> Vec<(RequestId, T::AccountId)> {
	let filed: Vec<_> = (0..n).map(|i| file_sealed_disclosure::<T>(i, sealed::<T>())).collect();
	for (id, _) in &filed {
		Pallet::<T>::do_vote(&funded::<T>("voter", *id), *id, aye::<T>())
			.expect("the vote is valid");
	}
	end_all::<T>();
	let at = Timelocks::<T>::get().last().map(|d| d.at).unwrap_or_else(now::<T>);
	set_now::<T>(at);
	while !Timelocks::<T>::get().is_empty() {
		Pallet::<T>::make_payments(at);
	}
	filed
}

fn aye<T: Config>() -> Vote<BalanceOf<T>> {
	Vote {
		choice: Choice::Aye,
		balance: T::Currency::minimum_balance(),
		conviction: Conviction::Locked6x,
	}
}

/// An aye of twice the balance of [`aye`] and [`nay`]: cast after them, it raises the voter's
/// freeze (a `Frozen` event); removed, it lowers it (a `Thawed` event).
fn larger_aye<T: Config>() -> Vote<BalanceOf<T>> {
	Vote { balance: T::Currency::minimum_balance().saturating_mul(2u32.into()), ..aye::<T>() }
}

fn nay<T: Config>() -> Vote<BalanceOf<T>> {
	Vote { choice: Choice::Nay, ..aye::<T>() }
}

/// Gives `voter` `n` votes on failed referenda (their nays won: each leaves a lock when
/// removed), filed and ended in batches that fit the open requests, whatever `MaxVotes` is.
fn finished_votes<T: Config>(voter: &T::AccountId, n: u32) {
	let mut left = n;
	while left > 0 {
		let batch = left.min(T::MaxOpenRequests::get());
		for _ in 0..batch {
			let id = file_claim::<T>(NextRequestId::<T>::get());
			Pallet::<T>::do_vote(voter, id, nay::<T>()).expect("the vote is valid");
		}
		end_all::<T>();
		left -= batch;
	}
}

/// Ends every running referendum, moving to its end.
fn end_all<T: Config>() {
	while let Some(last) = VotingDeadlines::<T>::get().last().map(|d| d.at) {
		set_now::<T>(last);
		Pallet::<T>::end_referenda(last);
	}
}

/// The end of `id`'s voting, after extensions.
fn voting_end<T: Config>(id: RequestId) -> BlockNumberOf<T> {
	match Requests::<T>::get(id).expect("the request is open").status {
		RequestStatus::Voting { ends_at, .. } => ends_at,
		_ => panic!("the request is under vote"),
	}
}

/// Files a claim and moves to the last block of its voting; returns it, with no vote yet.
///
/// A vote reads and writes only its own referendum (a moved end stays in the request; the
/// voting queue is not touched), so other open referenda are no part of its worst case.
fn claim_in_its_last_block<T: Config>() -> RequestId {
	let id = file_claim::<T>(NextRequestId::<T>::get());
	set_now::<T>(voting_end::<T>(id).saturating_sub(One::one()));
	id
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

/// An incident of `victims` leaves with its claims open, declared by a fresh account with the
/// longest evidence, its budget its whole total. Returns it, with leaf 0: a new account, its
/// amount and its proof of `⌈log2(victims)⌉` hashes.
fn open_incident<T: Config>(
	index: u32,
	victims: u32,
) -> (RequestId, T::AccountId, BalanceOf<T>, Vec<H256>) {
	let (id, account, amount, proof) = declared_incident::<T>(index, victims);
	Pallet::<T>::do_vote(&funded::<T>("voter", id), id, aye::<T>()).expect("the vote is valid");
	end_all::<T>();
	let at = Timelocks::<T>::get().last().expect("approved").at;
	set_now::<T>(at);
	Pallet::<T>::make_payments(at);
	assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Compensating { .. }));
	(id, account, amount, proof)
}

/// An incident of `victims` leaves under vote; see [`open_incident`].
fn declared_incident<T: Config>(
	index: u32,
	victims: u32,
) -> (RequestId, T::AccountId, BalanceOf<T>, Vec<H256>) {
	let account: T::AccountId = account("victim", index, SEED);
	let amount = amount::<T>();
	let leaf = incidents::leaf_of(0, &account, &amount);
	// Leaf 0 is the left child at every level, whatever the width.
	let proof: Vec<H256> = (0..incidents::proof_depth(victims))
		.map(|level| H256::repeat_byte(level as u8 + 1))
		.collect();
	let hash = |bytes: &[u8]| <BlakeTwo256 as sp_runtime::traits::Hash>::hash(bytes);
	let root = proof
		.iter()
		.fold(hash(&leaf), |node, sibling| hash(&[node.as_bytes(), sibling.as_bytes()].concat()));
	let id = NextRequestId::<T>::get();
	Pallet::<T>::declare_incident(
		RawOrigin::Signed(funded::<T>("declarer", index)).into(),
		vec![7u8; T::MaxEvidenceLen::get() as usize],
		amount,
		victims,
		root,
		T::MinClaimPeriod::get(),
	)
	.expect("the incident is valid");
	(id, account, amount, proof)
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

	/// Filing the last disclosure of a full house, with a sealed report of `e` bytes: last in
	/// the voting and triage queues.
	#[benchmark]
	fn submit_disclosure(e: Linear<0, { T::MaxEncryptedReportLen::get() }>) {
		setup::<T>();
		for i in 0..T::MaxOpenRequests::get() - 1 {
			file_disclosure::<T>(i);
		}
		let who = signer::<T>();
		let beneficiary = who.clone();
		let commitment = commitment_of(&who, b"report", &[0; 32]);
		let sealed = Some(vec![5u8; e as usize]);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			commitment,
			Severity::Critical,
			amount::<T>(),
			beneficiary,
			sealed,
		);
		assert_eq!(Requests::<T>::count(), T::MaxOpenRequests::get());
		assert_eq!(TriageDeadlines::<T>::get().len() as u32, T::MaxOpenRequests::get());
	}

	/// Revealing a report of `r` bytes of a disclosure paid unrevealed (the council confirmed
	/// it), last in a full reveal queue: its deposit is released and the request finishes,
	/// freeing its sealed report.
	#[benchmark]
	fn reveal_disclosure(r: Linear<1, { T::MaxReportLen::get() }>) {
		setup::<T>();
		let waiting = unproven::<T>(T::MaxOpenRequests::get() - 1);
		let who = signer::<T>();
		let report = vec![3u8; r as usize];
		let salt = [9u8; 32];
		let id = NextRequestId::<T>::get();
		Pallet::<T>::submit_disclosure(
			RawOrigin::Signed(who.clone()).into(),
			commitment_of(&who, &report, &salt),
			Severity::High,
			amount::<T>(),
			who.clone(),
			sealed::<T>(),
		)
		.expect("the disclosure is valid");
		Pallet::<T>::do_triage(id, Verdict::Confirmed).expect("the triage is open");
		Pallet::<T>::do_vote(&funded::<T>("voter", id), id, aye::<T>()).expect("the vote is valid");
		end_all::<T>();
		let at = Timelocks::<T>::get().last().unwrap().at;
		set_now::<T>(at);
		Pallet::<T>::make_payments(at);
		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Paid { .. }));
		assert_eq!(RevealDeadlines::<T>::get().len(), waiting.len() + 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, report, salt);
		assert!(Reports::<T>::contains_key(id));
		assert!(!Requests::<T>::contains_key(id));
		assert!(!EncryptedReports::<T>::contains_key(id));
		assert_eq!(RevealDeadlines::<T>::get().len(), waiting.len());
	}

	/// A vote that flips a referendum in its last block: the end moves, the vote is locked
	/// past the end (it fell in the confirmation window), the voter's freeze rises, and the
	/// voter's list is one short of full with the new vote going last.
	#[benchmark]
	fn vote() {
		setup::<T>();
		let voter = signer::<T>();
		finished_votes::<T>(&voter, T::MaxVotes::get() - 1);
		let id = claim_in_its_last_block::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()), id, larger_aye::<T>());
		let voting = VotingFor::<T>::get(&voter).unwrap();
		assert_eq!(voting.votes.len() as u32, T::MaxVotes::get());
		assert_eq!(voting.frozen(), larger_aye::<T>().balance);
		assert_eq!(voting.prior.amount, larger_aye::<T>().balance);
		assert!(voting_end::<T>(id) > now::<T>().saturating_add(One::one()));
		assert!(matches!(
			Requests::<T>::get(id).unwrap().status,
			RequestStatus::Voting { extensions: 1, .. }
		));
	}

	/// A vote before the last `confirm_period` blocks of its referendum, the voter's list one
	/// short of full: what `vote` is refunded to when it cannot move the end.
	#[benchmark]
	fn vote_early() {
		setup::<T>();
		let voter = signer::<T>();
		finished_votes::<T>(&voter, T::MaxVotes::get() - 1);
		let id = claim_in_its_last_block::<T>();
		set_now::<T>(now::<T>().saturating_sub(3u32.into()));
		#[extrinsic_call]
		vote(RawOrigin::Signed(voter.clone()), id, larger_aye::<T>());
		let voting = VotingFor::<T>::get(&voter).unwrap();
		assert_eq!(voting.votes.len() as u32, T::MaxVotes::get());
		assert_eq!(voting.frozen(), larger_aye::<T>().balance);
		assert!(matches!(
			Requests::<T>::get(id).unwrap().status,
			RequestStatus::Voting { extensions: 0, .. }
		));
	}

	/// Removing a vote that flips a referendum in its last block, the voter's list full: the
	/// end moves and the removed vote's balance stays locked past it.
	#[benchmark]
	fn remove_vote() {
		setup::<T>();
		let voter = signer::<T>();
		finished_votes::<T>(&voter, T::MaxVotes::get() - 1);
		let id = claim_in_its_last_block::<T>();
		Pallet::<T>::do_vote(&voter, id, larger_aye::<T>()).expect("the vote is valid");
		// The vote moved the end: go to the new last block.
		set_now::<T>(voting_end::<T>(id).saturating_sub(One::one()));
		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()), id);
		let voting = VotingFor::<T>::get(&voter).unwrap();
		assert_eq!(voting.votes.len() as u32, T::MaxVotes::get() - 1);
		assert_eq!(voting.frozen(), larger_aye::<T>().balance);
		assert!(voting.prior.until > voting_end::<T>(id));
		assert!(matches!(
			Requests::<T>::get(id).unwrap().status,
			RequestStatus::Voting { extensions: 2, .. }
		));
	}

	/// Releasing an expired lock, the voter's list full.
	#[benchmark]
	fn unlock() {
		setup::<T>();
		let voter = signer::<T>();
		finished_votes::<T>(&voter, T::MaxVotes::get());
		let first = VotingFor::<T>::get(&voter).unwrap().votes[0].request;
		Pallet::<T>::do_remove_vote(&voter, first).expect("the vote exists");
		finished_votes::<T>(&voter, 1);
		// Every lock has expired.
		set_now::<T>(now::<T>().saturating_add(BlockNumberOf::<T>::max_value() / 2u32.into()));
		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()));
		let voting = VotingFor::<T>::get(&voter).unwrap();
		assert!(voting.prior.amount.is_zero());
		assert_eq!(voting.votes.len() as u32, T::MaxVotes::get());
	}

	/// Vetoing the last of a full house of approved requests: a disclosure with the longest
	/// sealed report, revealed with the longest report while its triage deadline still waits
	/// behind the per-block bound. The veto frees its commitment, report (and the report's
	/// deposit), sealed report and triage deadline, last in the timelock queue.
	#[benchmark]
	fn veto() {
		setup::<T>();
		for i in 0..T::MaxOpenRequests::get() - 1 {
			file_claim::<T>(i);
		}
		let (id, submitter) = file_sealed_disclosure::<T>(0, sealed::<T>());
		Pallet::<T>::do_reveal(submitter, id, report::<T>(), [0; 32]).expect("the report matches");
		for voted in 0..=id {
			Pallet::<T>::do_vote(&funded::<T>("voter", voted), voted, aye::<T>())
				.expect("the vote is valid");
		}
		end_all::<T>();
		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Approved { .. }));
		assert_eq!(Timelocks::<T>::get().last().unwrap().request, id);
		assert!(TriageDeadlines::<T>::get().iter().any(|deadline| deadline.request == id));
		#[extrinsic_call]
		_(RawOrigin::Root, id);
		assert!(!Requests::<T>::contains_key(id));
		assert!(!Reports::<T>::contains_key(id));
		assert!(!EncryptedReports::<T>::contains_key(id));
		assert!(TriageDeadlines::<T>::get().is_empty());
	}

	/// Paying, while the pool is short, a disclosure the council confirmed, with the longest
	/// sealed report and not revealed: paid in part to a new account, the rest owed, and its
	/// reveal deadline starts, last in a full reveal queue.
	#[benchmark]
	fn execute_payout() {
		setup::<T>();
		let waiting = unproven::<T>(T::MaxOpenRequests::get() - 1);
		let (id, _) = file_sealed_disclosure::<T>(T::MaxOpenRequests::get(), sealed::<T>());
		Pallet::<T>::do_triage(id, Verdict::Confirmed).expect("the triage is open");
		Pallet::<T>::do_vote(&funded::<T>("voter", id), id, aye::<T>()).expect("the vote is valid");
		end_all::<T>();
		set_now::<T>(Timelocks::<T>::get().last().unwrap().at);
		let pool = Pallet::<T>::account_id();
		T::Currency::set_balance(&pool, amount::<T>() / 2u32.into());
		let caller = signer::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Owed { .. }));
		assert_eq!(OwedQueue::<T>::get().to_vec(), vec![id]);
		assert_eq!(RevealDeadlines::<T>::get().len(), waiting.len() + 1);
	}

	/// Cancelling the last of a full house of running referenda: a voted-on disclosure.
	#[benchmark]
	fn cancel() {
		setup::<T>();
		for i in 0..T::MaxOpenRequests::get() - 1 {
			file_claim::<T>(i);
		}
		let (id, submitter) = file_disclosure::<T>(0);
		Pallet::<T>::do_reveal(submitter, id, report::<T>(), [0; 32]).expect("the report matches");
		Pallet::<T>::do_vote(&funded::<T>("voter", 0), id, aye::<T>()).expect("the vote is valid");
		#[extrinsic_call]
		_(RawOrigin::Root, id);
		assert!(!Requests::<T>::contains_key(id));
		assert!(Outcomes::<T>::contains_key(id));
	}

	#[benchmark]
	fn set_payee() {
		setup::<T>();
		let id = *approved::<T>(1).last().unwrap();
		let beneficiary = Requests::<T>::get(id).unwrap().beneficiary;
		let payee: T::AccountId = account("payee", 0, SEED);
		#[extrinsic_call]
		_(RawOrigin::Signed(beneficiary), id, payee.clone());
		assert_eq!(Requests::<T>::get(id).unwrap().payee, payee);
	}

	#[benchmark]
	fn set_triage_key() {
		#[extrinsic_call]
		_(RawOrigin::Root, [7; 32]);
		assert_eq!(TriageKey::<T>::get(), Some([7; 32]));
	}

	/// Confirming a critical disclosure, last in full voting and triage queues: it moves to the
	/// front of the voting queue.
	#[benchmark]
	fn triage_fast_track() {
		setup::<T>();
		let ids: Vec<_> =
			(0..T::MaxOpenRequests::get()).map(|i| file_disclosure::<T>(i).0).collect();
		let id = *ids.last().unwrap();
		#[extrinsic_call]
		triage(RawOrigin::Root, id, Verdict::Confirmed);
		assert_eq!(VotingDeadlines::<T>::get()[0].request, id);
	}

	/// Downgrading a critical disclosure, last in a full triage queue: the lower tier's limit is
	/// worked out from the parameters and the pool's balance.
	#[benchmark]
	fn triage_downgrade() {
		setup::<T>();
		Parameters::<T>::mutate(|p| p.tiers.low.cap = T::Currency::minimum_balance());
		let ids: Vec<_> =
			(0..T::MaxOpenRequests::get()).map(|i| file_disclosure::<T>(i).0).collect();
		let id = *ids.last().unwrap();
		#[extrinsic_call]
		triage(RawOrigin::Root, id, Verdict::Downgraded(Severity::Low));
		assert_eq!(Requests::<T>::get(id).unwrap().amount, T::Currency::minimum_balance());
	}

	/// Marking `t` disclosures' triage as missed in one block.
	#[benchmark]
	fn miss_triage(t: Linear<0, { T::MaxExpiriesPerBlock::get() }>) {
		setup::<T>();
		for i in 0..t {
			file_disclosure::<T>(i);
		}
		let at = now::<T>().saturating_add(3u32.into());
		set_now::<T>(at);
		let missed;
		#[block]
		{
			missed = Pallet::<T>::miss_triage(at);
		}
		assert_eq!(missed, t);
		assert!(TriageDeadlines::<T>::get().is_empty());
	}

	/// Closing `r` unproven disclosures whose reveal deadline passed in one block: each frees
	/// its commitment and sealed report and forfeits its deposit.
	#[benchmark]
	fn expire_reveals(r: Linear<0, { T::MaxExpiriesPerBlock::get() }>) {
		setup::<T>();
		unproven::<T>(r);
		let at = RevealDeadlines::<T>::get().last().map(|d| d.at).unwrap_or_else(now::<T>);
		set_now::<T>(at);
		let expired;
		#[block]
		{
			expired = Pallet::<T>::expire_reveals(at);
		}
		assert_eq!(expired, r);
		assert!(Requests::<T>::count().is_zero());
		assert!(EncryptedReports::<T>::iter_keys().next().is_none());
	}

	/// Setting parameters with the most tracks.
	#[benchmark]
	fn set_parameters() {
		let mut parameters = T::DefaultParameters::get();
		let general = parameters.general_track();
		let step = BalanceOf::<T>::max_value() / 1_000u32.into();
		parameters.tracks = (1..=MAX_TRACKS)
			.map(|i| {
				let max_amount = step.saturating_mul(i.into());
				Track { max_amount, max_open: max_amount, ..general }
			})
			.collect::<Vec<_>>()
			.try_into()
			.expect("MAX_TRACKS tracks");
		#[extrinsic_call]
		_(RawOrigin::Root, parameters.clone());
		assert_eq!(Parameters::<T>::get(), parameters);
	}

	/// Ending `r` referenda in one block; each is a revealed disclosure whose nays win: its
	/// outcome is kept, its commitment and report freed and its deposits forfeited or released.
	#[benchmark]
	fn end_referenda(r: Linear<0, { T::MaxEndingsPerBlock::get() }>) {
		setup::<T>();
		for i in 0..r {
			let (id, submitter) = file_disclosure::<T>(i);
			Pallet::<T>::do_reveal(submitter, id, report::<T>(), [0; 32])
				.expect("the report matches");
			Pallet::<T>::do_vote(&funded::<T>("voter", i), id, nay::<T>())
				.expect("the vote is valid");
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

	/// Paying `p` requests whose timelock expired, each in full to a new account: disclosures
	/// with the longest sealed report, revealed, so that each payment also releases the deposit
	/// and finishes the request, freeing its sealed report (a claim's payment does less; one
	/// that starts a reveal deadline, measured in `execute_payout`, less still).
	#[benchmark]
	fn make_payments(p: Linear<0, { T::MaxPayoutsPerBlock::get() }>) {
		setup::<T>();
		let filed: Vec<_> = (0..p).map(|i| file_sealed_disclosure::<T>(i, sealed::<T>())).collect();
		for (id, submitter) in &filed {
			Pallet::<T>::do_reveal(submitter.clone(), *id, report::<T>(), [0; 32])
				.expect("the report matches");
			Pallet::<T>::do_vote(&funded::<T>("voter", *id), *id, aye::<T>())
				.expect("the vote is valid");
		}
		end_all::<T>();
		for (id, submitter) in &filed {
			let payee: T::AccountId = account("payee", *id, SEED);
			Pallet::<T>::do_set_payee(submitter.clone(), *id, payee).expect("approved");
		}
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
		assert!(EncryptedReports::<T>::iter_keys().next().is_none());
	}

	/// The fee hook's own work on one fee with an adaptive share: this block's share read,
	/// resolved, booked and announced. The pool account, the ledger and the block's share are
	/// warm: `on_initialize` pays for them once per block.
	#[benchmark]
	fn fee_share() {
		let pool = warm_pool::<T>();
		let adaptive = set_adaptive_share::<T>(&pool);
		let fee = T::Currency::issue(amount::<T>());
		let rest;
		#[block]
		{
			rest = Pallet::<T>::take_fee_share(fee);
		}
		assert!(!Ledger::<T>::get().lifetime_inflow.is_zero());
		assert!(Pallet::<T>::fee_share() > adaptive.floor);
		assert!(Pallet::<T>::fee_share() < adaptive.ceiling);
		drop(rest);
	}

	/// The fee hook's own work on one fee with the runtime's fixed share.
	#[benchmark]
	fn fee_share_fixed() {
		let pool = warm_pool::<T>();
		let fee = T::Currency::issue(amount::<T>());
		let rest;
		#[block]
		{
			rest = Pallet::<T>::take_fee_share(fee);
		}
		assert!(!Ledger::<T>::get().lifetime_inflow.is_zero());
		drop((rest, pool));
	}

	/// A transaction's fee and tip charged as `pallet_transaction_payment::FungibleAdapter`
	/// charges them, handed to the pool's hook (with an adaptive share). Against
	/// `fee_charge_without_pool`, measured in the same run, it is what the pool adds to every
	/// transaction.
	#[benchmark]
	fn fee_charge() {
		set_adaptive_share::<T>(&warm_pool::<T>());
		let payer = signer::<T>();
		#[block]
		{
			charge_fee::<T, PoolFeeShare<T, ()>>(&payer);
		}
		assert!(!Ledger::<T>::get().lifetime_inflow.is_zero());
	}

	/// The same fee and tip charged with no pool: both burned.
	#[benchmark]
	fn fee_charge_without_pool() {
		warm_pool::<T>();
		let payer = signer::<T>();
		#[block]
		{
			charge_fee::<T, ()>(&payer);
		}
		assert!(Ledger::<T>::get().lifetime_inflow.is_zero());
	}

	/// Working out the block's adaptive share from the pool's balance, in `on_initialize`.
	#[benchmark]
	fn refresh_fee_share() {
		let pool = warm_pool::<T>();
		let adaptive = set_adaptive_share::<T>(&pool);
		BlockFeeShare::<T>::kill();
		#[block]
		{
			Pallet::<T>::refresh_fee_share();
		}
		let share = BlockFeeShare::<T>::get().expect("the share is worked out");
		assert!(share > adaptive.floor && share < adaptive.ceiling);
	}

	/// Setting an adaptive fee share.
	#[benchmark]
	fn set_fee_share() {
		let adaptive = adaptive_share::<T>();
		#[extrinsic_call]
		_(RawOrigin::Root, Some(adaptive));
		assert_eq!(FeeSharePolicy::<T>::get(), Some(adaptive));
	}

	/// Declaring an incident into the last free slot.
	#[benchmark]
	fn declare_incident(e: Linear<0, { T::MaxEvidenceLen::get() }>) {
		setup::<T>();
		for i in 0..T::MaxOpenRequests::get() - 1 {
			file_claim::<T>(i);
		}
		let who = signer::<T>();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			vec![1u8; e as usize],
			amount::<T>(),
			T::MaxVictims::get(),
			H256::repeat_byte(1),
			T::MinClaimPeriod::get(),
		);
		assert_eq!(Requests::<T>::count(), T::MaxOpenRequests::get());
	}

	/// A free claim of the first leaf of the largest list (the longest proof) to a new account,
	/// the first claim of its bitmap word. The pool account is warm: the block's fee hook
	/// touched it and the block path pays for that.
	#[benchmark]
	fn claim_compensation() {
		setup::<T>();
		let (id, account, amount, proof) = open_incident::<T>(0, T::MaxVictims::get());
		warm_pool::<T>();
		assert_eq!(proof.len(), incidents::proof_depth(T::MaxVictims::get()));
		#[extrinsic_call]
		_(RawOrigin::None, id, 0, account.clone(), amount, proof);
		assert_eq!(T::Currency::balance(&account), amount);
	}

	/// The transaction pool's check of that claim, which runs again when a block includes it:
	/// the call's weight adds it.
	#[benchmark]
	fn validate_claim() {
		setup::<T>();
		let (id, account, amount, proof) = open_incident::<T>(0, T::MaxVictims::get());
		warm_pool::<T>();
		let call = Call::<T>::claim_compensation { incident: id, index: 0, account, amount, proof };
		#[block]
		{
			#[allow(deprecated)]
			<Pallet<T> as ValidateUnsigned>::pre_dispatch(&call).expect("the claim is valid");
		}
	}

	/// Closing `n` incidents whose claim windows end in this block, each partly claimed.
	#[benchmark]
	fn close_incidents(n: Linear<0, { T::MaxExpiriesPerBlock::get() }>) {
		setup::<T>();
		let mut at = now::<T>();
		for i in 0..n {
			let (id, account, amount, proof) = open_incident::<T>(i, 2);
			Pallet::<T>::do_claim_compensation(id, 0, account, amount, &proof)
				.expect("the claim is valid");
			at = ClaimWindows::<T>::get().last().expect("open").at;
		}
		// Every window ends by the last one.
		set_now::<T>(at);
		let closed;
		#[block]
		{
			closed = Pallet::<T>::close_incidents(at);
		}
		assert_eq!(closed, n);
		assert!(Requests::<T>::count().is_zero());
		// Each had a leaf claimed: its bitmap is swept in the next blocks.
		assert_eq!(Sweeps::<T>::iter_keys().count(), n as usize);
	}

	/// Removing `w` words of a closed incident's bitmap, and the incident from the sweeps.
	#[benchmark]
	fn sweep_claimed(w: Linear<0, { T::MaxSweepPerBlock::get() }>) {
		let incident = 7;
		for word in 0..w {
			ClaimedLeaves::<T>::insert(incident, word, u128::MAX);
		}
		Sweeps::<T>::insert(incident, ());
		let swept;
		#[block]
		{
			swept = Pallet::<T>::sweep_claimed();
		}
		assert_eq!(swept, w);
		assert!(!Sweeps::<T>::contains_key(incident));
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
