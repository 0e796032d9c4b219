/**
 * A local Tencent Cloud Organization API (2021-03-31) that speaks the real wire protocol: TC3-signed JSON POSTs,
 * the Response envelope, documented validation and business errors, per-action rate limits, optional persistence,
 * and a control surface for fault injection and inspection. See emulator/README.md for what it does not model.
 *
 *   const emulator = await start({ port: 0 });
 *   // point a client at emulator.url with emulator.credentials; emulator.control.injectFault({ kind: "throttle" })
 *   await emulator.stop();
 */
import type { AddressInfo } from "node:net";
import { type KeyPair, Authenticator } from "./auth";
import { Backend } from "./backend";
import { loadSeed, type State } from "./backend/state";
import { type Clock, formatApiTime } from "./backend/time";
import { CallLog } from "./calls";
import { type EmulatorControl, createControl } from "./control";
import { Dispatcher } from "./dispatch";
import { FaultPlan } from "./faults";
import { AnswerHooks } from "./hooks";
import { loadState, saveState } from "./persistence";
import { RateLimiter } from "./rate-limit";
import type { ActionName } from "../provider/api";
import { type Seed, resolveSeed } from "./seed";
import { createEmulatorServer } from "./server";

export { DEFAULT_SEED, SEED_IDS } from "./seed";
export type { Seed } from "./seed";
export {
  type GenerateOptions,
  GENERATED_ROOT_NODE,
  generateSeed,
  generatedDepartment,
  generatedIdentity,
  generatedMemberUin,
  generatedPolicy,
} from "./generate";
export type { EmulatorControl } from "./control";
export type { CallRecord } from "./calls";
export type { FaultKind, FaultSpec } from "./faults";
export type { AnswerHook, AnsweredCall } from "./hooks";
export type { KeyPair } from "./auth";
export type { State } from "./backend/state";
export { formatApiTime } from "./backend/time";

/** Fixed, obviously fake keys the emulator accepts by default. Never valid on Tencent Cloud. */
export const TEST_CREDENTIALS: Readonly<{ secretId: string; secretKey: string }> = Object.freeze({
  secretId: "AKIDEMULATORTESTKEY0000000000000000",
  secretKey: "emulator-test-secret-key-not-for-cloud",
});

/**
 * A second fake key the emulator accepts by default, as a CAM policy of reads only would: what a pull-request preview
 * or a drift check runs with. Writes answer AuthFailure.UnauthorizedOperation.
 */
export const TEST_READ_ONLY_CREDENTIALS: Readonly<{ secretId: string; secretKey: string }> = Object.freeze({
  secretId: "AKIDEMULATORREADONLY000000000000000",
  secretKey: "emulator-read-only-secret-key-not-for-cloud",
});

export interface StartOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** Persist every accepted write here; an existing file is loaded instead of the seed. */
  stateFile?: string;
  /** The initial organization: an object or a path to a JSON file. Default DEFAULT_SEED. */
  seed?: Seed | string;
  /**
   * Accepted key pairs. Default TEST_CREDENTIALS and the read-only TEST_READ_ONLY_CREDENTIALS; `credentials` of the
   * Emulator is the first, `readOnlyCredentials` the first read-only one.
   */
  credentials?: KeyPair[];
  /** Per-action rate limits (documented rates). Default true. */
  rateLimits?: boolean;
  /** Per-action rates that replace the documented ones while rate limits are on, e.g. `{ CreateOrganizationMember: 3 }`. */
  ratesPerSecond?: Partial<Record<ActionName, number>>;
  /** The clock, in milliseconds since the epoch (times in answers, signature expiry, rate limits). Default Date.now. */
  now?: Clock;
  /**
   * Listing lag (backend/lag.ts): a created object is left out of Describe/List answers until it is this many
   * milliseconds old on `now`. Default the seed's `behaviour.listingLagMs`, else 0 (off); `control.setListingLag`
   * changes it later.
   */
  listingLagMs?: number;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  credentials: { secretId: string; secretKey: string };
  /** A key pair that may only read (KeyPair.readOnly), when one is accepted. */
  readOnlyCredentials?: { secretId: string; secretKey: string };
  control: EmulatorControl;
  stop(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

export async function start(options: StartOptions = {}): Promise<Emulator> {
  const requestedHost = options.host ?? "127.0.0.1";
  if (!LOOPBACK_HOSTS.has(requestedHost)) throw new Error(`The emulator listens on loopback only (127.0.0.1, ::1, localhost), not ${requestedHost}`);
  const host = requestedHost === "localhost" ? "127.0.0.1" : requestedHost;
  const keyPairs = options.credentials ?? [{ ...TEST_CREDENTIALS }, { ...TEST_READ_ONLY_CREDENTIALS, readOnly: true }];
  const [first] = keyPairs;
  const readOnly = keyPairs.find((pair) => pair.readOnly === true);
  if (!first) throw new Error("credentials must list at least one key pair");
  const clock = options.now ?? Date.now;
  const rateLimits = options.rateLimits ?? true;

  const { seed, source } = resolveSeed(options.seed);
  const { state: seedState, behaviour } = loadSeed(seed, formatApiTime(clock()), source);
  const saved = options.stateFile ? loadState(options.stateFile) : undefined;
  const commit = (state: State) => {
    if (options.stateFile) saveState(options.stateFile, state);
  };
  const initial = saved ?? seedState;
  if (!saved) commit(initial);

  const backend = new Backend(initial, clock);
  const listingLagMs = options.listingLagMs ?? behaviour.listingLagMs ?? 0;
  backend.listing.setLag(listingLagMs);
  const faults = new FaultPlan();
  const calls = new CallLog();
  const limiter = new RateLimiter(clock, rateLimits, options.ratesPerSecond);
  const authenticator = new Authenticator(keyPairs, clock);
  const hooks = new AnswerHooks();
  const dispatcher = new Dispatcher({ backend, authenticator, limiter, faults, calls, hooks, commit });
  const control = createControl({ backend, faults, calls, limiter, authenticator, hooks, seedState, rateLimitsByDefault: rateLimits, listingLagByDefault: listingLagMs, commit });
  const server = createEmulatorServer(dispatcher, control);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === "::1" ? "[::1]" : host;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    credentials: { secretId: first.secretId, secretKey: first.secretKey },
    ...(readOnly ? { readOnlyCredentials: { secretId: readOnly.secretId, secretKey: readOnly.secretKey } } : {}),
    control,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
