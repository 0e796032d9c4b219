/**
 * The plugin's provider configuration: the dynamic provider's settings (../resources/settings CONFIG_KEYS), each under
 * its own name in the package's namespace (`tencentcloud-organization:secretKey` for `tencentcloud:secretKey`), as a
 * provider resource's arguments or stack config. Unset ones fall back to the environment, as with the dynamic provider.
 */
import { configure } from "../resources/config";
import { CONFIG_KEYS, type Setting } from "../resources/settings";

/** A setting's plugin config name: the part of its config key after the namespace. */
const nameOf = (setting: Setting): string => CONFIG_KEYS[setting].split(":")[1]!;

export const CONFIG_PROPERTIES: ReadonlyArray<{ readonly name: string; readonly setting: Setting }> = (
  Object.keys(CONFIG_KEYS) as Setting[]
).map((setting) => ({ name: nameOf(setting), setting }));

/** Kept secret in state and output: the key, and a temporary credential's token. */
export const SECRET_CONFIG: ReadonlySet<string> = new Set(["secretKey", "securityToken"]);

/** A config value as the client reads it: strings as they are, numbers and booleans (typed YAML config) as text. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Configures the shared client from the provider's arguments (secrets already revealed). The engine also sends them
 * as `variables` (`tencentcloud-organization:config:<name>`), read where the arguments lack one.
 */
export async function configureFromArgs(args: Record<string, unknown>, variables: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const byKey = new Map<string, string>(CONFIG_PROPERTIES.map(({ name, setting }) => [CONFIG_KEYS[setting], name]));
  await configure({
    config: {
      get: (key: string) => {
        const name = byKey.get(key);
        if (name === undefined) return undefined;
        return text(args[name]) ?? variables.get(`tencentcloud-organization:config:${name}`);
      },
    },
  } as unknown as Parameters<typeof configure>[0]);
}
