/**
 * Why a budget cannot see Bedrock spend whatever its tag filter says: a Service filter or expression
 * without Amazon Bedrock, or a time period that has ended or not started.
 */
import { UNKNOWN, at, isUnknown, list, strings, text } from "./values";

/** Billing names Bedrock "Amazon Bedrock"; third-party models bill as "<model> (Amazon Bedrock Edition)". */
const isBedrockService = (value: string): boolean => /bedrock/i.test(value);

/** A Service filter's values without Bedrock: the reason, or undefined when Bedrock is among them (or not known). */
export function servicesWithoutBedrock(values: unknown): string | undefined {
  const names = strings(values);
  if (names === UNKNOWN || names === undefined || names.some((name) => name === UNKNOWN)) return undefined;
  return names.some((name) => isBedrockService(name as string))
    ? undefined
    : `it counts only the services ${names.join(", ")}, not Amazon Bedrock`;
}

/** A filter expression that leaves Bedrock out, at the top or inside `ands` (which only narrow). */
export function expressionWithoutBedrock(expression: unknown): string | undefined {
  if (expression === undefined || isUnknown(expression)) return undefined;
  const ands = list(at(expression, "ands"));
  for (const candidate of [expression, ...(ands === UNKNOWN || ands === undefined ? [] : ands)]) {
    if (text(at(candidate, "dimensions", "key")) === "SERVICE") {
      const reason = servicesWithoutBedrock(at(candidate, "dimensions", "values"));
      if (reason) return reason;
    }
    if (text(at(candidate, "not", "dimensions", "key")) === "SERVICE") {
      const names = strings(at(candidate, "not", "dimensions", "values"));
      if (Array.isArray(names) && names.some((name) => name !== UNKNOWN && isBedrockService(name as string)))
        return "its filter excludes Amazon Bedrock";
    }
  }
  return undefined;
}

/** `timePeriodEnd` (`2087-06-15_00:00`) or an ISO date in the past: the budget no longer tracks anything. */
export function periodEnded(end: unknown, now = Date.now()): string | undefined {
  const value = text(end);
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value.replace("_", "T").replace(/T(\d\d:\d\d)$/, "T$1:00Z"));
  return Number.isFinite(time) && time < now ? `its time period ended on ${value}` : undefined;
}

/** A time period that starts after today: the budget sees nothing yet. */
export function periodNotStarted(start: unknown, now = Date.now()): string | undefined {
  const value = text(start);
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value.replace("_", "T").replace(/T(\d\d:\d\d)$/, "T$1:00Z"));
  return Number.isFinite(time) && time > now ? `its time period starts on ${value}` : undefined;
}
