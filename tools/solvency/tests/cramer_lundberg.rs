//! The engine, with the pool's rules switched off, against the closed-form ruin probability of
//! the Cramér–Lundberg model with exponential claims: ψ(u) = 1/(1+θ) · exp(−θu / ((1+θ)μ)).

mod common;

use indicatif::ProgressBar;
use security_pool_solvency::{
	scenario::Scenario,
	sim::{Engine, Share},
};
use serde_json::Value;

/// Paths per case.
const PATHS: usize = 20_000;
/// The long horizon standing in for the infinite one: ψ(u + θT) is negligible by then.
const HORIZON: u32 = 1_000;
/// What the finite horizon and the day-end bookkeeping may take off ψ, besides sampling error.
const HORIZON_ALLOWANCE: f64 = 0.002;

/// The classical model: reserve `u`, one claim a day on average (λ = 1) of mean μ = 1, premium
/// c = (1 + θ)λμ a day, every claim paid at once in full, no existential deposit.
fn classical(u: f64, theta: f64) -> Scenario {
	common::scenario(HORIZON, u, 1.0 + theta, 365.0, Value::Null)
}

fn psi(u: f64, theta: f64) -> f64 {
	let mu = 1.0;
	(-theta * u / ((1.0 + theta) * mu)).exp() / (1.0 + theta)
}

fn check(u: f64, theta: f64) {
	let scenario = classical(u, theta);
	let run = Engine::new(&scenario, Share::of(&scenario)).expect("engine").run(
		PATHS,
		7,
		0,
		&ProgressBar::hidden(),
	);
	let ruined = run.outcomes.iter().filter(|o| o.ruined_at.is_some()).count();
	let estimate = ruined as f64 / PATHS as f64;
	let exact = psi(u, theta);
	let sigma = (exact * (1.0 - exact) / PATHS as f64).sqrt();
	let tolerance = 3.5 * sigma + HORIZON_ALLOWANCE;
	assert!(
		(estimate - exact).abs() <= tolerance,
		"u = {u}, θ = {theta}: simulated {estimate:.4}, closed form {exact:.4}, tolerance {tolerance:.4}"
	);
	// The deficit of a ruined path is its largest negative surplus, positive by definition.
	assert!(run.outcomes.iter().all(|o| o.ruined_at.is_some() == (o.deficit > 0.0)));
}

#[test]
fn no_initial_reserve_half_loading() {
	check(0.0, 0.5);
}

#[test]
fn reserve_five_quarter_loading() {
	check(5.0, 0.25);
}

#[test]
fn reserve_ten_half_loading() {
	check(10.0, 0.5);
}
