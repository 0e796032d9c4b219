/**
 * The engine's special values as they cross the plugin's gRPC boundary (google.protobuf.Struct), and the plain values
 * the resource implementations take:
 *
 * - A secret arrives wrapped: `{ [SECRET_SIG]: SECRET_VALUE, value }`. The implementations never see the wrapper
 *   (they validate and compare plain values); the top-level properties that held a secret, at any depth, are
 *   remembered, and the same properties of the result are wrapped again, so a secret input stays a secret output.
 * - An unknown value (preview) arrives as the UNKNOWN string: it passes through unchanged, because the implementations
 *   already treat it as "not known yet" (../resources/properties `isUnknown`).
 */
import { UNKNOWN } from "../resources/properties";

export { UNKNOWN };

/** The key that marks a special value, and the value of that key that means "secret" (sdk/go/common/resource/sig). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

/** Whether `value` is the engine's secret wrapper. */
export function isSecretWrapper(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && (value as Props)[SPECIAL_SIG_KEY] === SECRET_SIG;
}

/** `value` as a secret the engine recognizes. */
export const secret = (value: unknown): Props => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, value });

/** Whether a secret wrapper sits anywhere inside `value`. */
function holdsSecret(value: unknown): boolean {
  if (isSecretWrapper(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(holdsSecret);
  return false;
}

/** `value` with every secret wrapper replaced by what it wraps, at any depth. */
export function reveal(value: unknown): unknown {
  if (isSecretWrapper(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reveal(item)]));
  }
  return value;
}

export interface Unwrapped {
  readonly values: Props;
  /** The top-level properties that held a secret. */
  readonly secretKeys: ReadonlySet<string>;
}

/** A property bag from the engine, without secret wrappers, and which of its properties held secrets. */
export function unwrap(props: Props | undefined): Unwrapped {
  const source = props ?? {};
  const secretKeys = new Set(Object.keys(source).filter((key) => holdsSecret(source[key])));
  return { values: reveal(source) as Props, secretKeys };
}

/**
 * A result for the engine: `secretKeys` (those of the inputs, plus any the resource always keeps secret) wrapped as
 * secrets, undefined values dropped (a Struct cannot carry them; absent means the same).
 */
export function wrap(props: Props, secretKeys: Iterable<string>): Props {
  const keys = new Set(secretKeys);
  return Object.fromEntries(
    Object.entries(props)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, keys.has(key) && !isSecretWrapper(value) ? secret(value) : value]),
  );
}
