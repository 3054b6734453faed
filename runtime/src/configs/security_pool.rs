//! The security pool and its fee hook: 20% of every fee to the pool, the rest and tips to the
//! block author.

use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		ConstU32, FindAuthor, OnUnbalanced,
	},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{ConsensusEngineId, Perbill};

use super::super::{
	AccountId, Authorship, Balances, Runtime, RuntimeFreezeReason, RuntimeHoldReason, System,
};

parameter_types! {
	pub const SecurityPoolPalletId: PalletId = PalletId(*b"py/secpl");
	pub const PoolFeeShare: Perbill = Perbill::from_percent(20);
}

impl pallet_security_pool::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type VetoOrigin = EnsureRoot<AccountId>;
	type ParamsOrigin = EnsureRoot<AccountId>;
	type BlockNumberProvider = System;
	type PalletId = SecurityPoolPalletId;
	type FeeShare = PoolFeeShare;
	type MaxOpenRequests = ConstU32<64>;
	type MaxEvidenceLen = ConstU32<256>;
	type MaxReportLen = ConstU32<4096>;
	type MaxVotes = ConstU32<32>;
	type MaxEndingsPerBlock = ConstU32<8>;
	type MaxPayoutsPerBlock = ConstU32<8>;
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
