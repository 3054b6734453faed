//! The simulator's rules against the pallet's calls themselves, dispatched in the runtime: on
//! the `development` genesis, for pool accounts, open amounts by track and losses at the rules'
//! boundaries (whole tokens, where the simulator's `f64` is exact), the amount the simulator
//! asks (`Rules::request_for`) is the largest `submit_claim` / `submit_disclosure` accepts, the
//! losses it refuses are refused with one of the amount's errors, and the request takes the
//! track and voting period the simulator gives it (`Rules::delay_for`); the pallet's own account
//! of the limits (`limits()`, the runtime API's) and of the track (`track_for`) agree with the
//! simulator's too. `drift.rs` compares the
//! same rules with the pallet's pure functions on many more inputs; this ties those functions'
//! combination to what the calls do.

use frame_support::{
	genesis_builder_helper::get_preset,
	sp_runtime::{
		testing::H256, BoundedVec, BuildStorage, DispatchError, Perbill, TransactionOutcome,
	},
	storage::with_transaction,
	traits::fungible::{Inspect, Mutate},
};
use pallet_security_pool::{
	Error, Ledger, NextRequestId, OpenByTrack, Parameters, PoolLedger, PoolParameters,
	RequestStatus, Requests, Severity, Track, TrackAmounts, MAX_TRACKS,
};
use security_pool_runtime::{
	genesis_config_presets, AccountId, Aura, Balances, Runtime, RuntimeGenesisConfig,
	RuntimeOrigin, SecurityPool, System,
};
use security_pool_solvency::{
	live::{rules_from, Balance, BlockNumber},
	scenario::{Accounts, OpenByTrack as OpenTokens, Rules},
};
use serde_json::Value;
use sp_io::TestExternalities;

/// The simulator counts in thousandths of a token here: the existential deposit (0.001 token)
/// is one, and every amount of the grid is a whole number or a fraction exact in `f64`.
const DECIMALS: u32 = security_pool_runtime::TOKEN_DECIMALS - 3;
const TOKEN: Balance = security_pool_runtime::UNIT;
const MILLI: Balance = TOKEN / 1_000;

/// The severities by the simulator's index: `Critical` first.
const SEVERITIES: [Severity; 4] =
	[Severity::Critical, Severity::High, Severity::Medium, Severity::Low];

/// The simulator's amount: thousandths of a token.
fn tokens(amount: Balance) -> f64 {
	amount as f64 / MILLI as f64
}

/// The smallest-unit amount of the simulator's `amount`, which the grid keeps exact.
fn tokens_exact(amount: f64) -> Balance {
	let units = (amount * MILLI as f64) as Balance;
	assert_eq!(tokens(units), amount, "{amount} is not a whole number of units");
	units
}

/// Merges the JSON `patch` into `base`, as the node merges a preset into the default genesis.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The `development` genesis, built as the node builds it, and an account it endows.
fn development() -> (TestExternalities, AccountId) {
	let json = |id: Option<&str>| -> Value {
		let bytes = get_preset::<RuntimeGenesisConfig>(
			&id.map(String::from),
			genesis_config_presets::get_preset,
		)
		.expect("a preset");
		serde_json::from_slice(&bytes).expect("JSON")
	};
	let mut genesis = json(None);
	merge(&mut genesis, json(Some("development")));
	let (who, _): (AccountId, Balance) =
		serde_json::from_value(genesis["balances"]["balances"][0].clone()).expect("an account");
	let config: RuntimeGenesisConfig = serde_json::from_value(genesis).expect("a genesis config");
	let mut ext = TestExternalities::new(config.build_storage().expect("genesis storage"));
	ext.execute_with(|| System::set_block_number(1));
	(ext, who)
}

/// Parameters with round shares (in percent) and tracks up to 10, 100 and 1,000 tokens with room
/// for 10, 150 and 1,000; the rest (periods, deposits) the development preset's.
fn round_parameters(
	payout: u32,
	exposure: u32,
	tier_share: u32,
) -> PoolParameters<Balance, BlockNumber> {
	let mut p = genesis_config_presets::development_parameters();
	p.max_payout = Perbill::from_percent(payout);
	p.max_exposure = Perbill::from_percent(exposure);
	for (tier, cap) in [
		(&mut p.tiers.critical, 400),
		(&mut p.tiers.high, 200),
		(&mut p.tiers.medium, 100),
		(&mut p.tiers.low, 50),
	] {
		tier.share = Perbill::from_percent(tier_share);
		tier.cap = cap * TOKEN;
	}
	let general = p.general_track();
	let track = |max_amount: Balance, max_open: Balance, voting_period: BlockNumber| Track {
		max_amount: max_amount * TOKEN,
		max_open: max_open * TOKEN,
		voting_period,
		timelock: general.timelock,
		min_support: general.min_support,
		approval: general.approval,
	};
	let tracks = vec![track(10, 10, 6), track(100, 150, 7), track(1_000, 1_000, 8)];
	p.tracks = BoundedVec::try_from(tracks).expect("three tracks");
	p
}

/// Files a request for `amount` (a disclosure of `severity`, or a claim) from `who`, then rolls
/// it back; returns its track and voting period, or why it was refused.
fn file(
	who: &AccountId,
	amount: Balance,
	severity: Option<usize>,
) -> Result<(Option<u8>, BlockNumber), DispatchError> {
	with_transaction(|| {
		let origin = RuntimeOrigin::signed(who.clone());
		let id = NextRequestId::<Runtime>::get();
		let filed = match severity {
			None => SecurityPool::submit_claim(origin, amount, who.clone(), Vec::new()),
			Some(index) => SecurityPool::submit_disclosure(
				origin,
				H256::repeat_byte(7),
				SEVERITIES[index],
				amount,
				who.clone(),
				None,
			),
		};
		let result = filed.map(|()| {
			let request = Requests::<Runtime>::get(id).expect("the request filed");
			let RequestStatus::Voting { ends_at, .. } = request.status else {
				panic!("a new request votes");
			};
			(request.terms.track, ends_at - System::block_number())
		});
		TransactionOutcome::Rollback(result)
	})
}

/// The errors of an amount the pool does not take.
fn amount_errors() -> [DispatchError; 5] {
	[
		Error::<Runtime>::ZeroAmount.into(),
		Error::<Runtime>::AmountBelowMinimum.into(),
		Error::<Runtime>::ExceedsMaxPayout.into(),
		Error::<Runtime>::ExceedsSeverityCap.into(),
		Error::<Runtime>::ExceedsMaxExposure.into(),
	]
}

/// Checks one loss of `severity` against the calls in the current state (`accounts`, `open`).
fn check(
	rules: &Rules,
	who: &AccountId,
	accounts: &Accounts,
	open: &TrackAmounts<Balance>,
	loss: Balance,
	severity: Option<usize>,
) {
	let case = || format!("loss {loss}, severity {severity:?}, {accounts:?}, open {open:?}");
	let open_tokens: OpenTokens = open.map(tokens);
	match rules.request_for(tokens(loss), severity, accounts) {
		Some(asked) => {
			let amount = tokens_exact(asked);
			let (track, voting) = file(who, amount, severity).unwrap_or_else(|e| {
				panic!("the pallet refuses the simulator's {amount}: {e:?}, {}", case())
			});
			let (expected, delay) = rules.delay_for(asked, &open_tokens);
			assert_eq!(track.map(usize::from), expected, "the track: {}", case());
			let choice = SecurityPool::track_for(amount);
			assert_eq!(choice.index, track, "the pallet's track_for: {}", case());
			let days = f64::from(voting) * Aura::slot_duration() as f64 / 86_400_000.0;
			assert!((days - delay.voting_days).abs() < 1e-15, "the voting period: {}", case());
			if amount < loss {
				// Capped: one unit more is refused.
				let more = file(who, amount + 1, severity).expect_err(&case());
				assert!(amount_errors().contains(&more), "{more:?}: {}", case());
			}
		},
		None => {
			let limit = rules.limit(severity, accounts);
			let amount = loss.min(tokens_exact(limit));
			let refused = file(who, amount, severity)
				.expect_err(&format!("the simulator refuses {amount}: {}", case()));
			assert!(amount_errors().contains(&refused), "{refused:?}: {}", case());
		},
	}
}

#[test]
fn the_calls_take_what_the_simulator_asks_on_the_track_it_gives() {
	let (mut ext, who) = development();
	ext.execute_with(|| {
		let pool = SecurityPool::account_id();
		assert_ne!(who, pool);
		Balances::set_balance(&who, 1_000_000_000 * TOKEN);
		let existential = Balances::minimum_balance();
		assert_eq!(tokens(existential), 1.0, "the existential deposit is a thousandth of a token");
		let mut cases = 0;
		for (payout, exposure, tier_share) in [(50, 75, 25), (100, 100, 50), (25, 50, 100)] {
			let p = round_parameters(payout, exposure, tier_share);
			Parameters::<Runtime>::put(&p);
			let rules = rules_from(&p, DECIMALS, Aura::slot_duration());
			// Balances in thousandths of a token: 2, 101, 1,000 and 4,096 tokens.
			for balance in [2_000, 101_000, 1_000_000, 4_096_000] {
				for (committed, voting) in
					[(0, 0), (balance / 2, 0), (0, balance / 4), (balance / 4, balance / 4)]
				{
					let ledger = PoolLedger {
						voting: voting * MILLI,
						committed: committed * MILLI,
						..Default::default()
					};
					Ledger::<Runtime>::put(ledger);
					Balances::set_balance(&pool, balance * MILLI);
					let accounts = Accounts {
						balance: tokens(balance * MILLI),
						existential_deposit: tokens(existential),
						committed: tokens(ledger.committed),
						exposure: tokens(ledger.exposure()),
					};
					// Open amounts by track, in tokens.
					for open in [[0, 0, 0], [1, 140, 0], [10, 150, 1_000], [0, 50, 999]] {
						let mut by_track: TrackAmounts<Balance> = [0; MAX_TRACKS as usize];
						for (index, amount) in open.into_iter().enumerate() {
							by_track[index] = amount * TOKEN;
						}
						OpenByTrack::<Runtime>::put(by_track);
						// The pallet's limits on a new request are the simulator's caps.
						let limits = SecurityPool::limits();
						let room = rules.exposure_room(&accounts);
						let cap =
							|severity| tokens_exact(rules.limit(severity, &accounts).min(room));
						assert_eq!(limits.minimum, existential);
						assert_eq!(limits.exposure_room, tokens_exact(room), "{accounts:?}");
						assert_eq!(limits.claim, cap(None), "{accounts:?}");
						for (index, limit) in limits.disclosure.into_iter().enumerate() {
							assert_eq!(limit, cap(Some(index)), "{accounts:?}, severity {index}");
						}
						for severity in [None, Some(0), Some(1), Some(2), Some(3)] {
							let limit = rules.limit(severity, &accounts);
							let limit = tokens_exact(limit);
							for loss in [1, 10, 11, 100, 101, 1_000, 1_001, 5_000]
								.map(|tokens| tokens * TOKEN)
								.into_iter()
								.chain([limit, limit + 1, existential - 1, existential])
							{
								check(&rules, &who, &accounts, &by_track, loss, severity);
								cases += 1;
							}
						}
					}
				}
			}
		}
		assert!(cases > 1_000, "{cases} cases");
	});
}
