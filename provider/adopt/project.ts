/** The files of a whole Pulumi project around the generated program, for `--project <dir>`. */
import { version as providerVersion } from "./version";

export interface ProjectFiles {
  readonly "index.ts": string;
  readonly "Pulumi.yaml"?: string;
  readonly "package.json"?: string;
  readonly "tsconfig.json"?: string;
}

/** A project name as Pulumi and npm accept it. */
export function projectName(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[-._]+|[-._]+$/g, "");
  return cleaned === "" ? "adopted-organization" : cleaned;
}

export function projectFiles(program: string, name: string): Required<ProjectFiles> {
  const project = projectName(name);
  return {
    "index.ts": program,
    "Pulumi.yaml": [
      `name: ${project}`,
      "description: Adopts an existing Tencent Cloud Organization (written by tencentcloud-organization-adopt)",
      "runtime: nodejs",
      "main: index.ts",
      "",
    ].join("\n"),
    "package.json": `${JSON.stringify(
      {
        name: project,
        private: true,
        main: "index.ts",
        dependencies: { "@pulumi/pulumi": "^3.216.0", "pulumi-tencentcloud-organization": `^${providerVersion}` },
        devDependencies: { "@types/node": "^22.0.0", typescript: "^5.9.0" },
      },
      null,
      2,
    )}\n`,
    "tsconfig.json": `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "node10",
          esModuleInterop: true,
          skipLibCheck: true,
          outDir: "bin",
        },
        files: ["index.ts"],
      },
      null,
      2,
    )}\n`,
  };
}
