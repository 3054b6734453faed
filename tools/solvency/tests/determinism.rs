//! Results depend on the seed alone: not on the threads or their scheduling.

use indicatif::ProgressBar;
use security_pool_solvency::{
	scenario::Scenario,
	sim::{Engine, PathOutcome, Share},
};
use std::path::Path;

fn scenario() -> Scenario {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/heavy-tail.json");
	Scenario::load(&path).expect("heavy-tail.json")
}

fn run_on(threads: usize, scenario: &Scenario, seed: u64) -> (Vec<PathOutcome>, Vec<f32>) {
	let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("threads");
	pool.install(|| {
		let run = Engine::new(scenario, Share::of(scenario)).expect("engine").run(
			3_000,
			seed,
			100,
			&ProgressBar::hidden(),
		);
		(run.outcomes, run.traces.values)
	})
}

#[test]
fn the_same_seed_gives_the_same_paths_on_any_number_of_threads() {
	let scenario = scenario();
	let one = run_on(1, &scenario, 42);
	let two = run_on(2, &scenario, 42);
	let four = run_on(4, &scenario, 42);
	assert!(one == two && two == four);
	assert!(one.0.iter().any(|o| o.incidents > 0));
}

#[test]
fn another_seed_gives_other_paths() {
	let scenario = scenario();
	let (first, _) = run_on(2, &scenario, 1);
	let (second, _) = run_on(2, &scenario, 2);
	assert_ne!(first, second);
	let differing = first.iter().zip(&second).filter(|(a, b)| a != b).count();
	assert!(differing > first.len() / 2, "only {differing} paths differ");
}
