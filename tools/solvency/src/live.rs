//! The live pool through the node's HTTP JSON-RPC: its status, parameters, fee share and request
//! limits through the runtime API (`SecurityPoolApi`), SCALE-decoded with the pallet's own types,
//! and the fee inflow observed over a window of blocks. The chain overrides the scenario's pool,
//! rules and fee share; the incident model stays the scenario's. The chain's limits on a new
//! request are compared with the simulator's rules at the block read.

use crate::scenario::{Accounts, AdaptiveShare, BySeverity, Delay, Rules, Scenario, Tier, Track};
use anyhow::{anyhow, bail, Context, Result};
use codec::{Decode, DecodeAll};
use frame_support::storage::storage_prefix;
use pallet_security_pool::{
	AdaptiveFeeShare, FeeShareStatus, PoolParameters, PoolStatus, RequestLimits,
};
use serde::Serialize;
use serde_json::{json, Value};
use std::time::Duration;

/// The chain's balance and block number types.
pub type Balance = u128;
pub type BlockNumber = u32;

/// Milliseconds in a day.
const DAY_MS: f64 = 86_400_000.0;

/// A JSON-RPC client of one node.
struct Rpc {
	agent: ureq::Agent,
	url: String,
}

impl Rpc {
	fn new(url: &str) -> Self {
		let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(30)).build();
		Rpc { agent, url: url.to_string() }
	}

	/// Calls `method` with `params`: its result, or the node's JSON-RPC error (`Err` inside);
	/// `Err` outside when the node cannot be reached or its reply is not JSON-RPC.
	fn try_call(&self, method: &str, params: Value) -> Result<Result<Value, Value>> {
		let request = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let mut reply: Value = self
			.agent
			.post(&self.url)
			.send_json(request)
			.with_context(|| format!("{method} at {}", self.url))?
			.into_json()
			.with_context(|| format!("{method}: the reply is not JSON"))?;
		if let Some(error) = reply.get_mut("error") {
			return Ok(Err(error.take()));
		}
		Ok(Ok(reply["result"].take()))
	}

	/// Calls `method` with `params` and returns its result.
	fn call(&self, method: &str, params: Value) -> Result<Value> {
		self.try_call(method, params)?.map_err(|error| anyhow!("{method}: {error}"))
	}

	/// Calls the runtime API function `function` (no arguments) at block `at`, decoding its
	/// result as `T`.
	fn state_call<T: Decode>(&self, function: &str, at: &str) -> Result<T> {
		let result = self.call("state_call", json!([function, "0x", at]))?;
		decode(&result, function)
	}

	/// As [`Self::state_call`] for a function the runtime may not have (a later API version):
	/// `None` if the node refuses the call. A result that does not decode is an error.
	fn state_call_if_any<T: Decode>(&self, function: &str, at: &str) -> Result<Option<T>> {
		match self.try_call("state_call", json!([function, "0x", at]))? {
			Ok(result) => decode(&result, function).map(Some),
			Err(_) => Ok(None),
		}
	}

	/// The value at storage `key` at block `at`, if any.
	fn storage<T: Decode>(&self, key: &[u8], at: &str, what: &str) -> Result<Option<T>> {
		let key = format!("0x{}", hex::encode(key));
		match self.call("state_getStorage", json!([key, at]))? {
			Value::Null => Ok(None),
			value => decode(&value, what).map(Some),
		}
	}

	/// The hash of block `number`.
	fn block_hash(&self, number: BlockNumber) -> Result<String> {
		match self.call("chain_getBlockHash", json!([number]))? {
			Value::String(hash) => Ok(hash),
			other => Err(anyhow!("chain_getBlockHash({number}): unexpected {other}")),
		}
	}
}

/// Decodes a hex string `value` as `T`, all of it.
fn decode<T: Decode>(value: &Value, what: &str) -> Result<T> {
	let text = value.as_str().ok_or_else(|| anyhow!("{what}: expected hex, got {value}"))?;
	let bytes = hex::decode(text.trim_start_matches("0x"))
		.with_context(|| format!("{what}: not hex: {text}"))?;
	T::decode_all(&mut bytes.as_slice()).map_err(|e| anyhow!("{what}: cannot decode: {e}"))
}

/// The pool's status, amounts in the chain's smallest unit (as decimal strings: exact in JSON).
#[derive(Clone, Debug, Serialize)]
pub struct PoolAmounts {
	pub balance: String,
	pub available: String,
	pub committed: String,
	pub owed: String,
	pub exposure: String,
	pub open_requests: u32,
	pub lifetime_inflow: String,
	pub lifetime_outflow: String,
}

impl From<&PoolStatus<Balance>> for PoolAmounts {
	fn from(status: &PoolStatus<Balance>) -> Self {
		PoolAmounts {
			balance: status.balance.to_string(),
			available: status.available.to_string(),
			committed: status.committed.to_string(),
			owed: status.owed.to_string(),
			exposure: status.exposure.to_string(),
			open_requests: status.open_requests,
			lifetime_inflow: status.lifetime_inflow.to_string(),
			lifetime_outflow: status.lifetime_outflow.to_string(),
		}
	}
}

/// The fee share as the chain reports it (shares in parts per billion).
#[derive(Clone, Debug, Serialize)]
pub struct FeeShareParts {
	pub current: u32,
	pub fixed: u32,
	pub adaptive: Option<AdaptiveFeeShare<Balance>>,
}

/// Where the pool's parameters were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParametersSource {
	/// `SecurityPoolApi_parameters` (API version 6 on): the parameters in force, the runtime's
	/// defaults included.
	RuntimeApi,
	/// The storage value `SecurityPool::Parameters`, for a runtime without that function.
	Storage,
	/// Neither: an older runtime using its defaults, which RPC cannot read; the scenario's
	/// rules stand.
	Scenario,
}

/// What a new request may ask at the block read (`SecurityPoolApi_limits`, API version 6 on), in
/// the smallest unit as decimal strings, with the simulator's own caps in the same state.
#[derive(Clone, Debug, Serialize)]
pub struct Limits {
	/// The least a request may ask: the existential deposit.
	pub minimum: String,
	/// The most a claim may ask: `max_payout` of available, within the exposure room.
	pub claim: String,
	/// The most a disclosure may ask, by severity from `Critical` to `Low`.
	pub disclosure: [String; 4],
	/// What `max_exposure` leaves for new requests.
	pub exposure_room: String,
	/// The simulator's rules in the same state: the caps above in tokens, as it works them out.
	pub simulator: SimulatorLimits,
	/// Every cap on which the simulator and the chain differ by more than the rounding (one
	/// smallest unit and a part in 10¹²): empty when they agree.
	pub differences: Vec<String>,
}

/// The simulator's caps on a new request, in tokens.
#[derive(Clone, Debug, Serialize)]
pub struct SimulatorLimits {
	pub minimum: f64,
	pub claim: f64,
	pub disclosure: [f64; 4],
	pub exposure_room: f64,
}

impl Limits {
	/// The chain's `limits` and the simulator's caps under `rules` in the state `accounts`,
	/// compared; amounts of `decimals` decimals.
	pub fn compare(
		limits: &RequestLimits<Balance>,
		rules: &Rules,
		accounts: &Accounts,
		decimals: u32,
	) -> Self {
		let room = rules.exposure_room(accounts);
		let simulator = SimulatorLimits {
			minimum: accounts.existential_deposit,
			claim: rules.limit(None, accounts).min(room),
			disclosure: [0, 1, 2, 3]
				.map(|severity| rules.limit(Some(severity), accounts).min(room)),
			exposure_room: room,
		};
		let unit = 10f64.powi(decimals as i32);
		let mut differences = Vec::new();
		let mut compare = |what: String, chain: Balance, simulator: f64| {
			let chain_tokens = tokens(chain, decimals);
			if (simulator - chain_tokens).abs() > 1.0 / unit + 1e-12 * chain_tokens.abs() {
				differences.push(format!("{what}: chain {chain_tokens}, simulator {simulator}"));
			}
		};
		compare("minimum".into(), limits.minimum, simulator.minimum);
		compare("claim".into(), limits.claim, simulator.claim);
		for (severity, (chain, simulator)) in
			limits.disclosure.iter().zip(simulator.disclosure).enumerate()
		{
			compare(format!("disclosure[{severity}]"), *chain, simulator);
		}
		compare("exposure_room".into(), limits.exposure_room, simulator.exposure_room);
		Limits {
			minimum: limits.minimum.to_string(),
			claim: limits.claim.to_string(),
			disclosure: limits.disclosure.map(|amount| amount.to_string()),
			exposure_room: limits.exposure_room.to_string(),
			simulator,
			differences,
		}
	}
}

/// The fee inflow observed over a window of blocks.
#[derive(Clone, Debug, Serialize)]
pub struct ObservedInflow {
	pub from_block: BlockNumber,
	pub blocks: BlockNumber,
	/// `lifetime_inflow` at `from_block`, in the smallest unit.
	pub lifetime_inflow_then: String,
	/// Tokens per day: the growth of `lifetime_inflow` over the window, scaled to a day.
	pub per_day: f64,
}

/// What was read from the chain.
#[derive(Clone, Debug, Serialize)]
pub struct LiveInputs {
	pub rpc: String,
	pub block: BlockNumber,
	pub block_hash: String,
	pub block_ms: u64,
	pub token_decimals: u32,
	pub token_symbol: String,
	pub pool: PoolAmounts,
	#[serde(skip)]
	status: PoolStatus<Balance>,
	/// The pool's account (`SecurityPoolApi_pool_account`, API version 6 on), hex.
	pub pool_account: Option<String>,
	/// Where the parameters were read: through the runtime API, else from storage; neither
	/// (`scenario`), and the scenario's rules stand.
	pub parameters_source: ParametersSource,
	/// Whether the chain's parameters were read (through the runtime API or from storage), as
	/// before the runtime API had them; if not, the scenario's rules stand.
	pub parameters_in_storage: bool,
	pub parameters: Option<PoolParameters<Balance, BlockNumber>>,
	/// What a new request may ask at the block, and the simulator's caps in the same state;
	/// `None` for a runtime without `SecurityPoolApi_limits` (API version < 6).
	pub limits: Option<Limits>,
	/// `None` if the runtime has no `SecurityPoolApi_fee_share` (API version < 3): the
	/// scenario's fee share stands.
	pub fee_share: Option<FeeShareParts>,
	pub inflow: ObservedInflow,
}

impl LiveInputs {
	/// One line on what was read.
	pub fn describe(&self) -> String {
		let limits = match &self.limits {
			None => "not available".to_string(),
			Some(limits) if limits.differences.is_empty() => "as the simulator's".to_string(),
			Some(limits) => {
				format!("DIFFER from the simulator's: {}", limits.differences.join("; "))
			},
		};
		format!(
			"block #{} ({}) at {}; parameters {}; fee share {}; request limits {limits}",
			self.block,
			self.block_hash,
			self.rpc,
			match self.parameters_source {
				ParametersSource::RuntimeApi => "from the runtime API",
				ParametersSource::Storage => "from storage",
				ParametersSource::Scenario => "not in storage (scenario's)",
			},
			if self.fee_share.is_some() {
				"from the runtime API"
			} else {
				"not available (scenario's)"
			},
		)
	}
}

/// Reads the pool at the best block of the node at `url`, with the inflow over the last
/// `window` blocks (or as many as exist).
pub fn read(url: &str, window: BlockNumber) -> Result<LiveInputs> {
	let rpc = Rpc::new(url);
	let block_hash = match rpc.call("chain_getBlockHash", json!([]))? {
		Value::String(hash) => hash,
		other => bail!("chain_getBlockHash: unexpected {other}"),
	};
	let header = rpc.call("chain_getHeader", json!([block_hash]))?;
	let number = header["number"].as_str().ok_or_else(|| anyhow!("header without a number"))?;
	let block = BlockNumber::from_str_radix(number.trim_start_matches("0x"), 16)
		.with_context(|| format!("block number {number}"))?;
	let properties = rpc.call("system_properties", json!([]))?;
	let token_decimals = properties["tokenDecimals"].as_u64().unwrap_or(12) as u32;
	let token_symbol = properties["tokenSymbol"].as_str().unwrap_or("UNIT").to_string();
	let block_ms: u64 = rpc.state_call("AuraApi_slot_duration", &block_hash)?;

	let status: PoolStatus<Balance> = rpc.state_call("SecurityPoolApi_pool_status", &block_hash)?;
	// The parameters in force through the runtime API; from storage for a runtime without it.
	let (parameters, parameters_source) =
		match rpc.state_call_if_any("SecurityPoolApi_parameters", &block_hash)? {
			Some(parameters) => (Some(parameters), ParametersSource::RuntimeApi),
			None => {
				let key = storage_prefix(b"SecurityPool", b"Parameters");
				let stored: Option<PoolParameters<Balance, BlockNumber>> =
					rpc.storage(&key, &block_hash, "SecurityPool::Parameters")?;
				let source = if stored.is_some() {
					ParametersSource::Storage
				} else {
					ParametersSource::Scenario
				};
				(stored, source)
			},
		};
	let pool_account = rpc
		.state_call_if_any::<[u8; 32]>("SecurityPoolApi_pool_account", &block_hash)?
		.map(|account| format!("0x{}", hex::encode(account)));
	let limits: Option<RequestLimits<Balance>> =
		rpc.state_call_if_any("SecurityPoolApi_limits", &block_hash)?;
	let fee_share = rpc
		.state_call::<FeeShareStatus<Balance>>("SecurityPoolApi_fee_share", &block_hash)
		.ok()
		.map(|status| FeeShareParts {
			current: status.current.deconstruct(),
			fixed: status.fixed.deconstruct(),
			adaptive: status.adaptive,
		});

	let from_block = block.saturating_sub(window);
	let then: PoolStatus<Balance> =
		rpc.state_call("SecurityPoolApi_pool_status", &rpc.block_hash(from_block)?)?;
	let blocks = block - from_block;
	let unit = 10f64.powi(token_decimals as i32);
	let limits = limits.zip(parameters.as_ref()).map(|(limits, parameters)| {
		let rules = rules_from(parameters, token_decimals, block_ms);
		let accounts = Accounts {
			balance: tokens(status.balance, token_decimals),
			existential_deposit: tokens(limits.minimum, token_decimals),
			committed: tokens(status.committed, token_decimals),
			exposure: tokens(status.exposure, token_decimals),
		};
		Limits::compare(&limits, &rules, &accounts, token_decimals)
	});
	let per_day = if blocks == 0 {
		0.0
	} else {
		let grown = status.lifetime_inflow.saturating_sub(then.lifetime_inflow) as f64 / unit;
		grown / f64::from(blocks) * (DAY_MS / block_ms as f64)
	};
	Ok(LiveInputs {
		rpc: url.to_string(),
		block,
		block_hash,
		block_ms,
		token_decimals,
		token_symbol,
		pool: PoolAmounts::from(&status),
		status,
		pool_account,
		parameters_source,
		parameters_in_storage: parameters.is_some(),
		parameters,
		limits,
		fee_share,
		inflow: ObservedInflow {
			from_block,
			blocks,
			lifetime_inflow_then: then.lifetime_inflow.to_string(),
			per_day,
		},
	})
}

/// Tokens of `amount` in the chain's smallest unit, with `decimals` decimals.
fn tokens(amount: Balance, decimals: u32) -> f64 {
	amount as f64 / 10f64.powi(decimals as i32)
}

/// A share of `parts` parts per billion.
fn share(parts: u32) -> f64 {
	f64::from(parts) / 1e9
}

/// The pallet's `parameters` as the simulator's rules, amounts in tokens of `decimals` decimals
/// and periods in days of `block_ms`-millisecond blocks.
pub fn rules_from(
	parameters: &PoolParameters<Balance, BlockNumber>,
	decimals: u32,
	block_ms: u64,
) -> Rules {
	let tokens = |amount| tokens(amount, decimals);
	let days = |blocks: BlockNumber| f64::from(blocks) * block_ms as f64 / DAY_MS;
	let tier = |t: pallet_security_pool::Tier<Balance>| Tier {
		share: share(t.share.deconstruct()),
		cap: tokens(t.cap),
	};
	let p = parameters;
	Rules {
		max_payout: share(p.max_payout.deconstruct()),
		max_exposure: share(p.max_exposure.deconstruct()),
		tiers: Some(BySeverity {
			critical: tier(p.tiers.critical),
			high: tier(p.tiers.high),
			medium: tier(p.tiers.medium),
			low: tier(p.tiers.low),
		}),
		tracks: p
			.tracks
			.iter()
			.map(|t| Track {
				max_amount: tokens(t.max_amount),
				max_open: Some(tokens(t.max_open)),
				voting_days: days(t.voting_period),
				timelock_days: days(t.timelock),
			})
			.collect(),
		general: Delay { voting_days: days(p.voting_period), timelock_days: days(p.timelock) },
	}
}

/// The pallet's adaptive fee share as the simulator's, the target in tokens of `decimals`
/// decimals.
pub fn adaptive_from(adaptive: &AdaptiveFeeShare<Balance>, decimals: u32) -> AdaptiveShare {
	AdaptiveShare {
		floor: share(adaptive.floor.deconstruct()),
		ceiling: share(adaptive.ceiling.deconstruct()),
		target_reserve: tokens(adaptive.target_reserve, decimals),
	}
}

impl LiveInputs {
	/// `scenario` with the chain's pool, rules, fee share and inflow; its incident model kept.
	pub fn apply(&self, mut scenario: Scenario) -> Result<Scenario> {
		let tokens = |amount| tokens(amount, self.token_decimals);
		let status = &self.status;
		scenario.token = self.token_symbol.clone();
		scenario.pool.reserve = tokens(status.balance);
		scenario.pool.committed = tokens(status.committed);
		scenario.pool.owed = tokens(status.owed);
		// The least a request may ask is the existential deposit; else available = balance −
		// existential deposit − committed, while anything is available.
		if let Some(limits) = &self.limits {
			scenario.pool.existential_deposit = limits.simulator.minimum;
		} else if status.available > 0 {
			let existential = status.balance - status.available - status.committed;
			scenario.pool.existential_deposit = tokens(existential);
		}
		if let Some(parameters) = &self.parameters {
			scenario.rules = Some(rules_from(parameters, self.token_decimals, self.block_ms));
		}
		if let Some(fee_share) = &self.fee_share {
			scenario.fee_share.fixed = share(fee_share.fixed);
			scenario.fee_share.adaptive =
				fee_share.adaptive.map(|a| adaptive_from(&a, self.token_decimals));
			if fee_share.current > 0 {
				scenario.inflow.observed_share = share(fee_share.current);
			}
		}
		scenario.inflow.fees_to_pool_per_day = self.inflow.per_day;
		// The observed inflow holds the contributions already.
		scenario.inflow.contributions_per_day = 0.0;
		scenario.validate().context("the scenario with the chain's values")?;
		Ok(scenario)
	}
}
