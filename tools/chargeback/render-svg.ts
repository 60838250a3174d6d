/** What the HTML reports share: escaping, the colours and their legend, the page around them. */

export const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface Colour {
  /** The SVG element's class. */
  cssClass: string;
  fill: string;
  /** What the colour means, as the legend says it. */
  meaning: string;
}

/** Every colour a chart draws; the legend lists each one drawn. */
export const palette = {
  budget: { cssClass: "budget", fill: "#d0d7de", meaning: "budget" },
  actual: { cssClass: "actual", fill: "#1f883d", meaning: "spend within budget" },
  over: { cssClass: "actual", fill: "#cf222e", meaning: "spend over budget" },
  forecast: { cssClass: "forecast", fill: "#0969da", meaning: "forecast for the month (dashed)" },
  forecastOver: { cssClass: "forecast over", fill: "#cf222e", meaning: "forecast over budget (dashed)" },
  unknown: { cssClass: "unknown", fill: "#8250df", meaning: "unknown tenant (tag with no tenant file)" },
  otherEnvironment: {
    cssClass: "other-environment",
    fill: "#6e7781",
    meaning: "tagged for another or no environment",
  },
  unattributed: { cssClass: "unattributed", fill: "#bf8700", meaning: "unattributed (no tenant tag)" },
  adjustment: {
    cssClass: "adjustment",
    fill: "#57606a",
    meaning: "adjustment (tax, credit, refund, discount)",
  },
} satisfies Record<string, Colour>;

export function legend(colours: readonly Colour[]): string {
  const unique = [...new Map(colours.map((colour) => [colour.meaning, colour])).values()];
  return `<ul class="legend">${unique
    .map(
      (colour) =>
        `<li data-colour="${colour.fill}"><svg width="12" height="12"><rect width="12" height="12" fill="${colour.fill}"></rect></svg> ${escapeHtml(colour.meaning)}</li>`,
    )
    .join("")}</ul>`;
}

export function htmlPage(title: string, body: readonly string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}tr.over,td.forecast-over{color:#cf222e;font-weight:bold}ul.legend{list-style:none;padding:0;display:flex;gap:1.5em;flex-wrap:wrap}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
