import { isSecretWrapper, reveal, secret, SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN, unwrap, wrap } from "../../../provider/plugin/values";

describe("the engine's special values", () => {
  it("unwraps secrets at any depth and remembers the top-level properties that held one", () => {
    const { values, secretKeys } = unwrap({
      secretKey: secret("k"),
      policies: [{ policyDocument: secret("{}") }],
      name: "plain",
    });
    expect(values).toEqual({ secretKey: "k", policies: [{ policyDocument: "{}" }], name: "plain" });
    expect([...secretKeys].sort()).toEqual(["policies", "secretKey"]);
  });

  it("wraps the remembered properties again, once, and drops undefined values", () => {
    const wrapped = wrap({ secretKey: "k", already: secret("x"), name: "plain", gone: undefined }, ["secretKey", "already"]);
    expect(wrapped).toEqual({
      secretKey: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: "k" },
      already: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: "x" },
      name: "plain",
    });
    expect("gone" in wrapped).toBe(false);
  });

  it("round-trips: what is unwrapped and wrapped again is what arrived", () => {
    const arrived = { a: secret([1, 2]), b: { c: "d" } };
    const { values, secretKeys } = unwrap(arrived);
    expect(wrap(values, secretKeys)).toEqual(arrived);
  });

  it("passes unknown values through, at any depth", () => {
    const { values } = unwrap({ nodeId: UNKNOWN, tags: { a: secret(UNKNOWN) } });
    expect(values).toEqual({ nodeId: UNKNOWN, tags: { a: UNKNOWN } });
  });

  it("tells a secret wrapper from an object that merely has the key", () => {
    expect(isSecretWrapper(secret(1))).toBe(true);
    expect(isSecretWrapper({ [SPECIAL_SIG_KEY]: "another-sig", value: 1 })).toBe(false);
    expect(reveal({ [SPECIAL_SIG_KEY]: "another-sig", value: 1 })).toEqual({ [SPECIAL_SIG_KEY]: "another-sig", value: 1 });
  });
});
