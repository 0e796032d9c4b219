/**
 * API credentials. The secret key and the security token live in private fields that JSON.stringify, util.inspect,
 * object spreads and structured dumps cannot see; only `secretId` (an identifier, not a secret) is public. Read the
 * secrets with `secretKey()` / `securityToken()` at the moment of signing and sending, and nowhere else.
 */
import { inspect } from "node:util";
import { ConfigurationError } from "./errors";

export const SECRET_ID_VARIABLE = "TENCENTCLOUD_SECRET_ID";
export const SECRET_KEY_VARIABLE = "TENCENTCLOUD_SECRET_KEY";
export const SECURITY_TOKEN_VARIABLE = "TENCENTCLOUD_SECURITY_TOKEN";

export interface CredentialValues {
  readonly secretId: string;
  readonly secretKey: string;
  /** Temporary credentials only: sent as X-TC-Token. */
  readonly securityToken?: string;
}

export class Credentials {
  readonly secretId: string;
  readonly #secretKey: string;
  readonly #securityToken: string | undefined;

  constructor(values: CredentialValues) {
    const secretId = values.secretId?.trim() ?? "";
    const secretKey = values.secretKey?.trim() ?? "";
    if (!secretId || !secretKey) {
      const missing = [!secretId && SECRET_ID_VARIABLE, !secretKey && SECRET_KEY_VARIABLE].filter(
        (name): name is string => typeof name === "string",
      );
      throw new ConfigurationError(
        `Tencent Cloud credentials are missing (${missing.join(", ")} not set): set both ${SECRET_ID_VARIABLE} and ` +
          `${SECRET_KEY_VARIABLE} (and ${SECURITY_TOKEN_VARIABLE} for temporary credentials).`,
        [SECRET_ID_VARIABLE, SECRET_KEY_VARIABLE],
      );
    }
    this.secretId = secretId;
    this.#secretKey = secretKey;
    const token = values.securityToken?.trim();
    this.#securityToken = token ? token : undefined;
  }

  secretKey(): string {
    return this.#secretKey;
  }

  securityToken(): string | undefined {
    return this.#securityToken;
  }

  /** What logs and dumps show. */
  describe(): { secretId: string; secretKey: "[redacted]"; securityToken?: "[redacted]" } {
    return {
      secretId: this.secretId,
      secretKey: "[redacted]",
      ...(this.#securityToken === undefined ? {} : { securityToken: "[redacted]" as const }),
    };
  }

  toJSON(): ReturnType<Credentials["describe"]> {
    return this.describe();
  }

  toString(): string {
    return `Credentials(${this.secretId}, secretKey [redacted])`;
  }

  [inspect.custom](): string {
    return `Credentials ${inspect(this.describe())}`;
  }
}
