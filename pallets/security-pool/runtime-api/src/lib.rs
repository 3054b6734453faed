//! Runtime API of the security pool, for Polkadot.js (`api.call.securityPoolApi.*`) and other
//! clients.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
pub use pallet_security_pool::{FeeShareStatus, PoolStatus, ReferendumStatus, RequestId};

sp_api::decl_runtime_apis! {
	/// Reads of the security pool.
	#[api_version(4)]
	pub trait SecurityPoolApi<Balance, Request, BlockNumber>
	where
		Balance: Codec,
		Request: Codec,
		BlockNumber: Codec,
	{
		/// The pool's balance, available and committed funds, owed amounts, open requests and
		/// lifetime inflow and outflow.
		fn pool_status() -> PoolStatus<Balance>;

		/// One open request (voting, in timelock, owed, or waiting for its report), or `None`.
		fn request(id: RequestId) -> Option<Request>;

		/// The X25519 public key disclosures' reports are sealed to, if the triage council
		/// published one. Since version 2.
		fn triage_key() -> Option<[u8; 32]>;

		/// A running referendum's track, its support and the support it needs, whether it
		/// passes with the votes so far, whether it is in its confirmation window, and its end
		/// after extensions; `None` once voting is over. Since version 2; support and the
		/// confirmation window since version 4.
		fn referendum(id: RequestId) -> Option<ReferendumStatus<Balance, BlockNumber>>;

		/// The share of fees the pool takes now, the runtime's fixed share, and the adaptive
		/// share governance set, if any. Since version 3.
		fn fee_share() -> FeeShareStatus<Balance>;
	}
}
