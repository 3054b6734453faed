//! Deadline queues: requests sorted by the block at which something is due for them, taken off
//! the front a bounded number per block.

use crate::{pallet::*, BlockNumberOf, RequestId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::{pallet_prelude::Get, BoundedVec};
use scale_info::TypeInfo;

/// A deadline of a request in one of the pool's queues.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Deadline<BlockNumber> {
	/// When the request's next step is due.
	pub at: BlockNumber,
	/// The request.
	pub request: RequestId,
}

/// Inserts `request` into a deadline queue, after every deadline at or before `at`.
pub(crate) fn schedule<BlockNumber: Ord + Copy, S: Get<u32>>(
	queue: &mut BoundedVec<Deadline<BlockNumber>, S>,
	at: BlockNumber,
	request: RequestId,
) -> Result<(), ()> {
	let index = queue.partition_point(|deadline| deadline.at <= at);
	queue.try_insert(index, Deadline { at, request }).map_err(|_| ())
}

/// Takes the deadlines passed by `now` off the front of `queue`, at most `limit` of them.
pub(crate) fn take_due<BlockNumber: Ord + Copy, S: Get<u32>>(
	queue: &mut BoundedVec<Deadline<BlockNumber>, S>,
	now: BlockNumber,
	limit: u32,
) -> alloc::vec::Vec<Deadline<BlockNumber>> {
	let due = queue
		.iter()
		.take(limit as usize)
		.take_while(|deadline| deadline.at <= now)
		.count();
	queue.drain(..due).collect()
}

/// Takes the deadlines passed by `now` off the front of the deadline queue `Queue`, at most
/// `limit` of them, and stores the rest.
pub(crate) fn take_due_in<T: Config, Queue>(
	now: BlockNumberOf<T>,
	limit: u32,
) -> alloc::vec::Vec<Deadline<BlockNumberOf<T>>>
where
	Queue: frame_support::storage::StorageValue<DeadlinesOf<T>, Query = DeadlinesOf<T>>,
{
	let mut queue = Queue::get();
	let due = take_due(&mut queue, now, limit);
	if !due.is_empty() {
		Queue::put(queue);
	}
	due
}
