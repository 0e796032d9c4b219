/**
 * The client lookups use. They run in the Pulumi program's process, not the dynamic provider's, so they read the same
 * stack config keys themselves (secrets through `getSecret`) and build the client as the provider does (settings.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type { OrganizationClient } from "../client";
import { clientFromSettings, readSettings, SECRET_SETTINGS } from "../resources/settings";

/** A secret's plain value, for the client alone: config values are always known, so the callback always runs. */
const reveal = (output: pulumi.Output<string>): Promise<string> =>
  new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });

let clientSource: (() => OrganizationClient) | undefined;

/**
 * The native plugin answers lookups in its own process, where no program config exists: with the client its provider
 * configuration built.
 */
export function serveLookupsWith(source: () => OrganizationClient): void {
  clientSource = source;
}

/**
 * Built per lookup (no network, a few microseconds): pacing is process-wide per host and action anyway, and a cached
 * client would outlive a change of settings in tests.
 */
export async function lookupClient(): Promise<OrganizationClient> {
  if (clientSource !== undefined) return clientSource();
  const settings = await readSettings((key, setting) => {
    const [namespace, name] = key.split(":") as [string, string];
    const config = new pulumi.Config(namespace);
    if (!SECRET_SETTINGS.has(setting)) return config.get(name);
    const secret = config.getSecret(name);
    return secret === undefined ? undefined : reveal(secret);
  });
  return clientFromSettings(settings);
}
