//! The pool's rules on small cases worked out by hand: caps, exposure, decision delays, a track's
//! room, the owed queue, the adaptive share's inflow.

mod common;

use indicatif::ProgressBar;
use security_pool_solvency::{
	scenario::Scenario,
	sim::{Engine, Pool, Share},
};
use serde_json::{json, Value};
use std::path::Path;

/// A pool of 1,000 tokens for 30 days, no incidents of its own, paying nothing in unless
/// `fees_per_day`, with the rules given (`null`: none).
fn scenario(fees_per_day: f64, rules: Value) -> Scenario {
	common::scenario(30, 1000.0, fees_per_day, 0.0, rules)
}

/// Half of `available` per request, the exposure cap at `max_exposure`, requests up to 100 on a
/// track of 0.1 + 0.1 days, the rest 1 + 1 days; critical disclosures at most 10% and 50.
fn rules(max_exposure: f64) -> Value {
	let tier = |share: f64, cap: f64| json!({ "share": share, "cap": cap });
	json!({
		"max_payout": 0.5,
		"max_exposure": max_exposure,
		"tiers": {
			"critical": tier(0.1, 50.0),
			"high": tier(0.05, 40.0),
			"medium": tier(0.01, 10.0),
			"low": tier(0.001, 1.0)
		},
		"tracks": [{ "max_amount": 100.0, "voting_days": 0.1, "timelock_days": 0.1 }],
		"general": { "voting_days": 1.0, "timelock_days": 1.0 }
	})
}

#[test]
fn a_claim_above_max_payout_is_capped_and_paid_after_voting_and_timelock() {
	let scenario = scenario(0.0, rules(0.9));
	let mut pool = Pool::new(&scenario, Share::of(&scenario));
	pool.file(2000.0, None, true);
	pool.advance(1.99);
	assert_eq!(pool.outcome().paid, 0.0, "not before voting and timelock (1 + 1 days)");
	pool.advance(2.01);
	let outcome = pool.outcome();
	assert_eq!(outcome.paid, 500.0, "capped at 50% of the 1,000 available");
	assert_eq!(outcome.capped, 1500.0);
	assert_eq!(pool.net_reserve(), 500.0);
	assert_eq!(outcome.ruined_at, None);
}

#[test]
fn a_small_claim_takes_the_fast_track_and_a_disclosure_its_tier() {
	let scenario = scenario(0.0, rules(0.9));
	let mut pool = Pool::new(&scenario, Share::of(&scenario));
	pool.file(80.0, None, true);
	pool.file(300.0, Some(0), true);
	pool.advance(0.21);
	assert_eq!(pool.outcome().paid, 130.0, "both on the fast track: 80 and the critical cap 50");
	assert_eq!(pool.outcome().capped, 250.0);
}

#[test]
fn a_full_track_sends_requests_up_and_frees_its_room_when_they_are_paid_or_rejected() {
	// The fast track takes requests up to 100 while its open ones ask for at most 150.
	let mut rules = rules(0.9);
	rules["tracks"][0]["max_open"] = json!(150.0);
	let scenario = scenario(0.0, rules);
	let mut pool = Pool::new(&scenario, Share::of(&scenario));
	pool.file(80.0, None, true);
	assert_eq!(pool.open_by_track()[0], 80.0);
	pool.file(80.0, None, false);
	assert_eq!(pool.open_by_track()[0], 80.0, "80 + 80 > 150: the general track");
	pool.file(70.0, None, false);
	assert_eq!(pool.open_by_track()[0], 150.0, "80 + 70 fits exactly");
	pool.advance(0.15);
	assert_eq!(pool.open_by_track()[0], 80.0, "the 70 was rejected after 0.1 days");
	pool.advance(0.25);
	assert_eq!(pool.outcome().paid, 80.0, "the first was paid after 0.1 + 0.1 days");
	assert_eq!(pool.open_by_track()[0], 0.0);
	assert_eq!(pool.outcome().rejected, 70.0, "the general track's vote runs until day 1");
	pool.advance(1.01);
	assert_eq!(pool.outcome().rejected, 150.0);
}

#[test]
fn a_request_below_the_existential_deposit_is_refused() {
	let mut scenario = scenario(0.0, rules(0.9));
	scenario.pool.existential_deposit = 1.0;
	let mut pool = Pool::new(&scenario, Share::of(&scenario));
	pool.file(0.5, None, true);
	assert_eq!(pool.outcome().refused, 0.5, "the pallet's AmountBelowMinimum");
	pool.file(1.0, None, true);
	assert_eq!(pool.outcome().refused, 0.5);
}

#[test]
fn a_claim_over_the_exposure_cap_is_refused_and_a_rejected_one_frees_its_exposure() {
	let scenario = scenario(0.0, rules(0.5));
	let mut pool = Pool::new(&scenario, Share::of(&scenario));
	pool.file(400.0, None, false);
	pool.file(400.0, None, true);
	assert_eq!(pool.outcome().refused, 400.0, "400 + 400 open > 50% of 1,000");
	pool.advance(1.5);
	assert_eq!(pool.outcome().rejected, 400.0);
	pool.file(400.0, None, true);
	assert_eq!(pool.outcome().refused, 400.0, "the rejected request no longer counts");
	pool.advance(3.6);
	assert_eq!(pool.outcome().paid, 400.0);
}

#[test]
fn the_owed_queue_is_paid_first_in_first_out() {
	// No rules: every claim due at once, in full. Reserve 1,000, inflow 100 a day.
	let scenario = scenario(100.0, Value::Null);
	let mut pool = Pool::new(&scenario, Share::of(&scenario));
	pool.file(1300.0, None, true);
	pool.advance(0.0);
	assert_eq!(pool.owed().collect::<Vec<_>>(), [300.0]);
	assert_eq!(pool.outcome().ruined_at, Some(0.0));
	pool.file(200.0, None, true);
	pool.advance(0.0);
	assert_eq!(pool.owed().collect::<Vec<_>>(), [300.0, 200.0], "nothing paid behind the queue");
	pool.advance(2.0);
	assert_eq!(pool.owed().collect::<Vec<_>>(), [100.0, 200.0], "the first is paid down first");
	pool.advance(4.0);
	assert_eq!(pool.owed().collect::<Vec<_>>(), [100.0], "then the second");
	pool.advance(6.0);
	assert_eq!(pool.owed().count(), 0);
	assert!((pool.net_reserve() - 100.0).abs() < 1e-9);
	let outcome = pool.outcome();
	assert_eq!(outcome.deficit, 500.0);
	assert!((outcome.paid - 1500.0).abs() < 1e-9);
	assert!((outcome.fees - 600.0).abs() < 1e-9);
}

#[test]
fn with_an_exposure_cap_below_one_the_pool_is_never_short() {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/heavy-tail.json");
	let mut scenario = Scenario::load(&path).expect("heavy-tail.json");
	scenario.ruin_below = 0.0;
	scenario.inflow.fees_to_pool_per_day = 0.0;
	scenario.incidents.per_year = 20.0;
	let run = Engine::new(&scenario, Share::of(&scenario)).expect("engine").run(
		2_000,
		3,
		0,
		&ProgressBar::hidden(),
	);
	assert!(run.outcomes.iter().all(|o| o.ruined_at.is_none() && o.deficit == 0.0));
	assert!(run.outcomes.iter().any(|o| o.refused > 0.0), "the cap bites instead");
}

#[test]
fn the_adaptive_share_accrues_as_its_differential_equation() {
	// From 200 toward a target of 1,000: ceiling 40%, floor 10% of 1,000 of fees a day.
	let mut scenario = scenario(1000.0, Value::Null);
	scenario.pool.reserve = 200.0;
	let adaptive = json!({ "floor": 0.1, "ceiling": 0.4, "target_reserve": 1000.0 });
	scenario.fee_share.adaptive = Some(serde_json::from_value(adaptive).expect("a share"));
	let Share::Adaptive(share) = Share::of(&scenario) else { panic!("adaptive") };
	let mut pool = Pool::new(&scenario, Share::of(&scenario));
	// Euler in small steps, crossing the target (after about 4.1 days) and going on at the floor.
	let (mut balance, step) = (200.0, 1e-5);
	for _ in 0..(6.0 / step) as usize {
		balance += 1000.0 * share.share_at(balance) * step;
	}
	pool.advance(6.0);
	assert!((pool.net_reserve() - balance).abs() < 0.01, "{} vs {balance}", pool.net_reserve());
	assert!((pool.outcome().fees - (balance - 200.0)).abs() < 0.01);
}
