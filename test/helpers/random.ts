/** A small seeded generator (mulberry32): property tests and synthetic benchmark data that reproduce exactly. The trainer's own, so one copy serves both. */
export { seededRandom } from '../../src/platform/semantic/linear-algebra.js';
