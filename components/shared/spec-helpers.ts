import type { SpecPage } from '@stencil/core/testing';

/** Lets awaited session actions settle (a few macrotask turns), re-rendering after each. */
export async function settle(page: SpecPage, rounds = 3): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await page.waitForChanges();
    await new Promise(resolve => setTimeout(resolve, 0));
  }
  await page.waitForChanges();
}
