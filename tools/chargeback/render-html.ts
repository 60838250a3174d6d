import { basisLine, heading, percent, reconciliationLine, usd } from "./format";
import { type ChargebackReport, isOverBudget, tenantsInReadingOrder } from "./report";
import { escapeHtml as escape, htmlPage, legend, palette } from "./render-svg";

/** Width of the longest bar, in SVG user units; every bar is drawn to the same dollars-per-unit scale. */
export const chartWidth = 600;
const labelWidth = 200;
const valueWidth = 140;
const rowHeight = 34;
const barHeight = 12;

interface Bar {
  class: keyof typeof palette;
  usd: number;
  label: string;
  /** A dashed outline (the forecast) rather than a filled bar. */
  outline?: boolean;
}

/**
 * One self-contained page: a table and an inline SVG with, per tenant, its budget, its spend and
 * (month in progress) its forecast, then unknown tenants, other environments, the unattributed
 * spend and each adjustment type: every bucket of the total drawn, each bar labelled with its
 * value, every colour in the legend. No script, no stylesheet or font from the network. Each bar
 * carries `data-usd` so a reader (or a test) can check its length: width = |usd| / scale.
 */
export function renderHtml(report: ChargebackReport): string {
  const tenants = tenantsInReadingOrder(report);
  const groups: Array<{ name: string; title: string; bars: Bar[] }> = tenants.map((tenant) => {
    const bars: Bar[] = [
      { class: "budget", usd: tenant.budgetUsd, label: `budget ${usd(tenant.budgetUsd)}` },
      {
        class: isOverBudget(tenant) ? "over" : "actual",
        usd: tenant.bedrockUsd,
        label: `spend ${usd(tenant.bedrockUsd)}`,
      },
    ];
    if (tenant.forecastUsd !== undefined) {
      const over = tenant.forecastUsd > tenant.budgetUsd;
      bars.push({
        class: over ? "forecastOver" : "forecast",
        usd: tenant.forecastUsd,
        label: `forecast ${usd(tenant.forecastUsd)}${over ? " OVER BUDGET" : ""}`,
        outline: true,
      });
    }
    return { name: tenant.tenant, title: tenant.tenant, bars };
  });
  for (const entry of report.unknownTenants)
    groups.push({
      name: `(unknown) ${entry.tenant}`,
      title: `unknown tenant ${entry.tenant}`,
      bars: [{ class: "unknown", usd: entry.bedrockUsd, label: usd(entry.bedrockUsd) }],
    });
  if (report.otherEnvironmentsUsd !== 0)
    groups.push({
      name: "(other environments)",
      title: "other environments",
      bars: [
        {
          class: "otherEnvironment",
          usd: report.otherEnvironmentsUsd,
          label: usd(report.otherEnvironmentsUsd),
        },
      ],
    });
  groups.push({
    name: "(unattributed)",
    title: `unattributed (${percent(report.unattributed.share * 100)})`,
    bars: [{ class: "unattributed", usd: report.unattributed.usd, label: usd(report.unattributed.usd) }],
  });
  for (const entry of report.adjustments.byType)
    groups.push({
      name: `(adjustment) ${entry.type}`,
      title: `adjustment: ${entry.type}`,
      bars: [{ class: "adjustment", usd: entry.usd, label: usd(entry.usd) }],
    });

  const largest = Math.max(0, ...groups.flatMap((group) => group.bars.map((bar) => Math.abs(bar.usd))));
  const scale = largest > 0 ? largest / chartWidth : 1;
  const width = (amount: number) => (Math.abs(amount) / scale).toFixed(2);
  let y = 0;
  const drawn = groups.map((group) => {
    const top = y;
    const height = Math.max(rowHeight, group.bars.length * (barHeight + 2) + 6);
    y += height;
    const bars = group.bars.map((bar, index) => {
      const barY = top + 2 + index * (barHeight + 2);
      const colour = palette[bar.class];
      const paint = bar.outline
        ? `fill="none" stroke="${colour.fill}" stroke-dasharray="4 2"`
        : `fill="${colour.fill}"`;
      return [
        `<rect class="${colour.cssClass}" x="${labelWidth}" y="${barY}" height="${barHeight}" width="${width(bar.usd)}" data-usd="${bar.usd}" ${paint}><title>${escape(bar.label)}</title></rect>`,
        `<text class="value" x="${labelWidth + Number(width(bar.usd)) + 4}" y="${barY + barHeight - 2}">${escape(bar.label)}</text>`,
      ].join("\n");
    });
    return [
      `<g data-tenant="${escape(group.name)}">`,
      `<text x="0" y="${top + 16}">${escape(group.title)}</text>`,
      ...bars,
      "</g>",
    ].join("\n");
  });
  const used = new Set(groups.flatMap((group) => group.bars.map((bar) => bar.class)));
  const svgWidth = labelWidth + chartWidth + valueWidth;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Spend against budget per tenant, and every other part of the Bedrock total" data-usd-per-unit="${scale}" width="${svgWidth}" height="${y}" viewBox="0 0 ${svgWidth} ${y}" font-family="sans-serif" font-size="12">\n${drawn.join("\n")}\n</svg>`;

  const forecast = !report.complete;
  const rows = tenants
    .map((tenant) => {
      const forecastOver = tenant.forecastUsd !== undefined && tenant.forecastUsd > tenant.budgetUsd;
      const forecastCell =
        tenant.forecastUsd === undefined
          ? "-"
          : `${usd(tenant.forecastUsd)}${forecastOver ? " (over budget)" : ""}`;
      return `<tr${isOverBudget(tenant) ? ' class="over"' : ""}><td>${escape(tenant.tenant)}</td><td>${usd(tenant.bedrockUsd)}</td><td>${usd(tenant.budgetUsd)}</td><td>${percent(tenant.budgetUsedPercent)}</td>${forecast ? `<td${forecastOver ? ' class="forecast-over"' : ""}>${forecastCell}</td>` : ""}</tr>`;
    })
    .join("\n");
  const table = (head: string[], body: string[][]) =>
    `<table>\n<tr>${head.map((cell) => `<th>${cell}</th>`).join("")}</tr>\n${body.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`).join("\n")}\n</table>`;
  const profiles = tenants.flatMap((tenant) =>
    (tenant.profiles ?? []).map((profile) => [
      escape(tenant.tenant),
      escape(profile.profile),
      escape(profile.model ?? "unknown"),
      usd(profile.usd),
      `<code>${escape(profile.arn)}</code>`,
    ]),
  );
  const body = [
    `<h1>${escape(heading(report))}</h1>`,
    `<p>Total Bedrock spend: <strong>${usd(report.totalBedrockUsd)}</strong>. ${escape(reconciliationLine(report))}.</p>`,
    svg,
    legend([...used].map((key) => palette[key])),
    `<table>\n<tr><th>Tenant</th><th>Spend</th><th>Budget</th><th>Used</th>${forecast ? "<th>Forecast</th>" : ""}</tr>\n${rows}\n</table>`,
    profiles.length > 0
      ? `<h2>Profiles</h2>\n${table(["Tenant", "Profile", "Model", "Spend", "ARN"], profiles)}`
      : "",
    forecast && report.forecastMethod ? `<p>Forecast: ${escape(report.forecastMethod)}.</p>` : "",
    `<h2>Unattributed: ${usd(report.unattributed.usd)} (${percent(report.unattributed.share * 100)} of the total)</h2>`,
    table(
      ["Account", "Service", "Usage type", "Spend"],
      report.unattributed.top.map((entry) => [
        escape(entry.account),
        escape(entry.service),
        escape(entry.usageType),
        usd(entry.usd),
      ]),
    ),
    report.unknownTenants.length > 0
      ? `<h2>Unknown tenants</h2><ul>${report.unknownTenants.map((entry) => `<li>${escape(entry.tenant)}: ${usd(entry.bedrockUsd)}</li>`).join("")}</ul>`
      : "",
    report.otherEnvironmentsUsd !== 0
      ? `<p>Tagged for another or no environment: ${usd(report.otherEnvironmentsUsd)}.</p>`
      : "",
    report.adjustments.byType.length > 0
      ? `<h2>Adjustments: ${usd(report.adjustments.usd)}</h2>\n${table(
          ["Type", "Amount"],
          report.adjustments.byType.map((entry) => [escape(entry.type), usd(entry.usd)]),
        )}`
      : "",
    `<p>Basis: ${escape(basisLine(report))}.</p>`,
    ...report.notes.map((note) => `<p><em>${escape(note)}</em></p>`),
  ];
  return htmlPage(
    heading(report),
    body.filter((part) => part !== ""),
  );
}
