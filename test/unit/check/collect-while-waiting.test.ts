import { strict as assert } from "node:assert";
import { PerformanceObserver, constants } from "node:perf_hooks";
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

  it("collects less and less often while collections give nothing back", async () => {
    let majorCollections = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (
          (entry as unknown as { detail?: { kind?: number } }).detail?.kind ===
          constants.NODE_PERFORMANCE_GC_MAJOR
        )
          majorCollections += 1;
    });
    observer.observe({ entryTypes: ["gc"] });
    try {
      // Nothing is dropped: at a steady 10 ms that would be dozens of collections; backing off
      // (10, 20, 40, 80, 160 ms ...) it is a handful.
      await collectWhileWaiting(
        later(600, () => "verdict"),
        10,
      );
      await later(20, () => undefined); // gc entries are delivered asynchronously
    } finally {
      observer.disconnect();
    }
    assert.ok(majorCollections >= 2, `collected ${majorCollections} times: it should still collect`);
    assert.ok(majorCollections <= 9, `collected ${majorCollections} times in 600 ms`);
  });
});
