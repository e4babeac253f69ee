import { describe, it, expect } from 'vitest';

import { createConcurrencyLimit } from '../../src/auth/hash-queue.js';

type Deferred = { promise: Promise<void>; resolve: () => void };

function createDeferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

describe('createConcurrencyLimit', () => {
  it('never runs more than max at once', async () => {
    const limit = createConcurrencyLimit(3);
    let active = 0;
    let peak = 0;
    const task = async (delay: number): Promise<void> => {
      active += 1;
      peak = Math.max(peak, active);
      await sleep(delay);
      active -= 1;
    };

    await Promise.all([5, 1, 8, 2, 6, 3, 1, 7, 4, 2].map((delay) => limit.run(() => task(delay))));

    expect(peak).toBe(3);
  });

  it('starts tasks in call order', async () => {
    const limit = createConcurrencyLimit(2);
    const started: number[] = [];
    const delays = [9, 1, 6, 2, 8, 1, 3];

    await Promise.all(
      delays.map((delay, index) =>
        limit.run(async () => {
          started.push(index);
          await sleep(delay);
        }),
      ),
    );

    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('counts running and queued tasks', async () => {
    const limit = createConcurrencyLimit(2);
    const gate = createDeferred();

    const all = Promise.all([1, 2, 3, 4, 5].map(() => limit.run(() => gate.promise)));

    expect(limit.running).toBe(2);
    expect(limit.queued).toBe(3);

    gate.resolve();
    await all;

    expect(limit.running).toBe(0);
    expect(limit.queued).toBe(0);
  });

  it('returns the task result', async () => {
    const limit = createConcurrencyLimit(1);

    const result = await limit.run(async () => 42);

    expect(result).toBe(42);
  });

  it('rejected task frees its slot', async () => {
    const limit = createConcurrencyLimit(1);

    const failing = limit.run(async () => {
      throw new Error('task failed');
    });
    const following = limit.run(async () => 'ran');

    await expect(failing).rejects.toThrow('task failed');
    await expect(following).resolves.toBe('ran');
    expect(limit.running).toBe(0);
  });

  it('synchronous throw frees its slot', async () => {
    const limit = createConcurrencyLimit(1);

    const failing = limit.run(() => {
      throw new Error('thrown before any await');
    });
    const following = limit.run(async () => 'ran');

    await expect(failing).rejects.toThrow('thrown before any await');
    await expect(following).resolves.toBe('ran');
  });

  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects max %s', (max) => {
    const create = (): unknown => createConcurrencyLimit(max);

    expect(create).toThrow(`Invalid concurrency limit ${String(max)}`);
  });
});
