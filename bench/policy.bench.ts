/**
 * Policy pack benchmark: `npm run bench:policy` (tsx bench/policy.bench.ts). Prints figures; asserts nothing.
 *
 * 1. Per-resource validation time of every policy that reads a resource, on inputs far larger than
 *    AWS accepts (5,000 statements, 1 MB strings, 10,000-level nesting, 50,000 tags), called as the
 *    Analyzer server calls them (unknown-checking proxy, schema defaults). Target: under 50 ms each.
 * 2. Every stack policy of the pack on a stack of 2,000 tenants.
 * 3. With --host: the real pack started by run-policy-pack (PolicyPackHost), and N synthetic
 *    resources judged over gRPC (Analyze per resource, one AnalyzeStack).
 *
 *   npm run bench:policy -- [--rounds 15] [--host] [--resources 20000] [--concurrency 32]
 */
import { runCli } from "../tools/cli-exit";
import { parseCli } from "../tools/cli-flags";

const usage = `Usage: npm run bench:policy -- [--rounds 15] [--host] [--resources 20000] [--concurrency 32]

Times each policy of the pack in-process (medians of --rounds); --host also times the pack served
over the Analyzer protocol with --resources resources, --concurrency requests at a time.

Exit codes: 0 done, 1 a failure while timing, 2 a bad flag.
`;

async function main(): Promise<number> {
  const values = parseCli<{ rounds: string; host: boolean; resources: string; concurrency: string }>(
    "bench:policy",
    usage,
    {
      rounds: { type: "string", default: "15" },
      host: { type: "boolean", default: false },
      resources: { type: "string", default: "20000" },
      concurrency: { type: "string", default: "32" },
    },
  );
  if (typeof values === "number") return values;
  // Loaded only now: the pack, its policies and the policy SDK take seconds to load, and --help or a
  // bad flag should not wait for them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { benchHost, benchPolicies } = require("./policy-bench-run") as typeof import("./policy-bench-run");
  await benchPolicies(Number(values.rounds));
  if (values.host) await benchHost(Number(values.resources), Number(values.concurrency));
  return 0;
}

runCli("bench:policy", main, 1);
