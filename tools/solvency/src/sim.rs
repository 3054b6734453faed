//! The engine: Monte Carlo paths of the reserve in continuous time.
//!
//! Incidents arrive as a Poisson process (exponential gaps); each is filed as a request at
//! once, capped by the pool's rules, decided after its track's voting period (passing with the
//! scenario's approval probability) and paid after the timelock. A request takes the first track
//! that covers its amount and has room for it under the track's `max_open`, and counts there
//! until it is rejected or paid in full. Between events the fee inflow accrues exactly, the
//! adaptive share included (a linear ODE below the target reserve). A payout the pool cannot
//! make in full leaves the rest owed; owed amounts are paid first-in first-out from later
//! inflow. The path is ruined when, after a payout, the net reserve (balance −
//! existential deposit − owed) is below the scenario's ruin level: with the level at 0, when a
//! payout cannot be made in full, or in the classical model when the surplus goes negative. The
//! net reserve is recorded at the end of each day.
//!
//! Each path draws from its own ChaCha8 stream (`seed`, path index), the same number of draws
//! per incident whatever the pool's state, so results do not depend on the threads' scheduling
//! and runs with different fee shares see the same incidents (common random numbers).

use crate::scenario::{Accounts, AdaptiveShare, Loss, OpenByTrack, Scenario, MAX_TRACKS};
use anyhow::Result;
use indicatif::ProgressBar;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, LogNormal, Pareto};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::VecDeque;

/// The fee share a run applies.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Share {
	/// The same share of every fee.
	Fixed(f64),
	/// The pallet's adaptive share, following the pool's balance.
	Adaptive(AdaptiveShare),
}

impl Share {
	/// The share in force in `scenario`: the adaptive one if set, else the fixed one.
	pub fn of(scenario: &Scenario) -> Self {
		scenario
			.fee_share
			.adaptive
			.map_or(Share::Fixed(scenario.fee_share.fixed), Share::Adaptive)
	}

	/// The share of a fee paid while the pool holds `balance`.
	pub fn at(&self, balance: f64) -> f64 {
		match self {
			Share::Fixed(share) => *share,
			Share::Adaptive(adaptive) => adaptive.share_at(balance),
		}
	}
}

/// What happened on one path.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PathOutcome {
	/// When the net reserve first fell below the ruin level (days), if ever: with the level at
	/// 0, when a due payout first could not be paid in full.
	pub ruined_at: Option<f64>,
	/// The most the net reserve fell below the ruin level: with the level at 0, the most owed.
	pub deficit: f64,
	/// The net reserve at the horizon.
	pub final_reserve: f64,
	/// Incidents that happened.
	pub incidents: u32,
	/// Their losses.
	pub losses: f64,
	/// What the pool paid (owed amounts when settled).
	pub paid: f64,
	/// What the caps (`max_payout`, tiers) cut from the losses.
	pub capped: f64,
	/// Losses not filed: refused by the exposure cap, or nothing available.
	pub refused: f64,
	/// Amounts asked and rejected by the referendum.
	pub rejected: f64,
	/// Fees paid to the pool.
	pub fees: f64,
}

/// Which stage a request is in, and what happens when it is due.
#[derive(Clone, Copy, Debug)]
enum Stage {
	/// Its referendum ends when due; then, if it passes, the timelock runs.
	Voting { passes: bool, timelock: f64 },
	/// Its timelock ends when due: it is paid.
	Timelock,
}

/// A request between filing and payment.
#[derive(Clone, Copy, Debug)]
struct Pending {
	due: f64,
	amount: f64,
	/// Its track's index; `None` for the general track.
	track: Option<usize>,
	stage: Stage,
}

/// A request due and not yet paid in full.
#[derive(Clone, Copy, Debug)]
struct Owed {
	/// What is left to pay.
	remaining: f64,
	/// What it asked for: its track counts it until it is paid in full.
	amount: f64,
	track: Option<usize>,
}

/// The pool on one path: its balance, commitments, open requests and owed queue. It is reset
/// and reused from path to path, so the hot loop allocates nothing once its queues have grown.
pub struct Pool<'a> {
	scenario: &'a Scenario,
	share: Share,
	fees_per_day: f64,
	now: f64,
	balance: f64,
	/// Approved and not fully paid, owed included.
	committed: f64,
	/// What open requests ask for: under vote plus committed.
	exposure: f64,
	/// What the open requests of each track ask for together.
	open_by_track: OpenByTrack,
	/// How many requests each track has open: at none, its amount is exactly 0 again.
	open_requests: [u32; MAX_TRACKS],
	/// Owed requests, in approval order.
	owed: VecDeque<Owed>,
	owed_total: f64,
	/// Requests waiting for the end of their referendum or timelock, in filing order.
	pending: Vec<Pending>,
	outcome: PathOutcome,
}

impl<'a> Pool<'a> {
	/// The pool at the start of `scenario`, its fees taken at `share`.
	pub fn new(scenario: &'a Scenario, share: Share) -> Self {
		let mut pool = Pool {
			scenario,
			share,
			fees_per_day: scenario.inflow.fees_per_day(),
			now: 0.0,
			balance: 0.0,
			committed: 0.0,
			exposure: 0.0,
			open_by_track: [0.0; MAX_TRACKS],
			open_requests: [0; MAX_TRACKS],
			owed: VecDeque::new(),
			owed_total: 0.0,
			pending: Vec::new(),
			outcome: PathOutcome::default(),
		};
		pool.reset();
		pool
	}

	/// Back to the start: the scenario's reserve; its owed amount queued, the rest of its
	/// committed amount due now (on no track).
	pub fn reset(&mut self) {
		let start = &self.scenario.pool;
		self.now = 0.0;
		self.balance = start.reserve;
		self.committed = start.committed;
		self.exposure = start.committed;
		self.open_by_track = [0.0; MAX_TRACKS];
		self.open_requests = [0; MAX_TRACKS];
		self.owed.clear();
		self.owed_total = 0.0;
		self.pending.clear();
		self.outcome = PathOutcome::default();
		if start.owed > 0.0 {
			let owed = Owed { remaining: start.owed, amount: start.owed, track: None };
			self.owed.push_back(owed);
			self.owed_total = start.owed;
		}
		if start.committed > start.owed {
			let amount = start.committed - start.owed;
			self.pending
				.push(Pending { due: 0.0, amount, track: None, stage: Stage::Timelock });
		}
		self.check_ruin();
	}

	/// What the pool holds above its existential deposit, less what it owes.
	pub fn net_reserve(&self) -> f64 {
		self.balance - self.scenario.pool.existential_deposit - self.owed_total
	}

	/// The owed amounts, first to be paid first.
	pub fn owed(&self) -> impl Iterator<Item = f64> + '_ {
		self.owed.iter().map(|owed| owed.remaining)
	}

	/// What the open requests of each track ask for together.
	pub fn open_by_track(&self) -> OpenByTrack {
		self.open_by_track
	}

	/// The pool's accounts a new request is checked against.
	pub fn accounts(&self) -> Accounts {
		Accounts {
			balance: self.balance,
			existential_deposit: self.scenario.pool.existential_deposit,
			committed: self.committed,
			exposure: self.exposure,
		}
	}

	/// The path's outcome so far.
	pub fn outcome(&self) -> PathOutcome {
		PathOutcome { final_reserve: self.net_reserve(), ..self.outcome }
	}

	/// Files a request for an incident's `loss` now: a claim, or a disclosure of `severity` (an
	/// index from `Critical` to `Low`), whose referendum `passes` or not. Capped by `max_payout`
	/// and the tier; refused if nothing is available, the amount is below the existential
	/// deposit or the exposure cap would be exceeded ([`crate::scenario::Rules::request_for`]).
	/// It takes its track ([`crate::scenario::Rules::delay_for`]) and counts there.
	pub fn file(&mut self, loss: f64, severity: Option<usize>, passes: bool) {
		self.outcome.incidents += 1;
		self.outcome.losses += loss;
		let (amount, track, delay) = match &self.scenario.rules {
			None => (loss, None, Default::default()),
			Some(rules) => match rules.request_for(loss, severity, &self.accounts()) {
				Some(amount) => {
					let (track, delay) = rules.delay_for(amount, &self.open_by_track);
					(amount, track, delay)
				},
				None => {
					self.outcome.refused += loss;
					return;
				},
			},
		};
		self.outcome.capped += loss - amount;
		self.exposure += amount;
		if let Some(track) = track {
			self.open_by_track[track] += amount;
			self.open_requests[track] += 1;
		}
		self.pending.push(Pending {
			due: self.now + delay.voting_days,
			amount,
			track,
			stage: Stage::Voting { passes, timelock: delay.timelock_days },
		});
	}

	/// Takes a request for `amount` that was rejected or paid in full off its `track`.
	fn release(&mut self, track: Option<usize>, amount: f64) {
		if let Some(track) = track {
			self.open_requests[track] -= 1;
			self.open_by_track[track] = if self.open_requests[track] == 0 {
				0.0
			} else {
				(self.open_by_track[track] - amount).max(0.0)
			};
		}
	}

	/// Moves time on to `to`: accrues inflow and settles every referendum and timelock due by
	/// then, in time order (filing order on ties).
	pub fn advance(&mut self, to: f64) {
		while let Some(next) = self.next_due(to) {
			let request = self.pending.remove(next);
			self.accrue(request.due - self.now);
			self.now = request.due;
			match request.stage {
				Stage::Voting { passes: false, .. } => {
					self.exposure -= request.amount;
					self.outcome.rejected += request.amount;
					self.release(request.track, request.amount);
				},
				Stage::Voting { passes: true, timelock } => {
					self.committed += request.amount;
					let due = self.now + timelock;
					self.pending.push(Pending { due, stage: Stage::Timelock, ..request });
				},
				Stage::Timelock => self.pay(request.amount, request.track),
			}
		}
		self.accrue(to - self.now);
		self.now = to;
	}

	/// The index of the first pending request due by `to`.
	fn next_due(&self, to: f64) -> Option<usize> {
		let mut next: Option<usize> = None;
		for (index, request) in self.pending.iter().enumerate() {
			if request.due <= to && next.is_none_or(|n| request.due < self.pending[n].due) {
				next = Some(index);
			}
		}
		next
	}

	/// Pays a request on `track` whose timelock ended: in full if the pool can, else what it
	/// can; the rest is owed. Behind an owed queue nothing is paid (the queue takes every inflow
	/// first).
	fn pay(&mut self, amount: f64, track: Option<usize>) {
		let liquid = (self.balance - self.scenario.pool.existential_deposit).max(0.0);
		let paid = if self.owed.is_empty() { amount.min(liquid) } else { 0.0 };
		self.balance -= paid;
		self.booked_paid(paid);
		if paid < amount {
			self.owed.push_back(Owed { remaining: amount - paid, amount, track });
			self.owed_total += amount - paid;
		} else {
			self.release(track, amount);
		}
		self.check_ruin();
	}

	/// Notes ruin, if the net reserve is below the scenario's ruin level, and the deficit. Only
	/// payouts lower the net reserve, so they alone need checking.
	fn check_ruin(&mut self) {
		let deficit = self.scenario.ruin_below - self.net_reserve();
		if deficit > 0.0 {
			self.outcome.ruined_at.get_or_insert(self.now);
			self.outcome.deficit = self.outcome.deficit.max(deficit);
		}
	}

	/// Books a payment out of the commitments.
	fn booked_paid(&mut self, amount: f64) {
		self.committed -= amount;
		self.exposure -= amount;
		self.outcome.paid += amount;
	}

	/// Lets `days` of inflow in: first to the owed queue, then to the balance.
	fn accrue(&mut self, mut days: f64) {
		if days <= 0.0 {
			return;
		}
		if self.owed_total > 0.0 {
			// The balance stands still while the inflow pays the queue, and so does the share.
			let fees = self.fees_per_day * self.share.at(self.balance);
			let rate = fees + self.scenario.inflow.contributions_per_day;
			if rate <= 0.0 {
				return;
			}
			let settled_in = self.owed_total / rate;
			if days < settled_in {
				self.outcome.fees += fees * days;
				self.settle(rate * days);
				return;
			}
			self.outcome.fees += fees * settled_in;
			self.settle(self.owed_total);
			days -= settled_in;
		}
		self.grow(days);
	}

	/// Pays `amount` of the owed queue, first in first out; a request paid in full leaves its
	/// track.
	fn settle(&mut self, mut amount: f64) {
		self.booked_paid(amount);
		if amount >= self.owed_total {
			while let Some(owed) = self.owed.pop_front() {
				self.release(owed.track, owed.amount);
			}
			self.owed_total = 0.0;
			return;
		}
		self.owed_total -= amount;
		while let Some(front) = self.owed.front_mut() {
			if front.remaining > amount {
				front.remaining -= amount;
				return;
			}
			amount -= front.remaining;
			let owed = *front;
			self.owed.pop_front();
			self.release(owed.track, owed.amount);
		}
	}

	/// Grows the balance by `days` of inflow, nothing being owed.
	fn grow(&mut self, mut days: f64) {
		let contributions = self.scenario.inflow.contributions_per_day;
		let fees = self.fees_per_day;
		let mut share = self.share.at(self.balance);
		if let Share::Adaptive(adaptive) = self.share {
			if self.balance < adaptive.target_reserve {
				// Below the target, d balance / dt = rise − fall × balance: exponential approach
				// to `rise / fall`, which lies above the target, until the target is reached.
				let target = adaptive.target_reserve;
				let rise = fees * adaptive.ceiling + contributions;
				let fall = fees * (adaptive.ceiling - adaptive.floor) / target;
				let start = self.balance;
				let (end, spent) = if fall > 0.0 {
					let limit = rise / fall;
					let reach = if limit > target {
						((limit - start) / (limit - target)).ln() / fall
					} else {
						f64::INFINITY
					};
					if days < reach {
						(limit + (start - limit) * (-fall * days).exp(), days)
					} else {
						(target, reach)
					}
				} else {
					((start + rise * days).min(target), days.min((target - start) / rise))
				};
				self.balance = end;
				self.outcome.fees += end - start - contributions * spent;
				days -= spent;
				share = adaptive.floor;
			}
		}
		self.balance += (fees * share + contributions) * days;
		self.outcome.fees += fees * share * days;
	}
}

/// A loss sampler for one distribution.
#[derive(Clone, Copy, Debug)]
enum LossSampler {
	Exponential(Exp<f64>),
	LogNormal(LogNormal<f64>),
	Pareto(Pareto<f64>),
}

impl LossSampler {
	fn new(loss: Loss) -> Result<Self> {
		Ok(match loss {
			Loss::Exponential { mean } => LossSampler::Exponential(Exp::new(1.0 / mean)?),
			Loss::LogNormal { median, sigma } => {
				LossSampler::LogNormal(LogNormal::new(median.ln(), sigma)?)
			},
			Loss::Pareto { scale, shape } => LossSampler::Pareto(Pareto::new(scale, shape)?),
		})
	}

	fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
		match self {
			LossSampler::Exponential(d) => d.sample(rng),
			LossSampler::LogNormal(d) => d.sample(rng),
			LossSampler::Pareto(d) => d.sample(rng),
		}
	}
}

/// A scenario ready to simulate at a fee share.
pub struct Engine<'a> {
	scenario: &'a Scenario,
	share: Share,
	/// Gaps between incidents; `None` when there are none.
	gaps: Option<Exp<f64>>,
	loss: LossSampler,
	/// Cumulative shares of disclosures by severity, `Critical` first.
	disclosures: [f64; 4],
}

/// Reserve paths recorded day by day, for the fan chart.
pub struct Traces {
	/// Days of each path; a path holds `days + 1` values (day 0 first).
	pub days: usize,
	/// Path after path, net reserve in tokens.
	pub values: Vec<f32>,
}

/// The result of a run.
pub struct Run {
	/// One outcome per path, in path order.
	pub outcomes: Vec<PathOutcome>,
	/// The first paths, recorded.
	pub traces: Traces,
}

impl<'a> Engine<'a> {
	/// Prepares `scenario` with the fee `share`.
	pub fn new(scenario: &'a Scenario, share: Share) -> Result<Self> {
		let rate = scenario.incidents.per_day();
		let gaps = if rate > 0.0 { Some(Exp::new(rate)?) } else { None };
		let mut disclosures = scenario.incidents.disclosures.to_array();
		for i in 1..disclosures.len() {
			disclosures[i] += disclosures[i - 1];
		}
		Ok(Engine {
			scenario,
			share,
			gaps,
			loss: LossSampler::new(scenario.incidents.loss)?,
			disclosures,
		})
	}

	/// Runs `paths` paths from `seed` in parallel, recording the first `record` of them.
	pub fn run(&self, paths: usize, seed: u64, record: usize, progress: &ProgressBar) -> Run {
		let days = self.scenario.horizon_days as usize;
		let record = record.min(paths);
		let mut outcomes = vec![PathOutcome::default(); paths];
		let mut values = vec![0f32; record * (days + 1)];
		let (recorded, rest) = outcomes.split_at_mut(record);
		let pool = || Pool::new(self.scenario, self.share);
		rayon::join(
			|| {
				recorded
					.par_iter_mut()
					.zip(values.par_chunks_mut(days + 1))
					.enumerate()
					.for_each_init(pool, |pool, (index, (outcome, trace))| {
						*outcome = self.path(pool, seed, index as u64, Some(trace));
						progress.inc(1);
					})
			},
			|| {
				rest.par_iter_mut().enumerate().for_each_init(pool, |pool, (index, outcome)| {
					*outcome = self.path(pool, seed, (record + index) as u64, None);
					progress.inc(1);
				})
			},
		);
		Run { outcomes, traces: Traces { days, values } }
	}

	/// Simulates path `index` of `seed` on `pool`, writing its daily net reserve into `trace`.
	pub fn path(
		&self,
		pool: &mut Pool,
		seed: u64,
		index: u64,
		mut trace: Option<&mut [f32]>,
	) -> PathOutcome {
		let mut rng = ChaCha8Rng::seed_from_u64(seed);
		rng.set_stream(index);
		pool.reset();
		let gap = |rng: &mut ChaCha8Rng| self.gaps.map_or(f64::INFINITY, |gaps| gaps.sample(rng));
		let mut next = gap(&mut rng);
		if let Some(trace) = trace.as_deref_mut() {
			trace[0] = pool.net_reserve() as f32;
		}
		for day in 1..=self.scenario.horizon_days {
			let end = f64::from(day);
			while next < end {
				pool.advance(next);
				let loss = self.loss.sample(&mut rng);
				let kind: f64 = rng.gen();
				let severity = self.disclosures.iter().position(|cumulative| kind < *cumulative);
				let passes = rng.gen::<f64>() < self.scenario.incidents.approval_probability;
				pool.file(loss, severity, passes);
				next += gap(&mut rng);
			}
			pool.advance(end);
			if let Some(trace) = trace.as_deref_mut() {
				trace[day as usize] = pool.net_reserve() as f32;
			}
		}
		pool.outcome()
	}
}

/// The ruin probability of `scenario` with a fixed fee `share`, over `paths` paths from `seed`.
pub fn ruin_probability(scenario: &Scenario, share: f64, paths: usize, seed: u64) -> Result<f64> {
	let run =
		Engine::new(scenario, Share::Fixed(share))?.run(paths, seed, 0, &ProgressBar::hidden());
	let ruined = run.outcomes.iter().filter(|o| o.ruined_at.is_some()).count();
	Ok(ruined as f64 / paths as f64)
}

/// The smallest fixed fee share in [0, 1] whose ruin probability is at most `target`, by
/// bisection over the share on the same paths (`iterations` halvings), or `None` if even a
/// share of 100% does not reach it.
pub fn required_share(
	scenario: &Scenario,
	target: f64,
	paths: usize,
	seed: u64,
	iterations: u32,
	progress: &ProgressBar,
) -> Result<Option<f64>> {
	let meets =
		|share| Ok::<_, anyhow::Error>(ruin_probability(scenario, share, paths, seed)? <= target);
	if !meets(1.0)? {
		return Ok(None);
	}
	if meets(0.0)? {
		return Ok(Some(0.0));
	}
	let (mut low, mut high) = (0.0, 1.0);
	for _ in 0..iterations {
		let middle = (low + high) / 2.0;
		if meets(middle)? {
			high = middle;
		} else {
			low = middle;
		}
		progress.inc(1);
	}
	Ok(Some(high))
}
