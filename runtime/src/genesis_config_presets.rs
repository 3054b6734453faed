//! Genesis presets: `development` (one validator, short periods), `local_testnet` (Alice, Bob,
//! Charlie and Dave as validators) and `production` (four validators, production periods, a
//! council of five and no sudo key).

use crate::{
	configs::production_parameters, AccountId, Balance, BalancesConfig, RuntimeGenesisConfig,
	SecurityCouncilConfig, SecurityPool, SecurityPoolConfig, SudoConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_security_pool::{PoolParameters, SeverityTiers, Tier, Track};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Perbill;

/// What every dev account starts with.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// What the pool starts with.
pub const POOL_ENDOWMENT: Balance = 100_000 * UNIT;

/// The pool's parameters on the development chains: a whole request lifecycle (10 blocks of
/// voting, 10 of timelock) takes about a minute; requests up to 10 SPT take a track of 5 and 4
/// blocks (at most 50 SPT open on it); triage takes 5 blocks, and a confirmed critical disclosure
/// votes 8 blocks and waits 5; a flip in the last 3 blocks of a vote moves its end to 3 whole
/// blocks after it, however often; a reveal leaves the veto origin 3 whole blocks before
/// payment.
pub fn development_parameters() -> PoolParameters<Balance, crate::BlockNumber> {
	let tier = |percent, cap| Tier { share: Perbill::from_percent(percent), cap };
	PoolParameters {
		voting_period: 10,
		timelock: 10,
		vote_locking_period: 5,
		min_support: Perbill::from_percent(10),
		approval: Perbill::from_percent(50),
		max_payout: Perbill::from_percent(50),
		max_exposure: Perbill::from_percent(90),
		deposit_base: UNIT,
		deposit_per_byte: UNIT / 100,
		amount_bond: Perbill::from_percent(1),
		tiers: SeverityTiers {
			critical: tier(10, 10_000 * UNIT),
			high: tier(5, 5_000 * UNIT),
			medium: tier(1, 1_000 * UNIT),
			low: Tier { share: Perbill::from_rational(1u32, 1000u32), cap: 100 * UNIT },
		},
		triage_period: 5,
		fast_track_voting_period: 8,
		fast_track_timelock: 5,
		reveal_period: 20,
		// Claims up to 10 SPT: 5 blocks of voting and 4 of timelock, paid 27 s after filing.
		tracks: vec![Track {
			max_amount: 10 * UNIT,
			max_open: 50 * UNIT,
			voting_period: 5,
			timelock: 4,
			min_support: Perbill::from_percent(5),
			approval: Perbill::from_percent(50),
		}]
		.try_into()
		.expect("one track"),
		confirm_period: 3,
		veto_window: 3,
	}
}

/// The production-like preset's id.
pub const PRODUCTION_RUNTIME_PRESET: &str = "production";

fn testnet_genesis(
	authorities: Vec<(AuraId, GrandpaId, u64)>,
	endowed: Vec<AccountId>,
	council: Vec<AccountId>,
	root: Option<AccountId>,
	parameters: PoolParameters<Balance, crate::BlockNumber>,
) -> Value {
	let mut balances: Vec<_> = endowed.into_iter().map(|who| (who, ENDOWMENT)).collect();
	balances.push((SecurityPool::account_id(), POOL_ENDOWMENT));
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		aura: pallet_aura::GenesisConfig {
			authorities: authorities.iter().map(|(aura, ..)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: authorities
				.iter()
				.map(|(_, grandpa, weight)| (grandpa.clone(), *weight))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: root },
		security_council: SecurityCouncilConfig { members: council },
		security_pool: SecurityPoolConfig { parameters },
	})
}

/// A validator's Aura and GRANDPA keys, with its GRANDPA voting weight.
fn authority(
	aura: Sr25519Keyring,
	grandpa: Ed25519Keyring,
	weight: u64,
) -> (AuraId, GrandpaId, u64) {
	(aura.public().into(), grandpa.public().into(), weight)
}

/// The well-known dev accounts (Alice … Ferdie and their stashes).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

/// The accounts of `keys`.
fn accounts(keys: &[Sr25519Keyring]) -> Vec<AccountId> {
	keys.iter().map(|k| k.to_account_id()).collect()
}

/// Alice, Bob, Charlie and Dave as validators of equal weight.
///
/// GRANDPA finalizes with more than two thirds of the voting weight: three of four validators,
/// so any one of them may stop.
fn four_validators() -> Vec<(AuraId, GrandpaId, u64)> {
	vec![
		authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice, 1),
		authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob, 1),
		authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie, 1),
		authority(Sr25519Keyring::Dave, Ed25519Keyring::Dave, 1),
	]
}

/// The development chains' council: Alice, Bob and Charlie (two of them pass a motion).
fn development_council() -> Vec<AccountId> {
	accounts(&[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie])
}

/// One validator (Alice, also sudo), a council of Alice, Bob and Charlie, funded dev accounts
/// and pool, short periods.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice, 1)],
		dev_accounts(),
		development_council(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		development_parameters(),
	)
}

/// Alice, Bob, Charlie and Dave as validators, Alice as sudo, the development council, short
/// periods.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		four_validators(),
		dev_accounts(),
		development_council(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		development_parameters(),
	)
}

/// Production-like: Alice, Bob, Charlie and Dave as validators; Bob, Charlie, Dave, Eve and
/// Ferdie as the council (two thirds, and three quarters for parameters and membership: four of
/// the five either way); the production parameters (a week of voting, a two-day timelock); and
/// no sudo key: no single account holds root.
pub fn production_config_genesis() -> Value {
	use Sr25519Keyring::{Bob, Charlie, Dave, Eve, Ferdie};
	testnet_genesis(
		four_validators(),
		dev_accounts(),
		accounts(&[Bob, Charlie, Dave, Eve, Ferdie]),
		None,
		production_parameters(),
	)
}

/// The JSON of the preset `id`.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		PRODUCTION_RUNTIME_PRESET => production_config_genesis(),
		_ => return None,
	};
	Some(serde_json::to_vec(&patch).expect("a JSON value serializes; qed"))
}

/// The presets this runtime has.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(PRODUCTION_RUNTIME_PRESET),
	]
}
