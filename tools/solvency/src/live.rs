//! The live pool through the node's HTTP JSON-RPC: its status, parameters and fee share,
//! SCALE-decoded with the pallet's own types, and the fee inflow observed over a window of
//! blocks. The chain overrides the scenario's pool, rules and fee share; the incident model stays
//! the scenario's.

use crate::scenario::{AdaptiveShare, BySeverity, Delay, Rules, Scenario, Tier, Track};
use anyhow::{anyhow, bail, Context, Result};
use codec::{Decode, DecodeAll};
use frame_support::storage::storage_prefix;
use pallet_security_pool::{AdaptiveFeeShare, FeeShareStatus, PoolParameters, PoolStatus};
use serde::Serialize;
use serde_json::{json, Value};
use std::time::Duration;

/// The chain's balance and block number types.
type Balance = u128;
type BlockNumber = u32;

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

	/// Calls `method` with `params` and returns its result.
	fn call(&self, method: &str, params: Value) -> Result<Value> {
		let request = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let mut reply: Value = self
			.agent
			.post(&self.url)
			.send_json(request)
			.with_context(|| format!("{method} at {}", self.url))?
			.into_json()
			.with_context(|| format!("{method}: the reply is not JSON"))?;
		if let Some(error) = reply.get("error") {
			bail!("{method}: {error}");
		}
		Ok(reply["result"].take())
	}

	/// Calls the runtime API function `function` (no arguments) at block `at`, decoding its
	/// result as `T`.
	fn state_call<T: Decode>(&self, function: &str, at: &str) -> Result<T> {
		let result = self.call("state_call", json!([function, "0x", at]))?;
		decode(&result, function)
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
	/// Whether the parameters are in storage; if not, the pallet uses the runtime's defaults,
	/// which RPC cannot read, and the scenario's rules stand.
	pub parameters_in_storage: bool,
	pub parameters: Option<PoolParameters<Balance, BlockNumber>>,
	/// `None` if the runtime has no `SecurityPoolApi_fee_share` (API version < 3): the
	/// scenario's fee share stands.
	pub fee_share: Option<FeeShareParts>,
	pub inflow: ObservedInflow,
}

impl LiveInputs {
	/// One line on what was read.
	pub fn describe(&self) -> String {
		format!(
			"block #{} ({}) at {}; parameters {}; fee share {}",
			self.block,
			self.block_hash,
			self.rpc,
			if self.parameters_in_storage { "from storage" } else { "not in storage (scenario's)" },
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
	let key = storage_prefix(b"SecurityPool", b"Parameters");
	let parameters: Option<PoolParameters<Balance, BlockNumber>> =
		rpc.storage(&key, &block_hash, "SecurityPool::Parameters")?;
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
		parameters_in_storage: parameters.is_some(),
		parameters,
		fee_share,
		inflow: ObservedInflow {
			from_block,
			blocks,
			lifetime_inflow_then: then.lifetime_inflow.to_string(),
			per_day,
		},
	})
}

impl LiveInputs {
	/// `scenario` with the chain's pool, rules, fee share and inflow; its incident model kept.
	pub fn apply(&self, mut scenario: Scenario) -> Result<Scenario> {
		let unit = 10f64.powi(self.token_decimals as i32);
		let tokens = |amount: Balance| amount as f64 / unit;
		let days = |blocks: BlockNumber| f64::from(blocks) * self.block_ms as f64 / DAY_MS;
		let share = |parts: u32| f64::from(parts) / 1e9;
		let status = &self.status;
		scenario.token = self.token_symbol.clone();
		scenario.pool.reserve = tokens(status.balance);
		scenario.pool.committed = tokens(status.committed);
		scenario.pool.owed = tokens(status.owed);
		// available = balance − existential deposit − committed, while anything is available.
		if status.available > 0 {
			let existential = status.balance - status.available - status.committed;
			scenario.pool.existential_deposit = tokens(existential);
		}
		if let Some(p) = &self.parameters {
			let tier = |t: pallet_security_pool::Tier<Balance>| Tier {
				share: share(t.share.deconstruct()),
				cap: tokens(t.cap),
			};
			let delay = |voting, timelock| Delay {
				voting_days: days(voting),
				timelock_days: days(timelock),
			};
			scenario.rules = Some(Rules {
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
						voting_days: days(t.voting_period),
						timelock_days: days(t.timelock),
					})
					.collect(),
				general: delay(p.voting_period, p.timelock),
			});
		}
		if let Some(fee_share) = &self.fee_share {
			scenario.fee_share.fixed = share(fee_share.fixed);
			scenario.fee_share.adaptive = fee_share.adaptive.map(|a| AdaptiveShare {
				floor: share(a.floor.deconstruct()),
				ceiling: share(a.ceiling.deconstruct()),
				target_reserve: tokens(a.target_reserve),
			});
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
