import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
export const RUN_ID_LENGTH = 8;

/**
 * A fresh run id: 8 characters of [0-9a-z] (36^8, about 2.8e12 ids), drawn from the CSPRNG so
 * that separate processes never pick ids in step. Collisions are still possible in principle;
 * the store retries on one.
 */
export function newRunId(): string {
  let id = '';
  for (let i = 0; i < RUN_ID_LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}
