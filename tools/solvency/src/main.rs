//! `security-pool-solvency`: simulates the pool's solvency from a scenario or the live chain,
//! and measures the engine.

use anyhow::{ensure, Context, Result};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use security_pool_solvency::{
	live, plot,
	report::{Report, RequiredShare, Summary},
	scenario::Scenario,
	sim::{required_share, Engine, Share},
};
use std::{io::IsTerminal, path::PathBuf, time::Instant};

/// The scenario the benchmark runs unless told otherwise.
const PRODUCTION_LIKE: &str = include_str!("../scenarios/production-like.json");

/// Halvings of the fee share's bisection.
const BISECTION_ITERATIONS: u32 = 20;

#[derive(Parser)]
#[command(version, about = "Monte Carlo solvency of the security pool")]
struct Cli {
	#[command(subcommand)]
	command: Command,
	/// Worker threads (default: one per core).
	#[arg(long, global = true)]
	threads: Option<usize>,
}

#[derive(Subcommand)]
enum Command {
	/// Simulates a scenario, or the live pool with a scenario's incident model, and reports.
	Run(RunArgs),
	/// Measures the engine: paths per second on a scenario (production-like by default).
	Bench(BenchArgs),
}

#[derive(Args)]
struct RunArgs {
	/// The scenario (JSON); in live mode only its incident model is used.
	#[arg(long)]
	scenario: PathBuf,
	/// Read the pool, its rules and fee share from this node (HTTP JSON-RPC).
	#[arg(long)]
	rpc: Option<String>,
	/// Blocks over which the live fee inflow is observed.
	#[arg(long, default_value_t = 1200)]
	window: u32,
	/// Monte Carlo paths.
	#[arg(long, default_value_t = 10_000)]
	paths: usize,
	/// The seed: the same seed gives the same results.
	#[arg(long, default_value_t = 1)]
	seed: u64,
	/// Days simulated, instead of the scenario's.
	#[arg(long)]
	horizon_days: Option<u32>,
	/// The ruin probability the required fee share must meet (default: Solvency II's 0.5%).
	#[arg(long, default_value_t = 0.005)]
	target_ruin: f64,
	/// Print the report as JSON (only JSON on stdout).
	#[arg(long)]
	json: bool,
	/// Write a fan chart of the reserve paths to this SVG file.
	#[arg(long)]
	plot: Option<PathBuf>,
	/// Paths recorded for the fan chart.
	#[arg(long, default_value_t = 2000)]
	plot_paths: usize,
}

#[derive(Args)]
struct BenchArgs {
	/// The scenario (default: production-like).
	#[arg(long)]
	scenario: Option<PathBuf>,
	#[arg(long, default_value_t = 100_000)]
	paths: usize,
	#[arg(long, default_value_t = 1)]
	seed: u64,
	/// Timed runs; the fastest is reported.
	#[arg(long, default_value_t = 3)]
	repeat: u32,
}

fn main() -> Result<()> {
	let cli = Cli::parse();
	if let Some(threads) = cli.threads {
		rayon::ThreadPoolBuilder::new()
			.num_threads(threads)
			.build_global()
			.context("starting the worker threads")?;
	}
	match cli.command {
		Command::Run(args) => run(args),
		Command::Bench(args) => bench(args),
	}
}

/// A progress bar on stderr when it is a terminal, else none.
fn progress(length: usize, message: &'static str) -> ProgressBar {
	if !std::io::stderr().is_terminal() {
		return ProgressBar::hidden();
	}
	let style = ProgressStyle::with_template("{msg:>16} [{bar:40}] {pos}/{len} ({eta})")
		.expect("a valid template; qed")
		.progress_chars("=> ");
	ProgressBar::new(length as u64).with_style(style).with_message(message)
}

fn run(args: RunArgs) -> Result<()> {
	ensure!(args.paths > 0, "--paths must be at least 1");
	ensure!(
		args.target_ruin > 0.0 && args.target_ruin < 1.0,
		"--target-ruin must be in (0, 1), not {}",
		args.target_ruin
	);
	let mut scenario = Scenario::load(&args.scenario)?;
	if let Some(days) = args.horizon_days {
		ensure!(days > 0, "--horizon-days must be at least 1");
		scenario.horizon_days = days;
	}
	let live = match &args.rpc {
		Some(url) => {
			let live = live::read(url, args.window)
				.with_context(|| format!("reading the pool at {url}"))?;
			scenario = live.apply(scenario)?;
			Some(live)
		},
		None => None,
	};
	let started = Instant::now();
	let share = Share::of(&scenario);
	let record = if args.plot.is_some() { args.plot_paths } else { 0 };
	let bar = progress(args.paths, "paths");
	let run = Engine::new(&scenario, share)?.run(args.paths, args.seed, record, &bar);
	bar.finish_and_clear();
	let results = Summary::of(share, &run.outcomes);
	let fixed_share_results = match share {
		Share::Adaptive(_) => {
			let fixed = Share::Fixed(scenario.fee_share.fixed);
			let bar = progress(args.paths, "fixed share");
			let outcomes =
				Engine::new(&scenario, fixed)?.run(args.paths, args.seed, 0, &bar).outcomes;
			bar.finish_and_clear();
			Some(Summary::of(fixed, &outcomes))
		},
		Share::Fixed(_) => None,
	};
	let bar = progress(BISECTION_ITERATIONS as usize, "fee share");
	let required = required_share(
		&scenario,
		args.target_ruin,
		args.paths,
		args.seed,
		BISECTION_ITERATIONS,
		&bar,
	)?;
	bar.finish_and_clear();
	let report = Report {
		scenario,
		live,
		seed: args.seed,
		results,
		fixed_share_results,
		required_share: RequiredShare {
			target_ruin: args.target_ruin,
			share: required,
			iterations: BISECTION_ITERATIONS,
		},
		elapsed_seconds: started.elapsed().as_secs_f64(),
	};
	if let Some(path) = &args.plot {
		let (scenario, ruin) = (&report.scenario, report.results.ruin);
		let title = format!("Reserve of '{}' over {} days", scenario.name, scenario.horizon_days);
		let subtitle = format!(
			"{} paths, seed {}; ruin (below {} {token}) {:.2}% [{:.2}%, {:.2}%]; 99% expected shortfall {:.0} {token}",
			report.results.paths,
			report.seed,
			scenario.ruin_below,
			ruin.probability * 100.0,
			ruin.ci95_low * 100.0,
			ruin.ci95_high * 100.0,
			report.results.deficit.expected_shortfall_99,
			token = scenario.token,
		);
		let svg =
			plot::fan_chart(&run.traces, &title, &subtitle, &scenario.token, scenario.ruin_below)
				.context("no path recorded for the plot: --plot-paths must be at least 1")?;
		std::fs::write(path, svg).with_context(|| format!("writing {}", path.display()))?;
	}
	if args.json {
		println!("{}", serde_json::to_string_pretty(&report)?);
	} else {
		println!("{}", report.table());
	}
	Ok(())
}

fn bench(args: BenchArgs) -> Result<()> {
	ensure!(args.paths > 0 && args.repeat > 0, "--paths and --repeat must be at least 1");
	let scenario = match &args.scenario {
		Some(path) => Scenario::load(path)?,
		None => {
			Scenario::parse(PRODUCTION_LIKE).context("the built-in production-like scenario")?
		},
	};
	let engine = Engine::new(&scenario, Share::of(&scenario))?;
	println!(
		"{} paths x {} days of '{}' on {} threads",
		args.paths,
		scenario.horizon_days,
		scenario.name,
		rayon::current_num_threads()
	);
	let mut best = f64::INFINITY;
	for round in 1..=args.repeat {
		let started = Instant::now();
		let run = engine.run(args.paths, args.seed, 0, &ProgressBar::hidden());
		let seconds = started.elapsed().as_secs_f64();
		let ruin = Summary::of(Share::of(&scenario), &run.outcomes).ruin.probability;
		println!(
			"run {round}: {seconds:.3} s, {:.0} paths/s (ruin {:.3}%)",
			args.paths as f64 / seconds,
			ruin * 100.0
		);
		best = best.min(seconds);
	}
	println!("best: {best:.3} s, {:.0} paths/s", args.paths as f64 / best);
	Ok(())
}
