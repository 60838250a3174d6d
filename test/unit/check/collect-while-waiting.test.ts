import { strict as assert } from "node:assert";
import { collectWhileWaiting } from "../../../tools/check/performance";

describe("collecting the check's garbage while it waits on the pack", () => {
  const later = <T>(ms: number, settle: () => T) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(settle()), ms));

  it("answers what it waited on, having collected on the way", async () => {
    // Dropped while the wait goes on; idle, V8 would not collect it: only the forced collections do.
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () => new Array(10_000).fill(1));
    const dropped = new WeakRef(garbage);
    const answer = await collectWhileWaiting(
      later(80, () => {
        garbage = undefined;
        return "verdict";
      }).then((value) => later(120, () => value)),
      20,
    );
    assert.equal(answer, "verdict");
    assert.equal(dropped.deref(), undefined, "the dropped arrays were not collected");
  });

  it("passes the waited call's failure on, and stops collecting", async () => {
    await assert.rejects(
      collectWhileWaiting(
        later(30, () => Promise.reject(new Error("pack exited"))).then((p) => p),
        10,
      ),
      /pack exited/,
    );
  });
});
