//! The published loss list: JSON stating the root, total and number of victims, then every leaf
//! (`index`, SS58 `account`, `amount` as a decimal string), one leaf per line.

use crate::{
	account,
	losses::{
		collect, hex_of, map_on_every_core, parse_amount, parse_hash, prove, Loss, LossTree, Losses,
	},
};
use anyhow::{ensure, Context, Result};
use pallet_security_pool::incidents::verify_loss;
use serde::{Deserialize, Serialize};
use sp_core::H256;
use std::io::{self, BufWriter, Write};

/// The version of the list's format.
pub const VERSION: u32 = 1;

/// The most leaves `proof --all` proves: each proof hashes the whole list.
pub const MAX_ALL_PROOFS: usize = 100_000;

/// A list's root, total and number of victims: what `declare_incident` is given.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Summary {
	pub root: String,
	pub total: String,
	pub victims: u32,
}

impl Summary {
	/// The summary of `losses`, whose root is `root`.
	pub fn of(losses: &Losses, root: &H256) -> Self {
		Summary { root: hex_of(root), total: losses.total.to_string(), victims: losses.victims() }
	}
}

/// Writes the published list of `losses`, whose root is `root` and addresses of network `prefix`.
pub fn write(out: impl Write, prefix: u16, losses: &Losses, root: &H256) -> io::Result<()> {
	let mut out = BufWriter::with_capacity(1 << 20, out);
	write!(
		out,
		r#"{{"version":{VERSION},"ss58Prefix":{prefix},"root":"{}","total":"{}","victims":{},"leaves":["#,
		hex_of(root),
		losses.total,
		losses.victims()
	)?;
	for (index, loss) in losses.losses.iter().enumerate() {
		let separator = if index == 0 { "\n" } else { ",\n" };
		write!(
			out,
			r#"{separator}{{"index":{index},"account":"{}","amount":"{}"}}"#,
			loss.address, loss.amount
		)?;
	}
	writeln!(out, "\n]}}")?;
	out.flush()
}

/// A published list as read, its strings borrowed from the file's bytes.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublishedList<'a> {
	pub version: u32,
	pub ss58_prefix: u16,
	pub root: &'a str,
	pub total: &'a str,
	pub victims: u32,
	#[serde(borrow)]
	pub leaves: Vec<PublishedLeaf<'a>>,
}

/// A leaf of a published list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedLeaf<'a> {
	pub index: u32,
	pub account: &'a str,
	pub amount: &'a str,
}

/// A victim's proof, as `proof` prints it.
#[derive(Serialize)]
pub struct VictimProof<'a> {
	pub index: u32,
	pub account: &'a str,
	pub amount: String,
	pub proof: Vec<String>,
}

impl<'a> PublishedList<'a> {
	/// Reads a published list from its JSON.
	pub fn parse(json: &'a [u8]) -> Result<Self> {
		let list: Self = serde_json::from_slice(json).context("not a published loss list")?;
		ensure!(
			list.version == VERSION,
			"list version {} (this tool reads version {VERSION})",
			list.version
		);
		Ok(list)
	}

	/// The list's losses, checked: every leaf's index is its position, its address of the list's
	/// network and not already in the list, its amount positive; errors name the leaf's index.
	pub fn losses(&self) -> Result<Losses<'a>> {
		collect(&self.leaves, "leaf", 0, |position, leaf| {
			ensure!(leaf.index as usize == position, "index {} at position {position}", leaf.index);
			Ok(Some(Loss {
				address: leaf.account,
				account: account::decode(leaf.account, self.ss58_prefix)?,
				amount: parse_amount(leaf.amount)?,
			}))
		})
	}

	/// What the list states about itself, read as a root and a total.
	fn stated(&self) -> Result<(H256, u128)> {
		let root = parse_hash(self.root).context("the list's root")?;
		let total = self.total.parse().ok().with_context(|| {
			format!("the list's total `{}` is not an integer up to u128", self.total)
		})?;
		Ok((root, total))
	}

	/// Rebuilds the root from the leaves and compares it with `expected` (the root declared on
	/// chain) and with the list's own root; compares the total and victims with the list's own.
	/// Returns the rebuilt summary and every difference found.
	pub fn verify(&self, expected: &H256) -> Result<(Summary, Vec<String>)> {
		let (stated_root, stated_total) = self.stated()?;
		let losses = self.losses()?;
		let root = losses.root();
		let mut differences = Vec::new();
		if root != *expected {
			differences.push(format!(
				"root: the leaves give {}, expected {}",
				hex_of(&root),
				hex_of(expected)
			));
		}
		if root != stated_root {
			differences.push(format!(
				"root: the leaves give {}, the list states {}",
				hex_of(&root),
				hex_of(&stated_root)
			));
		}
		if losses.total != stated_total {
			differences.push(format!(
				"total: the leaves add up to {}, the list states {stated_total}",
				losses.total
			));
		}
		if losses.victims() != self.victims {
			differences.push(format!(
				"victims: the list has {} leaves, it states {}",
				losses.victims(),
				self.victims
			));
		}
		Ok((Summary::of(&losses, &root), differences))
	}

	/// The list's losses and root, once the total and victims it states are checked.
	fn consistent_losses(&self) -> Result<(Losses<'a>, H256)> {
		let (root, total) = self.stated()?;
		let losses = self.losses()?;
		ensure!(
			losses.total == total,
			"the leaves add up to {}, the list states a total of {total}",
			losses.total
		);
		ensure!(
			losses.victims() == self.victims,
			"the list has {} leaves, it states {} victims",
			losses.victims(),
			self.victims
		);
		Ok((losses, root))
	}

	/// The proof of `address`'s leaf, checked against the list's root.
	pub fn proof_of(&self, address: &str) -> Result<VictimProof<'a>> {
		let account = account::decode(address, self.ss58_prefix).context("--account")?;
		let (losses, root) = self.consistent_losses()?;
		let index = losses
			.index_of(&account)
			.with_context(|| format!("{address} is not in the list"))?;
		let proof = prove(losses.leaves(), index, &losses.leaf(index), &root)?;
		Ok(victim_proof(&losses, index, &proof))
	}

	/// The proof of every leaf, checked against the list's root; refused above
	/// [`MAX_ALL_PROOFS`] leaves.
	pub fn all_proofs(&self) -> Result<Vec<VictimProof<'a>>> {
		ensure!(
			self.leaves.len() <= MAX_ALL_PROOFS,
			"the list has {} leaves: --all proves at most {MAX_ALL_PROOFS}, ask with --account",
			self.leaves.len()
		);
		let (losses, root) = self.consistent_losses()?;
		// One tree for every proof; each is checked as the chain checks it.
		let leaves: Vec<Vec<u8>> = losses.leaves().collect();
		let tree = LossTree::new(&leaves);
		ensure!(tree.root() == root, "the leaves do not give root {}", hex_of(&root));
		let victims = losses.victims();
		let mut proofs = Vec::with_capacity(leaves.len());
		for (mapped, error) in map_on_every_core(&leaves, |index, leaf| {
			let index = index as u32;
			let proof = tree.proof(index);
			ensure!(
				verify_loss(&root, victims, index, leaf, &proof),
				"the proof of leaf {index} does not verify against root {}",
				hex_of(&root)
			);
			Ok(victim_proof(&losses, index, &proof))
		}) {
			proofs.extend(mapped);
			if let Some(error) = error {
				return Err(error);
			}
		}
		Ok(proofs)
	}
}

/// Leaf `index` of `losses` with its `proof`, as printed.
fn victim_proof<'a>(losses: &Losses<'a>, index: u32, proof: &[H256]) -> VictimProof<'a> {
	let loss = &losses.losses[index as usize];
	VictimProof {
		index,
		account: loss.address,
		amount: loss.amount.to_string(),
		proof: proof.iter().map(hex_of).collect(),
	}
}
