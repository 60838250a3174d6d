/**
 * This repository's own workflow rules, which actionlint does not have (tools/lint-workflows.ts runs
 * both). Each protects a promise docs/operations.md makes:
 * - `no-pull-request-target`: PR code never runs next to a writable token and secrets;
 * - `permissions`: a workflow starts from `permissions: {}` and every job declares what it needs;
 * - `pinned-actions`: every remote action is pinned to a full commit SHA;
 * - `no-checkout-in-workflow-run`: a `workflow_run` workflow (which holds a writable token) never
 *   fetches code; it reads artifacts as data;
 * - `ignore-scripts`: a job that can mint an OIDC token installs packages with `--ignore-scripts`, so
 *   no dependency's install script runs where it could take the token;
 * - `preview-before-up`: every `pulumi up` follows a `pulumi preview` with the policy pack in the same job.
 * Local composite actions (`uses: ./…`) are read and their steps count as the job's (`local-action`:
 * one that cannot be read is a finding, since its steps would go unchecked).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type Document, LineCounter, parseDocument } from "yaml";

export interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
  rule: string;
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: unknown;
  uses?: string;
  steps?: Step[];
}
interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, Job>;
}

/** A job's steps with composite actions expanded; `at` is the workflow step each came from. */
interface FlatStep extends Step {
  at: (string | number)[];
  via?: string;
}

const fullSha = /^[0-9a-f]{40}$/;
const packageInstall = /\b(npm\s+(ci|install|i|add)|yarn(\s+install)?|pnpm\s+(install|i|add))(?=\s|$)/;
const pulumiUp = /\bpulumi(?:\s+--?[\w-]+(?:[ =]\S+)?)*\s+(up|update)\b|pulumi-run\.sh\s+up\b/;
const pulumiPreview = /\bpulumi\s+preview\b[^\n]*--policy-pack|pulumi-run\.sh\s+preview\b/;
const fetchesCode = /\bgit\s+(clone|fetch|checkout|pull)\b|\bgh\s+(pr|repo)\s+(checkout|clone)\b/;

/** The steps of a local composite action, or undefined when it cannot be read. */
export type ReadLocalAction = (uses: string) => Step[] | undefined;

export function localActionReader(root: string): ReadLocalAction {
  return (uses) => {
    for (const name of ["action.yml", "action.yaml"]) {
      const file = path.join(root, uses, name);
      if (fs.existsSync(file)) {
        const action = parseDocument(fs.readFileSync(file, "utf8")).toJS() as {
          runs?: { steps?: Step[] };
        } | null;
        return action?.runs?.steps ?? [];
      }
    }
    return undefined;
  };
}

function triggersOf(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(on ?? {});
}

function flatSteps(jobId: string, job: Job, readLocalAction: ReadLocalAction): FlatStep[] {
  const steps: FlatStep[] = [];
  (job.steps ?? []).forEach((step, index) => {
    const at = ["jobs", jobId, "steps", index];
    if (typeof step?.uses === "string" && step.uses.startsWith("./")) {
      for (const inner of readLocalAction(step.uses) ?? []) steps.push({ ...inner, at, via: step.uses });
    }
    steps.push({ ...step, at });
  });
  return steps;
}

function mintsOidcTokens(job: Job): boolean {
  const permissions = job.permissions;
  if (permissions === "write-all") return true;
  return (
    typeof permissions === "object" &&
    permissions !== null &&
    (permissions as Record<string, unknown>)["id-token"] === "write"
  );
}

function isPulumiAction(step: Step, commands: string[]): boolean {
  return (
    typeof step.uses === "string" &&
    step.uses.startsWith("pulumi/actions@") &&
    commands.includes(String(step.with?.command))
  );
}

export function repositoryRules(file: string, source: string, readLocalAction: ReadLocalAction): Finding[] {
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(source, { lineCounter });
  if (document.errors.length > 0) return []; // actionlint reports syntax errors with better messages
  const findings: Finding[] = [];
  const at = (nodePath: (string | number)[] | null, message: string, rule: string) => {
    const node = nodePath === null ? document.contents : document.getIn(nodePath, true);
    const offset = (node as { range?: [number, number] } | undefined)?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    findings.push({ file, line, column: col, message, rule });
  };
  const workflow = document.toJS() as Workflow | null;
  if (!workflow || typeof workflow !== "object") return findings;

  const triggers = triggersOf(workflow.on);
  if (triggers.includes("pull_request_target")) {
    at(
      ["on"],
      "pull_request_target gives PR code a writable token and secrets: use pull_request plus a workflow_run workflow",
      "no-pull-request-target",
    );
  }
  const permissions = workflow.permissions;
  const emptyMapping =
    typeof permissions === "object" && permissions !== null && Object.keys(permissions).length === 0;
  if (!emptyMapping) {
    at(
      permissions === undefined ? null : ["permissions"],
      'top-level "permissions:" must be "{}": grant each job what it needs',
      "permissions",
    );
  }
  const fromWorkflowRun = triggers.includes("workflow_run");

  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    if (!job || typeof job !== "object") continue;
    if (job.permissions === undefined) {
      at(["jobs", jobId], `job "${jobId}" has no "permissions:": declare the least it needs`, "permissions");
    }
    const steps = flatSteps(jobId, job, readLocalAction);
    (job.steps ?? []).forEach((step, index) => {
      if (
        typeof step?.uses === "string" &&
        step.uses.startsWith("./") &&
        readLocalAction(step.uses) === undefined
      ) {
        at(
          ["jobs", jobId, "steps", index, "uses"],
          `cannot read the local action "${step.uses}": its steps go unchecked`,
          "local-action",
        );
      }
    });
    const usesEntries: { uses: string; at: (string | number)[] }[] = steps
      .filter((step) => typeof step.uses === "string")
      .map((step) => ({ uses: step.uses!, at: step.via ? step.at : [...step.at, "uses"] }));
    if (typeof job.uses === "string") usesEntries.push({ uses: job.uses, at: ["jobs", jobId, "uses"] });
    for (const { uses, at: nodePath } of usesEntries) {
      if (uses.startsWith("./") || uses.startsWith("docker://")) continue; // local, or pinned by digest
      if (!fullSha.test(uses.split("@")[1] ?? "")) {
        at(
          nodePath,
          `"${uses}" is not pinned to a full commit SHA: use owner/repo@<40-hex sha> # <tag>`,
          "pinned-actions",
        );
      }
    }
    const where = (step: FlatStep) => (step.via ? ` (in ${step.via})` : "");

    if (fromWorkflowRun) {
      for (const step of steps) {
        if (
          step.uses?.startsWith("actions/checkout@") ||
          (typeof step.run === "string" && fetchesCode.test(step.run))
        ) {
          at(
            step.at,
            `job "${jobId}" fetches code${where(step)} in a workflow_run workflow, which holds a writable token: read the artifacts as data instead`,
            "no-checkout-in-workflow-run",
          );
        }
      }
    }

    if (mintsOidcTokens(job)) {
      for (const step of steps) {
        if (typeof step.run !== "string") continue;
        for (const line of step.run.split("\n")) {
          if (packageInstall.test(line) && !/--ignore-scripts\b/.test(line)) {
            at(
              step.at,
              `job "${jobId}" can mint OIDC tokens and installs packages${where(step)} without --ignore-scripts: "${line.trim()}"`,
              "ignore-scripts",
            );
          }
        }
      }
    }

    let previewed = false;
    for (const step of steps) {
      const run = typeof step.run === "string" ? step.run : "";
      const isPreview =
        pulumiPreview.test(run) || (isPulumiAction(step, ["preview"]) && Boolean(step.with?.policyPacks));
      const isUp = pulumiUp.test(run) || isPulumiAction(step, ["up", "update"]);
      if (isUp && !previewed) {
        at(
          step.at,
          `job "${jobId}" runs pulumi up${where(step)} with no "pulumi preview --policy-pack" before it in the same job`,
          "preview-before-up",
        );
      }
      if (isPreview) previewed = true;
    }
  }
  return findings;
}
