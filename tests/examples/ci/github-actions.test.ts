/**
 * examples/ci/github-actions.yml, read as GitHub reads it: which jobs run on which event, with which permissions and
 * secrets. The fork path (what runs for a pull request from a fork) must reach no secret; only the comment job may write
 * to pull requests; every action is pinned to a commit. The preview's report step and the comment step run here in bash
 * with a stand-in `gh`, so the report reaches the one comment as written. actionlint (built by scripts/ensure-actionlint.sh into the
 * machine's cache, from the version tools/actionlint/go.mod pins) checks the rest: expressions, contexts, shell.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { ENGINE_ROOT, ensureEngine, REPO_ROOT } from "../../../scripts/engine";

jest.setTimeout(300_000);

const WORKFLOW_FILE = path.join(REPO_ROOT, "examples", "ci", "github-actions.yml");
const SOURCE = fs.readFileSync(WORKFLOW_FILE, "utf8");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  environment?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(SOURCE) as Workflow;
const job = (name: string): Job => {
  const found = workflow.jobs[name];
  if (!found) throw new Error(`the workflow has no job ${name}`);
  return found;
};
const SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository";
const FROM_FORK = "github.event.pull_request.head.repo.full_name != github.repository";
const runs = (j: Job) => j.steps.map((s) => s.run ?? "").join("\n");

describe("examples/ci/github-actions.yml", () => {
  it("runs on pull requests, on pushes to the default branch, on a schedule and by hand", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push", "schedule", "workflow_dispatch"]);
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    const schedule = workflow.on.schedule as Array<{ cron: string }>;
    expect(schedule).toHaveLength(1);
    expect(schedule[0]!.cron.split(" ")).toHaveLength(5);
  });

  it("has the jobs: preview (same repository) and its comment, the fork's emulator preview, deploy, drift", () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(["comment", "deploy", "drift", "preview", "preview-emulator"]);
    expect(job("preview").if).toBe(`github.event_name == 'pull_request' && ${SAME_REPOSITORY}`);
    expect(job("preview-emulator").if).toBe(`github.event_name == 'pull_request' && ${FROM_FORK}`);
    expect(job("comment").needs).toBe("preview");
    expect(job("comment").if).toContain(SAME_REPOSITORY);
    expect(job("comment").if).toContain("!cancelled()");
    expect(job("deploy").if).toBe("github.event_name == 'push' && github.ref_name == github.event.repository.default_branch");
    expect(job("drift").if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'");
  });

  it("gives each job only the permissions it needs: contents read, and pull-requests write for the comment alone", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    const permissions = Object.fromEntries(Object.entries(workflow.jobs).map(([name, j]) => [name, j.permissions]));
    expect(permissions).toEqual({
      preview: { contents: "read" },
      comment: { "pull-requests": "write" },
      "preview-emulator": { contents: "read" },
      deploy: { contents: "read" },
      drift: { contents: "read" },
    });
    // The job that may write to pull requests runs no code of the pull request: no checkout, no action at all.
    expect(job("comment").steps.map((s) => s.uses).filter(Boolean)).toEqual([]);
    expect(runs(job("comment"))).toContain("gh pr comment");
    expect(runs(job("comment"))).toMatch(/--edit-last --create-if-none/);
  });

  it("pins every action to a full commit SHA", () => {
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect({ use, pinned: /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(use) }).toEqual({ use, pinned: true });
    // Every checkout leaves no token behind in .git/config.
    for (const [name, j] of Object.entries(workflow.jobs)) {
      for (const step of j.steps.filter((s) => s.uses?.startsWith("actions/checkout@"))) {
        expect({ name, with: step.with }).toEqual({ name, with: { "persist-credentials": false } });
      }
    }
  });

  it("reaches no secret on the fork path", () => {
    // What runs for a fork's pull request: the workflow's env and every job whose condition does not require the
    // same repository.
    const forkJobs = Object.entries(workflow.jobs).filter(([, j]) => !(j.if ?? "").includes(SAME_REPOSITORY) && (j.if ?? "").includes("pull_request"));
    expect(forkJobs.map(([name]) => name)).toEqual(["preview-emulator"]);
    expect(JSON.stringify(workflow.env)).not.toMatch(/secrets\.|github\.token/);
    for (const [name, j] of forkJobs) {
      expect({ name, secrets: JSON.stringify(j).match(/secrets\.[\w]+|github\.token/g) }).toEqual({ name, secrets: null });
      expect(j.environment).toBeUndefined();
    }
  });

  it("previews and checks drift with the read-only key, against the deploy job's backend, secrets provider and stack", () => {
    const deploy = job("deploy").env!;
    expect(deploy.TENCENTCLOUD_SECRET_ID).toBe("${{ secrets.TENCENTCLOUD_SECRET_ID }}");
    expect(deploy.TENCENTCLOUD_SECRET_KEY).toBe("${{ secrets.TENCENTCLOUD_SECRET_KEY }}");
    for (const name of ["preview", "drift"]) {
      const env = job(name).env!;
      expect({ name, id: env.TENCENTCLOUD_SECRET_ID, key: env.TENCENTCLOUD_SECRET_KEY }).toEqual({
        name,
        id: "${{ secrets.TENCENTCLOUD_READONLY_SECRET_ID }}",
        key: "${{ secrets.TENCENTCLOUD_READONLY_SECRET_KEY }}",
      });
      expect({ name, backend: env.PULUMI_BACKEND_URL, passphrase: env.PULUMI_CONFIG_PASSPHRASE }).toEqual({
        name,
        backend: deploy.PULUMI_BACKEND_URL,
        passphrase: deploy.PULUMI_CONFIG_PASSPHRASE,
      });
      // The stack is the workflow's (production), not one of the job's own; only the fork's preview has its own.
      expect({ name, stack: job(name).env!.STACK }).toEqual({ name, stack: undefined });
    }
    expect(workflow.env.STACK).toBe("production");
    expect(job("preview-emulator").env!.STACK).toBe("pr");
    // The writing key is used by the deploy job only.
    const writing = Object.entries(workflow.jobs).filter(([, j]) => JSON.stringify(j).includes("secrets.TENCENTCLOUD_SECRET_"));
    expect(writing.map(([name]) => name)).toEqual(["deploy"]);
  });

  it("runs preview, up and refresh with flags the tested CLI has", () => {
    expect(runs(job("preview"))).toMatch(/pulumi preview --diff .*--stack "\$STACK"/);
    expect(runs(job("preview-emulator"))).toMatch(/pulumi preview --diff .*--stack "\$STACK"/);
    expect(runs(job("deploy"))).toMatch(/pulumi up --yes .*--stack "\$STACK"/);
    const refresh = /pulumi refresh (.*)\\\n\s*(.*)\|/.exec(runs(job("drift")));
    expect(refresh).not.toBeNull();
    const flags = `${refresh![1]} ${refresh![2]}`.split(/\s+/).filter((word) => word.startsWith("--"));
    expect(flags).toEqual(expect.arrayContaining(["--preview-only", "--expect-no-changes", "--diff"]));
    ensureEngine({ quiet: true });
    const help = execFileSync(path.join(ENGINE_ROOT, "bin", "pulumi"), ["refresh", "--help"], {
      encoding: "utf8",
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    for (const flag of flags) expect({ flag, known: help.includes(`--${flag.slice(2).split("=")[0]} `) }).toEqual({ flag, known: true });
  });

  describe("the pull-request comment, its steps run with a stand-in gh", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-comment-"));
      fs.mkdirSync(path.join(dir, "bin"));
      // Records its arguments and the body file it was given.
      const gh = `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > "${dir}/gh-args"\nwhile [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" "${dir}/gh-body"; shift; done\n`;
      fs.writeFileSync(path.join(dir, "bin", "gh"), gh, { mode: 0o755 });
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const step = (jobName: string, name: string) => {
      const found = job(jobName).steps.find((s) => s.name === name);
      if (!found?.run) throw new Error(`job ${jobName} has no step ${name}`);
      return found.run;
    };
    const bash = (script: string, env: Record<string, string>) =>
      execFileSync("bash", ["-e", "-c", script], { encoding: "utf8", env: { PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, RUNNER_TEMP: dir, ...env } });
    const comment = (body: string) => {
      bash(step("comment", "One comment, edited in place on each push"), { GH_TOKEN: "token", PR_NUMBER: "7", GITHUB_REPOSITORY: "owner/repo", COMMENT: body, RUN_URL: "https://run" });
      return { args: fs.readFileSync(path.join(dir, "gh-args"), "utf8").trim().split("\n"), body: fs.readFileSync(path.join(dir, "gh-body"), "utf8") };
    };

    it("the preview's report goes to the job summary and, through the job output, into the one comment gh edits", () => {
      fs.writeFileSync(path.join(dir, "preview.txt"), "Previewing update (production):\n    ~ platform-team update [diff: ~remark]\nResources:\n    ~ 1 to update\n    6 unchanged\n");
      const summary = path.join(dir, "summary.md");
      const output = path.join(dir, "output");
      bash(step("preview", "Job summary and comment text"), {
        OUTCOME: "success",
        RUN_URL: "https://run",
        PROJECT_DIR: "examples/organization",
        STACK: "production",
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
      });
      const report = fs.readFileSync(summary, "utf8");
      expect(report).toContain("~ 1 to update");
      expect(report).toContain("~ platform-team update [diff: ~remark]");
      const written = /^comment<<(\S+)\n([\s\S]*)\n\1\n$/.exec(fs.readFileSync(output, "utf8"));
      expect(written).not.toBeNull();
      expect(`${written![2]}\n`).toBe(report);

      const posted = comment(written![2]!);
      expect(posted.args).toEqual(["pr", "comment", "7", "--repo", "owner/repo", "--edit-last", "--create-if-none", "--body-file", path.join(dir, "comment.md")]);
      expect(posted.body).toBe(report);
    });

    it("a preview job that ended without a report still updates the comment, pointing at the run", () => {
      expect(comment("").body).toContain("The preview job ended before it produced a report: see [the run](https://run).");
    });
  });

  describe("actionlint", () => {
    let actionlint: string;
    beforeAll(() => {
      actionlint = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-actionlint.sh")], { encoding: "utf8" }).trim();
    });
    const lint = (file: string) => spawnSync(actionlint, ["-no-color", file], { encoding: "utf8" });

    it("finds nothing to report in the workflow", () => {
      const result = lint(WORKFLOW_FILE);
      expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: "" });
    });

    it("reports a job that needs a job that does not exist (the check is live)", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
      try {
        const broken = path.join(dir, "broken.yml");
        fs.writeFileSync(broken, SOURCE.replace("needs: preview\n", "needs: previews\n"));
        const result = lint(broken);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain('"previews"');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
