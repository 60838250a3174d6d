/**
 * `tsx tools/ci/pulumi-report.ts --stack NAME --command preview|up --exit CODE --in FILE --out FILE`
 *
 * Turns the captured output of a real `pulumi preview` / `pulumi up` into one markdown section for the
 * job summary and the PR comment. The verdict is in the heading, whatever the exit code: a preview the
 * policy pack failed still shows its violations (pulumi/actions posts nothing when its command fails).
 *
 * Bounded: past `maxOutputChars` the section keeps the end of the output, where the CLI prints the
 * policy violations, the error and the resource summary, and says how much it left out. The fence
 * is longer than any backtick run in the output, so the output cannot close it.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";

/** 40,000 characters per section keeps three stacks under a 65,536-character comment with room to spare. */
export const maxOutputChars = 40_000;

export interface PulumiRun {
  stack: string;
  command: "preview" | "up";
  exitCode: number;
  output: string;
}

export function renderPulumiSection(run: PulumiRun, limit = maxOutputChars): string {
  const verdict = run.exitCode === 0 ? "✅ passed" : `❌ failed (exit ${run.exitCode})`;
  const why =
    run.exitCode === 0
      ? ""
      : "\n\nA mandatory policy violation or an error stopped it; the end of the output below says which.\n";
  let output = run.output.replace(/\r\n?/g, "\n").trimEnd();
  let cut = "";
  if (output.length > limit) {
    const start = output.indexOf("\n", output.length - limit) + 1 || output.length - limit;
    cut = `… first ${start.toLocaleString("en-US")} of ${output.length.toLocaleString("en-US")} characters left out (the full output is in the job log)\n`;
    output = output.slice(start);
  }
  const longestTicks = Math.max(2, ...(output.match(/`+/g) ?? []).map((ticks) => ticks.length));
  const fence = "`".repeat(longestTicks + 1);
  return [
    `### \`${run.stack}\`: real \`pulumi ${run.command}\` ${verdict}${why}`,
    "",
    "<details><summary>Output</summary>",
    "",
    `${fence}text`,
    `${cut}${output}`,
    fence,
    "</details>",
    "",
  ].join("\n");
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string" },
      command: { type: "string" },
      exit: { type: "string" },
      in: { type: "string" },
      out: { type: "string" },
    },
    strict: true,
  });
  const command = values.command;
  const exitCode = Number(values.exit);
  if (
    !values.stack ||
    (command !== "preview" && command !== "up") ||
    !Number.isInteger(exitCode) ||
    !values.in ||
    !values.out
  ) {
    process.stderr.write(
      "pulumi-report: expected --stack NAME --command preview|up --exit CODE --in FILE --out FILE\n",
    );
    return 2;
  }
  const output = fs.existsSync(values.in) ? fs.readFileSync(values.in, "utf8") : "(no output captured)";
  fs.writeFileSync(values.out, renderPulumiSection({ stack: values.stack, command, exitCode, output }));
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
