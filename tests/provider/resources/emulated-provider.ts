/** The provider configured, as the engine configures it, against an emulator in this process; reset before each test. */
import { type Emulator, start } from "../../../emulator";
import { closeSharedAgent, OrganizationClient } from "../../../provider/client";
import { configure } from "../../../provider/resources/config";
import { beginOperation } from "../../../provider/resources/write-log";

export function emulatedProvider(): { emulator: () => Emulator; api: () => OrganizationClient } {
  let emu: Emulator | undefined;
  let api: OrganizationClient | undefined;
  beforeAll(async () => {
    emu = await start({ port: 0 });
    api = new OrganizationClient({ ...emu.credentials, endpoint: emu.url });
  });
  beforeEach(async () => {
    emu!.control.reset();
    const settings: Record<string, string> = {
      "tencentcloud:secretId": emu!.credentials.secretId,
      "tencentcloud:secretKey": emu!.credentials.secretKey,
      "tencentcloud-organization:endpoint": emu!.url,
      // This emulator lists every write at once, so a read that misses a fresh object need not wait for a listing to
      // catch up (read.test.ts covers the waits).
      "tencentcloud-organization:readBackTimeout": "0",
    };
    await configure({ config: { get: (key: string) => settings[key] } } as never);
    // Each test is an operation of its own: nothing a test before it listed answers its reads.
    beginOperation();
  });
  afterAll(async () => {
    await emu?.stop();
    await closeSharedAgent();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the emulator starts in beforeAll");
    return value;
  };
  return { emulator: () => started(emu), api: () => started(api) };
}
