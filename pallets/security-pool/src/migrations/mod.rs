//! Storage migrations of the security pool.
//!
//! A runtime lists all three: [`from_v0::MigrateFromV0`] brings a version 0 chain (or one
//! without the pallet's genesis) straight to the current version, [`from_v1::MigrateFromV1`] a
//! version 1 chain and [`from_v2::MigrateFromV2`] a version 2 chain. Each runs only on its own
//! version.

use crate::{pallet::*, RequestId, RequestKind, RequestStatus, RequestTerms, Triage};
use alloc::collections::btree_map::BTreeMap;
use sp_runtime::traits::Saturating;

/// Counts the support of every running referendum again from its votes: ayes and abstentions,
/// never nays (before version 3 the tally's third field counted every vote's balance). Returns
/// how many voters it read.
fn recount_support<T: Config>() -> u64 {
	let mut support = BTreeMap::<RequestId, BalanceOf<T>>::new();
	let mut voters = 0u64;
	for (_, voting) in VotingFor::<T>::iter() {
		voters += 1;
		for cast in voting.votes.iter().filter(|cast| cast.vote.choice.supports()) {
			support.entry(cast.request).or_default().saturating_accrue(cast.vote.balance);
		}
	}
	for (id, request) in Requests::<T>::iter() {
		if let RequestStatus::Voting { ends_at, mut tally, extensions } = request.status {
			tally.support = support.get(&id).copied().unwrap_or_default();
			let status = RequestStatus::Voting { ends_at, tally, extensions };
			Requests::<T>::insert(id, PayoutRequestOf::<T> { status, ..request });
		}
	}
	voters
}

/// A version 0 or 1 request's kind in the current layout: a disclosure filed before triage is
/// exempt from it.
fn kind_from_v1<T: Config>(id: crate::RequestId, old: v1::RequestKindOf<T>) -> RequestKindOf<T> {
	match old {
		v1::RequestKind::Claim { evidence } => RequestKind::Claim { evidence },
		v1::RequestKind::Disclosure { commitment, severity } => RequestKind::Disclosure {
			commitment,
			severity,
			triage: Triage::Exempt,
			revealed: Reports::<T>::contains_key(id),
		},
	}
}

/// Version 1 terms in the current layout: the general track, and the triage, confirmation and
/// veto-window terms of `parameters`.
fn terms_from_v1<T: Config>(
	old: v1::RequestTerms<BlockNumberOf<T>>,
	parameters: &ParametersOf<T>,
) -> RequestTerms<BlockNumberOf<T>> {
	RequestTerms {
		track: None,
		timelock: old.timelock,
		vote_locking_period: old.vote_locking_period,
		min_support: old.min_support,
		approval: old.approval,
		triage_period: parameters.triage_period,
		fast_track_voting_period: parameters.fast_track_voting_period,
		fast_track_timelock: parameters.fast_track_timelock,
		reveal_period: parameters.reveal_period,
		confirm_period: parameters.confirm_period,
		veto_window: parameters.veto_window,
	}
}

/// A version 0 or 1 request status in the current layout: no extensions of voting.
fn status_from_v1<T: Config>(
	old: v1::RequestStatus<BalanceOf<T>, BlockNumberOf<T>>,
) -> crate::RequestStatus<BalanceOf<T>, BlockNumberOf<T>> {
	use crate::RequestStatus;
	match old {
		v1::RequestStatus::Voting { ends_at, tally } => {
			RequestStatus::Voting { ends_at, tally, extensions: 0 }
		},
		v1::RequestStatus::Approved { payable_at } => RequestStatus::Approved { payable_at },
		v1::RequestStatus::Owed { remaining } => RequestStatus::Owed { remaining },
	}
}

pub mod from_v0;
pub mod from_v1;
pub mod from_v2;
#[cfg(test)]
mod tests;
pub mod v0;
pub mod v1;
pub mod v2;
