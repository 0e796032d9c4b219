/** The serialized provider stub: small, capturing nothing but the kind, and routing each host call to its method. */
import { serializeFunction } from "@pulumi/pulumi/runtime/closure/serializeClosure";
import * as registry from "../../../provider/resources/registry";
import type { ResourceImplementation } from "../../../provider/resources/registry";
import { providerStub } from "../../../provider/dynamic/stub";

const KINDS = ["OrganizationMember", "MemberAccessPolicy", "MemberAuthIdentity", "OrganizationNode", "OrganizationIdentity"] as const;

describe("providerStub", () => {
  it("serializes to at most 1,500 bytes that capture only the resource kind", async () => {
    for (const kind of KINDS) {
      const provider = providerStub(kind);
      // As pulumi.dynamic.Resource serializes it.
      const { text } = await serializeFunction(() => provider, { allowSecrets: true });
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1500);
      const captured = [...text.matchAll(/with\(\{ (.*) \}\)/g)].map((m) => m[1]);
      expect(new Set(captured)).toEqual(
        new Set([`kind: "${kind}", this: undefined, arguments: undefined`, "provider: __provider, this: undefined, arguments: undefined"]),
      );
      expect(text).toContain('require("pulumi-tencentcloud-organization/dist/provider/resources/registry").dispatch(kind, "other", a)');
      expect(text).toContain('.dispatch(kind, "update", a)');
      expect(text).toContain('.dispatch(kind, "delete", a)');
    }
  });

  it("routes every call the dynamic provider host makes to its method", async () => {
    const calls: string[] = [];
    const record = (name: string) => async (...args: unknown[]) => void calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(", ")})`);
    const impl = {
      check: record("check"),
      diff: record("diff"),
      create: record("create"),
      read: record("read"),
      update: record("update"),
      delete: record("delete"),
    } as unknown as ResourceImplementation;
    const provider = providerStub("OrganizationMember");
    // The stub's functions, with the registry's routing in place of the installed package's.
    const through = (method: keyof typeof provider) => (...args: unknown[]) =>
      registry.route(() => impl, provider[method] === provider.update ? "update" : provider[method] === provider.delete ? "delete" : "other", args);
    const olds = { name: "a", __provider: "p" };
    const news = { name: "b", __provider: "p" };
    await through("check")(olds, news);
    await through("diff")("1", olds, news);
    await through("create")(news);
    await through("read")("1", olds);
    await through("update")("1", olds, news);
    await through("delete")("1", olds);
    // configure's request has no serialized provider: it goes to the registry's configure, not to the implementation.
    await through("configure")({ config: { get: () => undefined } });
    expect(calls).toEqual([
      `check(${JSON.stringify(olds)}, ${JSON.stringify(news)})`,
      `diff("1", ${JSON.stringify(olds)}, ${JSON.stringify(news)})`,
      `create(${JSON.stringify(news)})`,
      `read("1", ${JSON.stringify(olds)})`,
      `update("1", ${JSON.stringify(olds)}, ${JSON.stringify(news)})`,
      `delete("1", ${JSON.stringify(olds)})`,
    ]);
    // Update and delete have functions of their own: no reading of arguments routes to them.
    expect(new Set([provider.update, provider.delete, provider.check]).size).toBe(3);
    expect(new Set([provider.configure, provider.check, provider.diff, provider.create, provider.read]).size).toBe(1);
  });

  it("refuses a call of a shape the host does not make, instead of guessing a method", async () => {
    const impl = () => {
      throw new Error("no method may run");
    };
    const unknownCall = /does not know/;
    await expect(registry.route(impl, "update", ["1", {}])).rejects.toThrow(unknownCall);
    await expect(registry.route(impl, "delete", ["1", {}, {}])).rejects.toThrow(unknownCall);
    await expect(registry.route(impl, "delete", [{}, {}])).rejects.toThrow(unknownCall);
    await expect(registry.route(impl, "other", ["1", {}, {}, {}])).rejects.toThrow(unknownCall);
    await expect(registry.route(impl, "other", [])).rejects.toThrow(unknownCall);
  });

  it("keeps what states written by earlier stubs call: registry.configure and registry.implementation(kind)", async () => {
    expect(typeof registry.configure).toBe("function");
    for (const kind of KINDS) {
      expect(Object.keys(registry.implementation(kind)).sort()).toEqual(["check", "create", "delete", "diff", "read", "update"]);
    }
    // As an earlier stub calls it: registry.implementation(kind).check(olds, news).
    const result = await registry.implementation("OrganizationMember").check({}, { memberUin: 100000000013, remark: "r".repeat(41), __provider: "old stub" });
    expect(result.failures?.map((f) => f.property)).toEqual(["remark"]);
  });
});
