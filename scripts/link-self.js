#!/usr/bin/env node
/**
 * Makes this checkout resolvable as `pulumi-tencentcloud-organization` from its own node_modules.
 *
 * The provider stub stored in Pulumi state requires the implementation by package name at call time, exactly as it
 * would in a user's project where the package is installed. In this repository the package is not its own dependency,
 * so the examples and the engine tests need this link. Installed from the registry, the package skips it.
 */
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
if (root.split(path.sep).includes("node_modules")) process.exit(0);
const name = require(path.join(root, "package.json")).name;
const link = path.join(root, "node_modules", name);
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
  if (fs.readlinkSync(link) === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not a link yet
}
fs.symlinkSync("..", link, "dir");
