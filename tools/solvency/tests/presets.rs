//! The scenarios that stand for the runtime state what the runtime does: `dev.json` the
//! `development` genesis preset (its pool parameters, the pool's endowment), `production-like.json`
//! and the scenarios built on it (`adaptive.json`, `heavy-tail.json`) the runtime's default
//! genesis (`DefaultParameters`: `production_parameters()`); all of them the runtime's fixed fee
//! share, existential deposit, token and block time. The runtime's genesis JSON is built as the
//! node builds it (the `GenesisBuilder` API's `get_preset`) and read with the pallet's types; a
//! failure names every field that drifted.

use frame_support::{genesis_builder_helper::get_preset, traits::fungible::Inspect};
use pallet_security_pool::PoolParameters;
use security_pool_runtime::{
	genesis_config_presets, AccountId, Aura, Runtime, RuntimeGenesisConfig, SecurityPool,
	TOKEN_DECIMALS, TOKEN_SYMBOL,
};
use security_pool_solvency::scenario::Scenario;
use serde_json::Value;
use std::path::Path;

type Balance = u128;
type BlockNumber = u32;
type Parameters = PoolParameters<Balance, BlockNumber>;

/// Milliseconds in a day.
const DAY_MS: f64 = 86_400_000.0;

/// The runtime's genesis JSON: the preset `id`, or the default genesis for `None`, as the
/// runtime's `GenesisBuilder::get_preset` returns it.
fn genesis(id: Option<&str>) -> Value {
	let bytes = get_preset::<RuntimeGenesisConfig>(
		&id.map(String::from),
		genesis_config_presets::get_preset,
	)
	.unwrap_or_else(|| panic!("the runtime has no preset {id:?}"));
	serde_json::from_slice(&bytes).expect("the preset is JSON")
}

/// The pool's parameters in a genesis JSON, read with the pallet's type.
fn parameters(genesis: &Value) -> Parameters {
	let parameters = &genesis["securityPool"]["parameters"];
	assert!(!parameters.is_null(), "the genesis has no securityPool.parameters: {genesis}");
	serde_json::from_value(parameters.clone()).expect("the pallet's parameters")
}

/// The pool account's endowment in a genesis JSON, if it has one.
fn pool_endowment(genesis: &Value) -> Option<Balance> {
	let balances: Vec<(AccountId, Balance)> =
		serde_json::from_value(genesis["balances"]["balances"].clone()).ok()?;
	let pool = SecurityPool::account_id();
	balances.into_iter().find(|(who, _)| *who == pool).map(|(_, amount)| amount)
}

fn load(file: &str) -> Scenario {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(file);
	Scenario::load(&path).unwrap_or_else(|e| panic!("{e:#}"))
}

/// Tokens of an amount in the smallest unit.
fn tokens(amount: Balance) -> f64 {
	amount as f64 / 10f64.powi(TOKEN_DECIMALS as i32)
}

/// A share of parts per billion.
fn share(parts: u32) -> f64 {
	f64::from(parts) / 1e9
}

/// Days of `blocks` blocks at the runtime's block time.
fn days(blocks: BlockNumber) -> f64 {
	f64::from(blocks) * block_ms() as f64 / DAY_MS
}

/// The runtime's block time: Aura's slot duration.
fn block_ms() -> u64 {
	Aura::slot_duration()
}

/// The fields of a scenario that differ from the runtime's.
struct Drift {
	/// `file: ` prefix of every finding.
	file: String,
	/// What the runtime's values come from.
	source: String,
	found: Vec<String>,
}

impl Drift {
	fn new(file: &str, source: &str) -> Self {
		Drift { file: file.into(), source: source.into(), found: Vec::new() }
	}

	/// Notes `field` if the scenario `states` other than the runtime's value (`runtime`, from
	/// `what`): equal to a part in 10¹², what the conversion to tokens and days leaves.
	fn number(&mut self, field: &str, states: Option<f64>, runtime: f64, what: &str) {
		let close = states.is_some_and(|x| (x - runtime).abs() <= 1e-12 * runtime.abs().max(1e-3));
		if !close {
			let states = states.map_or("absent".to_string(), |x| x.to_string());
			self.found.push(format!(
				"{}: {field} is {states}, but the {} has {runtime} ({what})",
				self.file, self.source
			));
		}
	}

	fn text(&mut self, field: &str, states: &str, runtime: &str, what: &str) {
		if states != runtime {
			self.found.push(format!(
				"{}: {field} is {states:?}, but the {} has {runtime:?} ({what})",
				self.file, self.source
			));
		}
	}

	/// Panics with every field that drifted.
	fn check(self) {
		assert!(
			self.found.is_empty(),
			"the scenario no longer states the runtime's values; the runtime is the truth, fix \
			 the scenario:\n  {}",
			self.found.join("\n  ")
		);
	}
}

/// Checks what every scenario standing for the runtime states: the token, the existential
/// deposit, the fixed fee share (and that the fees were observed at it), and the rules from
/// `parameters` (shares, tiers, tracks with their caps, periods in days at the block time).
fn check_runtime(drift: &mut Drift, scenario: &Scenario, parameters: &Parameters) {
	let decimals = format!("{TOKEN_DECIMALS} decimals");
	drift.text("token", &scenario.token, TOKEN_SYMBOL, "TOKEN_SYMBOL");
	let existential = <Runtime as pallet_security_pool::Config>::Currency::minimum_balance();
	drift.number(
		"pool.existential_deposit",
		Some(scenario.pool.existential_deposit),
		tokens(existential),
		&format!("the existential deposit, {existential} of {decimals}"),
	);
	let fixed = <Runtime as pallet_security_pool::Config>::FeeShare::get().deconstruct();
	let what = format!("Config::FeeShare, {fixed} parts per billion");
	drift.number("fee_share.fixed", Some(scenario.fee_share.fixed), share(fixed), &what);
	drift.number(
		"inflow.observed_share",
		Some(scenario.inflow.observed_share),
		share(fixed),
		&what,
	);

	let Some(rules) = &scenario.rules else {
		drift
			.found
			.push(format!("{}: rules is null, but the runtime has rules", drift.file));
		return;
	};
	let p = parameters;
	let parts = |field: &str, parts: u32| format!("{field}, {parts} parts per billion");
	let planck = |field: &str, amount: Balance| format!("{field}, {amount} of {decimals}");
	let blocks =
		|field: &str, blocks: BlockNumber| format!("{field}, {blocks} blocks of {} ms", block_ms());
	let max_payout = p.max_payout.deconstruct();
	drift.number(
		"rules.max_payout",
		Some(rules.max_payout),
		share(max_payout),
		&parts("max_payout", max_payout),
	);
	let max_exposure = p.max_exposure.deconstruct();
	drift.number(
		"rules.max_exposure",
		Some(rules.max_exposure),
		share(max_exposure),
		&parts("max_exposure", max_exposure),
	);

	let severities = [
		("critical", p.tiers.critical),
		("high", p.tiers.high),
		("medium", p.tiers.medium),
		("low", p.tiers.low),
	];
	let tiers = rules.tiers.map(|tiers| tiers.to_array());
	for (index, (name, tier)) in severities.into_iter().enumerate() {
		let stated = tiers.map(|tiers| tiers[index]);
		let field = format!("rules.tiers.{name}");
		let tier_share = tier.share.deconstruct();
		drift.number(
			&format!("{field}.share"),
			stated.map(|t| t.share),
			share(tier_share),
			&parts(&format!("tiers.{name}.share"), tier_share),
		);
		drift.number(
			&format!("{field}.cap"),
			stated.map(|t| t.cap),
			tokens(tier.cap),
			&planck(&format!("tiers.{name}.cap"), tier.cap),
		);
	}

	if rules.tracks.len() != p.tracks.len() {
		drift.found.push(format!(
			"{}: rules.tracks has {} tracks, but the {} has {}",
			drift.file,
			rules.tracks.len(),
			drift.source,
			p.tracks.len()
		));
	}
	for (index, track) in p.tracks.iter().enumerate() {
		let stated = rules.tracks.get(index);
		let field = format!("rules.tracks[{index}]");
		let name = format!("tracks[{index}]");
		drift.number(
			&format!("{field}.max_amount"),
			stated.map(|t| t.max_amount),
			tokens(track.max_amount),
			&planck(&format!("{name}.max_amount"), track.max_amount),
		);
		drift.number(
			&format!("{field}.max_open"),
			stated.and_then(|t| t.max_open),
			tokens(track.max_open),
			&planck(&format!("{name}.max_open"), track.max_open),
		);
		drift.number(
			&format!("{field}.voting_days"),
			stated.map(|t| t.voting_days),
			days(track.voting_period),
			&blocks(&format!("{name}.voting_period"), track.voting_period),
		);
		drift.number(
			&format!("{field}.timelock_days"),
			stated.map(|t| t.timelock_days),
			days(track.timelock),
			&blocks(&format!("{name}.timelock"), track.timelock),
		);
	}
	drift.number(
		"rules.general.voting_days",
		Some(rules.general.voting_days),
		days(p.voting_period),
		&blocks("voting_period", p.voting_period),
	);
	drift.number(
		"rules.general.timelock_days",
		Some(rules.general.timelock_days),
		days(p.timelock),
		&blocks("timelock", p.timelock),
	);
}

/// The drift of `dev.json`-like `scenario` from the `development` preset.
fn development_drift(file: &str, scenario: &Scenario) -> Drift {
	let preset = genesis(Some("development"));
	let mut drift = Drift::new(file, "runtime's development preset");
	check_runtime(&mut drift, scenario, &parameters(&preset));
	let endowment = pool_endowment(&preset).expect("the development preset endows the pool");
	drift.number(
		"pool.reserve",
		Some(scenario.pool.reserve),
		tokens(endowment),
		&format!("the pool account's endowment, {endowment} of {TOKEN_DECIMALS} decimals"),
	);
	// Nothing is committed or owed at genesis.
	drift.number("pool.committed", Some(scenario.pool.committed), 0.0, "no requests at genesis");
	drift.number("pool.owed", Some(scenario.pool.owed), 0.0, "no requests at genesis");
	if scenario.fee_share.adaptive.is_some() {
		drift.found.push(format!(
			"{file}: fee_share.adaptive is set, but the {} sets no adaptive share",
			drift.source
		));
	}
	drift
}

/// The drift of `scenario`'s runtime values from the runtime's default genesis.
fn default_drift(file: &str, scenario: &Scenario) -> Drift {
	let defaults = genesis(None);
	let mut drift = Drift::new(file, "runtime's default genesis (DefaultParameters)");
	let parameters = parameters(&defaults);
	check_runtime(&mut drift, scenario, &parameters);
	drift
}

#[test]
fn dev_json_states_the_development_preset() {
	development_drift("dev.json", &load("dev.json")).check();
}

#[test]
fn production_like_json_states_the_runtime_defaults() {
	default_drift("production-like.json", &load("production-like.json")).check();
}

#[test]
fn the_scenarios_built_on_production_like_keep_its_rules() {
	// `adaptive.json` adds an adaptive share (a governance choice, not the runtime's), and
	// `heavy-tail.json` other losses; the rest is production-like's.
	let mut drift = Drift::new("", "");
	for file in ["adaptive.json", "heavy-tail.json"] {
		drift.found.extend(default_drift(file, &load(file)).found);
	}
	drift.check();
}

#[test]
fn the_default_genesis_holds_the_runtime_default_parameters() {
	// The default genesis is the pallet's `DefaultParameters`, the production-like ones.
	let defaults = <Runtime as pallet_security_pool::Config>::DefaultParameters::get();
	assert_eq!(parameters(&genesis(None)), defaults);
	assert_eq!(defaults, security_pool_runtime::configs::production_parameters());
	assert!(genesis_config_presets::preset_names().contains(&"development".to_string()));
}

#[test]
fn a_drifted_field_is_named() {
	let mut scenario = load("dev.json");
	scenario.rules.as_mut().expect("rules").tracks[0].max_open = Some(49.0);
	scenario.rules.as_mut().expect("rules").general.timelock_days *= 2.0;
	scenario.pool.existential_deposit = 0.01;
	let found = development_drift("dev.json", &scenario).found.join("\n");
	assert!(
		found.contains(
			"dev.json: rules.tracks[0].max_open is 49, but the runtime's development preset has 50"
		),
		"{found}"
	);
	assert!(found.contains("rules.general.timelock_days"), "{found}");
	assert!(found.contains("pool.existential_deposit is 0.01"), "{found}");
	assert_eq!(found.lines().count(), 3, "{found}");

	let mut scenario = load("production-like.json");
	scenario.rules.as_mut().expect("rules").tracks.pop();
	scenario.rules.as_mut().expect("rules").tiers.as_mut().expect("tiers").low.cap = 10.0;
	let found = default_drift("production-like.json", &scenario).found.join("\n");
	assert!(
		found.contains("rules.tracks has 1 tracks, but the runtime's default genesis"),
		"{found}"
	);
	assert!(found.contains("rules.tracks[1].max_amount is absent"), "{found}");
	assert!(found.contains("rules.tiers.low.cap is 10"), "{found}");
}
