/**
 * Runs the engine suites first, then the rest, each group costliest first, so that with several workers no long
 * suite starts last and runs alone at the end. CI runs on a clean clone, with no durations from earlier runs, so the
 * cost is a deterministic stand-in: the size of the test file and of the test modules it imports directly (the fault
 * matrix's files are a line each; their cells live in ./matrix.ts).
 */
const Sequencer = require("@jest/test-sequencer").default;
const fs = require("node:fs");
const path = require("node:path");

const ENGINE = `${path.sep}tests${path.sep}engine${path.sep}`;
const RELATIVE_IMPORT = /from "(\.{1,2}\/[^"]+)"/g;

function cost(file) {
  const source = fs.readFileSync(file, "utf8");
  let total = source.length;
  for (const [, specifier] of source.matchAll(RELATIVE_IMPORT)) {
    const imported = path.resolve(path.dirname(file), `${specifier}.ts`);
    if (fs.existsSync(imported)) total += fs.statSync(imported).size;
  }
  return total;
}

class EngineFirstCostliestFirst extends Sequencer {
  sort(tests) {
    const engine = (test) => (test.path.includes(ENGINE) ? 1 : 0);
    const costs = new Map(tests.map((test) => [test.path, cost(test.path)]));
    return [...tests].sort((a, b) => engine(b) - engine(a) || costs.get(b.path) - costs.get(a.path) || a.path.localeCompare(b.path));
  }
}

module.exports = EngineFirstCostliestFirst;
