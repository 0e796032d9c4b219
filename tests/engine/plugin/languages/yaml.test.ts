/** ./scenario.ts for a Pulumi YAML project: the program is Pulumi.yaml itself, typed by the plugin's schema. */
import { YAML_PROJECT } from "../languages";
import { describeLanguage } from "./scenario";

jest.setTimeout(240_000);

describeLanguage({ name: "yaml", language: () => YAML_PROJECT, generatesCode: true });
