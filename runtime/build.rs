/// Builds the wasm runtime with its metadata hash, which `CheckMetadataHash` checks a transaction
/// signed in mode 1 against: the wasm is built once to read its metadata, then again with the
/// hash of that metadata, this token symbol and these decimals. They must be the runtime's
/// `TOKEN_SYMBOL` and `TOKEN_DECIMALS` (a build script cannot read its own crate's constants);
/// e2e/metadata-hash.test.js checks the hash against the chain's properties.
#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("SPT", 12)
		.build();
}

/// Builds the wasm runtime without a metadata hash: mode 1 is then refused.
#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// The wasm builder is off when this crate itself is compiled to wasm.
#[cfg(not(feature = "std"))]
fn main() {}
