//! A loss list: the victims' accounts and amounts in leaf order, their total, root and proofs.

use anyhow::{anyhow, bail, ensure, Result};
use pallet_security_pool::incidents::{leaf_of, loss_proof, loss_root, verify_loss};
use sp_core::{crypto::AccountId32, Blake2Hasher, Hasher, H256};
use std::{num::NonZeroUsize, thread};

/// One victim's loss: its address as published, the account it decodes to, the amount lost.
pub struct Loss<'a> {
	pub address: &'a str,
	pub account: AccountId32,
	pub amount: u128,
}

/// The losses of an incident in leaf order, every account once, and their total.
pub struct Losses<'a> {
	pub losses: Vec<Loss<'a>>,
	pub total: u128,
}

impl Losses<'_> {
	/// The number of leaves.
	pub fn victims(&self) -> u32 {
		self.losses.len() as u32
	}

	/// The bytes of leaf `index`.
	pub fn leaf(&self, index: u32) -> Vec<u8> {
		let loss = &self.losses[index as usize];
		leaf_of(index, &loss.account, &loss.amount)
	}

	/// The bytes of every leaf, in order.
	pub fn leaves(&self) -> impl ExactSizeIterator<Item = Vec<u8>> + '_ {
		(0..self.victims()).map(|index| self.leaf(index))
	}

	/// The Merkle root of the leaves.
	pub fn root(&self) -> H256 {
		loss_root(self.leaves())
	}

	/// The leaf of `account`, if it has one.
	pub fn index_of(&self, account: &AccountId32) -> Option<u32> {
		self.losses
			.iter()
			.position(|loss| loss.account == *account)
			.map(|index| index as u32)
	}
}

/// The proof of leaf `index`, whose bytes are `leaf`, among all the `leaves` of a list, checked
/// against `root` before it is returned.
pub fn prove<L: AsRef<[u8]>>(
	leaves: impl ExactSizeIterator<Item = L>,
	index: u32,
	leaf: &[u8],
	root: &H256,
) -> Result<Vec<H256>> {
	let victims = leaves.len() as u32;
	let proof = loss_proof(leaves, index);
	ensure!(
		verify_loss(root, victims, index, leaf, &proof),
		"the proof of leaf {index} does not verify against root {}: the leaves do not give that \
		 root",
		hex_of(root)
	);
	Ok(proof)
}

/// Every level of a list's Merkle tree, from its leaves' hashes up to the root, built once so
/// that each leaf's proof is read off it instead of rebuilding the tree per leaf (the pallet's
/// `loss_proof` does that). The tree is `binary-merkle-tree`'s: pairs hashed left to right, an
/// odd last node moved up unchanged; every proof read off it is checked with the pallet's
/// `verify_loss` before it is given out.
pub struct LossTree {
	levels: Vec<Vec<H256>>,
}

impl LossTree {
	/// Builds the tree of `leaves` (their bytes, in order).
	pub fn new(leaves: &[Vec<u8>]) -> Self {
		let mut levels =
			vec![leaves.iter().map(|leaf| Blake2Hasher::hash(leaf)).collect::<Vec<_>>()];
		while levels.last().is_some_and(|level| level.len() > 1) {
			let below = levels.last().expect("a level");
			let above = below
				.chunks(2)
				.map(|pair| match pair {
					[left, right] => Blake2Hasher::hash(&[left.0, right.0].concat()),
					[promoted] => *promoted,
					_ => unreachable!("chunks of two"),
				})
				.collect();
			levels.push(above);
		}
		Self { levels }
	}

	/// The root (32 zero bytes for no leaves, as `loss_root`).
	pub fn root(&self) -> H256 {
		self.levels.last().and_then(|top| top.first()).copied().unwrap_or_default()
	}

	/// The sibling hashes of leaf `index` from the leaf up; a promoted node has none at its level.
	pub fn proof(&self, index: u32) -> Vec<H256> {
		let mut position = index as usize;
		let mut proof = Vec::new();
		for level in &self.levels[..self.levels.len().saturating_sub(1)] {
			let sibling = if position % 2 == 1 { Some(position - 1) } else { Some(position + 1) };
			if let Some(node) = sibling.and_then(|sibling| level.get(sibling)) {
				proof.push(*node);
			}
			position /= 2;
		}
		proof
	}
}

/// `map` applied to every item on every core, in order: for each core's share of the items,
/// the results up to its first error, and that error.
pub fn map_on_every_core<T: Sync, U: Send>(
	items: &[T],
	map: impl Fn(usize, &T) -> Result<U> + Sync,
) -> Vec<(Vec<U>, Option<anyhow::Error>)> {
	let workers = thread::available_parallelism().map_or(1, NonZeroUsize::get);
	let share = items.len().div_ceil(workers).max(1);
	thread::scope(|scope| {
		let map = &map;
		let workers: Vec<_> = (0..)
			.step_by(share)
			.zip(items.chunks(share))
			.map(|(start, chunk)| {
				scope.spawn(move || {
					let mut mapped = Vec::with_capacity(chunk.len());
					for (index, item) in (start..).zip(chunk) {
						match map(index, item) {
							Ok(result) => mapped.push(result),
							Err(error) => return (mapped, Some(error)),
						}
					}
					(mapped, None)
				})
			})
			.collect();
		workers
			.into_iter()
			.map(|worker| worker.join().expect("workers never panic"))
			.collect()
	})
}

/// Parses `items` on every core into the losses of a list, in order. Item `i` (named
/// `{unit} {i + first}` in errors) gives at most one loss; the list refuses an account's second
/// loss and a total above `u128::MAX`. The error is the one of the first item that fails.
pub fn collect<'a, T: Sync>(
	items: &[T],
	unit: &str,
	first: usize,
	parse: impl Fn(usize, &T) -> Result<Option<Loss<'a>>> + Sync,
) -> Result<Losses<'a>> {
	ensure!(items.len() <= u32::MAX as usize, "more than {} {unit}s", u32::MAX);
	let chunks = map_on_every_core(items, parse);
	let mut losses = Vec::with_capacity(items.len());
	// Every loss's account, item number and leaf index, to find duplicates by sorting (a hash
	// set of a million accounts takes several times longer).
	let mut keys = Vec::with_capacity(items.len());
	let mut total: u128 = 0;
	// The first failing item but duplicates, and its error.
	let mut failure = None;
	let mut number = first;
	'chunks: for (parsed, error) in chunks {
		for loss in parsed {
			if let Some(loss) = loss {
				let Some(sum) = total.checked_add(loss.amount) else {
					failure = Some((number, anyhow!("the total overflows u128")));
					break 'chunks;
				};
				total = sum;
				keys.push((loss.account.clone(), number, losses.len()));
				losses.push(loss);
			}
			number += 1;
		}
		if let Some(error) = error {
			failure = Some((number, error));
			break;
		}
	}
	keys.sort_unstable();
	// The earliest second loss of an account.
	let duplicate = keys
		.windows(2)
		.filter(|pair| pair[0].0 == pair[1].0)
		.min_by_key(|pair| pair[1].1)
		.filter(|pair| failure.as_ref().is_none_or(|(at, _)| pair[1].1 < *at));
	if let Some([(_, earlier, _), (_, number, index)]) = duplicate {
		bail!(
			"{unit} {number}: duplicate account `{}` (first on {unit} {earlier})",
			losses[*index].address
		);
	}
	if let Some((number, error)) = failure {
		return Err(error.context(format!("{unit} {number}")));
	}
	Ok(Losses { losses, total })
}

/// Parses an amount in planck: a positive decimal integer up to `u128::MAX`.
pub fn parse_amount(text: &str) -> Result<u128> {
	ensure!(
		!text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()),
		"amount `{text}` is not a non-negative integer"
	);
	let amount: u128 =
		text.parse().map_err(|_| anyhow!("amount `{text}` is above the u128 maximum"))?;
	ensure!(amount > 0, "zero amount");
	Ok(amount)
}

/// A hash as `0x` and 64 hex digits.
pub fn hex_of(hash: &H256) -> String {
	format!("0x{}", hex::encode(hash))
}

/// Parses a hash written as `0x` and 64 hex digits.
pub fn parse_hash(text: &str) -> Result<H256> {
	let digits = text.strip_prefix("0x").unwrap_or(text);
	let bytes: [u8; 32] = hex::decode(digits)
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| anyhow!("`{text}` is not a 32-byte hash in hex"))?;
	Ok(H256(bytes))
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The tree built once gives the root and every proof the pallet's functions give, for
	/// every list size up to 70 (odd nodes promoted at every depth).
	#[test]
	fn the_tree_built_once_proves_as_the_pallet_does() {
		for victims in 0..=70u32 {
			let leaves: Vec<Vec<u8>> =
				(0..victims).map(|i| leaf_of(i, &[i as u8; 32], &(i as u128 + 1))).collect();
			let tree = LossTree::new(&leaves);
			assert_eq!(tree.root(), loss_root(&leaves), "{victims} leaves");
			for index in 0..victims {
				assert_eq!(
					tree.proof(index),
					loss_proof(&leaves, index),
					"leaf {index} of {victims}"
				);
			}
		}
	}
}
