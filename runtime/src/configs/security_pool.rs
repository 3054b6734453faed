//! The security pool and its fee hook: 20% of every fee to the pool, the rest and tips to the
//! block author.

use alloc::vec;
use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		ConstU32, FindAuthor, OnUnbalanced,
	},
	PalletId,
};
use pallet_security_pool::{PoolParameters, SeverityTiers, Tier, Track};
use sp_runtime::{transaction_validity::TransactionPriority, ConsensusEngineId, Perbill};

/// The shortest claim window an incident may ask for: a minute of 3-second blocks. Voters judge
/// the window an incident proposes; a real one runs for weeks.
pub const MIN_CLAIM_PERIOD: BlockNumber = 20;

use super::super::{
	AccountId, Authorship, Balance, Balances, BlockNumber, Runtime, RuntimeFreezeReason,
	RuntimeHoldReason, System, DAYS, HOURS, UNIT,
};
use super::council::{RootOrThreeQuartersOfCouncil, RootOrTwoThirdsOfCouncil};

parameter_types! {
	pub const SecurityPoolPalletId: PalletId = PalletId(*b"py/secpl");
	pub const FixedFeeShare: Perbill = Perbill::from_percent(20);
	/// Unsigned claims of compensation come after transactions that pay for their place: a
	/// hack's victims are paid in the blocks' spare room (about 2,000 claims per 3-second block)
	/// without crowding out the chain's other users.
	pub const CompensationPriority: TransactionPriority = 1;
	/// The parameters of a pool added to a running chain, and the genesis default.
	pub PoolDefaultParameters: PoolParameters<Balance, BlockNumber> = production_parameters();
}

/// Production-like parameters: 7 days of voting, a 2-day timelock, a 1-day vote lock, 10%
/// support, more than 50% approval, at most 50% of `available` per request and 90% of the pool
/// for all open requests, a 10 SPT deposit (+0.01 SPT per byte) that grows with the open
/// requests, plus 1% of the amount asked, tiers of 10% / 5% / 1% / 0.1% of `available` capped
/// at 10,000 / 5,000 / 1,000 / 100 SPT; 2 days for triage, a fast track of 3 days of voting and
/// a 1-day timelock for confirmed critical disclosures, and 14 days to reveal a report; tracks of
/// 2 days of voting and a 1-day timelock (5% support) up to 1,000 SPT, at most 5,000 SPT open,
/// and of 4 and 2 days up to 5,000 SPT, at most 20,000 SPT open; a flip in the last hour of a
/// vote moves its end to an hour after it, however often, and a reveal leaves the veto origin
/// 12 hours before payment.
pub fn production_parameters() -> PoolParameters<Balance, BlockNumber> {
	let tier = |share, cap| Tier { share, cap };
	PoolParameters {
		voting_period: 7 * DAYS,
		timelock: 2 * DAYS,
		vote_locking_period: DAYS,
		min_support: Perbill::from_percent(10),
		approval: Perbill::from_percent(50),
		max_payout: Perbill::from_percent(50),
		max_exposure: Perbill::from_percent(90),
		deposit_base: 10 * UNIT,
		deposit_per_byte: UNIT / 100,
		amount_bond: Perbill::from_percent(1),
		tiers: SeverityTiers {
			critical: tier(Perbill::from_percent(10), 10_000 * UNIT),
			high: tier(Perbill::from_percent(5), 5_000 * UNIT),
			medium: tier(Perbill::from_percent(1), 1_000 * UNIT),
			low: tier(Perbill::from_rational(1u32, 1000u32), 100 * UNIT),
		},
		triage_period: 2 * DAYS,
		fast_track_voting_period: 3 * DAYS,
		fast_track_timelock: DAYS,
		reveal_period: 14 * DAYS,
		tracks: vec![
			Track {
				max_amount: 1_000 * UNIT,
				max_open: 5_000 * UNIT,
				voting_period: 2 * DAYS,
				timelock: DAYS,
				min_support: Perbill::from_percent(5),
				approval: Perbill::from_percent(50),
			},
			Track {
				max_amount: 5_000 * UNIT,
				max_open: 20_000 * UNIT,
				voting_period: 4 * DAYS,
				timelock: 2 * DAYS,
				min_support: Perbill::from_percent(10),
				approval: Perbill::from_percent(50),
			},
		]
		.try_into()
		.expect("two tracks"),
		confirm_period: HOURS,
		veto_window: 12 * HOURS,
	}
}

impl pallet_security_pool::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type VetoOrigin = RootOrTwoThirdsOfCouncil;
	type CancelOrigin = RootOrTwoThirdsOfCouncil;
	type ParamsOrigin = RootOrThreeQuartersOfCouncil;
	type TriageOrigin = RootOrTwoThirdsOfCouncil;
	type BlockNumberProvider = System;
	type DefaultParameters = PoolDefaultParameters;
	type PalletId = SecurityPoolPalletId;
	type FeeShare = FixedFeeShare;
	type MaxOpenRequests = ConstU32<64>;
	type MaxOpenRequestsPerAccount = ConstU32<4>;
	type MaxEvidenceLen = ConstU32<256>;
	type MaxReportLen = ConstU32<4096>;
	type MaxEncryptedReportLen = ConstU32<{ 32 + 4096 + 48 }>;
	type MaxVotes = ConstU32<32>;
	type MaxEndingsPerBlock = ConstU32<8>;
	type MaxPayoutsPerBlock = ConstU32<8>;
	type MaxExpiriesPerBlock = ConstU32<8>;
	type MaxVictims = ConstU32<{ 1 << 20 }>;
	type MinClaimPeriod = ConstU32<MIN_CLAIM_PERIOD>;
	type MaxClaimPeriod = ConstU32<{ 180 * DAYS }>;
	type MaxSweepPerBlock = ConstU32<512>;
	type CompensationPriority = CompensationPriority;
	type WeightInfo = pallet_security_pool::weights::SubstrateWeight<Runtime>;
}

/// The fee hook: the pool's share of each fee, the rest and every tip to the block author.
pub type FeesToPoolAndAuthor = pallet_security_pool::PoolFeeShare<Runtime, ToBlockAuthor>;

/// Credits the author of the current block; burns the credit if there is none or it cannot be
/// credited (a new account below the existential deposit).
pub struct ToBlockAuthor;

impl OnUnbalanced<Credit<AccountId, Balances>> for ToBlockAuthor {
	fn on_nonzero_unbalanced(credit: Credit<AccountId, Balances>) {
		if let Some(author) = Authorship::author() {
			let _ = Balances::resolve(&author, credit);
		}
	}
}

/// Finds the account of the block's Aura author: its authority key is its account key.
pub struct AuraAccountAdapter;

impl FindAuthor<AccountId> for AuraAccountAdapter {
	fn find_author<'a, I>(digests: I) -> Option<AccountId>
	where
		I: 'a + IntoIterator<Item = (ConsensusEngineId, &'a [u8])>,
	{
		pallet_aura::FindAccountFromAuthorIndex::<Runtime, pallet_aura::Pallet<Runtime>>::find_author(
			digests,
		)
		.map(|authority| AccountId::new(authority.into_inner().0))
	}
}
