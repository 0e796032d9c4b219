/**
 * The one implementation of each resource kind: its check, diff, create, read, update and delete, free of engine
 * specifics. Two adapters serve them: the dynamic provider (../dynamic: the serialized stub and its registry) and the
 * native plugin (../plugin: a gRPC server). Both take them from here, with the adoption watch (./ownership) on.
 */
import type * as pulumi from "@pulumi/pulumi";
import { watchAdoptions } from "./ownership";

export type ResourceKind =
  | "OrganizationMember"
  | "MemberAccessPolicy"
  | "MemberAuthIdentity"
  | "OrganizationNode"
  | "OrganizationIdentity";

export interface ResourceImplementation {
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult>;
  diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult>;
  read(id: string, props?: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult>;
  update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult>;
  delete(id: string, props: Record<string, unknown>): Promise<void>;
}

/** The kind's implementation, loaded on first use (a process serving one kind loads only that module). */
export function resourceImplementation(kind: ResourceKind): ResourceImplementation {
  return watchAdoptions(kind, loadImplementation(kind));
}

function loadImplementation(kind: ResourceKind): ResourceImplementation {
  switch (kind) {
    case "OrganizationMember":
      return (require("./organization-member") as typeof import("./organization-member")).memberImplementation;
    case "MemberAccessPolicy":
      return (require("./member-access-policy") as typeof import("./member-access-policy")).policyImplementation;
    case "MemberAuthIdentity":
      return (require("./member-auth-identity") as typeof import("./member-auth-identity")).authIdentityImplementation;
    case "OrganizationNode":
      return (require("./organization-node") as typeof import("./organization-node")).nodeImplementation;
    case "OrganizationIdentity":
      return (require("./organization-identity") as typeof import("./organization-identity")).identityImplementation;
  }
}
