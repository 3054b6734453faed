//! The security pool's solvency simulator: Monte Carlo paths of the reserve under a scenario
//! (incidents as a Poisson process, heavy-tailed losses, the pool's rules, fee inflow), read from
//! JSON or from the live chain.
//!
//! - [`scenario`]: the model's inputs, in tokens and days.
//! - [`live`]: the live pool through the node's RPC, decoded with the pallet's types.
//! - [`sim`]: the engine, one for the pool and for the classical risk model.
//! - [`report`]: ruin probability, expected shortfall, time to depletion; table and JSON.
//! - [`plot`]: the fan chart of reserve paths, as SVG.

pub mod live;
pub mod plot;
pub mod report;
pub mod scenario;
pub mod sim;
