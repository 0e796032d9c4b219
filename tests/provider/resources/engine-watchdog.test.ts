/** Which processes watch the engine: only the dynamic provider host, given the engine's loopback address. */
import { engineAddress } from "../../../provider/resources/engine-watchdog";

describe("engineAddress", () => {
  const host = "/repo/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

  it("is the host's first argument when running as the dynamic provider host", () => {
    expect(engineAddress(["node", host, "127.0.0.1:40387"])).toEqual({ host: "127.0.0.1", port: 40387 });
    expect(engineAddress(["node", "/x/cmd/dynamic-provider", "[::1]:5000"])).toEqual({ host: "::1", port: 5000 });
  });

  it("is undefined anywhere else: a program, jest, or a non-loopback address", () => {
    expect(engineAddress(["node", "/repo/dist/examples/organization/index.js", "127.0.0.1:1"])).toBeUndefined();
    expect(engineAddress(["node", "/repo/node_modules/.bin/jest"])).toBeUndefined();
    expect(engineAddress(["node", host, "10.0.0.5:40387"])).toBeUndefined();
    expect(engineAddress(["node", host])).toBeUndefined();
  });
});
