import * as assert from "node:assert/strict";
import { startProgress } from "../../tools/progress";

/** A stand-in for stderr: a terminal or not, keeping what was written. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream,
  };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("progress on a terminal (tools/progress.ts)", () => {
  it("shows the phase and its count on a terminal, rewritten in place, and clears it at the end", async () => {
    const terminal = stream(true);
    const progress = startProgress("check", { stream: terminal.stream, env: {}, delayMs: 0 });
    progress.update("planning", 1234, "resources");
    await tick(300);
    progress.stop();
    // Carriage return and erase-line (ESC [2K), then the line.
    assert.ok(terminal.written[0].startsWith("\r\u001b[2K"), JSON.stringify(terminal.written[0]));
    assert.match(terminal.written[0].slice(5), /^check: planning… 1,234 resources \(\d+ s\)$/);
    assert.equal(terminal.written.at(-1), "\r\u001b[2K");
  });

  it("shows nothing when piped, in CI, or before the delay, unless asked for", async () => {
    const piped = stream(false);
    const inCi = stream(true);
    const quick = stream(true);
    const asked = stream(false);
    const runs = [
      startProgress("check", { stream: piped.stream, env: {}, delayMs: 0 }),
      startProgress("check", { stream: inCi.stream, env: { CI: "true" }, delayMs: 0 }),
      startProgress("check", { stream: quick.stream, env: {}, delayMs: 60_000 }),
      startProgress("check", { stream: asked.stream, env: { CI: "true" }, delayMs: 0, forced: true }),
    ];
    for (const progress of runs) progress.update("judging", 10, "resources");
    await tick(1_100);
    for (const progress of runs) progress.stop();
    assert.deepEqual([piped.written, inCi.written, quick.written], [[], [], []]);
    // Asked for into a pipe: whole lines, no terminal codes.
    assert.match(asked.written[0], /^check: judging… 10 resources \(\d+ s\)\n$/);
  });
});
