import type { OutputStream } from "./cli-io";

/**
 * Progress of a long run on standard error: the phase and its count, on one line rewritten in place,
 * only where a person watches it. Shown when stderr is a terminal and not in CI (the `CI` variable
 * GitHub Actions and most CI systems set), or when asked for (`--progress`); never before `delayMs`,
 * so a quick run prints nothing; cleared before the report is written.
 */
export interface Progress {
  /** The phase now (`planning`, `judging`), with a count when there is one. */
  update(phase: string, count?: number, noun?: string): void;
  /** Clears the line; nothing more is shown. */
  stop(): void;
}

export function startProgress(
  command: string,
  options: { forced?: boolean; delayMs?: number; stream?: OutputStream; env?: NodeJS.ProcessEnv } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  const shown = options.forced === true || (stream.isTTY === true && !env.CI);
  if (!shown) return { update: () => undefined, stop: () => undefined };
  const startedAt = Date.now();
  const delayMs = options.delayMs ?? 2_000;
  let line = "";
  let written = false;
  let stopped = false;
  // On a terminal the line is rewritten in place; forced into a file or pipe, each update is a line.
  const inPlace = stream.isTTY === true;
  let lastLine = "";
  let lastAt = 0;
  const write = () => {
    if (stopped || Date.now() - startedAt < delayMs) return;
    // Into a file or pipe, a line when the phase's text changes, or every 10 s.
    if (!inPlace && line === lastLine && Date.now() - lastAt < 10_000) return;
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
    stream.write(
      inPlace ? `\r\u001b[2K${command}: ${line} (${seconds} s)` : `${command}: ${line} (${seconds} s)\n`,
    );
    [lastLine, lastAt, written] = [line, Date.now(), true];
  };
  // Ticks, not every update: counts move thousands of times a second.
  const timer = setInterval(write, inPlace ? 250 : 1_000);
  timer.unref();
  return {
    update(phase, count, noun) {
      line =
        count === undefined
          ? `${phase}…`
          : `${phase}… ${count.toLocaleString("en-US")} ${noun ?? ""}`.trimEnd();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      if (written && inPlace) stream.write("\r\u001b[2K");
    },
  };
}
