// The pool's types as the runtime's metadata defines them: every type here is derived from the
// descriptors generated from the runtime (`npm run descriptors`), none is written by hand, so a
// change of the pallet's types shows up here as a type error.
import type { pool } from '@polkadot-api/descriptors';
import type { TypedApi } from 'polkadot-api';

export type PoolApi = TypedApi<typeof pool>;

type Query = PoolApi['query']['SecurityPool'];
type Apis = PoolApi['apis']['SecurityPoolApi'];
/** What a storage entry holds (present). */
type Stored<E> = E extends { getValue: (...args: never[]) => Promise<infer V> } ? NonNullable<V> : never;
/** What a runtime API call answers. */
type Answer<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;
/** The value of variant `K` of enum `E`. */
export type Variant<E extends { type: string }, K extends E['type']> = E extends { type: K; value: infer V } ? V : never;

/** An open request as stored: its kind, parties, amount, deposit, status and terms. */
export type StoredRequest = Stored<Query['Requests']>;
export type RequestKind = StoredRequest['kind'];
/** Where an open request is in its life: voting, approved, owed, unproven, paid awaiting its reveal, compensating. */
export type OpenStatus = StoredRequest['status'];
/** The rules a request was filed under (its track's, and the pool's at filing). */
export type Terms = StoredRequest['terms'];
export type Tally = Variant<OpenStatus, 'Voting'>['tally'];
export type Disclosure = Variant<RequestKind, 'Disclosure'>;
export type Incident = Variant<RequestKind, 'Incident'>;
export type Severity = Disclosure['severity']['type'];
export type Triage = Disclosure['triage'];
export type Verdict = Variant<Triage, 'Judged'>['verdict'];

export type Parameters = Stored<Query['Parameters']>;
export type Track = Parameters['tracks'][number];
/** One account's votes and the lock left by removed ones. */
export type Voting = Stored<Query['VotingFor']>;
export type Ballot = Voting['votes'][number]['vote'];
export type Choice = Ballot['choice']['type'];
export type Conviction = Ballot['conviction']['type'];
/** How a finished referendum ended, kept while votes refer to it. */
export type Outcome = Stored<Query['Outcomes']>;
/** A revealed disclosure report and its deposit. */
export type Report = Stored<Query['Reports']>;

export type PoolStatus = Answer<Apis['pool_status']>;
/** A running referendum as the runtime tells it: track, standing, support, confirmation window, end. */
export type Referendum = NonNullable<Answer<Apis['referendum']>>;
/** What a new request may ask now. */
export type RequestLimits = Answer<Apis['limits']>;
export type TrackChoice = Answer<Apis['track_for']>;
/** The pool's share of fees: the current, the fixed and the adaptive policy if set. */
export type FeeShare = Answer<Apis['fee_share']>;
export type AdaptiveFeeShare = NonNullable<FeeShare['adaptive']>;

type RuntimeEvent = Stored<PoolApi['query']['System']['Events']>[number]['event'];
/** One of the pool's events: `{ type: 'Voted', value: { request, voter, vote } }`. */
export type PoolEventValue = Variant<RuntimeEvent, 'SecurityPool'>;
export type PoolEventName = PoolEventValue['type'];
/** The data of the pool's event `K`. */
export type EventData<K extends PoolEventName> = Variant<PoolEventValue, K>;

/** Severities, highest first: the order of the tiers and of `RequestLimits::disclosure`. */
export const SEVERITIES: readonly Severity[] = ['Critical', 'High', 'Medium', 'Low'];
export const CONVICTIONS: readonly Conviction[] = ['None', 'Locked1x', 'Locked2x', 'Locked3x', 'Locked4x', 'Locked5x', 'Locked6x'];
/** An enum value without data, as the typed client writes it: `unit('Aye')` is `{ type: 'Aye', value: undefined }`. */
export const unit = <T extends string>(type: T) => ({ type, value: undefined });
