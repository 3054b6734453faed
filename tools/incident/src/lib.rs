//! The loss list of a security-pool incident: read from a CSV of losses, published as JSON, hashed
//! into the Merkle root `declare_incident` stores and proven leaf by leaf for `claim_compensation`.
//! Leaves, root and proofs are the pallet's own (`pallet_security_pool::incidents`).

pub mod account;
pub mod csv;
pub mod list;
pub mod losses;
pub mod synthetic;
