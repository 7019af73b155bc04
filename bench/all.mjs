// npm run bench: the four figures of issue 7 and the package figures of issue 15, each against its
// target. Exit 1 if any is missed.
import { boundedFailure } from './bounded-failure.mjs';
import { memory } from './memory.mjs';
import { packageFigures } from './package.mjs';
import { roundTrips } from './round-trips.mjs';
import { startup } from './startup.mjs';

const results = [];
for (const [name, run] of [
  ['1. start-up', startup],
  ['2. diagnosis bounded by round trips', roundTrips],
  ['3. bounded failure time', boundedFailure],
  ['4. memory', memory],
  ['5. the package as shipped, and the standalone binary', packageFigures],
]) {
  console.log(`\n${name}`);
  results.push(await run());
}
console.log(`\n${results.every(Boolean) ? 'all figures within their targets' : 'some figures missed their targets'}`);
process.exitCode = results.every(Boolean) ? 0 : 1;
