//! A scenario: the pool, its inflows, the incidents and the pool's rules, in whole tokens and
//! days. Read from JSON (`scenarios/*.json`); in live mode the chain overrides the pool, the
//! rules and the fee share ([`crate::live`]).

use anyhow::{ensure, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The most tracks a scenario may have besides the general one: the pallet's
/// [`pallet_security_pool::MAX_TRACKS`].
pub const MAX_TRACKS: usize = pallet_security_pool::MAX_TRACKS as usize;

/// What the open requests of each track ask for together, in tokens, by track index (the
/// pallet's `OpenByTrack`).
pub type OpenByTrack = [f64; MAX_TRACKS];

/// Everything one simulation needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
	/// A short name, shown in the report and the plot.
	pub name: String,
	/// What the scenario stands for.
	#[serde(default)]
	pub description: String,
	/// The token's symbol, for the report.
	#[serde(default = "default_token")]
	pub token: String,
	/// Days simulated.
	pub horizon_days: u32,
	/// The net reserve (balance − existential deposit − owed), in tokens, below which the pool
	/// counts as ruined. 0: ruined only when a due payout cannot be paid in full. With an
	/// exposure cap under 100% that never happens (every open request fits in the balance), so
	/// the pool's scenarios set a level below which it no longer covers a sizeable claim.
	#[serde(default)]
	pub ruin_below: f64,
	/// The pool at the start.
	pub pool: Pool,
	/// What flows in.
	pub inflow: Inflow,
	/// The share of fees the pool takes.
	pub fee_share: FeeShare,
	/// What goes wrong, how often and how badly.
	pub incidents: Incidents,
	/// The pool's rules; `null` for none: the classical risk model, where every loss is paid in
	/// full the moment it happens.
	pub rules: Option<Rules>,
}

fn default_token() -> String {
	"SPT".into()
}

/// The pool at the start, in tokens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pool {
	/// The pool account's balance.
	pub reserve: f64,
	/// What the pool account keeps to stay alive; never paid out.
	#[serde(default)]
	pub existential_deposit: f64,
	/// Approved and not yet paid; taken to fall due at the start.
	#[serde(default)]
	pub committed: f64,
	/// The part of `committed` already owed: the pool is short at the start.
	#[serde(default)]
	pub owed: f64,
}

/// Fee and contribution inflow, in tokens per day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inflow {
	/// What fees paid to the pool per day while its share was `observed_share`.
	pub fees_to_pool_per_day: f64,
	/// The pool's share of fees when `fees_to_pool_per_day` was observed.
	pub observed_share: f64,
	/// Contributions per day, whatever the fee share.
	#[serde(default)]
	pub contributions_per_day: f64,
}

impl Inflow {
	/// All fees paid on the chain per day: what a share of 100% would bring.
	pub fn fees_per_day(&self) -> f64 {
		self.fees_to_pool_per_day / self.observed_share
	}
}

/// The pool's share of fees: fixed, or adaptive to the reserve when `adaptive` is set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeShare {
	/// The runtime's fixed share (0–1); the one in force when there is no adaptive share.
	pub fixed: f64,
	/// The adaptive share, if set: it is the one in force, and the report compares it with the
	/// fixed share on the same paths.
	#[serde(default)]
	pub adaptive: Option<AdaptiveShare>,
}

/// The pallet's adaptive fee share: `ceiling` when the pool is empty, falling linearly to `floor`
/// at `target_reserve`, `floor` above it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdaptiveShare {
	/// The share at and above the target reserve (0–1).
	pub floor: f64,
	/// The share when the pool is empty (0–1).
	pub ceiling: f64,
	/// The pool balance, in tokens, at and above which the share is `floor`.
	pub target_reserve: f64,
}

impl AdaptiveShare {
	/// The share while the pool holds `reserve`: `ceiling − (ceiling − floor) × min(reserve,
	/// target) / target`.
	pub fn share_at(&self, reserve: f64) -> f64 {
		if reserve >= self.target_reserve {
			return self.floor;
		}
		self.ceiling - (self.ceiling - self.floor) * reserve.max(0.0) / self.target_reserve
	}
}

/// Incidents: a Poisson process of losses, each filed as a request at once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incidents {
	/// Expected incidents per year (365 days).
	pub per_year: f64,
	/// The size of a loss, in tokens.
	pub loss: Loss,
	/// The chance that a request's referendum passes and no veto stops it.
	pub approval_probability: f64,
	/// The shares of incidents that are bug-bounty disclosures of each severity, capped by
	/// their tier as well; the rest are claims.
	#[serde(default)]
	pub disclosures: BySeverity<f64>,
}

impl Incidents {
	/// Expected incidents per day.
	pub fn per_day(&self) -> f64 {
		self.per_year / 365.0
	}
}

/// The distribution of a loss, in tokens; in JSON an object with one key, the distribution's
/// name, e.g. `{"pareto": {"scale": 1000, "shape": 1.5}}`. (Not internally tagged: serde_json's
/// `arbitrary_precision`, enabled elsewhere in the workspace, breaks buffered numbers.)
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Loss {
	/// Exponential with mean `mean`: the classical risk model's claims.
	Exponential { mean: f64 },
	/// Lognormal: `ln(loss)` is normal with mean `ln(median)` and standard deviation `sigma`.
	LogNormal { median: f64, sigma: f64 },
	/// Pareto (type I): `P(loss > x) = (scale / x)^shape` for `x ≥ scale`; the variance is
	/// infinite for `shape ≤ 2`, the mean for `shape ≤ 1`.
	Pareto { scale: f64, shape: f64 },
}

impl Loss {
	/// The mean loss (infinite for a Pareto with `shape ≤ 1`).
	pub fn mean(&self) -> f64 {
		match *self {
			Loss::Exponential { mean } => mean,
			Loss::LogNormal { median, sigma } => median * (sigma * sigma / 2.0).exp(),
			Loss::Pareto { scale, shape } if shape > 1.0 => scale * shape / (shape - 1.0),
			Loss::Pareto { .. } => f64::INFINITY,
		}
	}
}

/// One value per severity, as the pallet's tiers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BySeverity<T> {
	pub critical: T,
	pub high: T,
	pub medium: T,
	pub low: T,
}

impl<T: Copy> BySeverity<T> {
	/// The values from `Critical` to `Low`.
	pub fn to_array(&self) -> [T; 4] {
		[self.critical, self.high, self.medium, self.low]
	}
}

/// The pool's rules for a request, as in the pallet's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
	/// The most one request may ask for, as a share of `available` (balance − existential
	/// deposit − committed).
	pub max_payout: f64,
	/// The most all open requests together may ask for, as a share of the pool's balance; a
	/// request beyond it is refused.
	pub max_exposure: f64,
	/// The disclosures' tiers; needed when the scenario has disclosures.
	#[serde(default)]
	pub tiers: Option<BySeverity<Tier>>,
	/// Faster tracks for smaller amounts, by ascending `max_amount`; at most [`MAX_TRACKS`].
	#[serde(default)]
	pub tracks: Vec<Track>,
	/// The decision delay of amounts above every track.
	pub general: Delay,
}

/// The pool's accounts a new request is checked against, in tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Accounts {
	/// The pool account's balance.
	pub balance: f64,
	/// What the pool account keeps to stay alive; also the least amount a request may ask for.
	pub existential_deposit: f64,
	/// Approved and not yet paid (owed included).
	pub committed: f64,
	/// What all open requests ask for: under vote plus committed.
	pub exposure: f64,
}

impl Accounts {
	/// What new requests are capped against: balance − existential deposit − committed, or 0.
	pub fn available(&self) -> f64 {
		(self.balance - self.existential_deposit - self.committed).max(0.0)
	}
}

impl Rules {
	/// The most a request of `severity` (an index from `Critical` to `Low`; `None` for a claim)
	/// may ask for while the pool's accounts are `accounts`: `max_payout` of what is available
	/// and, for a disclosure, its tier (`share` of what is available, at most `cap`). As the
	/// pallet's `max_payout.mul_floor(available)` and `Tier::limit`, without their rounding to
	/// the smallest unit.
	pub fn limit(&self, severity: Option<usize>, accounts: &Accounts) -> f64 {
		let available = accounts.available();
		let mut limit = self.max_payout * available;
		if let (Some(severity), Some(tiers)) = (severity, &self.tiers) {
			let tier = tiers.to_array()[severity];
			limit = limit.min(tier.share * available).min(tier.cap);
		}
		limit
	}

	/// What `max_exposure` leaves for new requests: its share of the balance less what the open
	/// requests ask, or 0. As the pallet's `exposure_room`.
	pub fn exposure_room(&self, accounts: &Accounts) -> f64 {
		(self.max_exposure * accounts.balance - accounts.exposure).max(0.0)
	}

	/// The amount a request for `loss` asks for, if the pool takes it: the loss capped by
	/// [`Self::limit`]; refused (`None`) when that is zero, below the existential deposit or
	/// beyond the [`Self::exposure_room`] (the claimant does not lower it to fit). As the
	/// pallet's check of a new request (`ZeroAmount`, `AmountBelowMinimum`, `ExceedsMaxPayout`,
	/// `ExceedsSeverityCap`, `ExceedsMaxExposure`) applied to the largest amount it allows.
	pub fn request_for(
		&self,
		loss: f64,
		severity: Option<usize>,
		accounts: &Accounts,
	) -> Option<f64> {
		let amount = loss.min(self.limit(severity, accounts));
		let filed = amount > 0.0
			&& amount >= accounts.existential_deposit
			&& amount <= self.exposure_room(accounts);
		filed.then_some(amount)
	}

	/// The track of a request for `amount` while the tracks' open requests ask for `open`, and
	/// its decision delay: the first track that covers the amount and has room for it under its
	/// `max_open`, else the general one (`None`). As the pallet's `PoolParameters::track_for`.
	pub fn delay_for(&self, amount: f64, open: &OpenByTrack) -> (Option<usize>, Delay) {
		let has_room = |(index, track): &(usize, &Track)| {
			amount <= track.max_amount
				&& track.max_open.is_none_or(|max_open| open[*index] + amount <= max_open)
		};
		match self.tracks.iter().enumerate().find(has_room) {
			Some((index, track)) => (
				Some(index),
				Delay { voting_days: track.voting_days, timelock_days: track.timelock_days },
			),
			None => (None, self.general),
		}
	}
}

/// A disclosure tier: at most `share` of `available` and at most `cap` tokens.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
	pub share: f64,
	pub cap: f64,
}

/// A track: the delay of requests up to `max_amount` tokens while its open requests ask for at
/// most `max_open` together.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
	pub max_amount: f64,
	/// The most the track's open requests (under vote, approved, owed) ask for together, in
	/// tokens: a request that would exceed it takes the next track up. Absent: no limit.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub max_open: Option<f64>,
	pub voting_days: f64,
	pub timelock_days: f64,
}

/// The time from filing to payment: the referendum, then the timelock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delay {
	pub voting_days: f64,
	pub timelock_days: f64,
}

impl Scenario {
	/// Reads and checks the scenario in `path`.
	pub fn load(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.with_context(|| format!("reading scenario {}", path.display()))?;
		Self::parse(&text).with_context(|| format!("scenario {}", path.display()))
	}

	/// Parses and checks a scenario from JSON.
	pub fn parse(json: &str) -> Result<Self> {
		let scenario: Self = serde_json::from_str(json)?;
		scenario.validate()?;
		Ok(scenario)
	}

	/// Checks every number is in its range.
	pub fn validate(&self) -> Result<()> {
		let share = |name: &str, x: f64| {
			ensure!((0.0..=1.0).contains(&x), "{name} must be a share in [0, 1], not {x}");
			Ok(())
		};
		let amount = |name: &str, x: f64| {
			ensure!(x.is_finite() && x >= 0.0, "{name} must be a finite amount ≥ 0, not {x}");
			Ok(())
		};
		let positive = |name: &str, x: f64| {
			ensure!(x.is_finite() && x > 0.0, "{name} must be finite and > 0, not {x}");
			Ok(())
		};
		ensure!(self.horizon_days > 0, "horizon_days must be at least 1");
		amount("ruin_below", self.ruin_below)?;
		let pool = &self.pool;
		amount("pool.reserve", pool.reserve)?;
		amount("pool.existential_deposit", pool.existential_deposit)?;
		amount("pool.committed", pool.committed)?;
		amount("pool.owed", pool.owed)?;
		ensure!(
			pool.existential_deposit <= pool.reserve,
			"the reserve is below the existential deposit"
		);
		ensure!(pool.owed <= pool.committed, "pool.owed is part of pool.committed");
		amount("inflow.fees_to_pool_per_day", self.inflow.fees_to_pool_per_day)?;
		amount("inflow.contributions_per_day", self.inflow.contributions_per_day)?;
		ensure!(
			self.inflow.observed_share > 0.0 && self.inflow.observed_share <= 1.0,
			"inflow.observed_share must be in (0, 1], not {}",
			self.inflow.observed_share
		);
		share("fee_share.fixed", self.fee_share.fixed)?;
		if let Some(adaptive) = &self.fee_share.adaptive {
			share("fee_share.adaptive.floor", adaptive.floor)?;
			share("fee_share.adaptive.ceiling", adaptive.ceiling)?;
			ensure!(adaptive.floor <= adaptive.ceiling, "the adaptive floor is above its ceiling");
			positive("fee_share.adaptive.target_reserve", adaptive.target_reserve)?;
		}
		let incidents = &self.incidents;
		amount("incidents.per_year", incidents.per_year)?;
		share("incidents.approval_probability", incidents.approval_probability)?;
		match incidents.loss {
			Loss::Exponential { mean } => positive("loss mean", mean)?,
			Loss::LogNormal { median, sigma } => {
				positive("loss median", median)?;
				positive("loss sigma", sigma)?;
			},
			Loss::Pareto { scale, shape } => {
				positive("loss scale", scale)?;
				positive("loss shape", shape)?;
			},
		}
		let mix = incidents.disclosures.to_array();
		for x in mix {
			share("incidents.disclosures", x)?;
		}
		ensure!(mix.iter().sum::<f64>() <= 1.0 + 1e-9, "incidents.disclosures add up to over 1");
		if let Some(rules) = &self.rules {
			positive("rules.max_payout", rules.max_payout)?;
			share("rules.max_payout", rules.max_payout)?;
			positive("rules.max_exposure", rules.max_exposure)?;
			share("rules.max_exposure", rules.max_exposure)?;
			ensure!(
				rules.tiers.is_some() || mix.iter().all(|x| *x == 0.0),
				"the scenario has disclosures but its rules have no tiers"
			);
			for tier in rules.tiers.iter().flat_map(|tiers| tiers.to_array()) {
				share("tier share", tier.share)?;
				amount("tier cap", tier.cap)?;
			}
			let delays = rules.tracks.iter().map(|t| (t.voting_days, t.timelock_days));
			for (voting, timelock) in
				delays.chain([(rules.general.voting_days, rules.general.timelock_days)])
			{
				amount("voting_days", voting)?;
				amount("timelock_days", timelock)?;
			}
			ensure!(
				rules.tracks.len() <= MAX_TRACKS,
				"rules.tracks holds at most {MAX_TRACKS} tracks, as the pallet's parameters"
			);
			for track in &rules.tracks {
				amount("track max_amount", track.max_amount)?;
				if let Some(max_open) = track.max_open {
					amount("track max_open", max_open)?;
					ensure!(
						max_open >= track.max_amount,
						"a track's max_open ({max_open}) is below its max_amount ({})",
						track.max_amount
					);
				}
			}
			ensure!(
				rules.tracks.windows(2).all(|pair| pair[0].max_amount < pair[1].max_amount),
				"rules.tracks must be ordered by ascending max_amount"
			);
		}
		Ok(())
	}
}
