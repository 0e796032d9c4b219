/**
 * The provider's configuration and its one API client: stack config received through `configure`, the environment,
 * and the client built from them (settings.ts). Every resource implementation takes its client from here; nothing here
 * knows about resources, so the registry (which loads the resources) and the resources can both depend on it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { OrganizationClient } from "../client";
import { clientFromSettings, readBackTimeoutMs, readSettings, sharedReadMaxAgeMs, type StackSettings } from "./settings";
import { beginOperation, logWrites } from "./write-log";

export { CONFIG_KEYS } from "./settings";

let stackConfig: StackSettings = {};
let client: OrganizationClient | undefined;
let configured = false;

/**
 * The dynamic provider host configures the provider once per resource kind of the stack, all in the one process of an
 * operation, with the same config: the first configure begins the operation (./write-log), and so does a configure
 * with other settings (another organization, or other keys); the ones between change nothing.
 */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const settings = await readSettings((key) => req.config.get(key));
  if (configured && sameSettings(settings, stackConfig)) return;
  configured = true;
  stackConfig = settings;
  client = undefined;
  beginOperation();
}

function sameSettings(a: StackSettings, b: StackSettings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof StackSettings>;
  return [...keys].every((key) => a[key] === b[key]);
}

export function sharedClient(): OrganizationClient {
  // Its writes are logged, so that no read is answered from a listing a write of this process has since touched.
  client ??= logWrites(clientFromSettings(stackConfig));
  return client;
}

/** How long a read waits for an object the stack wrote to be listed (milliseconds; ./read.ts). */
export function readBackTimeout(): number {
  return readBackTimeoutMs(stackConfig);
}

/** How old a listing of this operation may be and still answer a read (milliseconds; 0: never; ./shared-reads). */
export function sharedReadMaxAge(): number {
  return sharedReadMaxAgeMs(stackConfig);
}
