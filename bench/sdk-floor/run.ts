import * as path from "node:path";
import { runProgram } from "../../tools/check/program/program-runner";
import { runCli } from "../../tools/cli-exit";

/** Runs the floor program through the check's own runner and mocks; prints the count it registered. */
runCli(
  "sdk floor",
  async () => {
    const run = await runProgram({
      programDir: path.join(__dirname),
      project: "sdk-floor",
      stack: "bench",
      config: {},
    });
    process.stdout.write(`${JSON.stringify({ resources: run.resources.length })}\n`);
    return 0;
  },
  1,
);
