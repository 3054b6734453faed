//! Statistics of a run and the report: a table for the terminal, JSON for programs.

use crate::{live::LiveInputs, scenario::Scenario, sim::PathOutcome, sim::Share};
use serde::Serialize;
use std::fmt::Write;

/// The normal quantile of a two-sided 95% interval.
const Z_95: f64 = 1.959_963_984_540_054;

/// A ruin probability with its 95% Wilson score interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ruin {
	pub probability: f64,
	pub ci95_low: f64,
	pub ci95_high: f64,
	pub ruined_paths: usize,
}

impl Ruin {
	/// The estimate from `ruined` of `paths` paths.
	pub fn of(ruined: usize, paths: usize) -> Self {
		let n = paths as f64;
		let p = ruined as f64 / n;
		let z2 = Z_95 * Z_95;
		let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
		let half = Z_95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
		// At 0 or all ruined the bound is exactly 0 or 1; the formula leaves rounding noise.
		Ruin {
			probability: p,
			ci95_low: if ruined == 0 { 0.0 } else { centre - half },
			ci95_high: if ruined == paths { 1.0 } else { centre + half },
			ruined_paths: ruined,
		}
	}
}

/// The 5, 25, 50, 75 and 95% quantiles.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Quantiles {
	pub p5: f64,
	pub p25: f64,
	pub p50: f64,
	pub p75: f64,
	pub p95: f64,
}

impl Quantiles {
	/// The quantiles of `values` (sorted here), `None` if there are none.
	pub fn of(mut values: Vec<f64>) -> Option<Self> {
		if values.is_empty() {
			return None;
		}
		values.sort_unstable_by(f64::total_cmp);
		let q = |p| quantile(&values, p);
		Some(Quantiles { p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) })
	}
}

/// The `p` quantile of sorted `values`, interpolated linearly between order statistics.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
	let rank = p * (sorted.len() - 1) as f64;
	let (below, above) = (rank.floor() as usize, rank.ceil() as usize);
	sorted[below] + (sorted[above] - sorted[below]) * (rank - below as f64)
}

/// The deficit's tail: the largest owed amount on each path, zero on paths never short.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Deficit {
	/// The 99% value at risk: exceeded on 1% of paths.
	pub var_99: f64,
	/// The 99% expected shortfall (CVaR): the mean deficit of the worst 1% of paths.
	pub expected_shortfall_99: f64,
	/// The mean over all paths.
	pub mean: f64,
}

impl Deficit {
	fn of(outcomes: &[PathOutcome]) -> Self {
		let mut deficits: Vec<f64> = outcomes.iter().map(|o| o.deficit).collect();
		deficits.sort_unstable_by(|a, b| b.total_cmp(a));
		let tail = outcomes.len().div_ceil(100);
		Deficit {
			var_99: deficits[tail - 1],
			expected_shortfall_99: deficits[..tail].iter().sum::<f64>() / tail as f64,
			mean: deficits.iter().sum::<f64>() / deficits.len() as f64,
		}
	}
}

/// Means per path of what happened, in tokens (incidents: a count).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Flows {
	pub incidents: f64,
	pub losses: f64,
	pub paid: f64,
	/// Cut by `max_payout` and the tiers.
	pub capped: f64,
	/// Not filed: over the exposure cap, or nothing available.
	pub refused: f64,
	/// Asked and rejected by the referendum.
	pub rejected: f64,
	pub fees_to_pool: f64,
}

/// The statistics of one run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
	/// The fee share applied.
	pub share: Share,
	pub paths: usize,
	/// The chance that a due payout cannot be paid in full within the horizon.
	pub ruin: Ruin,
	pub deficit: Deficit,
	/// When ruined paths first fell short (days); `None` if none did.
	pub time_to_depletion_days: Option<Quantiles>,
	/// Balance minus owed at the horizon.
	pub final_reserve: Quantiles,
	pub mean_per_path: Flows,
	/// Capped and refused losses over all losses: what the rules leave uncovered.
	pub uncovered_share: f64,
}

impl Summary {
	/// The statistics of `outcomes`, a run with `share`.
	pub fn of(share: Share, outcomes: &[PathOutcome]) -> Self {
		let paths = outcomes.len();
		let depletion: Vec<f64> = outcomes.iter().filter_map(|o| o.ruined_at).collect();
		let mean = |f: fn(&PathOutcome) -> f64| outcomes.iter().map(f).sum::<f64>() / paths as f64;
		let flows = Flows {
			incidents: mean(|o| f64::from(o.incidents)),
			losses: mean(|o| o.losses),
			paid: mean(|o| o.paid),
			capped: mean(|o| o.capped),
			refused: mean(|o| o.refused),
			rejected: mean(|o| o.rejected),
			fees_to_pool: mean(|o| o.fees),
		};
		let uncovered = flows.capped + flows.refused;
		Summary {
			share,
			paths,
			ruin: Ruin::of(depletion.len(), paths),
			deficit: Deficit::of(outcomes),
			time_to_depletion_days: Quantiles::of(depletion),
			final_reserve: Quantiles::of(outcomes.iter().map(|o| o.final_reserve).collect())
				.expect("a run has at least one path; qed"),
			mean_per_path: flows,
			uncovered_share: if flows.losses > 0.0 { uncovered / flows.losses } else { 0.0 },
		}
	}
}

/// The fee share that meets a target ruin probability.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequiredShare {
	pub target_ruin: f64,
	/// The smallest fixed share with ruin ≤ target, `None` if even 100% does not reach it.
	pub share: Option<f64>,
	pub iterations: u32,
}

/// Everything a run found, with what it was run on.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
	/// The scenario simulated, after the live chain's overrides.
	pub scenario: Scenario,
	/// What was read from the chain, in live mode.
	pub live: Option<LiveInputs>,
	pub seed: u64,
	/// The results with the share in force.
	pub results: Summary,
	/// With an adaptive share: the same paths with the fixed share, for comparison.
	pub fixed_share_results: Option<Summary>,
	pub required_share: RequiredShare,
	pub elapsed_seconds: f64,
}

impl Report {
	/// The report as a table for the terminal.
	pub fn table(&self) -> String {
		let scenario = &self.scenario;
		let token = scenario.token.as_str();
		let mut out = String::new();
		let _ = writeln!(
			out,
			"Solvency of '{}': {} paths x {} days, seed {}, {:.1} s",
			scenario.name,
			group(self.results.paths as f64),
			scenario.horizon_days,
			self.seed,
			self.elapsed_seconds
		);
		if let Some(live) = &self.live {
			let _ = writeln!(out, "Live: {}", live.describe());
		}
		let _ = writeln!(
			out,
			"Ruin: net reserve (balance - existential deposit - owed) below {} {token} after a payout",
			group(scenario.ruin_below)
		);
		let _ = writeln!(
			out,
			"Pool {} {token}; fees to the pool {} {token}/day at {}; {} incidents/year, mean loss {} {token}, approval {}",
			group(scenario.pool.reserve),
			group(scenario.inflow.fees_to_pool_per_day),
			percent(scenario.inflow.observed_share),
			scenario.incidents.per_year,
			group(scenario.incidents.loss.mean()),
			percent(scenario.incidents.approval_probability),
		);
		let columns: Vec<&Summary> = [Some(&self.results), self.fixed_share_results.as_ref()]
			.into_iter()
			.flatten()
			.collect();
		let rows: [(&str, &Cell); 10] = [
			("Fee share", &|s| describe_share(s.share, token)),
			("Ruin probability [95% CI]", &|s| {
				format!(
					"{} [{}, {}]",
					percent(s.ruin.probability),
					percent(s.ruin.ci95_low),
					percent(s.ruin.ci95_high)
				)
			}),
			("Expected shortfall 99% (CVaR)", &|s| {
				format!("{} {token}", group(s.deficit.expected_shortfall_99))
			}),
			("Deficit VaR 99%", &|s| format!("{} {token}", group(s.deficit.var_99))),
			("Days to depletion p5/25/50/75/95", &|s| {
				s.time_to_depletion_days.map_or("never short".into(), |q| {
					format!("{:.0}/{:.0}/{:.0}/{:.0}/{:.0}", q.p5, q.p25, q.p50, q.p75, q.p95)
				})
			}),
			("Final reserve p5/p50/p95", &|s| {
				let q = s.final_reserve;
				format!("{}/{}/{} {token}", group(q.p5), group(q.p50), group(q.p95))
			}),
			("Incidents, losses per path", &|s| {
				let f = s.mean_per_path;
				format!("{:.2}, {} {token}", f.incidents, group(f.losses))
			}),
			("Paid, rejected per path", &|s| {
				let f = s.mean_per_path;
				format!("{}, {} {token}", group(f.paid), group(f.rejected))
			}),
			("Uncovered: capped, refused", &|s| {
				let f = s.mean_per_path;
				format!(
					"{}, {} {token} ({} of losses)",
					group(f.capped),
					group(f.refused),
					percent(s.uncovered_share)
				)
			}),
			("Fees to the pool per path", &|s| {
				format!("{} {token}", group(s.mean_per_path.fees_to_pool))
			}),
		];
		let _ = writeln!(out);
		for (label, cell) in rows {
			let _ = write!(out, "{label:<34}");
			for summary in &columns {
				let _ = write!(out, "{:<46}", cell(summary));
			}
			let _ = writeln!(out);
		}
		let required = &self.required_share;
		let _ = writeln!(
			out,
			"\nSmallest fixed fee share with ruin <= {}: {}",
			percent(required.target_ruin),
			required.share.map_or("none (even 100% does not reach it)".into(), percent)
		);
		out.trim_end().to_string()
	}
}

/// A column's cell of a table row.
type Cell<'a> = dyn Fn(&Summary) -> String + 'a;

/// A fee share in words.
fn describe_share(share: Share, token: &str) -> String {
	match share {
		Share::Fixed(share) => format!("fixed {}", percent(share)),
		Share::Adaptive(a) => format!(
			"adaptive {}-{} (target {} {token})",
			percent(a.ceiling),
			percent(a.floor),
			group(a.target_reserve)
		),
	}
}

/// A share as a percentage.
fn percent(x: f64) -> String {
	format!("{:.2}%", x * 100.0)
}

/// An amount with thousands separators: whole above 100, else with two decimals.
fn group(x: f64) -> String {
	if !x.is_finite() {
		return format!("{x}");
	}
	let text = if x.abs() >= 100.0 { format!("{x:.0}") } else { format!("{x:.2}") };
	let (sign, text) = text.strip_prefix('-').map_or(("", text.as_str()), |t| ("-", t));
	let (whole, fraction) = text.split_once('.').map_or((text, ""), |(w, f)| (w, f));
	let mut grouped = String::new();
	for (i, digit) in whole.chars().enumerate() {
		if i > 0 && (whole.len() - i) % 3 == 0 {
			grouped.push(',');
		}
		grouped.push(digit);
	}
	let dot = if fraction.is_empty() { "" } else { "." };
	format!("{sign}{grouped}{dot}{fraction}")
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn wilson_interval_contains_the_estimate() {
		let ruin = Ruin::of(50, 10_000);
		assert!(ruin.ci95_low < 0.005 && 0.005 < ruin.ci95_high);
		assert!((ruin.ci95_low - 0.0038).abs() < 1e-4 && (ruin.ci95_high - 0.0066).abs() < 1e-4);
		let none = Ruin::of(0, 1000);
		assert_eq!(none.ci95_low, 0.0);
		assert!(none.ci95_high > 0.003 && none.ci95_high < 0.004);
	}

	#[test]
	fn amounts_are_grouped() {
		assert_eq!(group(1_234_567.4), "1,234,567");
		assert_eq!(group(-12_345.0), "-12,345");
		assert_eq!(group(12.345), "12.35");
		assert_eq!(group(100.0), "100");
	}

	#[test]
	fn expected_shortfall_is_the_mean_of_the_worst_percent() {
		let outcomes: Vec<PathOutcome> = (1..=200)
			.map(|i| PathOutcome { deficit: f64::from(i), ..Default::default() })
			.collect();
		let deficit = Deficit::of(&outcomes);
		assert_eq!(deficit.var_99, 199.0);
		assert_eq!(deficit.expected_shortfall_99, 199.5);
	}
}
