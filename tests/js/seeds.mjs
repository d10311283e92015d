// The seed of a randomized test. `make test` runs each with a fixed seed, so it gives the same
// answer on every run; FC_SEED replays another (a failure printed by `make explore`, which draws
// new ones). Printed either way, with the command that replays it.
export function fixedSeed(testFile, fixed) {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : fixed;
  console.log(`fast-check seed ${seed} (replay: FC_SEED=${seed} node --test ${testFile})`);
  return seed;
}
