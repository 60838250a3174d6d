import * as path from "node:path";
import { parseArgs } from "node:util";
import { renderReport } from "./report/render";
import { reportOutputs } from "./input/report-outputs";
import { formatInputError } from "../../src/validation";
import { forgottenDoubleDash, inputDirectories, userPaths } from "./input/command-line";
import { type CheckReport, exitCodeOf, exitCodes } from "./report/check-report";
import { parseFlagsOrExit } from "../cli-flags";
import { emitReport } from "../report-output";
import { runCli } from "../cli-exit";
import { startProgress } from "../progress";
import { readBaseReport, withDiff } from "./report/base-report";
import { withLocations } from "./report/finding-locations";
import { loadLater } from "./performance";

const projectDir = path.resolve(__dirname, "..", "..");

const cliOptions = {
  stack: { type: "string", default: "dev" },
  tenants: { type: "string" },
  state: { type: "string" },
  "policy-pack": { type: "string" },
  "policy-config": { type: "string" },
  format: { type: "string", default: "text" },
  compare: { type: "string" },
  out: { type: "string", multiple: true },
  "no-color": { type: "boolean", default: false },
  progress: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

const usage = `Usage: npm run check -- [options]

The offline answer of \`pulumi preview --policy-pack policies\`: plans the stack with the real
program under mocks (no credentials, no network) and has the real policy pack judge it.

Options:
  --stack NAME           stack whose Pulumi.<NAME>.yaml is used (default: dev)
  --tenants DIR          tenant files to plan instead of the stack's tenantsDir
  --state FILE           judge a \`pulumi stack export\` instead of running the program
  --policy-pack DIR      the policy pack to judge with (default: policies), as for \`pulumi --policy-pack\`
  --policy-config FILE   policy levels and settings, as for \`pulumi --policy-pack-config\`
  --format FORMAT        text (default), markdown, json, sarif (SARIF 2.1.0, for code scanning)
                         or github (workflow commands: annotations on the lines to fix)
  --compare BASE.json    open the report with what changed against BASE.json, the JSON report of the
                         base commit (\`--format json\`): tenants and profiles added, removed, changed or
                         replaced, budget and guardrail-cost deltas, new violations
  --out FILE             write the report to FILE instead of standard output
  --out FORMAT=FILE      also write the report in FORMAT to FILE (repeatable: every format, one run)
  --no-color             no colour, even on a terminal
  --progress             phase and counts on stderr (default: only on a terminal, not in CI, past 2 s)
  -h, --help             this help

Exit codes:
  0  no mandatory violation (advisory findings are shown)
  1  at least one mandatory policy violation
  2  invalid input (tenant file, stack config, stack export, policy config or flag), or a planned
     value AWS would refuse (the AWS preflight): nothing judged
  3  valid input, but nothing judged: the pack has no policy enabled (a verdict of nothing is not a pass)
`;

async function main(): Promise<number> {
  const slip = forgottenDoubleDash(process.env, process.argv.slice(2), Object.keys(cliOptions));
  if (slip) {
    process.stderr.write(`check: ${slip}\n`);
    return exitCodes.invalidInput;
  }
  const values = parseFlagsOrExit("check", usage, parseCommandLine, {
    help: exitCodes.pass,
    invalidInput: exitCodes.invalidInput,
  });
  if (typeof values === "number") return values;
  const outputs = reportOutputs(values.format, values.out ?? []);
  if ("error" in outputs) {
    process.stderr.write(`check: ${outputs.error}\n`);
    return exitCodes.invalidInput;
  }

  const paths = userPaths(values);
  const directories = inputDirectories(values, paths, path.join(projectDir, "policies"));
  if ("error" in directories) {
    process.stderr.write(`check: ${directories.error}\n`);
    return exitCodes.invalidInput;
  }
  const { packDir, tenantsDir } = directories;

  // Read before the check runs: a base report that cannot be used stops it at once (exit 2).
  const compareFile = paths.resolve(values.compare);
  const base = compareFile === undefined ? undefined : readBaseReport(compareFile);
  if (base && "errors" in base) {
    for (const error of base.errors)
      process.stderr.write(`check: --compare: ${formatInputError(paths.asWritten(error))}\n`);
    return exitCodes.invalidInput;
  }

  let report: CheckReport;
  const progress = startProgress("check", { forced: values.progress });
  progress.update("starting the policy pack and the program");
  try {
    // Loaded only now: the program's dependencies take seconds to load, --help and flag errors should
    // not wait. The pack's process starts first, so its start-up overlaps the loading of the program's.
    const { PolicyPackHost } = loadLater.policyPackHost();
    const packStarting = PolicyPackHost.starting({ packDir });
    const { runCheck } = loadLater.check();
    report = await runCheck({
      onProgress: progress.update,
      projectDir,
      packDir,
      packStarting,
      stack: values.stack,
      tenantsDir,
      stateFile: paths.resolve(values.state),
      policyConfigFile: paths.resolve(values["policy-config"]),
    });
    report = { ...report, errors: report.errors.map(paths.asWritten) };
    report = withLocations(report, projectDir);
    if (base) report = withDiff(report, base.base);
    for (const warning of report.warnings ?? [])
      process.stderr.write(`check: warning: ${formatInputError(paths.asWritten(warning))}\n`);
  } catch (error) {
    progress.stop();
    // Not the user's input: the pack or the runtime failed. Still a clean message and a documented code.
    process.stderr.write(`check: could not judge the stack: ${(error as Error)?.message ?? String(error)}\n`);
    return exitCodes.invalidInput;
  }

  progress.stop();
  const colour = !values["no-color"] && !values.out && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const exitCode = exitCodeOf(report);
  // Every output written, each whole; one that cannot be written makes the run's code invalid input.
  let status = exitCode;
  for (const output of outputs.outputs) {
    const code = emitReport(
      "check",
      renderReport(report, output.format, colour),
      output.file ? { written: output.file, path: paths.resolve(output.file)! } : undefined,
      exitCode,
      exitCodes.invalidInput,
    );
    if (code !== exitCode) status = code;
  }
  return status;
}

function parseCommandLine() {
  return parseArgs({
    options: cliOptions,
    allowPositionals: false,
    strict: true,
  }).values as {
    stack: string;
    tenants?: string;
    state?: string;
    "policy-pack"?: string;
    "policy-config"?: string;
    format: string;
    compare?: string;
    out?: string[];
    "no-color": boolean;
    progress: boolean;
    help: boolean;
  };
}

runCli("check", main, exitCodes.invalidInput);
