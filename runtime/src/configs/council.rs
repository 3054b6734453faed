//! The security council: a few members who veto, triage and cancel by motion.
//!
//! A member proposes a call (`SecurityPool::veto`, `triage`, `cancel`, `set_triage_key`) as a
//! motion; the others vote; once two thirds of the members have voted aye, anyone closes it and
//! the call runs with the council's origin. One member alone, or a third, cannot act. The pool's
//! parameters, its fee share and the council's own membership take three quarters. Root (the
//! development chains' sudo key) can do all of it; the production-like chain has no sudo key.

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, EitherOfDiverse, Get},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_collective::{
	deposit::{Delayed, Geometric},
	EnsureProportionAtLeast, PrimeDefaultVote,
};
use sp_runtime::{FixedU128, Perbill};

use super::super::{
	AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, RuntimeOrigin, SecurityPool, UNIT,
};
use super::RuntimeBlockWeights;

/// The council's instance of `pallet-collective`.
pub type SecurityCouncilInstance = pallet_collective::Instance1;

/// Root, or two thirds of the council by motion: veto, triage, cancel.
pub type RootOrTwoThirdsOfCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	EnsureProportionAtLeast<AccountId, SecurityCouncilInstance, 2, 3>,
>;

/// Root, or three quarters of the council by motion: parameters, fee share and membership.
pub type RootOrThreeQuartersOfCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	EnsureProportionAtLeast<AccountId, SecurityCouncilInstance, 3, 4>,
>;

/// How long a motion runs before anyone may close it as it stands (an undecided member counting
/// as a nay): the longer of the pool's `triage_period` and `veto_window`, the windows the council
/// acts in, so that no one cuts a motion short while the verdict or veto it proposes could still
/// be timely. A motion that reaches its threshold closes at once, whatever its duration, and votes
/// are taken until it is closed.
pub struct MotionDuration;

impl Get<BlockNumber> for MotionDuration {
	fn get() -> BlockNumber {
		let parameters = SecurityPool::parameters();
		parameters.triage_period.max(parameters.veto_window)
	}
}

parameter_types! {
	/// A motion's call may use at most half a block.
	pub MaxMotionWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
	pub const MotionHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::SecurityCouncil(pallet_collective::HoldReason::ProposalSubmission);
	pub const MotionDepositRatio: FixedU128 = FixedU128::from_u32(2);
	pub const MotionDepositBase: Balance = 10 * UNIT;
}

/// The deposit of a new motion: none while fewer than four are open, then 10 SPT doubling with
/// each further open motion, so one member cannot fill the council's motion slots and block a
/// timely veto. Held until the motion is closed and `release_proposal_cost` is called.
pub type MotionDeposit = Delayed<ConstU32<4>, Geometric<MotionDepositRatio, MotionDepositBase>>;

impl pallet_collective::Config<SecurityCouncilInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = MotionDuration;
	type MaxProposals = ConstU32<32>;
	type MaxMembers = ConstU32<16>;
	/// An undecided member counts as a nay when a motion is closed after its duration.
	type DefaultVote = PrimeDefaultVote;
	type WeightInfo = crate::weights::pallet_collective::WeightInfo<Runtime>;
	type SetMembersOrigin = RootOrThreeQuartersOfCouncil;
	type MaxProposalWeight = MaxMotionWeight;
	type DisapproveOrigin = RootOrTwoThirdsOfCouncil;
	type KillOrigin = RootOrTwoThirdsOfCouncil;
	type Consideration =
		HoldConsideration<AccountId, Balances, MotionHoldReason, MotionDeposit, u32>;
}
