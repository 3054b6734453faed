//! The layouts of version 1.

use crate::*;
use codec::{Decode, Encode};
use frame_support::{pallet_prelude::*, traits::Get};
use sp_runtime::Perbill;
/// Version 1's request kinds: no triage state.
#[derive(Encode, Decode, Clone, PartialEq, Debug)]
pub enum RequestKind<MaxEvidence: Get<u32>> {
	Claim { evidence: BoundedVec<u8, MaxEvidence> },
	Disclosure { commitment: sp_core::H256, severity: Severity },
}

/// Version 1's terms: no triage periods.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
pub struct RequestTerms<BlockNumber> {
	pub timelock: BlockNumber,
	pub vote_locking_period: BlockNumber,
	pub min_support: Perbill,
	pub approval: Perbill,
}

/// Version 1's request status: no extensions of voting.
#[derive(Encode, Decode, Clone, PartialEq, Debug)]
pub enum RequestStatus<Balance, BlockNumber> {
	Voting { ends_at: BlockNumber, tally: Tally<Balance> },
	Approved { payable_at: BlockNumber },
	Owed { remaining: Balance },
}

/// Version 1's request.
#[derive(Encode, Decode, Clone, PartialEq, Debug)]
pub struct PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence: Get<u32>> {
	pub kind: RequestKind<MaxEvidence>,
	pub submitter: AccountId,
	pub beneficiary: AccountId,
	pub payee: AccountId,
	pub amount: Balance,
	pub deposit: Balance,
	pub status: RequestStatus<Balance, BlockNumber>,
	pub terms: RequestTerms<BlockNumber>,
}

/// Version 1's parameters: no triage periods.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
pub struct PoolParameters<Balance, BlockNumber> {
	pub voting_period: BlockNumber,
	pub timelock: BlockNumber,
	pub vote_locking_period: BlockNumber,
	pub min_support: Perbill,
	pub approval: Perbill,
	pub max_payout: Perbill,
	pub max_exposure: Perbill,
	pub deposit_base: Balance,
	pub deposit_per_byte: Balance,
	pub amount_bond: Perbill,
	pub tiers: SeverityTiers<Balance>,
}

pub type RequestKindOf<T> = RequestKind<<T as Config>::MaxEvidenceLen>;
pub type ParametersOf<T> = PoolParameters<BalanceOf<T>, BlockNumberOf<T>>;
pub type PayoutRequestOf<T> = PayoutRequest<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberOf<T>,
	<T as Config>::MaxEvidenceLen,
>;

/// Version 1's `Parameters`, for tests.
#[frame_support::storage_alias]
pub type Parameters<T: Config> = StorageValue<Pallet<T>, ParametersOf<T>, OptionQuery>;

/// Version 1's `Requests`, for tests.
#[frame_support::storage_alias]
pub type Requests<T: Config> =
	CountedStorageMap<Pallet<T>, Twox64Concat, crate::RequestId, PayoutRequestOf<T>>;
