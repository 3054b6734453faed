//! `security-pool-incident`: builds an incident's published loss list and root from a CSV of
//! losses, verifies a list against a root and gives each victim its proof.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use security_pool_incident::{
	account::DEFAULT_PREFIX,
	csv,
	list::{self, PublishedList, Summary},
	losses::parse_hash,
	synthetic,
};
use sp_core::H256;
use std::{
	fs::File,
	io::{stdout, BufWriter, Write},
	path::{Path, PathBuf},
	process::ExitCode,
};

#[derive(Parser)]
#[command(version, about = "The loss list of a security-pool incident: its root, list and proofs")]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Builds the published list and its root from a losses CSV (`account,amount` per line);
	/// prints `{"root","total","victims"}` for `declare_incident`.
	Build {
		/// The losses CSV.
		losses: PathBuf,
		/// Where to write the published list (JSON).
		#[arg(long)]
		out: PathBuf,
		/// The chain's SS58 prefix: every address must be of it.
		#[arg(long, default_value_t = DEFAULT_PREFIX, value_parser = clap::value_parser!(u16).range(..16384))]
		ss58_prefix: u16,
	},
	/// Rebuilds a published list's root from its leaves and checks it against `--root` and the
	/// list's own root, total and victims.
	Verify {
		/// The published list.
		list: PathBuf,
		/// The root declared on chain (0x and 64 hex digits).
		#[arg(long, value_parser = parse_hash)]
		root: H256,
		/// The total declared on chain: the leaves must add up to it.
		#[arg(long)]
		total: Option<u128>,
		/// The number of victims declared on chain.
		#[arg(long)]
		victims: Option<u32>,
	},
	/// Prints a victim's proof as JSON, or with `--all` every victim's.
	Proof {
		/// The published list.
		list: PathBuf,
		/// The victim's SS58 address.
		#[arg(long, required_unless_present = "all", conflicts_with = "all")]
		account: Option<String>,
		/// Every victim's proof, as a JSON array (lists up to 100,000 leaves).
		#[arg(long)]
		all: bool,
	},
	/// Writes a synthetic losses CSV: account `i` = blake2_256((seed, i)), amounts in [1, 10^15].
	Generate {
		/// The number of victims.
		#[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
		victims: u32,
		/// Where to write the CSV.
		#[arg(long)]
		out: PathBuf,
		/// The seed: the same seed gives the same list.
		#[arg(long, default_value_t = 1)]
		seed: u64,
		/// The SS58 prefix of the addresses.
		#[arg(long, default_value_t = DEFAULT_PREFIX, value_parser = clap::value_parser!(u16).range(..16384))]
		ss58_prefix: u16,
	},
}

fn main() -> ExitCode {
	match run(Cli::parse().command) {
		Ok(code) => code,
		Err(error) => {
			eprintln!("error: {error:#}");
			ExitCode::FAILURE
		},
	}
}

/// Runs `command`: a failure it reports itself (a list that does not verify) is an exit code.
fn run(command: Command) -> Result<ExitCode> {
	match command {
		Command::Build { losses, out, ss58_prefix } => {
			let csv = read(&losses)?;
			let losses = csv::parse(&csv, ss58_prefix)?;
			let root = losses.root();
			list::write(create(&out)?, ss58_prefix, &losses, &root)
				.with_context(|| format!("writing {}", out.display()))?;
			println!("{}", serde_json::to_string(&Summary::of(&losses, &root))?);
		},
		Command::Verify { list, root, total, victims } => {
			let json = read(&list)?;
			let (summary, mut differences) = PublishedList::parse(&json)?.verify(&root)?;
			if let Some(total) = total.filter(|total| total.to_string() != summary.total) {
				differences.push(format!(
					"total: the leaves add up to {}, declared {total}",
					summary.total
				));
			}
			if let Some(victims) = victims.filter(|victims| *victims != summary.victims) {
				differences.push(format!(
					"victims: the list has {} leaves, declared {victims}",
					summary.victims
				));
			}
			if !differences.is_empty() {
				differences.iter().for_each(|difference| eprintln!("error: {difference}"));
				return Ok(ExitCode::FAILURE);
			}
			println!(
				"ok: root {} victims {} total {}",
				summary.root, summary.victims, summary.total
			);
		},
		Command::Proof { list, account, all } => {
			let json = read(&list)?;
			let list = PublishedList::parse(&json)?;
			let mut out = BufWriter::new(stdout().lock());
			if all {
				serde_json::to_writer(&mut out, &list.all_proofs()?)?;
			} else {
				let account = account.context("--account or --all is required")?;
				serde_json::to_writer(&mut out, &list.proof_of(&account)?)?;
			}
			writeln!(out)?;
			out.flush()?;
		},
		Command::Generate { victims, out, seed, ss58_prefix } => {
			synthetic::write_csv(create(&out)?, victims, seed, ss58_prefix)
				.with_context(|| format!("writing {}", out.display()))?;
		},
	}
	Ok(ExitCode::SUCCESS)
}

/// The bytes of the file at `path`.
fn read(path: &Path) -> Result<Vec<u8>> {
	std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// A new file at `path`.
fn create(path: &Path) -> Result<File> {
	File::create(path).with_context(|| format!("creating {}", path.display()))
}
