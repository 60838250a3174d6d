import { heading, percent, usd } from "./format";
import { type ChargebackReport, isOverBudget, tenantsInReadingOrder } from "./report";

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Width of the longest bar, in SVG user units; every bar is drawn to the same dollars-per-unit scale. */
export const chartWidth = 600;
const labelWidth = 200;
const rowHeight = 34;
const barHeight = 12;

/**
 * One self-contained page: a table and an inline SVG with, per tenant, its spend (`class="actual"`)
 * over its budget (`class="budget"`), and the unattributed spend as its own bar. No script, no
 * stylesheet or font from the network. Each bar carries `data-usd` so a reader (or a test) can check
 * its length against the figure: width = usd / scale.
 */
export function renderHtml(report: ChargebackReport): string {
  const tenants = tenantsInReadingOrder(report);
  const largest = Math.max(
    report.unattributed.usd,
    ...tenants.flatMap((tenant) => [tenant.bedrockUsd, tenant.budgetUsd]),
    0,
  );
  const scale = largest > 0 ? largest / chartWidth : 1;
  const width = (amount: number) => (Math.max(amount, 0) / scale).toFixed(2);
  const bars: string[] = [];
  tenants.forEach((tenant, index) => {
    const y = index * rowHeight;
    const over = isOverBudget(tenant);
    bars.push(
      `<g data-tenant="${escape(tenant.tenant)}">`,
      `<text x="0" y="${y + 16}">${escape(tenant.tenant)}</text>`,
      `<rect class="budget" x="${labelWidth}" y="${y + 2}" height="${barHeight}" width="${width(tenant.budgetUsd)}" data-usd="${tenant.budgetUsd}" fill="#d0d7de"><title>budget ${usd(tenant.budgetUsd)}</title></rect>`,
      `<rect class="actual" x="${labelWidth}" y="${y + 16}" height="${barHeight}" width="${width(tenant.bedrockUsd)}" data-usd="${tenant.bedrockUsd}" fill="${over ? "#cf222e" : "#1f883d"}"><title>spend ${usd(tenant.bedrockUsd)}</title></rect>`,
      "</g>",
    );
  });
  const unattributedY = tenants.length * rowHeight;
  bars.push(
    `<g data-tenant="(unattributed)">`,
    `<text x="0" y="${unattributedY + 16}">unattributed (${percent(report.unattributed.share * 100)})</text>`,
    `<rect class="unattributed" x="${labelWidth}" y="${unattributedY + 9}" height="${barHeight}" width="${width(report.unattributed.usd)}" data-usd="${report.unattributed.usd}" fill="#bf8700"><title>unattributed ${usd(report.unattributed.usd)}</title></rect>`,
    "</g>",
  );
  const svgHeight = (tenants.length + 1) * rowHeight;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Spend against budget per tenant" data-usd-per-unit="${scale}" width="${labelWidth + chartWidth + 20}" height="${svgHeight}" viewBox="0 0 ${labelWidth + chartWidth + 20} ${svgHeight}" font-family="sans-serif" font-size="12">\n${bars.join("\n")}\n</svg>`;

  const forecast = !report.complete;
  const rows = tenants
    .map(
      (tenant) =>
        `<tr${isOverBudget(tenant) ? ' class="over"' : ""}><td>${escape(tenant.tenant)}</td><td>${usd(tenant.bedrockUsd)}</td><td>${usd(tenant.budgetUsd)}</td><td>${percent(tenant.budgetUsedPercent)}</td>${forecast ? `<td>${tenant.forecastUsd === undefined ? "-" : usd(tenant.forecastUsd)}</td>` : ""}</tr>`,
    )
    .join("\n");
  const top = report.unattributed.top
    .map(
      (entry) =>
        `<tr><td>${escape(entry.account)}</td><td>${escape(entry.service)}</td><td>${escape(entry.usageType)}</td><td>${usd(entry.usd)}</td></tr>`,
    )
    .join("\n");
  const profiles = tenants
    .flatMap((tenant) =>
      (tenant.profiles ?? []).map(
        (profile) =>
          `<tr><td>${escape(tenant.tenant)}</td><td>${escape(profile.profile)}</td><td>${escape(profile.model ?? "unknown")}</td><td>${usd(profile.usd)}</td><td><code>${escape(profile.arn)}</code></td></tr>`,
      ),
    )
    .join("\n");
  const unknown = report.unknownTenants
    .map((entry) => `<li>${escape(entry.tenant)}: ${usd(entry.bedrockUsd)}</li>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(heading(report))}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}tr.over{color:#cf222e;font-weight:bold}</style>
</head>
<body>
<h1>${escape(heading(report))}</h1>
<p>Total Bedrock spend: <strong>${usd(report.totalBedrockUsd)}</strong>. Grey: budget; green: spend; red: spend over budget.</p>
${svg}
<table>
<tr><th>Tenant</th><th>Spend</th><th>Budget</th><th>Used</th>${forecast ? "<th>Forecast</th>" : ""}</tr>
${rows}
</table>
${profiles ? `<h2>Profiles</h2>\n<table>\n<tr><th>Tenant</th><th>Profile</th><th>Model</th><th>Spend</th><th>ARN</th></tr>\n${profiles}\n</table>` : ""}
${forecast && report.forecastMethod ? `<p>Forecast: ${escape(report.forecastMethod)}.</p>` : ""}
<h2>Unattributed: ${usd(report.unattributed.usd)} (${percent(report.unattributed.share * 100)} of the total)</h2>
<table>
<tr><th>Account</th><th>Service</th><th>Usage type</th><th>Spend</th></tr>
${top}
</table>
${unknown ? `<h2>Unknown tenants</h2><ul>${unknown}</ul>` : ""}
${report.otherEnvironmentsUsd !== 0 ? `<p>Tagged for another or no environment: ${usd(report.otherEnvironmentsUsd)}.</p>` : ""}
${report.notes.map((note) => `<p><em>${escape(note)}</em></p>`).join("\n")}
</body>
</html>
`;
}
