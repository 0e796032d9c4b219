/**
 * Kept at this path on purpose: every dynamic resource's state holds a serialized stub that requires
 * `pulumi-tencentcloud-organization/dist/provider/resources/registry` (../dynamic/stub, and the stubs of earlier
 * versions, which call `configure` and `implementation(kind)`). The dynamic adapter itself is ../dynamic/registry.
 */
export * from "../dynamic/registry";
