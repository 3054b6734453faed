//! Runtime API of the security pool, for Polkadot.js (`api.call.securityPoolApi.*`) and other
//! clients.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_security_pool::{
	FeeShareStatus, IncidentStatus, PoolStatus, ReferendumStatus, RequestId,
};
pub use sp_core::H256;
pub use sp_runtime::DispatchError;

sp_api::decl_runtime_apis! {
	/// Reads of the security pool.
	#[api_version(5)]
	pub trait SecurityPoolApi<Balance, Request, BlockNumber, AccountId>
	where
		Balance: Codec,
		Request: Codec,
		BlockNumber: Codec,
		AccountId: Codec,
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

		/// An open incident's total, victims, root, claim period, budget (while voting, what
		/// the pool reserves now), what it paid and when its claims close; `None` for other
		/// requests and once closed. Since version 5.
		#[api_version(5)]
		fn incident(id: RequestId) -> Option<IncidentStatus<Balance, BlockNumber>>;

		/// What claiming leaf `index`, `(index, account, amount)` proven by `proof`, of an
		/// incident would pay if included in the next block, or the error that refuses it (the
		/// transaction pool refuses it with that error's index). Since version 5.
		#[api_version(5)]
		fn compensation(
			incident: RequestId,
			index: u32,
			account: AccountId,
			amount: Balance,
			proof: Vec<H256>,
		) -> Result<Balance, DispatchError>;
	}
}
