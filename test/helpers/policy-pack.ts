import * as assert from "node:assert/strict";
import * as path from "node:path";
import { PolicyPackHost } from "../../tools/check/analyzer/policy-pack-host";
import type { Violation } from "../../tools/check/report/check-report";

/** The pack this repository ships, the directory `pulumi preview --policy-pack policies` names. */
export const packDir = path.resolve(__dirname, "../../policies");

/**
 * Starts the shipped pack in the enclosing suite's `before` and closes it in its `after`: starting
 * run-policy-pack takes seconds, so each suite shares one host. Call it inside `describe`; the
 * returned function gives the tests the running host.
 */
export function policyPackPerSuite(): () => PolicyPackHost {
  let host: PolicyPackHost | undefined;

  before(async () => {
    host = await PolicyPackHost.start({ packDir });
  });

  after(async () => {
    await host?.close();
  });

  return () => {
    assert.ok(host, "the policy pack did not start");
    return host;
  };
}

/** Violations as one line each (`level policy urn: message`), for assertions that print what went wrong. */
export function violationLines(violations: readonly Violation[]): string[] {
  return violations.map(
    (violation) =>
      `${violation.enforcementLevel} ${violation.policyName} ${violation.urn ?? "(stack)"}: ${violation.message}`,
  );
}
