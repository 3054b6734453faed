//! The security council: a few members who veto, triage and cancel by motion.
//!
//! A member proposes a call (`SecurityPool::veto`, `triage`, `cancel`, `set_triage_key`) as a
//! motion, with the ayes its call takes as the threshold; the members vote; once two thirds of
//! them have voted aye, anyone closes it and the call runs with the council's origin. One member alone, or a third, cannot act. The pool's
//! parameters, its fee share and the council's own membership take three quarters. Root (the
//! development chains' sudo key) can do all of it; the production-like chain has no sudo key.

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, Contains, EitherOfDiverse, Get},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_collective::{
	deposit::{Delayed, Geometric},
	DefaultVote, EnsureProportionAtLeast,
};
use sp_runtime::{FixedU128, Perbill};

use super::super::{
	AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, RuntimeOrigin, SecurityPool, UNIT,
};
use super::RuntimeBlockWeights;

/// The council's instance of `pallet-collective`.
pub type SecurityCouncilInstance = pallet_collective::Instance1;

/// A share of the council's members, `(numerator, denominator)`.
pub type Share = (u32, u32);
/// What the pool's veto, cancel and triage powers take, and disapproving or killing a motion.
pub const TWO_THIRDS: Share = (2, 3);
/// What the pool's parameters and fee share take, and the council's membership.
pub const THREE_QUARTERS: Share = (3, 4);

/// Root, or two thirds of the council by motion: veto, triage, cancel.
pub type RootOrTwoThirdsOfCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	EnsureProportionAtLeast<AccountId, SecurityCouncilInstance, { TWO_THIRDS.0 }, { TWO_THIRDS.1 }>,
>;

/// Root, or three quarters of the council by motion: parameters, fee share and membership.
pub type RootOrThreeQuartersOfCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	EnsureProportionAtLeast<
		AccountId,
		SecurityCouncilInstance,
		{ THREE_QUARTERS.0 },
		{ THREE_QUARTERS.1 },
	>,
>;

/// The share of the council a motion of `call` takes, as the origins above require it; `None`
/// for a call no motion can pass.
pub fn share_for(call: &RuntimeCall) -> Option<Share> {
	use pallet_collective::Call as Council;
	use pallet_security_pool::Call as Pool;
	match call {
		RuntimeCall::SecurityPool(
			Pool::veto { .. }
			| Pool::cancel { .. }
			| Pool::triage { .. }
			| Pool::set_triage_key { .. },
		)
		| RuntimeCall::SecurityCouncil(
			Council::disapprove_proposal { .. } | Council::kill { .. },
		) => Some(TWO_THIRDS),
		RuntimeCall::SecurityPool(Pool::set_parameters { .. } | Pool::set_fee_share { .. })
		| RuntimeCall::SecurityCouncil(Council::set_members { .. }) => Some(THREE_QUARTERS),
		_ => None,
	}
}

/// The fewest ayes of `members` that make `share`: `ayes × denominator ≥ numerator × members`.
pub fn ayes_for(members: u32, (numerator, denominator): Share) -> u32 {
	numerator.saturating_mul(members).div_ceil(denominator)
}

/// The calls the runtime dispatches: all but a council motion proposed with another threshold
/// than the ayes its call takes. `pallet-collective` lets the proposer choose the threshold and
/// refuses a second motion of the same call: a member could otherwise propose a veto at a
/// threshold no vote can reach (or below what the veto takes, to run and fail at the first ayes)
/// and so block the council's own veto until the motion ends.
pub struct MotionsAtTheirThreshold;

impl Contains<RuntimeCall> for MotionsAtTheirThreshold {
	fn contains(call: &RuntimeCall) -> bool {
		let RuntimeCall::SecurityCouncil(pallet_collective::Call::propose {
			threshold,
			proposal,
			..
		}) = call
		else {
			return true;
		};
		let members = pallet_collective::Members::<Runtime, SecurityCouncilInstance>::decode_len()
			.unwrap_or(0);
		share_for(proposal).map(|share| ayes_for(members as u32, share)) == Some(*threshold)
	}
}

/// When a motion is closed after its end, a member who has not voted counts as a nay, whether
/// or not the council has a prime member: silence never passes a motion.
pub struct AbsentIsNay;

impl DefaultVote for AbsentIsNay {
	fn default_vote(_prime: Option<bool>, _ayes: u32, _nays: u32, _members: u32) -> bool {
		false
	}
}

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
	/// What a motion's deposit is held under.
	pub const MotionHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::SecurityCouncil(pallet_collective::HoldReason::ProposalSubmission);
	/// Each open motion past the free ones doubles the next one's deposit.
	pub const MotionDepositRatio: FixedU128 = FixedU128::from_u32(2);
	/// The deposit of the first motion past the free ones.
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
	type DefaultVote = AbsentIsNay;
	type WeightInfo = crate::weights::pallet_collective::WeightInfo<Runtime>;
	type SetMembersOrigin = RootOrThreeQuartersOfCouncil;
	type MaxProposalWeight = MaxMotionWeight;
	type DisapproveOrigin = RootOrTwoThirdsOfCouncil;
	type KillOrigin = RootOrTwoThirdsOfCouncil;
	type Consideration =
		HoldConsideration<AccountId, Balances, MotionHoldReason, MotionDeposit, u32>;
}
