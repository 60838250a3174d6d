import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { tempDir } from "../helpers/temp-files";
import { SourceError } from "../../tools/chargeback/source-error";
import { reportFrom } from "./export-report";
import { type FixtureFile, type FixtureFormat, writeExport } from "./export-fixtures";
import { discounted, invoiceItems, novemberInvoice } from "./invoice-scenario";
import { sharedAi } from "./scenario";
import { assertScenarioFigures, close } from "./scenario-figures";

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("chargeback reconciles to the invoice (Data Exports)", function () {
  let directory: string;
  before(() => {
    directory = tempDir("chargeback-invoice-");
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  const cases: Array<[FixtureFormat, FixtureFile]> = [
    ["cur2", "parquet"],
    ["cur2", "csv.gz"],
    ["focus", "parquet"],
    ["focus-1.2", "csv.gz"],
  ];
  for (const [format, file] of cases) {
    it(`${format} ${file}: tax, credits and discounts are adjustments by type; usage + adjustments = the invoice`, async () => {
      const written = await writeExport(
        directory,
        `${format}-${file.replace(".", "-")}`,
        invoiceItems,
        format,
        file,
      );
      const report = await reportFrom([written]);
      // Usage figures are untouched by the adjustments: the unattributed figure is untagged usage only.
      assertScenarioFigures(report);
      close(report.adjustments.usd, novemberInvoice.adjustmentsUsd);
      close(sum(report.adjustments.byType.map((entry) => entry.usd)), report.adjustments.usd);
      close(report.invoiceBedrockUsd, novemberInvoice.invoice);
      close(report.invoiceBedrockUsd, report.totalBedrockUsd + report.adjustments.usd);
      const byType = Object.fromEntries(report.adjustments.byType.map((entry) => [entry.type, entry.usd]));
      if (format === "cur2") assert.deepEqual(byType, novemberInvoice.adjustments);
      else assert.deepEqual(byType, { Tax: 115, Credit: -102.5, Adjustment: -29.15 });
    });
  }

  it("books a refund in the billing period that invoices it, not its usage month (and by usage date on request)", async () => {
    const cur2 = await writeExport(directory, "refund-cur2", invoiceItems, "cur2", "parquet");
    const focus = await writeExport(directory, "refund-focus", invoiceItems, "focus", "parquet");
    const december = await reportFrom([cur2], false, { month: "2026-12" });
    assert.deepEqual(december.adjustments.byType, [{ type: "Refund", usd: -34 }]);
    close(december.tenants.find((tenant) => tenant.tenant === "alpha")?.bedrockUsd, 10);
    // FOCUS marks a refund of an earlier period as ChargeClass Correction.
    const focusDecember = await reportFrom([focus], false, { month: "2026-12" });
    assert.deepEqual(focusDecember.adjustments.byType, [{ type: "Correction", usd: -34 }]);
    const byUsage = await reportFrom([cur2], false, { periodBasis: "usage" });
    assert.equal(byUsage.periodBasis, "usage");
    close(byUsage.adjustments.usd, novemberInvoice.adjustmentsUsd - 34);
  });

  it("counts net cost by default and names the basis; unblended on request; FOCUS refuses a pre-discount basis", async () => {
    const cur2 = await writeExport(directory, "edp-cur2", discounted, "cur2", "parquet");
    const net = await reportFrom([cur2]);
    assert.equal(net.costBasis, "net");
    close(net.tenants.find((tenant) => tenant.tenant === "alpha")?.bedrockUsd, 270.225 + 450.5);
    const unblended = await reportFrom([cur2], false, { costBasis: "unblended" });
    close(unblended.tenants.find((tenant) => tenant.tenant === "alpha")?.bedrockUsd, 750.75);
    const focus = await writeExport(directory, "edp-focus", discounted, "focus", "parquet");
    close(
      (await reportFrom([focus])).tenants.find((tenant) => tenant.tenant === "alpha")?.bedrockUsd,
      270.225 + 450.5,
    );
    await assert.rejects(
      reportFrom([focus], false, { costBasis: "unblended" }),
      /FOCUS export, which has no cost before negotiated discounts/,
    );
  });

  it("amortizes a Savings Plan as AWS's dashboards do: covered usage at its effective cost, the negation at zero", async () => {
    const covered = [
      ...invoiceItems,
      {
        account: sharedAi,
        service: "Amazon Bedrock",
        usageType: "USE1-x",
        tenant: "beta",
        environment: "prod",
        usd: 100,
        savingsPlanEffectiveUsd: 60,
        day: "2026-11-09",
        lineType: "SavingsPlanCoveredUsage",
      },
      {
        account: sharedAi,
        service: "Amazon Bedrock",
        usageType: "USE1-x",
        usd: -100,
        day: "2026-11-09",
        lineType: "SavingsPlanNegation",
      },
    ];
    const file = await writeExport(directory, "savings-plan", covered, "cur2", "parquet");
    const unblended = await reportFrom([file], false, { costBasis: "unblended" });
    close(unblended.tenants.find((tenant) => tenant.tenant === "beta")?.bedrockUsd, 720);
    close(unblended.adjustments.byType.find((entry) => entry.type === "SavingsPlanNegation")?.usd, -100);
    for (const costBasis of ["amortized", "net-amortized"] as const) {
      const amortized = await reportFrom([file], false, { costBasis });
      close(amortized.tenants.find((tenant) => tenant.tenant === "beta")?.bedrockUsd, 680);
      close(amortized.adjustments.byType.find((entry) => entry.type === "SavingsPlanNegation")?.usd, 0);
      assert.equal(amortized.costBasis, costBasis);
    }
  });

  it("counts a line whose net cost cell is blank (CSV) at its unblended cost, not at zero", async () => {
    const blank = invoiceItems.map((item) => (item.usd === 620 ? { ...item, netUsd: null } : item));
    const report = await reportFrom([await writeExport(directory, "blank-net", blank, "cur2", "csv.gz")]);
    assertScenarioFigures(report);
  });

  it("reads CUR 2.0's newer tags column as well as resource_tags", async () => {
    const written = await writeExport(directory, "tags-column", invoiceItems, "cur2", "parquet", {
      cur2TagColumn: "tags",
    });
    assertScenarioFigures(await reportFrom([written]));
  });

  it("refuses an export without a tag column, saying how to activate and export the tags", async () => {
    const written = await writeExport(directory, "no-tags", invoiceItems, "cur2", "csv.gz", {
      cur2TagColumn: "none",
    });
    await assert.rejects(reportFrom([written]), (error: Error) => {
      assert.ok(error instanceof SourceError);
      assert.match(error.message, /no-tags\.csv\.gz: the export has no tag column \(resource_tags or tags\)/);
      assert.match(error.message, /cost allocation tags/);
      return true;
    });
  });

  it("notes a month where no Bedrock usage line carries the tenant tag (tags never activated)", async () => {
    const untagged = invoiceItems.map((item) => ({
      ...item,
      tenant: undefined,
      environment: undefined,
      profile: undefined,
    }));
    const written = await writeExport(directory, "never-activated", untagged, "cur2", "parquet");
    const report = await reportFrom([written]);
    assert.equal(report.unattributed.share, 1);
    assert.ok(
      report.notes.some((note) => /2026-11: no Bedrock usage line carries the tenant tag/.test(note)),
      report.notes.join("\n"),
    );
    const tagged = await reportFrom([
      await writeExport(directory, "activated", invoiceItems, "cur2", "parquet"),
    ]);
    assert.ok(!tagged.notes.some((note) => /carries the tenant tag/.test(note)));
  });

  it("keeps an unknown line item type as an adjustment and says so", async () => {
    const items = [
      ...invoiceItems,
      {
        account: sharedAi,
        service: "Amazon Bedrock",
        usageType: "",
        usd: 3,
        day: "2026-11-04",
        lineType: "NewType",
      },
    ];
    const report = await reportFrom([await writeExport(directory, "new-type", items, "cur2", "parquet")]);
    close(report.adjustments.byType.find((entry) => entry.type === "NewType")?.usd, 3);
    assert.ok(report.notes.some((note) => /"NewType" is not one the report knows/.test(note)));
  });
});
