//! Votes and tallies: a vote's choice and conviction, the running tally of a referendum, its
//! outcome, and the freezes an account's votes leave.

use crate::RequestId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::{pallet_prelude::Get, BoundedVec, CloneNoBound, PartialEqNoBound};
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, Perbill};

/// How strongly a voter backs a vote, and for how long the vote's balance stays frozen after a
/// referendum it won, as in `pallet-conviction-voting`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Conviction {
	/// 0.1× votes; not frozen after the referendum.
	#[default]
	None,
	/// 1× votes; frozen 1 locking period after a won referendum.
	Locked1x,
	/// 2× votes; frozen 2 locking periods.
	Locked2x,
	/// 3× votes; frozen 4 locking periods.
	Locked3x,
	/// 4× votes; frozen 8 locking periods.
	Locked4x,
	/// 5× votes; frozen 16 locking periods.
	Locked5x,
	/// 6× votes; frozen 32 locking periods.
	Locked6x,
}

impl Conviction {
	/// How many `vote_locking_period`s a won vote stays frozen.
	pub fn lock_periods(self) -> u32 {
		match self {
			Conviction::None => 0,
			Conviction::Locked1x => 1,
			Conviction::Locked2x => 2,
			Conviction::Locked3x => 4,
			Conviction::Locked4x => 8,
			Conviction::Locked5x => 16,
			Conviction::Locked6x => 32,
		}
	}

	/// The weight of `balance` in the tally under this conviction.
	pub fn votes<Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy>(
		self,
		balance: Balance,
	) -> Balance {
		match self {
			Conviction::None => balance / 10u32.into(),
			Conviction::Locked1x => balance,
			Conviction::Locked2x => balance.saturating_mul(2u32.into()),
			Conviction::Locked3x => balance.saturating_mul(3u32.into()),
			Conviction::Locked4x => balance.saturating_mul(4u32.into()),
			Conviction::Locked5x => balance.saturating_mul(5u32.into()),
			Conviction::Locked6x => balance.saturating_mul(6u32.into()),
		}
	}
}

/// Which way a vote counts. Encoded as a version 1 vote's `aye: bool` for `Nay` and `Aye`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Choice {
	/// Against paying the request.
	Nay,
	/// For paying the request.
	Aye,
	/// Counts toward support only; frozen while it counts, never locked after (unless cast or
	/// removed in the confirmation window).
	Abstain,
}

impl Choice {
	/// Whether the vote's balance counts toward support: ayes and abstentions do, nays never.
	pub fn supports(self) -> bool {
		matches!(self, Choice::Aye | Choice::Abstain)
	}
}

/// One account's vote on one referendum.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Vote<Balance> {
	/// For, against, or abstaining.
	pub choice: Choice,
	/// The balance that backs the vote; it is frozen while the vote counts.
	pub balance: Balance,
	/// The multiplier of the vote and the length of its lock.
	pub conviction: Conviction,
}

/// The running result of a referendum, kept up to date vote by vote.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Tally<Balance> {
	/// Conviction-weighted votes for.
	pub ayes: Balance,
	/// Conviction-weighted votes against.
	pub nays: Balance,
	/// Balance of the ayes and abstentions, unweighted: the support. Nays never count here, so
	/// a vote against never helps a request pass.
	pub support: Balance,
	/// How many votes are counted in.
	pub votes: u32,
}

impl<Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy> Tally<Balance> {
	/// Counts `vote` in.
	pub fn add(&mut self, vote: &Vote<Balance>) {
		let votes = vote.conviction.votes(vote.balance);
		match vote.choice {
			Choice::Aye => self.ayes.saturating_accrue(votes),
			Choice::Nay => self.nays.saturating_accrue(votes),
			Choice::Abstain => {},
		}
		if vote.choice.supports() {
			self.support.saturating_accrue(vote.balance);
		}
		self.votes = self.votes.saturating_add(1);
	}

	/// Takes `vote`, counted in before, out again.
	pub fn remove(&mut self, vote: &Vote<Balance>) {
		let votes = vote.conviction.votes(vote.balance);
		match vote.choice {
			Choice::Aye => self.ayes.saturating_reduce(votes),
			Choice::Nay => self.nays.saturating_reduce(votes),
			Choice::Abstain => {},
		}
		if vote.choice.supports() {
			self.support.saturating_reduce(vote.balance);
		}
		self.votes = self.votes.saturating_sub(1);
	}

	/// Whether the referendum passes: support at least `min_support` of `electorate`, and ayes
	/// more than `approval` of all weighted votes.
	pub fn passes(&self, electorate: Balance, min_support: Perbill, approval: Perbill) -> bool {
		let decisive = self.ayes.saturating_add(self.nays);
		self.support >= min_support.mul_ceil(electorate)
			&& !decisive.is_zero()
			&& self.ayes > approval.mul_floor(decisive)
	}
}

/// How a finished referendum ended; kept while votes refer to it, so that their voters can work
/// out their locks when they remove them.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct ReferendumOutcome<BlockNumber> {
	/// Whether the referendum passed.
	pub approved: bool,
	/// The block at which voting closed.
	pub ended_at: BlockNumber,
	/// The request's locking period: a won vote with conviction `c` stays frozen for
	/// `vote_locking_period × 2^(c − 1)` blocks after `ended_at`. Zero for a cancelled
	/// referendum, which locks no one.
	pub vote_locking_period: BlockNumber,
	/// How many votes still refer to the referendum; the record goes with the last one.
	pub votes: u32,
}

/// A vote as recorded for its voter.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct CastVote<Balance> {
	/// The referendum voted on.
	pub request: RequestId,
	/// The vote.
	pub vote: Vote<Balance>,
}

/// A freeze left behind by removed votes on won referenda, until `until`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct PriorLock<Balance, BlockNumber> {
	/// The block from which the balance is free.
	pub until: BlockNumber,
	/// The balance that stays frozen until then.
	pub amount: Balance,
}

impl<Balance: Ord + Copy + Zero, BlockNumber: Ord + Copy> PriorLock<Balance, BlockNumber> {
	/// Extends the lock to cover `amount` until `until`.
	pub fn accumulate(&mut self, until: BlockNumber, amount: Balance) {
		self.until = self.until.max(until);
		self.amount = self.amount.max(amount);
	}

	/// Drops the lock once it has expired at `now`; tells whether it did.
	pub fn rejig(&mut self, now: BlockNumber) -> bool {
		if now >= self.until && !self.amount.is_zero() {
			self.amount = Zero::zero();
			true
		} else {
			false
		}
	}
}

/// All of one account's votes and what they keep frozen.
#[derive(Encode, Decode, CloneNoBound, PartialEqNoBound, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxVotes))]
#[codec(mel_bound(Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Voting<Balance, BlockNumber, MaxVotes: Get<u32>>
where
	Balance: Clone + PartialEq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + core::fmt::Debug,
{
	/// Votes on referenda, running or finished, not yet removed; sorted by request.
	pub votes: BoundedVec<CastVote<Balance>, MaxVotes>,
	/// What removed votes still keep frozen.
	pub prior: PriorLock<Balance, BlockNumber>,
}

impl<Balance, BlockNumber, MaxVotes: Get<u32>> Default for Voting<Balance, BlockNumber, MaxVotes>
where
	Balance: Clone + PartialEq + core::fmt::Debug + Default,
	BlockNumber: Clone + PartialEq + core::fmt::Debug + Default,
{
	fn default() -> Self {
		Self { votes: Default::default(), prior: Default::default() }
	}
}

impl<Balance, BlockNumber, MaxVotes: Get<u32>> Voting<Balance, BlockNumber, MaxVotes>
where
	Balance: Clone + Copy + PartialEq + Ord + Zero + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + core::fmt::Debug,
{
	/// The balance these votes keep frozen: the largest of them.
	pub fn frozen(&self) -> Balance {
		self.votes
			.iter()
			.map(|cast| cast.vote.balance)
			.fold(self.prior.amount, Ord::max)
	}

	/// Whether nothing is left to remember.
	pub fn is_empty(&self) -> bool {
		self.votes.is_empty() && self.prior.amount.is_zero()
	}
}
