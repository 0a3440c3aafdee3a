import { sortInSlices } from './sliced-sort';

function shuffled(n: number, seed = 7): { name: string; id: number }[] {
  let x = seed;
  const random = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // Few distinct names: many ties, so stability shows.
  return Array.from({ length: n }, (_, id) => ({ name: `name ${Math.floor(random() * (n / 4))}`, id }));
}

describe('sortInSlices', () => {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

  it('gives the order Array.prototype.sort gives, ties in their original order', async () => {
    for (const n of [0, 1, 2, 31, 32, 33, 100, 1_000, 5_000]) {
      const items = shuffled(n);
      const sorted = await sortInSlices(items, byName);
      expect(sorted).toEqual([...items].sort(byName));
    }
  });

  it('leaves the input as it was', async () => {
    const items = shuffled(200);
    const copy = [...items];
    await sortInSlices(items, byName);
    expect(items).toEqual(copy);
  });

  it('yields to the page when a slice has used its time, and still sorts right', async () => {
    let clock = 0;
    let yields = 0;
    const items = shuffled(5_000);
    const compare = (a: { name: string }, b: { name: string }) => {
      clock += 0.01; // each comparison "takes" 10 µs: 5,000 names take several 8 ms slices
      return byName(a, b);
    };
    const sorted = await sortInSlices(items, compare, {
      now: () => clock,
      yieldToPage: async () => {
        yields++;
      },
    });
    expect(yields).toBeGreaterThan(5);
    expect(sorted).toEqual([...items].sort(byName));
  });
});
