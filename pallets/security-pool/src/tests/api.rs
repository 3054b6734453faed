//! What clients read: the limits, deposit and track the runtime API reports are the ones the
//! calls apply, so a client that asks never works a rule out for itself.

use super::*;
use crate::{Error, OpenByTrack, PoolParameters, Requests, Severity, Track};
use frame_support::assert_noop;
use sp_runtime::Perbill;

/// One small track (up to 1,000, at most 1,500 open at once) below the general one.
fn with_small_track() -> PoolParameters<Balance, u64> {
	let track = Track {
		max_amount: 1_000,
		max_open: 1_500,
		voting_period: 4,
		timelock: 2,
		min_support: Perbill::from_percent(5),
		approval: Perbill::from_percent(50),
	};
	PoolParameters {
		tracks: vec![track].try_into().unwrap(),
		amount_bond: Perbill::from_percent(2),
		..test_parameters()
	}
}

#[test]
fn the_claim_limit_is_exactly_what_a_claim_may_ask() {
	ExtBuilder::default().build_and_execute(|| {
		// Exposure, not `max_payout`, binds once open requests take most of the room.
		claim(BOB, 40_000);
		let limits = SecurityPool::limits();
		assert_eq!(limits.minimum, ED);
		assert_eq!(limits.open_requests, 1);
		assert_eq!(limits.max_open_requests, MAX_OPEN);
		assert_eq!(limits.exposure_room, POOL_GENESIS - 40_000);
		assert_eq!(limits.claim, (POOL_GENESIS - ED) / 2);
		assert_noop!(try_claim(ALICE, limits.claim + 1, ALICE), Error::<Test>::ExceedsMaxPayout);
		assert_noop!(try_claim(ALICE, ED - 1, ALICE), Error::<Test>::AmountBelowMinimum);
		assert_ok!(try_claim(ALICE, limits.claim, ALICE));

		let limits = SecurityPool::limits();
		assert_eq!(limits.exposure_room, POOL_GENESIS - 40_000 - (POOL_GENESIS - ED) / 2);
		assert_eq!(limits.claim, limits.exposure_room);
		assert_noop!(
			try_claim(CHARLIE, limits.claim + 1, CHARLIE),
			Error::<Test>::ExceedsMaxExposure
		);
		assert_ok!(try_claim(CHARLIE, limits.claim, CHARLIE));
		assert_eq!(SecurityPool::limits().claim, 0);
	});
}

#[test]
fn each_severity_limit_is_exactly_what_its_disclosure_may_ask() {
	ExtBuilder::default().build_and_execute(|| {
		let limits = SecurityPool::limits();
		// Tiers of the test parameters on 99,990 available: 40% up to 30,000, 20% up to 10,000,
		// 5% up to 2,000, 1% up to 500, each within `max_payout` (50%).
		assert_eq!(limits.disclosure, [30_000, 10_000, 2_000, 500]);
		for (n, (severity, limit)) in Severity::ALL.into_iter().zip(limits.disclosure).enumerate() {
			let commitment = sp_core::H256::repeat_byte(n as u8 + 1);
			assert_noop!(
				try_disclose(ALICE, commitment, severity, limit + 1, ALICE),
				Error::<Test>::ExceedsSeverityCap
			);
			let hunter = 6 + n as AccountId;
			assert_ok!(try_disclose(hunter, commitment, severity, limit, hunter));
		}
	});
}

#[test]
fn the_deposit_reported_is_the_deposit_held() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), with_small_track()));
		for (who, amount) in [(ALICE, 500), (BOB, 20_000), (CHARLIE, 900)] {
			let quoted = SecurityPool::deposit_for(3, amount);
			let before = held(who);
			claim(who, amount);
			assert_eq!(held(who) - before, quoted);
		}
		// 100 + 3 bytes, three times over with two requests open, and 2% of 900.
		assert_eq!(SecurityPool::deposit_for(3, 900), 103 * 4 + 18);
	});
}

#[test]
fn the_track_reported_is_the_track_a_request_takes() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SecurityPool::set_parameters(RuntimeOrigin::root(), with_small_track()));
		let small = with_small_track().tracks[0];
		let general = with_small_track().general_track();
		// 1,000 fits the small track; with it open, another 1,000 exceeds its 1,500 open and
		// takes the general track; 500 still fits.
		for (amount, expected) in [(1_000, Some(0)), (1_000, None), (500, Some(0)), (10, None)] {
			let choice = SecurityPool::track_for(amount);
			assert_eq!(choice.index, expected, "amount {amount}");
			assert_eq!(choice.track, if expected.is_some() { small } else { general });
			let id = claim([ALICE, BOB, CHARLIE, DAVE][Requests::<Test>::count() as usize], amount);
			assert_eq!(Requests::<Test>::get(id).unwrap().terms.track, expected);
		}
		assert_eq!(OpenByTrack::<Test>::get()[0], 1_500);
	});
}

#[test]
fn the_pool_account_parameters_and_commitment_are_the_pallets() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(SecurityPool::parameters(), test_parameters());
		let commitment = crate::commitment_of(&ALICE, b"report", &[7; 32]);
		let filed = sp_core::H256::from(sp_io::hashing::blake2_256(
			&[codec::Encode::encode(&ALICE), b"report".to_vec(), vec![7; 32]].concat(),
		));
		assert_eq!(commitment, filed);
		assert_eq!(SecurityPool::triage_key(), None);
	});
}
