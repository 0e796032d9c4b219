/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // Type-checking happens once, in `npm test`'s typecheck phase (tsc -p tsconfig.test.json); tsconfig.test.json's
  // isolatedModules makes ts-jest only transpile, instead of type-checking every file again in every worker.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
  // Engine tests spend most of their time waiting on child processes (the CLI, the language host, the provider), so
  // more workers than cores keep both cores busy. Each test has its own emulator, port, backend and PULUMI_HOME.
  // JEST_MAX_WORKERS overrides it (a number, or a percentage of the cores like "50%").
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 4,
  // Longest first: engine suites before unit suites, so the last worker is not left running a long suite alone.
  testSequencer: "<rootDir>/tests/sequencer.js",
  testTimeout: 30000,
};
