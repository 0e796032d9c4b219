/** An in-process emulator the lookups reach through the environment, as a program's process reaches the API. */
import { start, type Emulator, type Seed } from "../../../emulator";
import { closeSharedAgent, resetPacing } from "../../../provider/client";

const VARIABLES = ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_ORGANIZATION_ENDPOINT"] as const;

/** Starts an emulator before the file's tests and points the environment at it; restores everything after. */
export function emulatedOrganization(seed?: Seed): { emulator: () => Emulator } {
  let emulator: Emulator | undefined;
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  beforeAll(async () => {
    emulator = await start({ port: 0, ...(seed === undefined ? {} : { seed }) });
    process.env.TENCENTCLOUD_SECRET_ID = emulator.credentials.secretId;
    process.env.TENCENTCLOUD_SECRET_KEY = emulator.credentials.secretKey;
    process.env.TENCENTCLOUD_ORGANIZATION_ENDPOINT = emulator.url;
  });
  afterAll(async () => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    await emulator?.stop();
    await closeSharedAgent();
    resetPacing();
  });
  return {
    emulator: () => {
      if (!emulator) throw new Error("the emulator starts in beforeAll");
      return emulator;
    },
  };
}

/** An Output's value, outside a deployment. */
export const valueOf = <T>(output: { apply<U>(f: (value: T) => U): unknown }): Promise<T> =>
  new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });
