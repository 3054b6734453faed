//! The simulator's rules against the pallet's own functions, on a seeded random sweep and on
//! exact grids: a request's cap and refusal (`Rules::request_for` against `max_payout.mul_floor`,
//! `SeverityTiers::of`, `Tier::limit`, `PoolLedger::exposure` and `max_exposure.mul_floor`, as
//! the pallet's check of a new request combines them), its track and delay (`Rules::delay_for`
//! against `PoolParameters::track_for` and `general_track`) and the adaptive fee share
//! (`AdaptiveShare::share_at` against `AdaptiveFeeShare::share_at`). The pallet's parameters
//! reach the simulator through live mode's conversion (`live::rules_from`, `live::adaptive_from`),
//! which is checked with them.
//!
//! The simulator works in `f64` tokens and the pallet in integer units, so on the random sweep
//! the results agree to one unit (the pallet's rounding down) plus the `f64` rounding of the
//! amounts (10⁻¹⁴ of the largest), and the fee share to one part per billion; a yes/no
//! decision may differ only where the pallet's own margin is within that rounding. On the exact
//! grids (whole tokens, shares of 25%, 50%, 75% and 100%), where `f64` is exact, every decision
//! and amount must be equal, boundaries included: a `<` turned `<=` fails there.

use frame_support::sp_runtime::{BoundedVec, Perbill};
use pallet_security_pool::{
	AdaptiveFeeShare, PoolLedger, PoolParameters, Severity, Track, TrackAmounts, MAX_TRACKS,
};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use security_pool_solvency::{
	live::{adaptive_from, rules_from, Balance, BlockNumber},
	scenario::{Accounts, OpenByTrack, Rules},
};

/// The runtime's decimals: amounts are generated in its smallest unit.
const DECIMALS: u32 = 12;
const UNIT: Balance = 10u128.pow(DECIMALS);
/// Milliseconds per block of the generated parameters.
const BLOCK_MS: u64 = 6_000;
/// Random cases per sweep.
const CASES: usize = 50_000;

type Parameters = PoolParameters<Balance, BlockNumber>;

/// The severities by the simulator's index: `Critical` first.
const SEVERITIES: [Severity; 4] =
	[Severity::Critical, Severity::High, Severity::Medium, Severity::Low];

fn tokens(amount: Balance) -> f64 {
	amount as f64 / UNIT as f64
}

fn days(blocks: BlockNumber) -> f64 {
	f64::from(blocks) * BLOCK_MS as f64 / 86_400_000.0
}

/// The smallest-unit rounding allowed when the largest amount involved is `scale`: one unit
/// for the pallet's rounding down, one for the conversion, and the `f64` rounding of `scale`.
fn slack(scale: Balance) -> f64 {
	2.0 + scale as f64 * 1e-14
}

/// An amount in the smallest unit, log-uniform from one unit to `10^max_exponent` units.
fn amount(rng: &mut ChaCha8Rng, max_exponent: f64) -> Balance {
	10f64.powf(rng.gen_range(0.0..max_exponent)) as Balance
}

/// A share: often a round one or an end, else any number of parts.
fn perbill(rng: &mut ChaCha8Rng) -> Perbill {
	const ROUND: [u32; 6] = [1, 1_000, 250_000_000, 500_000_000, 900_000_000, 1_000_000_000];
	if rng.gen_bool(0.25) {
		Perbill::from_parts(*ROUND.choose(rng).expect("a share"))
	} else {
		Perbill::from_parts(rng.gen_range(1..=1_000_000_000))
	}
}

/// Random parameters: shares, tiers, up to `MAX_TRACKS` tracks (ascending amounts, `max_open`
/// at or above them), periods. The rest is the runtime's production-like set; the simulator
/// reads none of it.
fn parameters(rng: &mut ChaCha8Rng) -> Parameters {
	let mut p = security_pool_runtime::configs::production_parameters();
	p.max_payout = perbill(rng);
	p.max_exposure = perbill(rng);
	// Mostly, as in the runtime, more room for all open requests than for one.
	if p.max_exposure < p.max_payout && rng.gen_bool(0.75) {
		(p.max_payout, p.max_exposure) = (p.max_exposure, p.max_payout);
	}
	for tier in [&mut p.tiers.critical, &mut p.tiers.high, &mut p.tiers.medium, &mut p.tiers.low] {
		tier.share = perbill(rng);
		// From a thousandth of a token to 10⁸ tokens.
		tier.cap = 10f64.powf(rng.gen_range(9.0..20.0)) as Balance;
	}
	let count = rng.gen_range(0..=MAX_TRACKS as usize);
	let mut max_amounts: Vec<Balance> = (0..count).map(|_| amount(rng, 19.0)).collect();
	max_amounts.sort_unstable();
	max_amounts.dedup();
	let tracks: Vec<_> = max_amounts
		.into_iter()
		.map(|max_amount| Track {
			max_amount,
			max_open: if rng.gen_bool(0.3) {
				max_amount
			} else {
				max_amount.saturating_add(amount(rng, 20.0))
			},
			voting_period: rng.gen_range(1..1_000_000),
			timelock: rng.gen_range(1..1_000_000),
			min_support: Perbill::from_percent(10),
			approval: Perbill::from_percent(50),
		})
		.collect();
	p.tracks = BoundedVec::try_from(tracks).expect("at most MAX_TRACKS");
	p.voting_period = rng.gen_range(1..1_000_000);
	p.timelock = rng.gen_range(1..1_000_000);
	p
}

/// The pool's accounts in the smallest unit.
#[derive(Clone, Copy, Debug)]
struct State {
	balance: Balance,
	existential_deposit: Balance,
	committed: Balance,
	voting: Balance,
}

impl State {
	fn ledger(&self) -> PoolLedger<Balance> {
		PoolLedger { voting: self.voting, committed: self.committed, ..Default::default() }
	}

	/// The simulator's view, in tokens.
	fn accounts(&self) -> Accounts {
		Accounts {
			balance: tokens(self.balance),
			existential_deposit: tokens(self.existential_deposit),
			committed: tokens(self.committed),
			exposure: tokens(self.ledger().exposure()),
		}
	}

	/// What new requests are capped against, as the pallet's `available`.
	fn available(&self) -> Balance {
		self.balance
			.saturating_sub(self.existential_deposit)
			.saturating_sub(self.committed)
	}
}

/// The pallet's cap on a new request of `severity`: `max_payout` of `available`, and the tier's
/// limit for a disclosure.
fn pallet_limit(p: &Parameters, state: &State, severity: Option<Severity>) -> Balance {
	let available = state.available();
	let limit = p.max_payout.mul_floor(available);
	match severity {
		Some(severity) => limit.min(p.tiers.of(severity).limit(available)),
		None => limit,
	}
}

/// The pallet's check of a new request for `amount` (`check_amount`) once it is within
/// `pallet_limit`, as margins that must all be ≥ 0: the amount over the existential deposit
/// (`AmountBelowMinimum`), the room left under `max_exposure` (`ExceedsMaxExposure`).
fn pallet_margins(p: &Parameters, state: &State, amount: Balance) -> [i128; 2] {
	let room = p.max_exposure.mul_floor(state.balance) as i128;
	let exposure = state.ledger().exposure().saturating_add(amount) as i128;
	[amount as i128 - state.existential_deposit as i128, room - exposure]
}

/// What the pallet lets a request for `loss` ask for: the loss capped, if the pool takes it.
fn pallet_request(
	p: &Parameters,
	state: &State,
	loss: Balance,
	severity: Option<Severity>,
) -> Option<Balance> {
	let amount = loss.min(pallet_limit(p, state, severity));
	let taken = amount > 0 && pallet_margins(p, state, amount).iter().all(|margin| *margin >= 0);
	taken.then_some(amount)
}

/// How a case came out: the request taken in full, taken capped, refused, or on a knife edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
	Taken,
	Capped,
	Refused,
	Edge,
}

/// Compares the simulator's request for `loss` with the pallet's; `exact` on the exact grids.
fn check_request(
	p: &Parameters,
	rules: &Rules,
	state: &State,
	loss: Balance,
	severity: Option<usize>,
	exact: bool,
) -> Outcome {
	let pallet = pallet_request(p, state, loss, severity.map(|i| SEVERITIES[i]));
	let simulator = rules.request_for(tokens(loss), severity, &state.accounts());
	let slack = if exact { 0.0 } else { slack(state.balance.max(state.ledger().exposure())) };
	let case = || {
		format!(
			"loss {loss}, severity {severity:?}, {state:?}, pallet {pallet:?}, simulator \
			 {simulator:?} tokens, limit {}, parameters {p:?}",
			pallet_limit(p, state, severity.map(|i| SEVERITIES[i]))
		)
	};
	match (pallet, simulator) {
		(Some(pallet), Some(simulator)) => {
			let off = (simulator * UNIT as f64 - pallet as f64).abs();
			assert!(off <= slack, "the request's amount drifted by {off} units: {}", case());
			if pallet < loss {
				Outcome::Capped
			} else {
				Outcome::Taken
			}
		},
		(None, None) => Outcome::Refused,
		_ => {
			// Only on the pallet's own knife edge: a margin within the rounding.
			let amount = loss.min(pallet_limit(p, state, severity.map(|i| SEVERITIES[i])));
			let edge = pallet_margins(p, state, amount).iter().any(|m| (*m as f64).abs() <= slack)
				|| (amount as f64) <= slack;
			assert!(
				!exact && edge,
				"the simulator and the pallet disagree on the refusal: {}",
				case()
			);
			Outcome::Edge
		},
	}
}

/// How many cases came out each way.
fn tally(
	outcomes: impl IntoIterator<Item = Outcome>,
) -> std::collections::BTreeMap<Outcome, usize> {
	let mut counts = std::collections::BTreeMap::new();
	for outcome in outcomes {
		*counts.entry(outcome).or_insert(0) += 1;
	}
	counts
}

#[test]
fn request_caps_and_refusals_follow_the_pallet_on_a_random_sweep() {
	let mut rng = ChaCha8Rng::seed_from_u64(1);
	let mut outcomes = Vec::with_capacity(CASES);
	for case in 0..CASES {
		// New parameters, pool accounts, severity and loss every case.
		let p = parameters(&mut rng);
		let rules = rules_from(&p, DECIMALS, BLOCK_MS);
		// From a thousandth of a token (the runtime's existential deposit) to 10⁹ tokens.
		let balance = 10f64.powf(rng.gen_range(9.0..21.0)) as Balance;
		// The runtime's, one unit, or any up to a token.
		let existential_deposit =
			*[1, UNIT / 1000, UNIT / 1000, amount(&mut rng, 12.0)].choose(&mut rng).unwrap();
		// Committed and under vote: mostly a small part of the balance, now and then all of it.
		let share = |rng: &mut ChaCha8Rng, of: Balance| match rng.gen_range(0..8) {
			0 | 1 => 0,
			2 => of,
			_ => (of as f64 * rng.gen::<f64>().powi(3)) as Balance,
		};
		let committed = share(&mut rng, balance);
		let voting = share(&mut rng, balance);
		let state = State { balance, existential_deposit, committed, voting };
		let severity =
			[None, Some(0), Some(1), Some(2), Some(3)].choose(&mut rng).copied().flatten();
		let limit = pallet_limit(&p, &state, severity.map(|i| SEVERITIES[i]));
		let room = p.max_exposure.mul_floor(balance).saturating_sub(state.ledger().exposure());
		// Any loss; one around the cap; the cap and the exposure room ± a unit; the existential
		// deposit ± a unit.
		let around = limit.max(existential_deposit) as f64 * 10f64.powf(rng.gen_range(-2.0..2.0));
		let loss = match case % 5 {
			0 => amount(&mut rng, 22.0),
			1 => around as Balance,
			2 => limit.saturating_add(rng.gen_range(0..3)).saturating_sub(1),
			3 => room.saturating_add(rng.gen_range(0..3)).saturating_sub(1),
			_ => existential_deposit.saturating_add(rng.gen_range(0..3)).saturating_sub(1),
		};
		outcomes.push(check_request(&p, &rules, &state, loss, severity, false));
	}
	// The sweep covers every outcome, knife edges rarely.
	let counts = tally(outcomes);
	eprintln!("request sweep: {counts:?}");
	for outcome in [Outcome::Taken, Outcome::Capped, Outcome::Refused] {
		assert!(counts.get(&outcome).copied().unwrap_or(0) > CASES / 20, "{counts:?}");
	}
	assert!(counts.get(&Outcome::Edge).copied().unwrap_or(0) < CASES / 100, "{counts:?}");
}

/// Whole-token parameters with shares `payout`, `exposure` and every tier at `tier_share` capped
/// at `cap` tokens (Low's cap halved, so tiers differ), in percent.
fn round_parameters(payout: u32, exposure: u32, tier_share: u32, cap: Balance) -> Parameters {
	let mut p = security_pool_runtime::configs::production_parameters();
	p.max_payout = Perbill::from_percent(payout);
	p.max_exposure = Perbill::from_percent(exposure);
	for (tier, cap) in [
		(&mut p.tiers.critical, 4 * cap),
		(&mut p.tiers.high, 2 * cap),
		(&mut p.tiers.medium, cap),
		(&mut p.tiers.low, cap / 2),
	] {
		tier.share = Perbill::from_percent(tier_share);
		tier.cap = cap * UNIT;
	}
	p
}

#[test]
fn request_caps_and_refusals_follow_the_pallet_exactly_at_their_boundaries() {
	let mut outcomes = Vec::new();
	// Dyadic shares only: 90% of a balance is not exact in `f64`.
	for (payout, exposure, tier_share) in
		[(50, 75, 25), (25, 50, 50), (100, 100, 100), (50, 50, 75), (75, 100, 25)]
	{
		for cap in [2, 40, 1_000] {
			let p = round_parameters(payout, exposure, tier_share, cap);
			let rules = rules_from(&p, DECIMALS, BLOCK_MS);
			for balance in [1u128, 2, 3, 64, 101, 1_000, 4_096] {
				for committed in [0, 1, balance / 2, balance.saturating_sub(1), balance] {
					for voting in [0, 1, balance / 4, balance / 2] {
						let state = State {
							balance: balance * UNIT,
							existential_deposit: UNIT,
							committed: committed * UNIT,
							voting: voting * UNIT,
						};
						for severity in [None, Some(0), Some(1), Some(2), Some(3)] {
							let limit = pallet_limit(&p, &state, severity.map(|i| SEVERITIES[i]));
							let room = p
								.max_exposure
								.mul_floor(state.balance)
								.saturating_sub(state.ledger().exposure());
							for edge in [limit, room, UNIT, 0] {
								for loss in
									[edge.saturating_sub(UNIT), edge, edge + UNIT, edge + UNIT / 2]
								{
									outcomes.push(check_request(
										&p, &rules, &state, loss, severity, true,
									));
								}
							}
						}
					}
				}
			}
		}
	}
	assert!(outcomes.len() > 10_000, "{} cases", outcomes.len());
	let counts = tally(outcomes);
	for outcome in [Outcome::Taken, Outcome::Capped, Outcome::Refused] {
		assert!(counts.get(&outcome).copied().unwrap_or(0) > 1_000, "{counts:?}");
	}
}

/// Compares the simulator's track for `amount` with the pallet's while the tracks hold `open`;
/// `exact` on the exact grid. Returns the track both chose, `None` on a knife edge.
fn check_track(
	p: &Parameters,
	rules: &Rules,
	amount: Balance,
	open: &TrackAmounts<Balance>,
	exact: bool,
) -> Option<Option<u8>> {
	let (index, track) = p.track_for(amount, open);
	let open_tokens: OpenByTrack = open.map(tokens);
	let (simulator, delay) = rules.delay_for(tokens(amount), &open_tokens);
	let case = || {
		format!(
			"amount {amount}, open {open:?}: pallet track {index:?}, simulator {simulator:?}; \
			 tracks {:?}",
			p.tracks
		)
	};
	let pallet = index.map(usize::from);
	if pallet != simulator {
		assert!(!exact, "the simulator and the pallet choose different tracks: {}", case());
		// Only on the pallet's own knife edges: each track on which the two disagree (the
		// pallet's and the simulator's choice with that track alone) has the amount within the
		// rounding of its `max_amount` or of its room under `max_open`.
		for (i, track) in p.tracks.iter().enumerate() {
			let mut alone = p.clone();
			alone.tracks = BoundedVec::try_from(vec![*track]).expect("one track");
			let mut open_alone = [0; MAX_TRACKS as usize];
			open_alone[0] = open[i];
			let pallet_takes = alone.track_for(amount, &open_alone).0.is_some();
			let rules_alone = rules_from(&alone, DECIMALS, BLOCK_MS);
			let simulator_takes =
				rules_alone.delay_for(tokens(amount), &open_alone.map(tokens)).0.is_some();
			if pallet_takes != simulator_takes {
				let slack = slack(open[i].max(track.max_open).max(amount));
				let margins = [
					track.max_amount as f64 - amount as f64,
					track.max_open as f64 - open[i] as f64 - amount as f64,
				];
				assert!(
					margins.iter().any(|margin| margin.abs() <= slack),
					"the simulator and the pallet choose different tracks (track {i} off its \
					 edges by {margins:?} units): {}",
					case()
				);
			}
		}
		return None;
	}
	let general = p.general_track();
	let expected = if index.is_none() {
		assert_eq!((general.voting_period, general.timelock), (p.voting_period, p.timelock));
		general
	} else {
		track
	};
	let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b;
	assert!(
		close(delay.voting_days, days(expected.voting_period))
			&& close(delay.timelock_days, days(expected.timelock)),
		"the delay drifted: simulator {delay:?}, pallet {} + {} blocks: {}",
		expected.voting_period,
		expected.timelock,
		case()
	);
	Some(index)
}

/// How many cases chose each track (`None`: the general one; `Some(None)`: knife edges).
fn tracks_chosen(
	choices: impl IntoIterator<Item = Option<Option<u8>>>,
) -> std::collections::BTreeMap<Option<Option<u8>>, usize> {
	let mut counts = std::collections::BTreeMap::new();
	for choice in choices {
		*counts.entry(choice).or_insert(0) += 1;
	}
	counts
}

#[test]
fn tracks_follow_the_pallet_on_a_random_sweep() {
	let mut rng = ChaCha8Rng::seed_from_u64(2);
	let mut choices = Vec::with_capacity(CASES);
	for _ in 0..CASES {
		let p = parameters(&mut rng);
		let rules = rules_from(&p, DECIMALS, BLOCK_MS);
		let mut open: TrackAmounts<Balance> = [0; MAX_TRACKS as usize];
		for (index, track) in p.tracks.iter().enumerate() {
			open[index] = match rng.gen_range(0..4) {
				0 => 0,
				1 => track.max_open,
				_ => (track.max_open as f64 * rng.gen::<f64>()) as Balance,
			};
		}
		// Any amount, or a track's boundaries ± a unit: its max_amount, its room under max_open.
		let amount = match (rng.gen_range(0..3), p.tracks.choose(&mut rng)) {
			(1, Some(track)) => track.max_amount,
			(2, Some(track)) => {
				let index = p.tracks.iter().position(|t| t == track).expect("a track");
				track.max_open.saturating_sub(open[index])
			},
			_ => amount(&mut rng, 20.0),
		};
		let amount = amount.saturating_add(rng.gen_range(0..3)).saturating_sub(1);
		choices.push(check_track(&p, &rules, amount, &open, false));
	}
	// Every track is chosen, and the general one; knife edges (amounts a unit off a boundary
	// beyond 2⁵³ units, which `f64` does not tell apart) now and then.
	let counts = tracks_chosen(choices);
	eprintln!("track sweep: {counts:?}");
	for choice in [None, Some(0), Some(1), Some(2), Some(3)] {
		assert!(counts.get(&Some(choice)).copied().unwrap_or(0) > CASES / 100, "{counts:?}");
	}
	assert!(counts.get(&None).copied().unwrap_or(0) < CASES / 20, "{counts:?}");
}

#[test]
fn tracks_follow_the_pallet_exactly_at_their_boundaries() {
	// Tracks up to 10, 100 and 1,000 tokens with room for 10, 150 and 1,000 (the last one no
	// more than its amount); amounts and open amounts at the boundaries, in whole tokens.
	let mut p = security_pool_runtime::configs::production_parameters();
	let track = |max_amount: Balance, max_open: Balance, period: BlockNumber| Track {
		max_amount: max_amount * UNIT,
		max_open: max_open * UNIT,
		voting_period: period,
		timelock: period / 2,
		min_support: Perbill::from_percent(10),
		approval: Perbill::from_percent(50),
	};
	let tracks = [track(10, 10, 100), track(100, 150, 200), track(1_000, 1_000, 400)];
	let mut choices = Vec::new();
	for count in 0..=tracks.len() {
		p.tracks = BoundedVec::try_from(tracks[..count].to_vec()).expect("three tracks");
		let rules = rules_from(&p, DECIMALS, BLOCK_MS);
		let edges = [0, 1, 9, 10, 11, 50, 99, 100, 101, 140, 149, 150, 151, 999, 1_000, 1_001];
		for amount in edges {
			for open in edges.iter().flat_map(|a| edges.iter().map(move |b| [*a, *b, 0, 0])) {
				for third in [0, 1, 1_000 - amount.min(1_000)] {
					let open = [open[0], open[1], third, 0].map(|tokens| tokens * UNIT);
					choices.push(check_track(&p, &rules, amount * UNIT, &open, true));
				}
			}
		}
	}
	assert!(choices.len() > 10_000, "{} cases", choices.len());
	let counts = tracks_chosen(choices);
	for choice in [None, Some(0), Some(1), Some(2)] {
		assert!(counts.get(&Some(choice)).copied().unwrap_or(0) > 1_000, "{counts:?}");
	}
}

/// Compares the simulator's adaptive share at `reserve` with the pallet's.
fn check_share(adaptive: &AdaptiveFeeShare<Balance>, reserve: Balance) {
	let pallet = adaptive.share_at(reserve).deconstruct();
	let simulator = adaptive_from(adaptive, DECIMALS).share_at(tokens(reserve));
	let off = (simulator - f64::from(pallet) / 1e9).abs();
	assert!(
		off <= 1e-9 + 1e-15,
		"the adaptive share drifted by {off}: simulator {simulator}, pallet {pallet} parts at \
		 reserve {reserve} of {adaptive:?}"
	);
}

#[test]
fn the_adaptive_fee_share_follows_the_pallet() {
	let mut rng = ChaCha8Rng::seed_from_u64(3);
	for _ in 0..CASES {
		let (a, b) = (perbill(&mut rng), perbill(&mut rng));
		let adaptive = AdaptiveFeeShare {
			floor: a.min(b),
			ceiling: a.max(b),
			target_reserve: amount(&mut rng, 22.0).max(1),
		};
		assert_eq!(adaptive.validate(), Ok(()));
		let target = adaptive.target_reserve;
		let reserve = match rng.gen_range(0..6) {
			0 => 0,
			1 => target,
			2 => target - 1,
			3 => target.saturating_add(1),
			4 => (target as f64 * rng.gen::<f64>()) as Balance,
			_ => amount(&mut rng, 23.0),
		};
		check_share(&adaptive, reserve);
	}
	// The ends: an empty pool pays the ceiling, a full one the floor, a flat share is flat.
	let adaptive = AdaptiveFeeShare {
		floor: Perbill::from_percent(10),
		ceiling: Perbill::from_percent(40),
		target_reserve: 150_000 * UNIT,
	};
	for reserve in [0, 1, 75_000 * UNIT, 150_000 * UNIT - 1, 150_000 * UNIT, Balance::MAX] {
		check_share(&adaptive, reserve);
	}
	let flat = AdaptiveFeeShare { ceiling: adaptive.floor, ..adaptive };
	check_share(&flat, 75_000 * UNIT);
}

#[test]
fn the_tiers_are_read_by_severity() {
	// The simulator's severity index follows the pallet's `Severity`, Critical to Low.
	let mut rng = ChaCha8Rng::seed_from_u64(4);
	let p = parameters(&mut rng);
	let rules = rules_from(&p, DECIMALS, BLOCK_MS);
	let tiers = rules.tiers.expect("tiers").to_array();
	for (index, severity) in SEVERITIES.into_iter().enumerate() {
		let tier = p.tiers.of(severity);
		assert_eq!(tiers[index].share, f64::from(tier.share.deconstruct()) / 1e9, "{severity:?}");
		assert_eq!(tiers[index].cap, tokens(tier.cap), "{severity:?}");
	}
}
