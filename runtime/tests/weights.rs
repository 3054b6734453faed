//! The runtime's generated weights keep the security pool's own block work small.

use frame_support::traits::Get;
use security_pool_runtime::{configs::RuntimeBlockWeights, Runtime, SecurityPool};

type EndingBound = <Runtime as pallet_security_pool::Config>::MaxEndingsPerBlock;
type PayoutBound = <Runtime as pallet_security_pool::Config>::MaxPayoutsPerBlock;
type ExpiryBound = <Runtime as pallet_security_pool::Config>::MaxExpiriesPerBlock;
type SweepBound = <Runtime as pallet_security_pool::Config>::MaxSweepPerBlock;

#[test]
fn the_block_work_at_its_bounds_takes_at_most_a_tenth_of_a_block() {
	// Every bound reached in one block: endings, missed triages, payments, reveal deadlines,
	// closed incidents and swept bitmap words.
	let worst = SecurityPool::block_work_weight(
		EndingBound::get(),
		ExpiryBound::get(),
		PayoutBound::get(),
		ExpiryBound::get(),
	)
	.saturating_add(SecurityPool::incident_work_weight(ExpiryBound::get(), SweepBound::get()));
	let block = RuntimeBlockWeights::get().max_block;
	assert!(
		worst.ref_time() * 10 <= block.ref_time(),
		"{worst:?} is more than a tenth of {block:?}"
	);
}
