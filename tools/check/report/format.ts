import type { PlanAlarm } from "../plan/alarm";

/**
 * How the reports write numbers, in one place so the text, markdown and JSON-adjacent figures agree:
 * thousands separators for counts, two decimals for dollars, plurals that match the count.
 */

// One formatter each, made once: `toLocaleString` builds a formatter per call, which at thousands of
// tenants showed in the check's time.
const integerFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const usdFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const amountFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Names in a fixed, locale-aware order; one collator, for the same reason. */
export const byText = new Intl.Collator("en").compare;

export const integer = (value: number): string => integerFormat.format(value);

/** `1 tenant`, `1,000 tenants`. */
export const count = (value: number, noun: string, plural = `${noun}s`): string =>
  `${integer(value)} ${value === 1 ? noun : plural}`;

/** Dollars always with two decimals: `$7,700.00`, `$0.61`. */
export const usd = (value: number): string => `${value < 0 ? "-" : ""}$${usdFormat.format(Math.abs(value))}`;

/** A threshold as written: at most two decimals, dollars as dollars. */
export const amount = (value: number, asUsd: boolean): string =>
  asUsd ? usd(value) : amountFormat.format(value);

/** `Invocations > 120 a minute`, `Estimated USD per day > $20.00`. */
export const alarmText = (alarm: PlanAlarm): string =>
  `${alarm.watches} ${alarm.comparison} ${amount(alarm.threshold, alarm.usd)}${alarm.period ? ` ${alarm.period}` : ""}`;

/** `50/80/100% actual, 100% forecast`; a budget without a forecast alert says so instead of `-%`. */
export const budgetAlertText = (alertAtPercent: readonly number[], forecastAtPercent?: number): string =>
  `${alertAtPercent.length > 0 ? `${alertAtPercent.join("/")}% actual` : "no actual alert"}, ` +
  `${forecastAtPercent !== undefined ? `${forecastAtPercent}% forecast` : "no forecast alert"}`;
