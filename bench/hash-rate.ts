import { createPasswordHasher, type PasswordHashOptions } from '../src/auth/password-hash.js';
import type { HashRateResult } from './protocol.js';

const PASSWORD = 'raw-hash-rate-password';

/**
 * Measures Argon2id verifications per second with `concurrency` calls in flight,
 * through a new hasher built from the app's own options, so the same FIFO limit
 * (`maxConcurrentHashes`) caps how many run at once. A sign-in costs one
 * verification, which computes one Argon2id hash at the stored parameters.
 */
export async function measureHashRate(options: PasswordHashOptions, concurrency: number, durationMs: number): Promise<HashRateResult> {
  const hasher = createPasswordHasher(options);
  const storedHash = await hasher.generate(PASSWORD);
  const start = performance.now();
  const deadline = start + durationMs;
  let completed = 0;

  const verifyUntilDeadline = async () => {
    while (performance.now() < deadline) {
      if (!(await hasher.validate(PASSWORD, storedHash))) throw new Error('Argon2id verification of the benchmark password failed.');
      completed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, verifyUntilDeadline));

  const elapsedMs = performance.now() - start;
  return { perSecond: completed / (elapsedMs / 1000), completed, concurrency, elapsedMs };
}
