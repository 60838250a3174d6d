import {
  type AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { SourceError, awsErrorLine } from "./source-error";

export interface AthenaRun {
  catalog: string;
  database: string;
  workgroup?: string;
  outputLocation?: string;
  /** Give up (and stop the query) after this long; default 15 minutes. */
  timeoutMs?: number;
  /** First and longest wait between GetQueryExecution polls. */
  pollMs?: { first: number; max: number };
}

export const defaultAthenaTimeoutMs = 15 * 60_000;
const defaultPoll = { first: 250, max: 5_000 };

/**
 * One query through Athena's asynchronous API: StartQueryExecution, GetQueryExecution polled with
 * a doubling wait (QUEUED and RUNNING are not final; SUCCEEDED, FAILED and CANCELLED are), then
 * GetQueryResults page by page (NextToken), whose first row of the first page is the column names.
 * On timeout or `signal` (Ctrl-C) the query is stopped with StopQueryExecution, so it does not run
 * (and bill scanned bytes) on after the report gave up. Values come back as text, as Athena gives them.
 */
export async function runAthenaQuery(
  client: AthenaClient,
  sql: string,
  run: AthenaRun,
  signal?: AbortSignal,
): Promise<Array<Record<string, string | null>>> {
  const call = async <Output>(operation: string, send: () => Promise<Output>): Promise<Output> => {
    try {
      return await send();
    } catch (error) {
      throw new SourceError(`Athena ${operation}: ${awsErrorLine(error)}`);
    }
  };
  const { QueryExecutionId: id } = await call("StartQueryExecution", () =>
    client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        QueryExecutionContext: { Catalog: run.catalog, Database: run.database },
        ...(run.workgroup ? { WorkGroup: run.workgroup } : {}),
        ...(run.outputLocation ? { ResultConfiguration: { OutputLocation: run.outputLocation } } : {}),
      }),
    ),
  );
  if (!id) throw new SourceError("Athena StartQueryExecution: no QueryExecutionId in the answer");
  const deadline = Date.now() + (run.timeoutMs ?? defaultAthenaTimeoutMs);
  const poll = run.pollMs ?? defaultPoll;
  let wait = poll.first;
  for (;;) {
    const { QueryExecution } = await call("GetQueryExecution", () =>
      client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
    );
    const state = QueryExecution?.Status?.State;
    if (state === "SUCCEEDED") break;
    if (state === "FAILED" || state === "CANCELLED")
      throw new SourceError(
        `Athena query ${id} ${state}: ${QueryExecution?.Status?.StateChangeReason ?? QueryExecution?.Status?.AthenaError?.ErrorMessage ?? "no reason given"}`,
      );
    const reason = signal?.aborted
      ? ((signal.reason as Error | undefined)?.message ?? "interrupted")
      : Date.now() + wait > deadline
        ? `timed out after ${Math.round((run.timeoutMs ?? defaultAthenaTimeoutMs) / 1000)} s`
        : undefined;
    if (reason !== undefined) {
      await call("StopQueryExecution", () =>
        client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })),
      );
      throw new SourceError(`Athena query ${id} ${reason}; stopped it with StopQueryExecution`);
    }
    await sleep(wait, signal);
    wait = Math.min(wait * 2, poll.max);
  }
  const records: Array<Record<string, string | null>> = [];
  let token: string | undefined;
  let names: string[] | undefined;
  do {
    const page = await call("GetQueryResults", () =>
      client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token })),
    );
    const rows = page.ResultSet?.Rows ?? [];
    const first = names === undefined;
    names ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => column.Name ?? "");
    for (const row of first ? rows.slice(1) : rows)
      records.push(
        Object.fromEntries(names.map((name, index) => [name, row.Data?.[index]?.VarCharValue ?? null])),
      );
    token = page.NextToken;
  } while (token);
  return records;
}

/** Waits `ms`, or less when `signal` aborts (the next poll then stops the query). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
