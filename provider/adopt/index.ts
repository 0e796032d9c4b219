/**
 * The adoption command's work, without the command line: read the organization, render the program, count the calls.
 */
import type { CallEvent, OrganizationClient } from "../client";
import { clientFromSettings } from "../resources/settings";
import { projectFiles, type ProjectFiles } from "./project";
import { readInventory, type Scope } from "./read";
import { renderProgram, type ResourceKind } from "./render";

export { AdoptionScopeError, type Scope } from "./read";
export { RESOURCE_KINDS, type ResourceKind } from "./render";

export interface AdoptOptions {
  readonly scope?: Scope;
  /** Write the whole project (Pulumi.yaml, package.json, tsconfig.json) under this project name; else index.ts only. */
  readonly projectName?: string;
  /** Where the API is and as whom: default, the environment the provider reads. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface Adoption {
  readonly files: ProjectFiles;
  readonly counts: Record<ResourceKind, number>;
  /** Requests sent, retries included, and how many of them were retries. */
  readonly apiCalls: number;
  readonly retries: number;
  readonly elapsedMs: number;
}

function scopeNote(scope: Scope): string {
  if (scope.nodeId !== undefined) return `department ${scope.nodeId} and its descendants, their members, and those members' authorizations and policies`;
  if (scope.memberUins !== undefined && scope.memberUins.length > 0) return `members ${scope.memberUins.join(", ")}, their authorizations and policies`;
  return "the whole organization";
}

export async function adopt(options: AdoptOptions = {}): Promise<Adoption> {
  const started = Date.now();
  const events: CallEvent[] = [];
  const client: OrganizationClient = clientFromSettings({}, options.env ?? process.env, { onCall: (event) => events.push(event) });
  const scope = options.scope ?? {};
  const inventory = await readInventory(client, scope);
  const { source, counts } = renderProgram(inventory, [
    "Written by tencentcloud-organization-adopt: adopts the current state of " + scopeNote(scope) + ".",
    "Every property holds its current value, so `pulumi up` writes nothing; `pulumi destroy` releases everything.",
  ]);
  return {
    files: options.projectName === undefined ? { "index.ts": source } : projectFiles(source, options.projectName),
    counts,
    apiCalls: events.length,
    retries: events.filter((event) => event.attempt > 1).length,
    elapsedMs: Date.now() - started,
  };
}
