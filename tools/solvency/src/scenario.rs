//! A scenario: the pool, its inflows, the incidents and the pool's rules, in whole tokens and
//! days. Read from JSON (`scenarios/*.json`); in live mode the chain overrides the pool, the
//! rules and the fee share ([`crate::live`]).

use anyhow::{ensure, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

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
	/// Faster tracks for smaller amounts, by ascending `max_amount`.
	#[serde(default)]
	pub tracks: Vec<Track>,
	/// The decision delay of amounts above every track.
	pub general: Delay,
}

impl Rules {
	/// The decision delay of a request for `amount`: the first track that covers it, else the
	/// general one.
	pub fn delay_for(&self, amount: f64) -> Delay {
		self.tracks
			.iter()
			.find(|track| amount <= track.max_amount)
			.map_or(self.general, |track| Delay {
				voting_days: track.voting_days,
				timelock_days: track.timelock_days,
			})
	}
}

/// A disclosure tier: at most `share` of `available` and at most `cap` tokens.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
	pub share: f64,
	pub cap: f64,
}

/// A track: the delay of requests up to `max_amount` tokens.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
	pub max_amount: f64,
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
				rules.tracks.windows(2).all(|pair| pair[0].max_amount < pair[1].max_amount),
				"rules.tracks must be ordered by ascending max_amount"
			);
		}
		Ok(())
	}
}
