import type { Format } from "./args";
import { basisLine, usd } from "./format";
import { csvHeader, csvRows, csvText } from "./render-csv";
import { type Colour, escapeHtml as escape, htmlPage, legend } from "./render-svg";
import { type TrendReport, trendTenants } from "./trend";

/** One line of the trend: a tenant, or a bucket of the total (unattributed, adjustments, ...). */
interface Series {
  name: string;
  values: number[];
}

/** The trend's lines: each tenant, then every other bucket, then the invoice total, so the columns add up. */
export function trendSeries(trend: TrendReport): Series[] {
  const spend = (tenant: string) =>
    trend.months.map((report) => report.tenants.find((entry) => entry.tenant === tenant)?.bedrockUsd ?? 0);
  return [
    ...trendTenants(trend).map((tenant) => ({ name: tenant, values: spend(tenant) })),
    {
      name: "(unknown tenants)",
      values: trend.months.map((report) =>
        report.unknownTenants.reduce((sum, entry) => sum + entry.bedrockUsd, 0),
      ),
    },
    { name: "(other environments)", values: trend.months.map((report) => report.otherEnvironmentsUsd) },
    { name: "(unattributed)", values: trend.months.map((report) => report.unattributed.usd) },
    { name: "(adjustments)", values: trend.months.map((report) => report.adjustments.usd) },
  ];
}

const title = (trend: TrendReport) =>
  `Bedrock chargeback trend for stack ${trend.stack}, ${trend.from} to ${trend.to}, source ${trend.source} (${basisLine(trend)})`;

function table(trend: TrendReport): { head: string[]; rows: string[][] } {
  const head = ["", ...trend.months.map((report) => `${report.month}${report.complete ? "" : " (to date)"}`)];
  const rows = trendSeries(trend).map((series) => [series.name, ...series.values.map(usd)]);
  rows.push(["invoice total", ...trend.months.map((report) => usd(report.invoiceBedrockUsd))]);
  return { head, rows };
}

function renderText(trend: TrendReport): string {
  const { head, rows } = table(trend);
  const widths = head.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column])))
      .join("  ");
  return `${[title(trend), "", line(head), ...rows.map(line)].join("\n")}\n`;
}

function renderMarkdown(trend: TrendReport): string {
  const { head, rows } = table(trend);
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  return `${[
    `## ${title(trend)}`,
    "",
    `| ${head.map(cell).join(" | ")} |`,
    `| --- |${" ---: |".repeat(head.length - 1)}`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n")}\n`;
}

function renderCsv(trend: TrendReport): string {
  return csvText([csvHeader(trend.months[0]), ...trend.months.flatMap(csvRows)]);
}

const seriesColours = [
  "#1f883d",
  "#0969da",
  "#8250df",
  "#bf3989",
  "#1b7c83",
  "#953800",
  "#4d2d00",
  "#0550ae",
];
const bucketColours: Record<string, string> = {
  "(unknown tenants)": "#a475f9",
  "(other environments)": "#6e7781",
  "(unattributed)": "#bf8700",
  "(adjustments)": "#57606a",
};

/** A line per tenant and bucket over the months, every point labelled with its value, every colour in the legend. */
function renderHtml(trend: TrendReport): string {
  const series = trendSeries(trend).filter(
    (line) => line.values.some((value) => value !== 0) || !line.name.startsWith("("),
  );
  const colours: Colour[] = series.map((line, index) => ({
    cssClass: "series",
    fill: bucketColours[line.name] ?? seriesColours[index % seriesColours.length],
    meaning: line.name,
  }));
  const [left, top, plotWidth, plotHeight] = [60, 20, 640, 260];
  const values = series.flatMap((line) => line.values);
  const high = Math.max(0, ...values);
  const low = Math.min(0, ...values);
  const span = high - low || 1;
  const x = (index: number) =>
    left + (trend.months.length === 1 ? plotWidth / 2 : (index / (trend.months.length - 1)) * plotWidth);
  const y = (value: number) => top + ((high - value) / span) * plotHeight;
  const lines = series.map((line, index) => {
    const colour = colours[index].fill;
    const points = line.values
      .map((value, month) => `${x(month).toFixed(1)},${y(value).toFixed(1)}`)
      .join(" ");
    const marks = line.values.map(
      (value, month) =>
        `<circle cx="${x(month).toFixed(1)}" cy="${y(value).toFixed(1)}" r="3" fill="${colour}" data-month="${trend.months[month].month}" data-usd="${value}"><title>${escape(`${line.name} ${trend.months[month].month}: ${usd(value)}`)}</title></circle><text class="value" x="${(x(month) + 4).toFixed(1)}" y="${(y(value) - 4).toFixed(1)}" fill="${colour}">${usd(value)}</text>`,
    );
    return `<g data-series="${escape(line.name)}"><polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"></polyline>${marks.join("")}</g>`;
  });
  const axis = trend.months
    .map(
      (report, index) =>
        `<text x="${x(index).toFixed(1)}" y="${top + plotHeight + 18}" text-anchor="middle">${report.month}</text>`,
    )
    .join("");
  const width = left + plotWidth + 120;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Bedrock spend per tenant and month" width="${width}" height="${top + plotHeight + 30}" viewBox="0 0 ${width} ${top + plotHeight + 30}" font-family="sans-serif" font-size="11"><line x1="${left}" y1="${y(0).toFixed(1)}" x2="${left + plotWidth}" y2="${y(0).toFixed(1)}" stroke="#d0d7de"></line>${axis}${lines.join("")}</svg>`;
  const { head, rows } = table(trend);
  const htmlTable = `<table>\n<tr>${head.map((cell) => `<th>${escape(cell)}</th>`).join("")}</tr>\n${rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join("")}</tr>`).join("\n")}\n</table>`;
  const notes = [...new Set(trend.months.flatMap((report) => report.notes))];
  return htmlPage(title(trend), [
    `<h1>${escape(title(trend))}</h1>`,
    svg,
    legend(colours),
    htmlTable,
    ...notes.map((note) => `<p><em>${escape(note)}</em></p>`),
  ]);
}

export const trendRenderers: Record<Format, (trend: TrendReport) => string> = {
  text: renderText,
  markdown: renderMarkdown,
  json: (trend) => `${JSON.stringify(trend, null, 2)}\n`,
  csv: renderCsv,
  html: renderHtml,
};
