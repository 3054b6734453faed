//! The Security Pool chain node: Aura block production, GRANDPA finality, ParityDB storage.

#![warn(missing_docs)]
// `sc_cli::Error` and `sc_service::Error`, which the framework's APIs return, are large.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
