/**
 * Runs the engine suites first, then the rest, each group largest file first (a deterministic stand-in for the longest
 * suite: CI runs on a clean clone, with no durations from earlier runs). With several workers, a long suite started
 * last would otherwise run alone at the end.
 */
const Sequencer = require("@jest/test-sequencer").default;
const fs = require("node:fs");
const path = require("node:path");

const ENGINE = `${path.sep}tests${path.sep}engine${path.sep}`;

class EngineFirstLargestFirst extends Sequencer {
  sort(tests) {
    const engine = (test) => (test.path.includes(ENGINE) ? 1 : 0);
    const size = (test) => fs.statSync(test.path).size;
    return [...tests].sort((a, b) => engine(b) - engine(a) || size(b) - size(a) || a.path.localeCompare(b.path));
  }
}

module.exports = EngineFirstLargestFirst;
