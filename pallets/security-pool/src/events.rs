//! The pallet's events, imported into the pallet as a section.

use frame_support::pallet_macros::pallet_section;

/// Events of the security pool.
#[pallet_section]
mod events {
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The pool's share of a fee came in.
		FeeShareReceived { amount: BalanceOf<T> },
		/// Someone donated to the pool.
		Contributed { who: T::AccountId, amount: BalanceOf<T> },
		/// The deposit of a failed, vetoed or cancelled request went to the pool.
		DepositForfeited { request: RequestId, who: T::AccountId, amount: BalanceOf<T> },
		/// A claim was filed and its referendum opened.
		ClaimSubmitted {
			request: RequestId,
			submitter: T::AccountId,
			beneficiary: T::AccountId,
			amount: BalanceOf<T>,
			deposit: BalanceOf<T>,
			voting_ends_at: BlockNumberOf<T>,
		},
		/// A disclosure was committed to and its referendum opened.
		DisclosureSubmitted {
			request: RequestId,
			submitter: T::AccountId,
			beneficiary: T::AccountId,
			amount: BalanceOf<T>,
			severity: Severity,
			commitment: sp_core::H256,
			deposit: BalanceOf<T>,
			voting_ends_at: BlockNumberOf<T>,
		},
		/// A disclosure's report was published, matches its commitment and holds `deposit`.
		DisclosureRevealed { request: RequestId, report_len: u32, deposit: BalanceOf<T> },
		/// A vote was cast or changed.
		Voted { request: RequestId, voter: T::AccountId, vote: Vote<BalanceOf<T>> },
		/// A vote was removed.
		VoteRemoved { request: RequestId, voter: T::AccountId },
		/// Expired vote locks were released; `frozen` is what stays frozen.
		Unlocked { who: T::AccountId, frozen: BalanceOf<T> },
		/// A referendum passed; the request is paid at `payable_at` unless vetoed.
		Approved { request: RequestId, tally: Tally<BalanceOf<T>>, payable_at: BlockNumberOf<T> },
		/// A referendum failed; the request is closed and its deposit forfeited.
		Rejected { request: RequestId, tally: Tally<BalanceOf<T>> },
		/// An approved request was vetoed during its timelock; nothing is paid.
		Vetoed { request: RequestId },
		/// A request was cancelled while it voted; nothing is paid and no vote is locked.
		Cancelled { request: RequestId },
		/// The beneficiary named another account to receive the payout.
		PayeeSet { request: RequestId, payee: T::AccountId },
		/// A payment left the pool; `remaining` is still owed (zero when the request is done).
		Paid {
			request: RequestId,
			payee: T::AccountId,
			amount: BalanceOf<T>,
			remaining: BalanceOf<T>,
		},
		/// A due request could not be paid in full; `remaining` is owed.
		PayoutOwed { request: RequestId, remaining: BalanceOf<T> },
		/// The payee could not receive the payment; the request went to the back of the owed
		/// queue and is retried (the beneficiary may `set_payee`).
		PaymentRefused { request: RequestId, payee: T::AccountId, amount: BalanceOf<T> },
		/// The parameters were changed; they apply to requests filed from now on.
		ParametersSet { parameters: ParametersOf<T> },
		/// The pool's share of fees now follows its reserve (`Some`) or is the runtime's fixed
		/// share again (`None`).
		FeeShareSet { adaptive: Option<AdaptiveFeeShare<BalanceOf<T>>> },
		/// `TriageOrigin` published the X25519 key reports are sealed to.
		TriageKeySet { key: [u8; 32] },
		/// The council triaged a disclosure; `amount` is what it asks for now, `reduction` what
		/// a downgrade took off.
		Triaged {
			request: RequestId,
			verdict: Verdict,
			amount: BalanceOf<T>,
			reduction: BalanceOf<T>,
		},
		/// A disclosure confirmed `Critical` votes until `voting_ends_at` and has the fast-track
		/// timelock.
		FastTracked { request: RequestId, voting_ends_at: BlockNumberOf<T> },
		/// The council gave no verdict within the triage period; the disclosure goes on at its
		/// claimed severity.
		TriageMissed { request: RequestId },
		/// A disclosure's timelock expired with its report unrevealed: it must be revealed by
		/// `reveal_by` (to be paid, if unproven; to get its deposit back, if paid).
		AwaitingReveal { request: RequestId, reveal_by: BlockNumberOf<T> },
		/// A disclosure's report was not revealed in time: its deposit went to the pool, and an
		/// unproven disclosure closed unpaid.
		RevealMissed { request: RequestId },
		/// A change of the outcome in the confirmation window moved the end of voting to
		/// `ends_at`, `confirm_period` whole blocks after the change; `extensions` is how often
		/// it moved (saturating at 255).
		VotingExtended { request: RequestId, ends_at: BlockNumberOf<T>, extensions: u8 },
		/// A disclosure was revealed after waiting unproven (a new timelock), or late in its
		/// timelock (the veto window): it is paid at `payable_at` unless vetoed.
		TimelockRestarted { request: RequestId, payable_at: BlockNumberOf<T> },
		/// A hack was declared and its referendum opened: `victims` leaves with Merkle root
		/// `root` declare losses of `total`; `budget` is what the pool reserves for it now (set
		/// again at approval).
		IncidentDeclared {
			incident: RequestId,
			submitter: T::AccountId,
			total: BalanceOf<T>,
			victims: u32,
			root: sp_core::H256,
			claim_period: BlockNumberOf<T>,
			evidence: BoundedVec<u8, T::MaxEvidenceLen>,
			budget: BalanceOf<T>,
			deposit: BalanceOf<T>,
			voting_ends_at: BlockNumberOf<T>,
		},
		/// An approved incident's budget was committed: each leaf is paid
		/// `amount × budget ÷ total`, rounded down.
		IncidentBudgeted { incident: RequestId, budget: BalanceOf<T>, total: BalanceOf<T> },
		/// An incident's timelock expired: its victims claim their shares until `closes_at`.
		CompensationOpened {
			incident: RequestId,
			budget: BalanceOf<T>,
			closes_at: BlockNumberOf<T>,
		},
		/// Leaf `index` of an incident's list was paid `amount` to `account`.
		Compensated { incident: RequestId, index: u32, account: T::AccountId, amount: BalanceOf<T> },
		/// An incident's claim window closed: its victims were paid `paid`, and `returned`, the
		/// rest of its budget, is available to the pool again.
		IncidentClosed { incident: RequestId, paid: BalanceOf<T>, returned: BalanceOf<T> },
	}
}
