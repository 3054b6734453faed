// A disclosure's commitment, as the pallet checks it at the reveal (`commitment_of`), and the
// finding a hunter seals to the council: the salt, then the report, so that the council can check
// both against the commitment and a ciphertext copied into someone else's filing proves nothing.
import { blake2, bytesToHex, concatBytes, decodeAccount } from './bytes.js';
import { open, seal } from './sealed-box.js';

/** Bytes of a commitment's salt. */
export const SALT_LENGTH = 32;

/**
 * The commitment of `submitter` (an address) to `report` with a 32-byte `salt`, as hex:
 * `blake2_256(SCALE(submitter) ++ report ++ salt)`, where an AccountId32 encodes as its 32 bytes.
 * Computed here, never by a node: sending the report anywhere would disclose it.
 */
export const commitment = (submitter, report, salt) =>
  bytesToHex(blake2(concatBytes(decodeAccount(submitter), report, salt), 32));

/** A fresh random salt. */
export const freshSalt = () => globalThis.crypto.getRandomValues(new Uint8Array(SALT_LENGTH));

/** What a hunter seals to the council: the salt, then the report. */
export const findingBytes = (salt, report) => concatBytes(salt, report);

/** A finding sealed to the council's key, as `submitDisclosure` carries it. */
export const sealFinding = (report, salt, councilPublicKey) => seal(findingBytes(salt, report), councilPublicKey);

/** The salt and report of an opened finding; throws if it is shorter than its salt. */
export function splitFinding(bytes) {
  if (bytes.length < SALT_LENGTH) throw new Error('sealed finding: shorter than its salt');
  return { salt: bytes.subarray(0, SALT_LENGTH), report: bytes.subarray(SALT_LENGTH) };
}

/** Opens a sealed finding with the council's key pair: `{ salt, report }`; throws as `open` does. */
export const openFinding = (sealed, council) => splitFinding(open(sealed, council));

/**
 * An opened finding checked against a disclosure's submitter and commitment: its report, and
 * whether report and salt hash with the submitter to the commitment.
 */
export function checkFinding(bytes, submitter, committed) {
  if (bytes.length < SALT_LENGTH) return { report: new Uint8Array(), matches: false };
  const { salt, report } = splitFinding(bytes);
  return { report, matches: commitment(submitter, report, salt) === committed };
}
