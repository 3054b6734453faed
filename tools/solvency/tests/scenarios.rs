//! The committed scenarios parse and validate; bad ones are refused with a reason.

use security_pool_solvency::scenario::{AdaptiveShare, Scenario};
use std::path::Path;

#[test]
fn every_committed_scenario_parses_and_validates() {
	let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
	let mut names = Vec::new();
	for entry in std::fs::read_dir(&dir).expect("scenarios/") {
		let path = entry.expect("an entry").path();
		if path.extension().is_some_and(|ext| ext == "json") {
			let scenario = Scenario::load(&path).unwrap_or_else(|e| panic!("{e:#}"));
			names.push(scenario.name);
		}
	}
	names.sort();
	assert_eq!(names, ["dev", "heavy-tail", "production-like", "production-like-adaptive"]);
}

#[test]
fn bad_scenarios_are_refused_with_a_reason() {
	let good = std::fs::read_to_string(
		Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/production-like.json"),
	)
	.expect("production-like.json");
	let refused = |from: &str, to: &str| {
		let text = good.replacen(from, to, 1);
		assert_ne!(text, good, "{from} not found");
		format!("{:#}", Scenario::parse(&text).expect_err(to))
	};
	assert!(refused("\"max_payout\": 0.5", "\"max_payout\": 1.5").contains("max_payout"));
	assert!(refused("\"observed_share\": 0.2", "\"observed_share\": 0").contains("observed_share"));
	assert!(refused("\"sigma\": 1.6", "\"sigma\": -1").contains("sigma"));
	assert!(refused("\"per_year\"", "\"per_yeer\"").contains("unknown field"));
	assert!(refused("\"log_normal\"", "\"normal\"").contains("unknown variant"));
	assert!(refused("\"max_open\": 5000", "\"max_open\": 500").contains("max_open"));
	let five_tracks = format!(
		"\"tracks\": [{}",
		"{\"max_amount\": 1, \"voting_days\": 1, \"timelock_days\": 1}, ".repeat(3)
	);
	assert!(refused("\"tracks\": [", &five_tracks).contains("at most 4 tracks"));
}

#[test]
fn the_adaptive_share_runs_from_ceiling_to_floor() {
	let share = AdaptiveShare { floor: 0.1, ceiling: 0.4, target_reserve: 1000.0 };
	assert_eq!(share.share_at(0.0), 0.4);
	assert!((share.share_at(500.0) - 0.25).abs() < 1e-12);
	assert_eq!(share.share_at(1000.0), 0.1);
	assert_eq!(share.share_at(5000.0), 0.1);
}
