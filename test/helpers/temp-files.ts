/**
 * Every test removes what it writes: the suite runs with a temporary directory of its own (TMPDIR,
 * which `os.tmpdir()` reads on each call and child processes inherit), and fails at the end,
 * naming what is left there, when a test leaves anything behind. A directory of its own, not a
 * before/after listing of the machine's: other suites write to the shared one while this one runs.
 *
 * Loaded by mocha before any test file (`require` in .mocharc.json), so files that write fixtures
 * as they load write them here too.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const sharedTemp = os.tmpdir();
const suiteTemp = fs.mkdtempSync(path.join(sharedTemp, "suite-temp-"));

/**
 * tsx keeps its compile cache in `<tmpdir>/tsx-<uid>`: the CLIs the tests spawn reuse the shared
 * one instead of compiling the repository again on every run. It is not the tests' to clean.
 */
const tsxCache = `tsx-${os.userInfo().uid}`;
fs.mkdirSync(path.join(sharedTemp, tsxCache), { recursive: true });
const linkCompileCache = (dir: string) =>
  fs.symlinkSync(path.join(sharedTemp, tsxCache), path.join(dir, tsxCache));
linkCompileCache(suiteTemp);
process.env.TMPDIR = suiteTemp;

/** Directories to remove when the running test ends, and when the run ends. */
const ofTest: string[] = [];
const ofRun: string[] = [];
let inTest = false;

/**
 * A new temporary directory (`<tmp>/<prefix>XXXXXX`), removed when the test that made it ends or,
 * made while test files load or in a suite's `before`, when the run ends (fixtures that a file's
 * tests share, and that CLI runs read from another process).
 */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  (inTest ? ofTest : ofRun).push(dir);
  return dir;
}

/**
 * A `tempDir` to be a child process's TMPDIR: tsx's compile cache linked in, so the child does not
 * compile the repository afresh (seconds of CPU for each CLI it starts).
 */
export function childTempDir(prefix: string): string {
  const dir = tempDir(prefix);
  linkCompileCache(dir);
  return dir;
}

/** A file `name` holding `content`, in a `tempDir` of its own. */
export function tempFile(name: string, content: string): string {
  const file = path.join(tempDir("bcg-input-"), name);
  fs.writeFileSync(file, content);
  return file;
}

const removeAll = (dirs: string[]) => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
};

/** What the tests left in the suite's temporary directory. */
function leftoverTempFiles(): string[] {
  return fs
    .readdirSync(suiteTemp)
    .filter((name) => name !== tsxCache)
    .sort();
}

export const mochaHooks = {
  beforeEach(): void {
    inTest = true;
  },
  afterEach(): void {
    inTest = false;
    removeAll(ofTest);
  },
  afterAll(): void {
    removeAll(ofRun);
    const left = leftoverTempFiles();
    process.env.TMPDIR = sharedTemp;
    fs.rmSync(suiteTemp, { recursive: true, force: true });
    if (left.length > 0)
      throw new Error(`the tests left ${left.length} temporary file(s) behind: ${left.join(", ")}`);
  },
};
