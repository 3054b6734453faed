//! The layouts of version 2.

use crate::*;
use codec::{Decode, Encode};
use frame_support::{pallet_prelude::*, traits::Get};
use sp_runtime::Perbill;

/// Version 2's tracks: no cap on what they have open.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
pub struct Track<Balance, BlockNumber> {
	pub max_amount: Balance,
	pub voting_period: BlockNumber,
	pub timelock: BlockNumber,
	pub min_support: Perbill,
	pub approval: Perbill,
}

/// Version 2's parameters: a bounded count of extensions, no veto window.
#[derive(Encode, Decode, Clone, PartialEq, Debug)]
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
	pub triage_period: BlockNumber,
	pub fast_track_voting_period: BlockNumber,
	pub fast_track_timelock: BlockNumber,
	pub reveal_period: BlockNumber,
	pub tracks: BoundedVec<Track<Balance, BlockNumber>, ConstU32<MAX_TRACKS>>,
	pub confirm_period: BlockNumber,
	pub max_extensions: u8,
}

/// Version 2's terms: a bounded count of extensions, no veto window.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
pub struct RequestTerms<BlockNumber> {
	pub track: Option<u8>,
	pub timelock: BlockNumber,
	pub vote_locking_period: BlockNumber,
	pub min_support: Perbill,
	pub approval: Perbill,
	pub triage_period: BlockNumber,
	pub fast_track_voting_period: BlockNumber,
	pub fast_track_timelock: BlockNumber,
	pub reveal_period: BlockNumber,
	pub confirm_period: BlockNumber,
	pub max_extensions: u8,
}

/// Version 2's request: version 2's terms.
#[derive(Encode, Decode, Clone, PartialEq, Debug)]
pub struct PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence: Get<u32>>
where
	Balance: Clone + PartialEq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + core::fmt::Debug,
{
	pub kind: RequestKind<Balance, BlockNumber, MaxEvidence>,
	pub submitter: AccountId,
	pub beneficiary: AccountId,
	pub payee: AccountId,
	pub amount: Balance,
	pub deposit: Balance,
	pub status: RequestStatus<Balance, BlockNumber>,
	pub terms: RequestTerms<BlockNumber>,
}

pub type ParametersOf<T> = PoolParameters<BalanceOf<T>, BlockNumberOf<T>>;
pub type PayoutRequestOf<T> = PayoutRequest<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberOf<T>,
	<T as Config>::MaxEvidenceLen,
>;

/// Version 2's `Parameters`, for tests.
#[frame_support::storage_alias]
pub type Parameters<T: Config> = StorageValue<Pallet<T>, ParametersOf<T>, OptionQuery>;

/// Version 2's `Requests`, for tests.
#[frame_support::storage_alias]
pub type Requests<T: Config> =
	CountedStorageMap<Pallet<T>, Twox64Concat, crate::RequestId, PayoutRequestOf<T>>;
