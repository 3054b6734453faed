//! The built-in chain specifications.

use sc_service::{ChainType, Properties};
use security_pool_runtime::{
	genesis_config_presets::PRODUCTION_RUNTIME_PRESET, SS58_FORMAT, TOKEN_DECIMALS, TOKEN_SYMBOL,
	WASM_BINARY,
};

/// The chain specification type of this node.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, for wallets and Polkadot.js.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_FORMAT.into());
	properties
}

fn spec(name: &str, id: &str, chain_type: ChainType, preset: &str) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or("the runtime's wasm binary is not built")?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// One validator (Alice) with short governance periods.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	spec("Development", "dev", ChainType::Development, sp_genesis_builder::DEV_RUNTIME_PRESET)
}

/// Alice, Bob, Charlie and Dave as validators of equal weight.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	spec(
		"Local Testnet",
		"local_testnet",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// Production-like: Alice, Bob, Charlie and Dave as validators, a council of five, production
/// periods, and no sudo key.
pub fn production_chain_spec() -> Result<ChainSpec, String> {
	spec("Production-like Testnet", "production", ChainType::Live, PRODUCTION_RUNTIME_PRESET)
}
