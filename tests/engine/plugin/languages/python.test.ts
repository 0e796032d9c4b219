/**
 * ./scenario.ts for a Python project on the generated Python SDK. The Python language host (v3.79.0) cannot generate
 * code, so `pulumi import` runs with --generate-code=false.
 */
import { pythonProject, removePythonSdk } from "../languages";
import { describeLanguage } from "./scenario";

jest.setTimeout(240_000);

describeLanguage({ name: "python", language: pythonProject, generatesCode: false });
afterAll(removePythonSdk);
