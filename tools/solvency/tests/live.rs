//! Live mode against a stand-in node (a JSON-RPC server answering with the pallet's SCALE
//! encodings): the parameters come through `SecurityPoolApi_parameters` when the runtime has it
//! (API version 6) and from storage below it; the chain's request limits are compared with the
//! simulator's caps, and a difference is named. `e2e/solvency.test.js` runs live mode against a
//! real dev node.

use codec::Encode;
use frame_support::sp_runtime::Perbill;
use pallet_security_pool::{FeeShareStatus, PoolParameters, PoolStatus, RequestLimits};
use security_pool_solvency::{
	live::{self, rules_from, Balance, BlockNumber, ParametersSource},
	scenario::Scenario,
};
use serde_json::{json, Value};
use std::{
	io::{BufRead, BufReader, Read, Write},
	net::TcpListener,
	path::Path,
	sync::{Arc, Mutex},
};

const UNIT: Balance = 1_000_000_000_000;
const EXISTENTIAL_DEPOSIT: Balance = UNIT / 1_000;

/// What the stand-in node's runtime offers.
#[derive(Clone)]
struct Chain {
	/// `SecurityPoolApi` version 6: `parameters`, `limits`, `pool_account`.
	version_6: bool,
	/// The parameters in storage (else the runtime's defaults, unreadable by RPC below 6).
	in_storage: bool,
	parameters: PoolParameters<Balance, BlockNumber>,
	status: PoolStatus<Balance>,
	/// Added to the limits' claim: a runtime whose rules differ from the simulator's.
	claim_off_by: Balance,
}

impl Chain {
	fn new(version_6: bool, in_storage: bool) -> Self {
		let balance = 100_000 * UNIT;
		let committed = 10_000 * UNIT;
		Chain {
			version_6,
			in_storage,
			parameters: security_pool_runtime::configs::production_parameters(),
			status: PoolStatus {
				balance,
				available: balance - EXISTENTIAL_DEPOSIT - committed,
				committed,
				owed: 0,
				exposure: committed + 5_000 * UNIT,
				open_requests: 2,
				lifetime_inflow: 200_000 * UNIT,
				lifetime_outflow: 100_000 * UNIT,
			},
			claim_off_by: 0,
		}
	}

	/// The runtime's `limits()`, by the pallet's functions.
	fn limits(&self) -> RequestLimits<Balance> {
		let p = &self.parameters;
		let room = p
			.max_exposure
			.mul_floor(self.status.balance)
			.saturating_sub(self.status.exposure);
		let claim = p.max_payout.mul_floor(self.status.available).min(room);
		let tiers = [p.tiers.critical, p.tiers.high, p.tiers.medium, p.tiers.low];
		RequestLimits {
			minimum: EXISTENTIAL_DEPOSIT,
			claim: claim + self.claim_off_by,
			disclosure: tiers.map(|tier| claim.min(tier.limit(self.status.available))),
			exposure_room: room,
			open_requests: self.status.open_requests,
			max_open_requests: 64,
		}
	}

	/// The reply to one JSON-RPC request.
	fn answer(&self, request: &Value) -> Value {
		let hex = |bytes: Vec<u8>| json!(format!("0x{}", hex::encode(bytes)));
		let params = &request["params"];
		let result = match request["method"].as_str().expect("a method") {
			"chain_getBlockHash" if params[0].is_null() => json!("0xbe57"),
			"chain_getBlockHash" => json!("0x01d"),
			"chain_getHeader" => json!({ "number": "0x4b0" }),
			"system_properties" => json!({ "tokenDecimals": 12, "tokenSymbol": "SPT" }),
			"state_getStorage" if self.in_storage => hex(self.parameters.encode()),
			"state_getStorage" => Value::Null,
			"state_call" => match params[0].as_str().expect("a function") {
				"AuraApi_slot_duration" => hex(3_000u64.encode()),
				"SecurityPoolApi_pool_status" => {
					let mut status = self.status.clone();
					if params[2] == "0x01d" {
						status.lifetime_inflow -= 1_200 * UNIT;
					}
					hex(status.encode())
				},
				"SecurityPoolApi_fee_share" => hex(FeeShareStatus::<Balance> {
					current: Perbill::from_percent(20),
					fixed: Perbill::from_percent(20),
					adaptive: None,
				}
				.encode()),
				"SecurityPoolApi_parameters" if self.version_6 => hex(self.parameters.encode()),
				"SecurityPoolApi_limits" if self.version_6 => hex(self.limits().encode()),
				"SecurityPoolApi_pool_account" if self.version_6 => hex([7u8; 32].encode()),
				function => {
					let message =
						format!("Execution failed: Exported method {function} is not found");
					return json!({ "jsonrpc": "2.0", "id": request["id"], "error": { "code": 1002, "message": message } });
				},
			},
			method => panic!("unexpected {method}"),
		};
		json!({ "jsonrpc": "2.0", "id": request["id"], "result": result })
	}
}

/// Serves `chain` over HTTP on a free port; returns its URL and the methods called
/// (`state_call`s by function).
fn serve(chain: Chain) -> (String, Arc<Mutex<Vec<String>>>) {
	let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
	let url = format!("http://{}", listener.local_addr().expect("an address"));
	let calls = Arc::new(Mutex::new(Vec::new()));
	let called = calls.clone();
	std::thread::spawn(move || {
		for stream in listener.incoming() {
			let Ok(stream) = stream else { return };
			let (chain, called) = (chain.clone(), called.clone());
			std::thread::spawn(move || {
				let mut reader = BufReader::new(stream.try_clone().expect("a stream"));
				let mut writer = stream;
				writer.set_nodelay(true).expect("no delay");
				// Requests on a kept-alive connection, until the client closes it.
				loop {
					let mut length = 0;
					loop {
						let mut line = String::new();
						if reader.read_line(&mut line).unwrap_or(0) == 0 {
							return;
						}
						let line = line.trim_end().to_ascii_lowercase();
						if line.is_empty() {
							break;
						}
						if let Some(value) = line.strip_prefix("content-length:") {
							length = value.trim().parse().expect("a length");
						}
					}
					let mut body = vec![0; length];
					reader.read_exact(&mut body).expect("the body");
					let request: Value = serde_json::from_slice(&body).expect("JSON-RPC");
					let method = request["method"].as_str().unwrap_or_default();
					let name = match method {
						"state_call" => request["params"][0].as_str().unwrap_or_default(),
						other => other,
					};
					called.lock().expect("calls").push(name.to_string());
					let reply = chain.answer(&request).to_string();
					let head = format!(
						"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
						reply.len()
					);
					if writer
						.write_all(head.as_bytes())
						.and_then(|()| writer.write_all(reply.as_bytes()))
						.is_err()
					{
						return;
					}
				}
			});
		}
	});
	(url, calls)
}

fn dev_scenario() -> Scenario {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/dev.json");
	Scenario::load(&path).expect("dev.json")
}

#[test]
fn a_version_6_runtime_gives_its_parameters_and_limits_through_the_runtime_api() {
	let chain = Chain::new(true, true);
	let (url, calls) = serve(chain.clone());
	let live = live::read(&url, 1_200).expect("read");
	assert_eq!(live.parameters_source, ParametersSource::RuntimeApi);
	assert!(live.parameters_in_storage, "the chain's parameters were read");
	assert_eq!(live.parameters.as_ref(), Some(&chain.parameters));
	assert!(!calls.lock().expect("calls").iter().any(|call| call == "state_getStorage"));
	assert_eq!(live.pool_account.as_deref(), Some(format!("0x{}", "07".repeat(32)).as_str()));
	let limits = live.limits.as_ref().expect("limits");
	assert_eq!(limits.differences, Vec::<String>::new(), "{limits:?}");
	assert_eq!(limits.claim, chain.limits().claim.to_string());
	assert!(live.describe().contains("parameters from the runtime API"), "{}", live.describe());
	assert!(live.describe().contains("request limits as the simulator's"), "{}", live.describe());

	let scenario = live.apply(dev_scenario()).expect("apply");
	assert_eq!(scenario.rules, Some(rules_from(&chain.parameters, 12, 3_000)));
	assert_eq!(scenario.pool.existential_deposit, 0.001);
	assert_eq!(scenario.pool.reserve, 100_000.0);
	assert_eq!(scenario.rules.as_ref().expect("rules").tracks[1].max_open, Some(20_000.0));
	// 1,200 SPT in 1,200 blocks of 3 s: 28,800 SPT a day.
	assert!((scenario.inflow.fees_to_pool_per_day - 28_800.0).abs() < 1e-6);
}

#[test]
fn a_runtime_below_version_6_gives_its_parameters_from_storage() {
	let chain = Chain::new(false, true);
	let (url, calls) = serve(chain.clone());
	let live = live::read(&url, 1_200).expect("read");
	assert_eq!(live.parameters_source, ParametersSource::Storage);
	assert_eq!(live.parameters.as_ref(), Some(&chain.parameters));
	assert!(calls.lock().expect("calls").iter().any(|call| call == "state_getStorage"));
	assert!(live.limits.is_none() && live.pool_account.is_none());
	assert!(live.describe().contains("parameters from storage"), "{}", live.describe());
	let scenario = live.apply(dev_scenario()).expect("apply");
	assert_eq!(scenario.rules, Some(rules_from(&chain.parameters, 12, 3_000)));
	assert_eq!(scenario.pool.existential_deposit, 0.001);

	// Nothing in storage: the runtime's defaults, which RPC cannot read; the scenario's rules.
	let (url, _) = serve(Chain::new(false, false));
	let live = live::read(&url, 1_200).expect("read");
	assert_eq!(live.parameters_source, ParametersSource::Scenario);
	assert!(!live.parameters_in_storage && live.parameters.is_none());
	let scenario = live.apply(dev_scenario()).expect("apply");
	assert_eq!(scenario.rules, dev_scenario().rules);
}

#[test]
fn limits_that_differ_from_the_simulator_are_named() {
	let mut chain = Chain::new(true, true);
	chain.claim_off_by = UNIT;
	let (url, _) = serve(chain);
	let live = live::read(&url, 1_200).expect("read");
	let limits = live.limits.as_ref().expect("limits");
	assert_eq!(limits.differences.len(), 1, "{:?}", limits.differences);
	assert!(limits.differences[0].starts_with("claim: chain "), "{:?}", limits.differences);
	assert!(live.describe().contains("request limits DIFFER from the simulator's: claim"));
}
