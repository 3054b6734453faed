//! Runtime API of the security pool, for Polkadot.js (`api.call.securityPoolApi.*`) and other
//! clients.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_security_pool::{
	FeeShareStatus, IncidentStatus, PoolParameters, PoolStatus, ReferendumStatus, RequestId,
	RequestLimits, TrackChoice,
};
pub use sp_core::H256;
pub use sp_runtime::DispatchError;

sp_api::decl_runtime_apis! {
	/// Reads of the security pool.
	#[api_version(6)]
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
		fn incident(id: RequestId) -> Option<IncidentStatus<Balance, BlockNumber>>;

		/// What claiming leaf `index`, `(index, account, amount)` proven by `proof`, of an
		/// incident would pay if included in the next block, or the error that refuses it (the
		/// transaction pool refuses it with that error's index). Since version 5.
		fn compensation(
			incident: RequestId,
			index: u32,
			account: AccountId,
			amount: Balance,
			proof: Vec<H256>,
		) -> Result<Balance, DispatchError>;

		/// The deposit a new request would hold now: `bytes` is a claim's or an incident's
		/// evidence length, or a disclosure's 32-byte commitment plus its sealed report's length.
		/// Since version 6.
		#[api_version(6)]
		fn deposit_for(bytes: u32, amount: Balance) -> Balance;

		/// What a new request may ask now: the least, the most a claim and a disclosure of each
		/// severity may ask, the room under the exposure cap, and the open requests against
		/// their cap. Since version 6.
		#[api_version(6)]
		fn limits() -> RequestLimits<Balance>;

		/// The track a request for `amount` filed now would take, with its rules. Since
		/// version 6.
		#[api_version(6)]
		fn track_for(amount: Balance) -> TrackChoice<Balance, BlockNumber>;

		/// The pool's parameters. Since version 6.
		#[api_version(6)]
		fn parameters() -> PoolParameters<Balance, BlockNumber>;

		/// The pool's account. Since version 6.
		#[api_version(6)]
		fn pool_account() -> AccountId;

		/// The commitment a disclosure of `report` with `salt` by `submitter` files, for checking
		/// a client's own computation: the report is sent to the node, so ask only a node you
		/// run. Since version 6.
		#[api_version(6)]
		fn commitment(submitter: AccountId, report: Vec<u8>, salt: [u8; 32]) -> H256;
	}
}
