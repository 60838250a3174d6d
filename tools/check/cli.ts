import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { renderJson } from "./report/render-json";
import { renderMarkdown } from "./report/render-markdown";
import { renderText } from "./report/render-text";
import { formatInputError } from "../../src/validation";
import { forgottenDoubleDash, isDirectory, userPaths } from "./input/command-line";
import { type CheckReport, exitCodeOf, exitCodes } from "./report/check-report";
import { parseFlagsOrExit } from "../cli-flags";
import { emitReport } from "../report-output";
import { runCli } from "../cli-exit";
import { loadLater } from "./performance";

const projectDir = path.resolve(__dirname, "..", "..");
const formats = ["text", "markdown", "json"] as const;
type Format = (typeof formats)[number];

const cliOptions = {
  stack: { type: "string", default: "dev" },
  tenants: { type: "string" },
  state: { type: "string" },
  "policy-pack": { type: "string" },
  "policy-config": { type: "string" },
  format: { type: "string", default: "text" },
  out: { type: "string" },
  "no-color": { type: "boolean", default: false },
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
  --format FORMAT        text (default), markdown or json
  --out FILE             write the report to FILE instead of standard output
  --no-color             no colour, even on a terminal
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
  const format = values.format as Format;
  if (!formats.includes(format)) {
    process.stderr.write(`check: --format: expected one of ${formats.join(", ")}, got "${values.format}"\n`);
    return exitCodes.invalidInput;
  }

  const paths = userPaths(values);
  const packDir = paths.resolve(values["policy-pack"]) ?? path.join(projectDir, "policies");
  if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
    process.stderr.write(
      `check: --policy-pack: ${values["policy-pack"]} is not a policy pack (it has no PulumiPolicy.yaml)\n`,
    );
    return exitCodes.invalidInput;
  }
  const tenantsDir = paths.resolve(values.tenants);
  if (tenantsDir !== undefined && !isDirectory(tenantsDir)) {
    process.stderr.write(`check: --tenants: no such directory "${values.tenants}"\n`);
    return exitCodes.invalidInput;
  }

  let report: CheckReport;
  try {
    // Loaded only now: the program's dependencies take seconds to load, --help and flag errors should
    // not wait. The pack's process starts first, so its start-up overlaps the loading of the program's.
    const { PolicyPackHost } = loadLater.policyPackHost();
    const packStarting = PolicyPackHost.start({ packDir });
    packStarting.catch(() => undefined);
    const { runCheck } = loadLater.check();
    report = await runCheck({
      projectDir,
      packDir,
      packStarting,
      stack: values.stack,
      tenantsDir,
      stateFile: paths.resolve(values.state),
      policyConfigFile: paths.resolve(values["policy-config"]),
    });
    report = { ...report, errors: report.errors.map(paths.asWritten) };
    for (const warning of report.warnings ?? [])
      process.stderr.write(`check: warning: ${formatInputError(paths.asWritten(warning))}\n`);
  } catch (error) {
    // Not the user's input: the pack or the runtime failed. Still a clean message and a documented code.
    process.stderr.write(`check: could not judge the stack: ${(error as Error)?.message ?? String(error)}\n`);
    return exitCodes.invalidInput;
  }

  const colour = !values["no-color"] && !values.out && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const rendered =
    format === "json"
      ? renderJson(report)
      : format === "markdown"
        ? renderMarkdown(report)
        : renderText(report, colour);
  const exitCode = exitCodeOf(report);
  return emitReport(
    "check",
    rendered,
    values.out ? { written: values.out, path: paths.resolve(values.out)! } : undefined,
    exitCode,
    exitCodes.invalidInput,
  );
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
    out?: string;
    "no-color": boolean;
    help: boolean;
  };
}

runCli("check", main, exitCodes.invalidInput);
