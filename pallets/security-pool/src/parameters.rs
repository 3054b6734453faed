//! The pool's governance parameters: tracks, payout tiers, their defaults' bounds and the
//! validation that keeps a parameter set working.

use crate::{RequestTerms, Severity};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::BoundedVec;
use frame_support::PalletError;
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, Deserialize, Perbill, Serialize};

/// A payout share of `available` together with an absolute cap.
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
	Serialize,
	Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub struct Tier<Balance> {
	/// The share of `available` a request of this tier may ask for.
	pub share: Perbill,
	/// The most a request of this tier may ask for, whatever the pool holds.
	pub cap: Balance,
}

impl<Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy> Tier<Balance> {
	/// The most a request of this tier may ask for when `available` is free.
	pub fn limit(&self, available: Balance) -> Balance {
		self.share.mul_floor(available).min(self.cap)
	}
}

/// The payout tiers of disclosures, by severity.
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
	Serialize,
	Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub struct SeverityTiers<Balance> {
	/// Tier of `Severity::Critical`.
	pub critical: Tier<Balance>,
	/// Tier of `Severity::High`.
	pub high: Tier<Balance>,
	/// Tier of `Severity::Medium`.
	pub medium: Tier<Balance>,
	/// Tier of `Severity::Low`.
	pub low: Tier<Balance>,
}

impl<Balance: Copy> SeverityTiers<Balance> {
	/// The tier of `severity`.
	pub fn of(&self, severity: Severity) -> Tier<Balance> {
		match severity {
			Severity::Critical => self.critical,
			Severity::High => self.high,
			Severity::Medium => self.medium,
			Severity::Low => self.low,
		}
	}
}

/// The rules of the requests up to an amount: smaller amounts take faster, lighter tracks.
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
	Serialize,
	Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub struct Track<Balance, BlockNumber> {
	/// The largest amount a request on this track asks for (absolute, so that a request's track
	/// does not depend on the pool's balance).
	pub max_amount: Balance,
	/// The most the track's open requests (under vote, approved, owed) ask for together: a
	/// request that would exceed it takes the next track up, so splitting a request gets no
	/// laxer rules. At least `max_amount`.
	pub max_open: Balance,
	/// Blocks a referendum on this track runs.
	pub voting_period: BlockNumber,
	/// Blocks between approval and payout.
	pub timelock: BlockNumber,
	/// Least support (ayes and abstentions), as a share of the active issuance.
	pub min_support: Perbill,
	/// Share of the weighted votes that the ayes must exceed.
	pub approval: Perbill,
}

impl<Balance, BlockNumber: PartialOrd> Track<Balance, BlockNumber> {
	/// Whether this track is no slower and no stricter than `larger`, the next one up.
	fn within(&self, larger: &Self) -> bool {
		self.voting_period <= larger.voting_period
			&& self.timelock <= larger.timelock
			&& self.min_support <= larger.min_support
			&& self.approval <= larger.approval
	}
}

/// The most tracks a parameter set holds, besides the general track.
pub const MAX_TRACKS: u32 = 4;

/// What the open requests of each track ask for together, by track index.
pub type TrackAmounts<Balance> = [Balance; MAX_TRACKS as usize];

/// The tracks of a parameter set, by ascending `max_amount`.
pub type Tracks<Balance, BlockNumber> =
	BoundedVec<Track<Balance, BlockNumber>, frame_support::traits::ConstU32<MAX_TRACKS>>;

/// The longest period a parameter may set, in blocks: a year of 6-second blocks.
pub const MAX_PERIOD: u32 = 365 * 24 * 600;

/// The least `min_support` a parameter set may have: below it a handful of tokens could decide.
pub const MIN_SUPPORT_FLOOR: Perbill = Perbill::from_percent(1);

/// The pool's governance parameters, changed by `ParamsOrigin` through `set_parameters`.
///
/// A request copies the rules it is judged by into its [`RequestTerms`] when it is filed.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	Serialize,
	Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub struct PoolParameters<Balance, BlockNumber> {
	/// Blocks a referendum of the general track runs (amounts above every track).
	pub voting_period: BlockNumber,
	/// Blocks between approval and payout on the general track, during which the veto origin
	/// may stop it.
	pub timelock: BlockNumber,
	/// Blocks a won `Locked1x` vote stays frozen after its referendum (doubling per level).
	pub vote_locking_period: BlockNumber,
	/// Least support (ayes and abstentions) on the general track, as a share of the active
	/// issuance.
	pub min_support: Perbill,
	/// Share of the weighted votes that the ayes must exceed on the general track.
	pub approval: Perbill,
	/// The most one request may ask for, as a share of `available`.
	pub max_payout: Perbill,
	/// The most all open requests together (voting, approved, owed) may ask for, as a share of
	/// the pool's balance.
	pub max_exposure: Perbill,
	/// Deposit of a request when no other request is open; it grows with the open requests.
	pub deposit_base: Balance,
	/// Deposit per byte of evidence or commitment, and per byte of a revealed report.
	pub deposit_per_byte: Balance,
	/// Share of the amount asked that the deposit adds: a request that takes up much of the
	/// exposure cap puts much at stake.
	pub amount_bond: Perbill,
	/// Payout tiers of disclosures.
	pub tiers: SeverityTiers<Balance>,
	/// Blocks after filing within which `TriageOrigin` may triage a disclosure; then the
	/// triage is missed and the disclosure goes on at its claimed severity.
	pub triage_period: BlockNumber,
	/// Blocks from filing to the end of voting of a disclosure confirmed `Critical`: longer
	/// than `triage_period`, shorter than `voting_period`.
	pub fast_track_voting_period: BlockNumber,
	/// The timelock of a disclosure confirmed `Critical`: shorter than `timelock`.
	pub fast_track_timelock: BlockNumber,
	/// Blocks after a disclosure's timelock expires within which its report must be revealed:
	/// an unproven disclosure closes unpaid, a paid one forfeits its deposit.
	pub reveal_period: BlockNumber,
	/// Faster, lighter tracks for smaller amounts, by ascending `max_amount`: a request takes
	/// the first that covers its amount, else the general track above.
	pub tracks: Tracks<Balance, BlockNumber>,
	/// The confirmation window: a vote (or its removal) that turns a referendum from passing
	/// to failing or back within the last `confirm_period` blocks of voting moves its end so
	/// that `confirm_period` whole blocks follow the change, however often that happens; a vote
	/// cast, changed or removed in the window stays frozen until `vote_locking_period` after
	/// the end, whichever side wins. Shorter than every voting period.
	pub confirm_period: BlockNumber,
	/// Whole blocks between the reveal of a disclosure's report and its payment, at least: the
	/// veto origin's time to read the report. At most every timelock.
	pub veto_window: BlockNumber,
}

/// Why a parameter set was refused.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, PalletError,
)]
pub enum ParameterError {
	/// A period is zero or longer than [`MAX_PERIOD`].
	PeriodOutOfBounds,
	/// `min_support` is below [`MIN_SUPPORT_FLOOR`].
	SupportBelowFloor,
	/// `approval` is below 50% (a minority could pass) or 100% (nothing could pass).
	ApprovalOutOfBounds,
	/// `max_payout` or `max_exposure` is zero: no request could be filed.
	ZeroShare,
	/// `deposit_base` or `deposit_per_byte` is zero: requests or stored bytes would cost nothing.
	ZeroDeposit,
	/// The fast track is not shorter than the normal track, or its vote ends before triage does:
	/// `triage_period < fast_track_voting_period < voting_period` and `fast_track_timelock <
	/// timelock` must hold.
	FastTrackOutOfBounds,
	/// The tracks are not ordered by ascending `max_amount` with periods and thresholds that
	/// never decrease toward the general track.
	TracksOutOfOrder,
	/// A track's `max_open` is below its `max_amount`: its largest request could never take it.
	TrackCapBelowAmount,
	/// A voting period (of a track, the general track or the fast track) is shorter than
	/// `triage_period` or not longer than `confirm_period`: the council could not triage before
	/// the vote ends, or every vote would fall in the confirmation window.
	VotingEndsTooSoon,
	/// `veto_window` is longer than a timelock (of a track, the general track or the fast
	/// track).
	VetoWindowOutOfBounds,
}

impl<Balance: Zero + PartialOrd + Copy, BlockNumber: Zero + PartialOrd + From<u32> + Copy>
	PoolParameters<Balance, BlockNumber>
{
	/// Checks the parameters make a working pool that cannot be jammed for free.
	pub fn validate(&self) -> Result<(), ParameterError> {
		let max = BlockNumber::from(MAX_PERIOD);
		let in_bounds = |period: &BlockNumber| !period.is_zero() && *period <= max;
		let general = self.general_track();
		for track in self.tracks.iter().chain([&general]) {
			if !in_bounds(&track.voting_period) || !in_bounds(&track.timelock) {
				return Err(ParameterError::PeriodOutOfBounds);
			}
			if track.min_support < MIN_SUPPORT_FLOOR {
				return Err(ParameterError::SupportBelowFloor);
			}
			if track.approval < Perbill::from_percent(50) || track.approval == Perbill::one() {
				return Err(ParameterError::ApprovalOutOfBounds);
			}
		}
		if self.tracks.iter().any(|track| track.max_open < track.max_amount) {
			return Err(ParameterError::TrackCapBelowAmount);
		}
		let amounts_ascend = self.tracks.windows(2).all(|w| w[0].max_amount < w[1].max_amount);
		let next = self.tracks.iter().skip(1).chain([&general]);
		if !amounts_ascend || !self.tracks.iter().zip(next).all(|(track, next)| track.within(next))
		{
			return Err(ParameterError::TracksOutOfOrder);
		}
		if ![
			&self.vote_locking_period,
			&self.triage_period,
			&self.fast_track_voting_period,
			&self.fast_track_timelock,
			&self.reveal_period,
			&self.confirm_period,
			&self.veto_window,
		]
		.into_iter()
		.all(in_bounds)
		{
			return Err(ParameterError::PeriodOutOfBounds);
		}
		if !(self.triage_period < self.fast_track_voting_period
			&& self.fast_track_voting_period < self.voting_period
			&& self.fast_track_timelock < self.timelock)
		{
			return Err(ParameterError::FastTrackOutOfBounds);
		}
		let tracks = || self.tracks.iter().chain([&general]);
		let voting_periods = || tracks().map(|track| track.voting_period);
		if voting_periods().any(|voting| voting < self.triage_period)
			|| voting_periods()
				.chain([self.fast_track_voting_period])
				.any(|voting| voting <= self.confirm_period)
		{
			return Err(ParameterError::VotingEndsTooSoon);
		}
		if tracks()
			.map(|track| track.timelock)
			.chain([self.fast_track_timelock])
			.any(|timelock| timelock < self.veto_window)
		{
			return Err(ParameterError::VetoWindowOutOfBounds);
		}
		if self.max_payout.is_zero() || self.max_exposure.is_zero() {
			return Err(ParameterError::ZeroShare);
		}
		if self.deposit_base.is_zero() || self.deposit_per_byte.is_zero() {
			return Err(ParameterError::ZeroDeposit);
		}
		Ok(())
	}
}

impl<Balance: Zero + PartialOrd + Copy, BlockNumber: Copy> PoolParameters<Balance, BlockNumber> {
	/// The general track: for amounts above every track's `max_amount`.
	pub fn general_track(&self) -> Track<Balance, BlockNumber> {
		Track {
			max_amount: Zero::zero(),
			// `max_exposure` bounds the general track.
			max_open: Zero::zero(),
			voting_period: self.voting_period,
			timelock: self.timelock,
			min_support: self.min_support,
			approval: self.approval,
		}
	}

	/// The track of a request for `amount` while the tracks' open requests ask for `open`
	/// (by track): the first that covers the amount and has room for it under its `max_open`,
	/// else the general one.
	pub fn track_for(
		&self,
		amount: Balance,
		open: &TrackAmounts<Balance>,
	) -> (Option<u8>, Track<Balance, BlockNumber>)
	where
		Balance: sp_runtime::Saturating,
	{
		let has_room = |(index, track): &(usize, &Track<Balance, BlockNumber>)| {
			amount <= track.max_amount && open[*index].saturating_add(amount) <= track.max_open
		};
		match self.tracks.iter().enumerate().find(has_room) {
			Some((index, track)) => (Some(index as u8), *track),
			None => (None, self.general_track()),
		}
	}

	/// The rules a request for `amount` filed now is judged by, and its voting period.
	pub fn terms(
		&self,
		amount: Balance,
		open: &TrackAmounts<Balance>,
	) -> (BlockNumber, RequestTerms<BlockNumber>)
	where
		Balance: sp_runtime::Saturating,
	{
		let (index, track) = self.track_for(amount, open);
		let terms = RequestTerms {
			track: index,
			timelock: track.timelock,
			vote_locking_period: self.vote_locking_period,
			min_support: track.min_support,
			approval: track.approval,
			triage_period: self.triage_period,
			fast_track_voting_period: self.fast_track_voting_period,
			fast_track_timelock: self.fast_track_timelock,
			reveal_period: self.reveal_period,
			confirm_period: self.confirm_period,
			veto_window: self.veto_window,
		};
		(track.voting_period, terms)
	}
}
