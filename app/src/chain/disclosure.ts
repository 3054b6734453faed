// The receipt a hunter keeps to reveal a disclosure later (the commitment itself is the client's).
import { commitment, SALT_LENGTH } from '@security-pool/client/rules';
import { fromHex, isHex, utf8 } from './bytes';
import type { Severity } from './pool';

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
  if (!isHex(salt, SALT_LENGTH)) throw new Error(`The receipt's salt is not ${SALT_LENGTH} bytes.`);
  if (commitment(submitter, utf8(report), fromHex(salt)) !== json.commitment) {
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

