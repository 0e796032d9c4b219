/**
 * ./scenario.ts for a TypeScript project on the generated Node.js SDK, type-checked and run by ts-node. The Node.js
 * language host (v3.68.0) cannot generate code, so `pulumi import` runs with --generate-code=false.
 */
import { removeNodejsSdk, typescriptProject } from "../languages";
import { describeLanguage } from "./scenario";

jest.setTimeout(300_000);

describeLanguage({ name: "typescript", language: typescriptProject, generatesCode: false });
afterAll(removeNodejsSdk);
