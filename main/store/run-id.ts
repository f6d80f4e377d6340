import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
export const RUN_ID_LENGTH = 8;

/** How many fresh ids an insert tries before giving up (one collision is already ~1e-12). */
const MAX_ID_ATTEMPTS = 5;

/**
 * A fresh id for a run (label sets and filters use the same scheme): 8 characters of [0-9a-z]
 * (36^8, about 2.8e12 ids), drawn from the CSPRNG so that separate processes never pick ids in
 * step. Collisions are still possible in principle; insertWithFreshId retries on one.
 */
export function newRunId(): string {
  let id = '';
  for (let i = 0; i < RUN_ID_LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/**
 * Runs `insert` with ids from `newId` until one does not collide, and returns that id.
 * `insert` must write only the row keyed by the id: any primary-key collision it throws is
 * taken to be the id's.
 */
export function insertWithFreshId(newId: () => string, insert: (id: string) => void): string {
  for (let attempt = 1; ; attempt++) {
    const id = newId();
    try {
      insert(id);
      return id;
    } catch (error) {
      if (isPrimaryKeyCollision(error) && attempt < MAX_ID_ATTEMPTS) continue;
      throw error;
    }
  }
}

function isPrimaryKeyCollision(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
