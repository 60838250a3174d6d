import * as path from "node:path";
import { runProgram } from "../../tools/check/program/program-runner";

/** Runs the floor program through the check's own runner and mocks; prints the count it registered. */
runProgram({ programDir: path.join(__dirname), project: "sdk-floor", stack: "bench", config: {} }).then(
  (run) => {
    process.stdout.write(`${JSON.stringify({ resources: run.resources.length })}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`sdk floor failed: ${String(error)}\n`);
    process.exit(1);
  },
);
