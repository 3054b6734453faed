//! A test runtime: the security pool on real `pallet-balances`.

use crate::{self as pallet_security_pool, PoolFeeShare, PoolParameters, SeverityTiers, Tier};
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		ConstU32, ConstU64, Hooks, OnUnbalanced, VariantCountOf,
	},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill};

pub type AccountId = u64;
pub type Balance = u64;
type Block = frame_system::mocking::MockBlock<Test>;

pub const ED: Balance = 10;
/// The author account the rest of every fee goes to.
pub const AUTHOR: AccountId = 99;
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
/// Every funded account starts with this.
pub const ENDOWMENT: Balance = 1_000_000;
/// The pool starts with this.
pub const POOL_GENESIS: Balance = 100_000;

pub const VOTING_PERIOD: u64 = 10;
pub const TIMELOCK: u64 = 5;
pub const LOCKING_PERIOD: u64 = 20;
pub const DEPOSIT_BASE: Balance = 100;
pub const DEPOSIT_PER_BYTE: Balance = 1;
pub const MAX_OPEN: u32 = 8;
pub const MAX_OPEN_PER_ACCOUNT: u32 = 3;
pub const MAX_EVIDENCE: u32 = 64;
pub const MAX_REPORT: u32 = 128;
pub const MAX_SEALED: u32 = 32 + MAX_REPORT + 48;
pub const TRIAGE_PERIOD: u64 = 3;
pub const FAST_VOTING_PERIOD: u64 = 6;
pub const FAST_TIMELOCK: u64 = 2;
pub const REVEAL_PERIOD: u64 = 8;
pub const CONFIRM_PERIOD: u64 = 3;
pub const VETO_WINDOW: u64 = 2;
/// The most leaves of an incident's loss list: proofs of at most 10 hashes.
pub const MAX_VICTIMS: u32 = 1024;
pub const MIN_CLAIM_PERIOD: u64 = 4;
pub const MAX_CLAIM_PERIOD: u64 = 100;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type SecurityPool = pallet_security_pool;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU64<ED>;
	type AccountStore = System;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
}

parameter_types! {
	pub const PoolPalletId: PalletId = PalletId(*b"py/secpl");
	pub static FeeShare: Perbill = Perbill::from_percent(20);
	pub TestDefaults: PoolParameters<Balance, u64> = test_parameters();
}

/// The "rest" handler of the tests: credits the author account.
pub struct ToAuthor;
impl OnUnbalanced<Credit<AccountId, Balances>> for ToAuthor {
	fn on_nonzero_unbalanced(credit: Credit<AccountId, Balances>) {
		let _ = Balances::resolve(&AUTHOR, credit);
	}
}

/// The fee hook as a runtime would wire it.
pub type FeeHook = PoolFeeShare<Test, ToAuthor>;

impl pallet_security_pool::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type VetoOrigin = EnsureRoot<AccountId>;
	type CancelOrigin = EnsureRoot<AccountId>;
	type ParamsOrigin = EnsureRoot<AccountId>;
	type TriageOrigin = EnsureRoot<AccountId>;
	type BlockNumberProvider = System;
	type DefaultParameters = TestDefaults;
	type PalletId = PoolPalletId;
	type FeeShare = FeeShare;
	type MaxOpenRequests = ConstU32<MAX_OPEN>;
	type MaxOpenRequestsPerAccount = ConstU32<MAX_OPEN_PER_ACCOUNT>;
	type MaxEvidenceLen = ConstU32<MAX_EVIDENCE>;
	type MaxReportLen = ConstU32<MAX_REPORT>;
	type MaxEncryptedReportLen = ConstU32<MAX_SEALED>;
	type MaxVotes = ConstU32<4>;
	type MaxEndingsPerBlock = ConstU32<2>;
	type MaxPayoutsPerBlock = ConstU32<2>;
	type MaxExpiriesPerBlock = ConstU32<2>;
	type MaxVictims = ConstU32<MAX_VICTIMS>;
	type MinClaimPeriod = ConstU64<MIN_CLAIM_PERIOD>;
	type MaxClaimPeriod = ConstU64<MAX_CLAIM_PERIOD>;
	type MaxSweepPerBlock = ConstU32<2>;
	type CompensationPriority = ConstU64<1_000>;
	type WeightInfo = crate::weights::SubstrateWeight<Test>;
}

/// The parameters the tests start with.
pub fn test_parameters() -> PoolParameters<Balance, u64> {
	let tier = |percent, cap| Tier { share: Perbill::from_percent(percent), cap };
	PoolParameters {
		voting_period: VOTING_PERIOD,
		timelock: TIMELOCK,
		vote_locking_period: LOCKING_PERIOD,
		min_support: Perbill::from_percent(10),
		approval: Perbill::from_percent(50),
		max_payout: Perbill::from_percent(50),
		max_exposure: Perbill::from_percent(100),
		deposit_base: DEPOSIT_BASE,
		deposit_per_byte: DEPOSIT_PER_BYTE,
		amount_bond: Perbill::zero(),
		tiers: SeverityTiers {
			critical: tier(40, 30_000),
			high: tier(20, 10_000),
			medium: tier(5, 2_000),
			low: tier(1, 500),
		},
		triage_period: TRIAGE_PERIOD,
		fast_track_voting_period: FAST_VOTING_PERIOD,
		fast_track_timelock: FAST_TIMELOCK,
		reveal_period: REVEAL_PERIOD,
		tracks: Default::default(),
		confirm_period: CONFIRM_PERIOD,
		veto_window: VETO_WINDOW,
	}
}

/// Builds the test externalities: ten funded accounts and a funded pool.
pub struct ExtBuilder {
	pool: Balance,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { pool: POOL_GENESIS }
	}
}

impl ExtBuilder {
	/// Starts the pool with `pool` (topped up to the existential deposit by genesis).
	pub fn pool(mut self, pool: Balance) -> Self {
		self.pool = pool;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let mut balances: Vec<_> = (1..=10).map(|who| (who, ENDOWMENT)).collect();
		balances.push((AUTHOR, ENDOWMENT));
		if self.pool > 0 {
			balances.push((SecurityPool::account_id(), self.pool));
		}
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_security_pool::GenesisConfig::<Test> { parameters: test_parameters() }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks the pool's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			SecurityPool::do_try_state().expect("invariants hold");
		})
	}
}

/// Moves to block `n`, running the pool's per-block work and checking invariants on the way.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		SecurityPool::on_initialize(next);
		SecurityPool::do_try_state().expect("invariants hold");
	}
}

/// The pool account's free balance.
pub fn pool_balance() -> Balance {
	Balances::free_balance(SecurityPool::account_id())
}

/// The pool's events so far.
pub fn pool_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::SecurityPool(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The account that pays the fees of the tests.
pub const FEE_PAYER: AccountId = 10;

/// Withdraws `amount` from [`FEE_PAYER`] as a fee credit, as `pallet-transaction-payment` does.
pub fn fee_credit(amount: Balance) -> Credit<AccountId, Balances> {
	use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
	Balances::withdraw(
		&FEE_PAYER,
		amount,
		Precision::Exact,
		Preservation::Preserve,
		Fortitude::Polite,
	)
	.expect("the fee payer is funded")
}
