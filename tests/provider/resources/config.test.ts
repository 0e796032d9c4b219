/**
 * The provider's configuration: the dynamic provider host configures it once per resource kind, in the one process of
 * an operation, with the same config. Only the first configure, or one with other settings, begins an operation.
 */
import { configure } from "../../../provider/resources/config";
import { mark, touches, untouchedSince } from "../../../provider/resources/write-log";

const configureWith = (settings: Record<string, string>) => configure({ config: { get: (key: string) => settings[key] } } as never);
const endpoint = (url: string) => ({ "tencentcloud-organization:endpoint": url });

describe("configure", () => {
  it("begins an operation the first time, and not again for the next kinds of the same stack", async () => {
    const before = mark();
    await configureWith(endpoint("http://127.0.0.1:1"));
    expect(untouchedSince(before, [touches.member(1)])).toBe(false);
    const listed = mark();
    await configureWith(endpoint("http://127.0.0.1:1"));
    expect(untouchedSince(listed, [touches.member(1)])).toBe(true);
  });

  it("begins an operation when the settings change", async () => {
    await configureWith(endpoint("http://127.0.0.1:1"));
    const listed = mark();
    await configureWith(endpoint("http://127.0.0.1:2"));
    expect(untouchedSince(listed, [touches.member(1)])).toBe(false);
  });
});
