//! A chain to test on: the genesis state of a preset, and blocks built by `frame_executive` with
//! Alice's Aura pre-digest and signed extrinsics.

use codec::Encode;
use security_pool_runtime::{
	genesis_config_presets, Balance, Executive, Header, RuntimeCall, RuntimeGenesisConfig,
	SignedPayload, System, TxExtension, UncheckedExtrinsic, SLOT_DURATION,
};
use serde_json::Value;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, traits::Header as _, Digest, DigestItem};

/// Overlays `patch` onto `base`, as chain-spec presets are applied.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// Externalities holding the genesis state of preset `id`.
pub fn chain_from_preset(id: &str) -> sp_io::TestExternalities {
	let mut genesis = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	let preset = genesis_config_presets::get_preset(&id.into()).unwrap();
	merge(&mut genesis, serde_json::from_slice(&preset).unwrap());
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(
			serde_json::to_vec(&genesis).unwrap(),
		)
		.unwrap()
	});
	ext
}

/// Externalities holding the `development` preset's genesis state.
pub fn development_chain() -> sp_io::TestExternalities {
	chain_from_preset("development")
}

/// Builds blocks with `frame_executive` as Alice, the dev chain's only author.
pub struct Chain {
	pub number: u32,
	parent: sp_core::H256,
}

impl Chain {
	pub fn new() -> Self {
		Chain { number: 0, parent: Default::default() }
	}

	/// Opens the next block: Alice's Aura pre-digest and the timestamp inherent.
	pub fn open_block(&mut self) {
		self.number += 1;
		let slot = Slot::from(u64::from(self.number) + 1_000);
		let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
		let header =
			Header::new(self.number, Default::default(), Default::default(), self.parent, digest);
		Executive::initialize_block(&header);
		let now = *slot * SLOT_DURATION;
		let set_time = RuntimeCall::Timestamp(pallet_timestamp::Call::set { now });
		Executive::apply_extrinsic(UncheckedExtrinsic::new_bare(set_time))
			.unwrap()
			.unwrap();
	}

	/// Closes the current block.
	pub fn close_block(&mut self) {
		let header = Executive::finalize_block();
		self.parent = header.hash();
	}

	/// A whole block with `calls`, each signed by its account with `tip`; returns their results.
	pub fn block(&mut self, calls: Vec<(Sr25519Keyring, RuntimeCall, Balance)>) -> Vec<bool> {
		self.open_block();
		let results = calls
			.into_iter()
			.map(|(who, call, tip)| {
				Executive::apply_extrinsic(signed(who, call, tip)).unwrap().is_ok()
			})
			.collect();
		self.close_block();
		results
	}

	pub fn run_to(&mut self, number: u32) {
		while self.number < number {
			self.block(vec![]);
		}
	}
}

/// Signs `call` by `who` with `tip`, against the current chain state.
pub fn signed(who: Sr25519Keyring, call: RuntimeCall, tip: Balance) -> UncheckedExtrinsic {
	let account = who.to_account_id();
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(System::account_nonce(&account)),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(tip),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	);
	let payload = SignedPayload::new(call.clone(), extension.clone()).unwrap();
	let signature = payload.using_encoded(|bytes| who.sign(bytes));
	UncheckedExtrinsic::new_signed(call, account.into(), signature.into(), extension)
}
