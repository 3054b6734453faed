//! Weights of the runtime's pallets, benchmarked on this runtime by
//! `scripts/benchmark-weights.sh`.

pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_collective;
pub mod pallet_transaction_payment;
