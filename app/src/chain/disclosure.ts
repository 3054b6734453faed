// A disclosure's bound commitment and the receipt a hunter keeps to reveal it later.
import { hexToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import type { Severity } from './types';

/** `blake2_256(SCALE(submitter) ++ report ++ salt)`: an AccountId32 encodes as its 32 bytes. */
export const commitment = (submitter: string, report: Uint8Array, salt: Uint8Array): string =>
  blake2AsHex(u8aConcat(decodeAddress(submitter), report, salt), 256);

/**
 * What a hunter seals to the council: the salt, then the report. The council checks both against
 * the commitment, so a ciphertext copied into someone else's filing proves nothing.
 */
export const sealedPayload = (salt: Uint8Array, report: Uint8Array): Uint8Array => u8aConcat(salt, report);

/** A sealed payload opened by the council, checked against the disclosure's submitter and commitment. */
export function checkSealedPayload(payload: Uint8Array, submitter: string, committed: string) {
  const salt = payload.subarray(0, 32);
  const report = payload.subarray(32);
  return { report, matches: payload.length >= 32 && commitment(submitter, report, salt) === committed };
}

export const freshSalt = (): Uint8Array => crypto.getRandomValues(new Uint8Array(32));

/** What a hunter keeps after filing: everything the reveal needs. */
export interface Receipt {
  kind: 'security-pool-disclosure-receipt';
  version: 1;
  genesisHash: string;
  request: number;
  submitter: string;
  severity: Severity;
  amount: string;
  commitment: string;
  /** 32 bytes, hex. */
  salt: string;
  /** The report exactly as committed (UTF-8 text). */
  report: string;
}

export type ReceiptFields = Omit<Receipt, 'kind' | 'version'>;

export const makeReceipt = (fields: ReceiptFields): Receipt => ({ kind: 'security-pool-disclosure-receipt', version: 1, ...fields });

/** Reads a receipt file's text; throws with what is wrong, including a commitment that does not match. */
export function parseReceipt(text: string): Receipt {
  let json: Partial<Receipt>;
  try {
    json = JSON.parse(text) as Partial<Receipt>;
  } catch {
    throw new Error('This file is not JSON: choose the receipt downloaded when the disclosure was filed.');
  }
  if (json.kind !== 'security-pool-disclosure-receipt') throw new Error('This file is not a disclosure receipt.');
  const { request, submitter, report, salt } = json;
  if (typeof request !== 'number' || typeof submitter !== 'string' || typeof report !== 'string' || typeof salt !== 'string') {
    throw new Error('The receipt lacks its request, submitter, report or salt.');
  }
  if (hexToU8a(salt).length !== 32) throw new Error('The receipt\'s salt is not 32 bytes.');
  if (commitment(submitter, stringToU8a(report), hexToU8a(salt)) !== json.commitment) {
    throw new Error('The receipt\'s report and salt do not hash to its commitment: the file was changed.');
  }
  return json as Receipt;
}

/** Offers `receipt` as a file download. */
export function downloadReceipt(receipt: Receipt) {
  const blob = new Blob([JSON.stringify(receipt, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `disclosure-${receipt.request}-receipt.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

