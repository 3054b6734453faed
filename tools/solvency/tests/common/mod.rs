//! The scenario the engine's tests start from.

use security_pool_solvency::scenario::Scenario;
use serde_json::{json, Value};

/// `days` days from a reserve of `reserve`, `fees_per_day` of fees all going to the pool,
/// `per_year` exponential losses of mean 1, every one approved, under `rules` (`null`: none,
/// every claim paid at once in full); no existential deposit.
pub fn scenario(
	days: u32,
	reserve: f64,
	fees_per_day: f64,
	per_year: f64,
	rules: Value,
) -> Scenario {
	Scenario::parse(
		&json!({
			"name": "test",
			"horizon_days": days,
			"pool": { "reserve": reserve },
			"inflow": { "fees_to_pool_per_day": fees_per_day, "observed_share": 1.0 },
			"fee_share": { "fixed": 1.0 },
			"incidents": {
				"per_year": per_year,
				"loss": { "exponential": { "mean": 1.0 } },
				"approval_probability": 1.0
			},
			"rules": rules
		})
		.to_string(),
	)
	.expect("a valid scenario")
}
