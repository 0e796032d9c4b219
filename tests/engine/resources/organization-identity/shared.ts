/**
 * OrganizationIdentity through the real engine (the CLI path: tests/engine/projects/declared), one stack carried
 * through its life: an identity with the MemberAuthIdentity and MemberAccessPolicy that use it, drift, an in-place
 * update, a replacement for a new alias (the authorizations and the policy move to the new identity), adoption of a
 * seeded preset identity, a delete refused because of an authorization made outside the stack, and destroy back to
 * the seed.
 */
import { SEED_IDS } from "../../../../emulator";
import { CONVERGED, convergence } from "../../convergence";
import { createEngineStack, type EngineStack, type ResourceSpec } from "../../harness";

export { SEED_IDS, CONVERGED, convergence, createEngineStack, type EngineStack, type ResourceSpec };

export const { invitedUin: alice, createdUin: bob, readonlyIdentityId } = SEED_IDS;
export const readOnly = { policyId: 2, policyName: "ReadOnlyAccess" };
/** Spelled with spaces and in another key order than the API would: formatting must never show as drift. */
export const cvmDocument = '{ "statement": [ { "resource": ["*"], "action": ["cvm:*"], "effect": "allow" } ], "version": "2.0" }';

export const stackWith = (identity: Record<string, unknown>, extra: ResourceSpec[] = []): ResourceSpec[] => [
  { kind: "OrganizationIdentity", name: "ops-identity", args: { aliasName: "ops", description: "ops access", policies: [readOnly, { policyDocument: cvmDocument }], ...identity } },
  { kind: "MemberAuthIdentity", name: "ops-access", args: { memberUins: [bob], identityIds: [{ $ref: "ops-identity.identityId" }] } },
  {
    kind: "MemberAccessPolicy",
    name: "ops-policy",
    args: { memberUins: [bob], policyName: "ops-policy", identityId: { $ref: "ops-identity.identityId" } },
    dependsOn: ["ops-access"],
  },
  ...extra,
];
