/** A calendar month in UTC, as AWS billing counts it (Cost Explorer and Data Exports both use UTC days). */
export interface BillingMonth {
  /** `YYYY-MM`. */
  month: string;
  /** First day, `YYYY-MM-DD` (inclusive). */
  start: string;
  /** First day of the next month, `YYYY-MM-DD` (exclusive, as Cost Explorer's `TimePeriod.End`). */
  end: string;
  days: number;
  /** The month has ended at `now`: its figures are final (apart from AWS's own late adjustments). */
  complete: boolean;
  /** Days of the month elapsed at `now` (fractional; the whole month when complete). */
  elapsedDays: number;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return monthPattern.test(text);
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The month `YYYY-MM` seen at `now`; throws on a malformed month (the CLI checks with `isMonth` first). */
export function billingMonth(month: string, now: Date): BillingMonth {
  const match = monthPattern.exec(month);
  if (!match) throw new Error(`expected a month as YYYY-MM, got "${month}"`);
  const startDate = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  const endDate = new Date(Date.UTC(Number(match[1]), Number(match[2]), 1));
  const days = Math.round((endDate.getTime() - startDate.getTime()) / 86_400_000);
  const complete = now.getTime() >= endDate.getTime();
  const elapsedDays = complete ? days : Math.max(0, (now.getTime() - startDate.getTime()) / 86_400_000);
  return { month, start: isoDay(startDate), end: isoDay(endDate), days, complete, elapsedDays };
}

/** The last month that has ended at `now`: the default, since its bill is (nearly) final. */
export function lastCompleteMonth(now: Date): string {
  const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return previous.toISOString().slice(0, 7);
}

/** `YYYY-MM-DD` of `now` (UTC). */
export function today(now: Date): string {
  return isoDay(now);
}

/** `YYYY-MM-DD` of `now` minus `days` (UTC). */
export function daysBefore(now: Date, days: number): string {
  return isoDay(new Date(now.getTime() - days * 86_400_000));
}

/** Every month from `from` to `to`, both included (`YYYY-MM`). */
export function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split("-").map(Number);
  while (`${year}-${String(month).padStart(2, "0")}` <= to) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}
