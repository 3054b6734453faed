//! The domain types of the security pool: requests, referenda, votes and parameters.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::{pallet_prelude::Get, BoundedVec, CloneNoBound, PartialEqNoBound};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{traits::Zero, Deserialize, Perbill, Serialize};

/// Identifies a payout request (and its referendum) for its whole life.
pub type RequestId = u32;

/// How bad a disclosed vulnerability is; it decides the disclosure's payout cap.
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
pub enum Severity {
	/// Loss of funds or of the chain's liveness.
	Critical,
	/// Serious harm that needs unusual conditions.
	High,
	/// Limited harm.
	Medium,
	/// Best-practice findings with little harm.
	Low,
}

impl Severity {
	/// Whether `self` is less severe than `other`.
	pub fn is_below(self, other: Severity) -> bool {
		self as u8 > other as u8
	}
}

/// The triage council's finding on a disclosure, after reading its report.
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
pub enum Verdict {
	/// The report is real and as severe as claimed.
	Confirmed,
	/// The report is real but less severe: the amount is capped by this severity's tier.
	Downgraded(Severity),
	/// The report does not show a vulnerability; the referendum still decides.
	Invalid,
}

/// Where a disclosure is in triage.
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
pub enum Triage<BlockNumber> {
	/// Waiting for the council's verdict; at `due` the triage is missed.
	Pending {
		/// The first block at which the verdict is too late.
		due: BlockNumber,
	},
	/// The council gave `verdict` at block `at`.
	Judged {
		/// The council's finding.
		verdict: Verdict,
		/// The block of the verdict.
		at: BlockNumber,
	},
	/// The council gave no verdict in time; the disclosure goes on at its claimed severity.
	Missed {
		/// The block at which the miss was marked.
		at: BlockNumber,
	},
	/// Filed before triage existed (storage version 1 or older): judged and paid by the rules
	/// it was filed under, with no proof needed.
	Exempt,
}

impl<BlockNumber> Triage<BlockNumber> {
	/// Whether the triage alone proves the report: confirmed or downgraded by the council, or
	/// filed before proofs were needed.
	pub fn proves(&self) -> bool {
		matches!(
			self,
			Triage::Judged { verdict: Verdict::Confirmed | Verdict::Downgraded(_), .. }
				| Triage::Exempt
		)
	}
}

/// What a payout request is for.
#[derive(Encode, Decode, CloneNoBound, PartialEqNoBound, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxEvidence))]
#[codec(mel_bound(Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub enum RequestKind<
	Balance: Clone + PartialEq + Debug,
	BlockNumber: Clone + PartialEq + Debug,
	MaxEvidence: Get<u32>,
> {
	/// A user who lost funds in an incident asks to be made whole.
	Claim {
		/// Evidence of the loss, e.g. a content hash or CID and a short description.
		evidence: BoundedVec<u8, MaxEvidence>,
	},
	/// A researcher asks for a bounty for a report that is only committed to.
	Disclosure {
		/// `blake2_256(SCALE(submitter) ++ report ++ salt)`: binds the researcher to the report
		/// without publishing it; no one else can reveal it.
		commitment: H256,
		/// The claimed severity; it caps the amount.
		severity: Severity,
		/// The council's triage of the report.
		triage: Triage<BlockNumber>,
		/// Whether the report was revealed against the commitment.
		revealed: bool,
	},
	/// A hack's victims ask to be compensated together: every leaf of the loss list with root
	/// `root` is paid the same fraction of its amount, budget ÷ `total`.
	Incident {
		/// Evidence of the hack, e.g. a content hash or CID of the report and the list, and a line.
		evidence: BoundedVec<u8, MaxEvidence>,
		/// The sum of the losses the list declares.
		total: Balance,
		/// The number of leaves of the list.
		victims: u32,
		/// The Merkle root of the list: leaves `SCALE((index, account, amount))`, BLAKE2-256,
		/// the tree of `binary-merkle-tree` (see [`crate::incidents`]).
		root: H256,
		/// Blocks during which the victims claim their shares, from the timelock's expiry.
		claim_period: BlockNumber,
	},
}

/// Where a payout request is in its life.
#[derive(
	Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen, DecodeWithMemTracking,
)]
pub enum RequestStatus<Balance, BlockNumber> {
	/// The referendum runs until `ends_at` (exclusive).
	Voting {
		/// The first block at which votes are no longer accepted.
		ends_at: BlockNumber,
		/// The running tally.
		tally: Tally<Balance>,
		/// How often a change of the outcome in the confirmation window moved `ends_at`
		/// (saturating at 255; the end moves however often the outcome changes).
		extensions: u8,
	},
	/// The referendum passed; the timelock runs until `payable_at` and the veto origin may stop
	/// the payout until then.
	Approved {
		/// The first block at which the request is paid.
		payable_at: BlockNumber,
	},
	/// The timelock expired but the pool could not pay in full; the rest is owed and paid first,
	/// in approval order, from later inflows.
	Owed {
		/// What is still to be paid.
		remaining: Balance,
	},
	/// A disclosure whose timelock expired unproven (the council did not confirm it and its
	/// report is not revealed): it is paid once revealed, and closes unpaid, its deposit
	/// forfeited, at `reveal_by`.
	Unproven {
		/// The first block at which the disclosure closes unrevealed.
		reveal_by: BlockNumber,
	},
	/// A disclosure paid in full whose report is not revealed yet: its deposit stays held until
	/// it is, and goes to the pool at `reveal_by`.
	Paid {
		/// The first block at which the deposit is forfeited.
		reveal_by: BlockNumber,
	},
	/// An incident past its timelock: its victims claim their shares of the budget (the
	/// request's `amount`) until `closes_at`, when the rest returns to the pool.
	Compensating {
		/// What its victims were paid so far.
		paid: Balance,
		/// The first block at which no claim is accepted.
		closes_at: BlockNumber,
	},
}

/// A claim, a disclosure or an incident asking the pool for funds.
#[derive(Encode, Decode, CloneNoBound, PartialEqNoBound, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxEvidence))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence: Get<u32>>
where
	AccountId: Clone + PartialEq + core::fmt::Debug,
	Balance: Clone + PartialEq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + core::fmt::Debug,
{
	/// Claim, disclosure or incident, with what each carries.
	pub kind: RequestKind<Balance, BlockNumber, MaxEvidence>,
	/// Who filed the request and put down the deposit.
	pub submitter: AccountId,
	/// Who the payout is for; only the beneficiary may name another payee.
	pub beneficiary: AccountId,
	/// Who receives the payout: the beneficiary unless it named another account.
	pub payee: AccountId,
	/// What is asked for.
	pub amount: Balance,
	/// What is held from the submitter until the request is paid or fails.
	pub deposit: Balance,
	/// Where the request is in its life.
	pub status: RequestStatus<Balance, BlockNumber>,
	/// The rules the request is judged by, as they were when it was filed.
	pub terms: RequestTerms<BlockNumber>,
}

/// The parameters a request is judged by, fixed when it is filed: later parameter changes apply
/// to later requests only.
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
pub struct RequestTerms<BlockNumber> {
	/// The request's track: an index into the parameters' `tracks`, or `None` for the general
	/// track (amounts above every track's `max_amount`).
	pub track: Option<u8>,
	/// Blocks between approval and payout.
	pub timelock: BlockNumber,
	/// Blocks a won `Locked1x` vote stays frozen after the referendum (doubling per level).
	pub vote_locking_period: BlockNumber,
	/// Least support (ayes and abstentions), as a share of the active issuance, for the
	/// referendum to pass.
	pub min_support: Perbill,
	/// Share of the weighted votes that the ayes must exceed for the referendum to pass.
	pub approval: Perbill,
	/// Blocks after filing within which the council may triage a disclosure.
	pub triage_period: BlockNumber,
	/// Blocks from filing to the end of voting of a disclosure confirmed `Critical`.
	pub fast_track_voting_period: BlockNumber,
	/// The timelock of a disclosure confirmed `Critical`.
	pub fast_track_timelock: BlockNumber,
	/// Blocks after a disclosure's timelock expires within which its report must be revealed.
	pub reveal_period: BlockNumber,
	/// The confirmation window: a change of the outcome within the last `confirm_period` blocks
	/// of voting moves the end so that `confirm_period` whole blocks follow it, and a vote cast,
	/// changed or removed in the window is locked as if it had a conviction.
	pub confirm_period: BlockNumber,
	/// Whole blocks that pass between the reveal of a disclosure's report and its payment: the
	/// veto origin's time to read it.
	pub veto_window: BlockNumber,
}

impl<AccountId, Balance, BlockNumber, MaxEvidence>
	PayoutRequest<AccountId, Balance, BlockNumber, MaxEvidence>
where
	AccountId: Clone + PartialEq + core::fmt::Debug,
	Balance: Clone + PartialEq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + core::fmt::Debug,
	MaxEvidence: Get<u32>,
{
	/// Whether the request may be paid: a claim, or a disclosure confirmed or downgraded by the
	/// council, revealed, or filed before proofs were needed.
	pub fn is_proven(&self) -> bool {
		match &self.kind {
			RequestKind::Claim { .. } | RequestKind::Incident { .. } => true,
			RequestKind::Disclosure { triage, revealed, .. } => *revealed || triage.proves(),
		}
	}

	/// What the request counts on its track: an incident under vote the total it declares (its
	/// track was chosen for that total), then its budget; every other request its amount.
	pub fn on_track(&self) -> Balance {
		match (&self.kind, &self.status) {
			(RequestKind::Incident { total, .. }, RequestStatus::Voting { .. }) => total.clone(),
			_ => self.amount.clone(),
		}
	}

	/// Whether the request is a disclosure whose report must still be revealed.
	pub fn owes_reveal(&self) -> bool {
		matches!(
			&self.kind,
			RequestKind::Disclosure { triage, revealed: false, .. } if *triage != Triage::Exempt
		)
	}
}

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
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
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

/// The pool's accounts, for clients (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct PoolStatus<Balance> {
	/// The pool account's free balance.
	pub balance: Balance,
	/// What new requests are capped against: balance − existential deposit − committed.
	pub available: Balance,
	/// Unpaid amounts of approved requests.
	pub committed: Balance,
	/// The part of `committed` that is due but could not yet be paid.
	pub owed: Balance,
	/// What all open requests ask for: under vote plus `committed`; capped by `max_exposure`.
	pub exposure: Balance,
	/// Requests not yet finished.
	pub open_requests: u32,
	/// Everything that ever came in: fee shares, contributions, forfeited deposits.
	pub lifetime_inflow: Balance,
	/// Everything that was ever paid out.
	pub lifetime_outflow: Balance,
}

/// A running referendum, for clients (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ReferendumStatus<Balance, BlockNumber> {
	/// The request's track: an index into the parameters' `tracks`, `None` for the general one.
	pub track: Option<u8>,
	/// Whether it passes with the votes cast so far.
	pub passing: bool,
	/// The balance of its ayes and abstentions (nays never count).
	pub support: Balance,
	/// The support it needs: `min_support` of the active issuance now.
	pub support_needed: Balance,
	/// Whether a vote sent now (included in the next block) falls in the confirmation window
	/// (the last `confirm_period` blocks of voting): a change of the outcome there moves the
	/// end, and a vote cast or removed there is locked.
	pub confirming: bool,
	/// The first block at which votes are no longer accepted, after extensions.
	pub ends_at: BlockNumber,
	/// How often a change of the outcome in the confirmation window moved the end.
	pub extensions: u8,
}

/// An incident, for clients (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct IncidentStatus<Balance, BlockNumber> {
	/// The sum of the losses its list declares.
	pub total: Balance,
	/// The number of leaves of its list.
	pub victims: u32,
	/// The Merkle root of its list.
	pub root: H256,
	/// Blocks its victims have to claim, from the timelock's expiry.
	pub claim_period: BlockNumber,
	/// While voting, what the pool reserves for it now; from approval, its budget: each leaf is
	/// paid `amount × budget ÷ total`, rounded down.
	pub budget: Balance,
	/// What its victims were paid so far.
	pub paid: Balance,
	/// The first block at which no claim is accepted, once its claims are open.
	pub closes_at: Option<BlockNumber>,
}

/// A deadline of a request in one of the pool's queues.
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
pub struct Deadline<BlockNumber> {
	/// When the request's next step is due.
	pub at: BlockNumber,
	/// The request.
	pub request: RequestId,
}

/// Inserts `request` into a deadline queue, after every deadline at or before `at`.
pub(crate) fn schedule<BlockNumber: Ord + Copy, S: Get<u32>>(
	queue: &mut BoundedVec<Deadline<BlockNumber>, S>,
	at: BlockNumber,
	request: RequestId,
) -> Result<(), ()> {
	let index = queue.partition_point(|deadline| deadline.at <= at);
	queue.try_insert(index, Deadline { at, request }).map_err(|_| ())
}

/// Takes the deadlines passed by `now` off the front of `queue`, at most `limit` of them.
pub(crate) fn take_due<BlockNumber: Ord + Copy, S: Get<u32>>(
	queue: &mut BoundedVec<Deadline<BlockNumber>, S>,
	now: BlockNumber,
	limit: u32,
) -> alloc::vec::Vec<Deadline<BlockNumber>> {
	let due = queue
		.iter()
		.take(limit as usize)
		.take_while(|deadline| deadline.at <= now)
		.count();
	queue.drain(..due).collect()
}

/// The pool's running accounts.
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
pub struct PoolLedger<Balance> {
	/// What the requests under vote ask for.
	pub voting: Balance,
	/// Unpaid amounts of approved requests (in timelock or owed).
	pub committed: Balance,
	/// The part of `committed` that is due but could not yet be paid.
	pub owed: Balance,
	/// Everything that ever came in: fee shares, contributions, forfeited deposits.
	pub lifetime_inflow: Balance,
	/// Everything that was ever paid out.
	pub lifetime_outflow: Balance,
}

/// A revealed disclosure report and the deposit its author keeps on hold for it.
#[derive(Encode, Decode, CloneNoBound, PartialEqNoBound, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxReport))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen))]
pub struct Report<AccountId, Balance, MaxReport: Get<u32>>
where
	AccountId: Clone + PartialEq + core::fmt::Debug,
	Balance: Clone + PartialEq + core::fmt::Debug,
{
	/// The researcher who revealed it (the disclosure's submitter).
	pub author: AccountId,
	/// Held from the author: `deposit_per_byte` × the report's length.
	pub deposit: Balance,
	/// The report; it hashes with the author and the salt to the disclosure's commitment.
	pub text: BoundedVec<u8, MaxReport>,
}

impl<Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy> PoolLedger<Balance> {
	/// What all open requests ask for: those under vote plus `committed`.
	pub fn exposure(&self) -> Balance {
		self.voting.saturating_add(self.committed)
	}
}
