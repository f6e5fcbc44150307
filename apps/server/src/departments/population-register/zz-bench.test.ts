import { it } from 'vitest';
import { generatePeople } from './generator.js';

it('bench', () => {
  for (const count of [100_000, 100_000, 1_000_000]) {
    const t = performance.now();
    let n = 0;
    for (const b of generatePeople({ count, seed: 1 })) n += b.people.length;
    const ms = performance.now() - t;
    console.log(
      count,
      Math.round(ms),
      'ms',
      Math.round((n / ms) * 1000),
      'people/s',
      Math.round(process.memoryUsage().heapUsed / 1e6),
      'MB heap',
    );
  }
}, 120_000);
