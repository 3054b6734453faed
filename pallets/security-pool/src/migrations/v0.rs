//! The layouts of version 0.

use crate::*;
use codec::{Decode, Encode};
use frame_support::{pallet_prelude::*, traits::Get};
use sp_runtime::Perbill;
/// Version 0's parameters: no `max_exposure`.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
pub struct PoolParameters<Balance, BlockNumber> {
	pub voting_period: BlockNumber,
	pub timelock: BlockNumber,
	pub vote_locking_period: BlockNumber,
	pub min_support: Perbill,
	pub approval: Perbill,
	pub max_payout: Perbill,
	pub deposit_base: Balance,
	pub deposit_per_byte: Balance,
	pub tiers: SeverityTiers<Balance>,
}

/// Version 0's tally: no count of votes.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
pub struct Tally<Balance> {
	pub ayes: Balance,
	pub nays: Balance,
	pub turnout: Balance,
}

/// Version 0's request status.
#[derive(Encode, Decode, Clone, PartialEq, Debug)]
pub enum RequestStatus<Balance, BlockNumber> {
	Voting { ends_at: BlockNumber, tally: Tally<Balance> },
	Approved { payable_at: BlockNumber },
	Owed { remaining: Balance },
}

/// Version 0's request: no payee, no terms.
#[derive(Encode, Decode, Clone, PartialEq, Debug)]
pub struct PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence: Get<u32>> {
	pub kind: crate::migrations::v1::RequestKind<MaxEvidence>,
	pub submitter: AccountId,
	pub beneficiary: AccountId,
	pub amount: Balance,
	pub deposit: Balance,
	pub status: RequestStatus<Balance, BlockNumber>,
}

/// Version 0's outcome: no locking period, no count of votes.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
pub struct ReferendumOutcome<BlockNumber> {
	pub approved: bool,
	pub ended_at: BlockNumber,
}

/// Version 0's ledger: no sum of the requests under vote.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug, Default)]
pub struct PoolLedger<Balance> {
	pub committed: Balance,
	pub owed: Balance,
	pub lifetime_inflow: Balance,
	pub lifetime_outflow: Balance,
}

pub type ParametersOf<T> = PoolParameters<BalanceOf<T>, BlockNumberOf<T>>;
pub type PayoutRequestOf<T> = PayoutRequest<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberOf<T>,
	<T as Config>::MaxEvidenceLen,
>;

/// Version 0's `Parameters`, for tests and checks.
#[frame_support::storage_alias]
pub type Parameters<T: Config> = StorageValue<Pallet<T>, ParametersOf<T>, OptionQuery>;

/// Version 0's `Ledger`, for tests and checks.
#[frame_support::storage_alias]
pub type Ledger<T: Config> = StorageValue<Pallet<T>, PoolLedger<BalanceOf<T>>, OptionQuery>;

/// Version 0's `Requests`, for tests.
#[frame_support::storage_alias]
pub type Requests<T: Config> =
	CountedStorageMap<Pallet<T>, Twox64Concat, RequestId, PayoutRequestOf<T>>;

/// Version 0's `Outcomes`, for tests.
#[frame_support::storage_alias]
pub type Outcomes<T: Config> =
	StorageMap<Pallet<T>, Twox64Concat, RequestId, ReferendumOutcome<BlockNumberOf<T>>>;

/// Version 0's `Reports`, for tests.
#[frame_support::storage_alias]
pub type Reports<T: Config> =
	StorageMap<Pallet<T>, Twox64Concat, RequestId, BoundedVec<u8, <T as Config>::MaxReportLen>>;
