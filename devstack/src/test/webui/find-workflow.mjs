// Opens Temporal's Web UI in Chromium (playwright-core, Debian's chromium), searches workflows with
// a visibility query as an operator types it, waits for the expected workflow in the list, opens
// it, waits for the expected text on its page (its summary), and takes a screenshot of each page.
// Usage: node find-workflow.mjs PLAYWRIGHT_MODULE UI_URL QUERY WORKFLOW_ID EXPECTED_TEXT OUT_PREFIX
// Prints one JSON line: {"found": true, "listed": [...], "detail": "..."} or exits 1 with why.
import { createRequire } from "node:module";

const [moduleDir, ui, query, workflowId, expected, out] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { chromium } = require(moduleDir);

const browser = await chromium.launch({
  executablePath: process.env.MEVFLOW_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let stage = "open the list";
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.setDefaultTimeout(30000);
  const list = `${ui}/namespaces/default/workflows?query=${encodeURIComponent(query)}`;
  await page.goto(list, { waitUntil: "domcontentloaded" });
  const link = page.getByRole("link", { name: workflowId, exact: true }).first();
  await link.waitFor({ state: "visible" });
  await page.screenshot({ path: `${out}-list.png`, fullPage: false });
  const listed = await page.getByRole("link").allInnerTexts();
  stage = "open the workflow";
  await link.click();
  // the workflow's one-line summary (Temporal's user metadata) is on its own tab
  const tab = page.getByText("User Metadata", { exact: true }).filter({ visible: true }).first();
  await tab.waitFor({ state: "visible" });
  await tab.click();
  stage = "find its summary";
  await page.waitForURL(/user-metadata/);
  // the UI renders the summary (markdown) in a sandboxed frame of its own
  const summary = page
    .locator("iframe")
    .first()
    .contentFrame()
    .getByText(expected, { exact: false })
    .first();
  await summary.waitFor({ state: "visible" });
  await page.screenshot({ path: `${out}-workflow.png`, fullPage: false });
  const detail = await summary.innerText();
  console.log(JSON.stringify({ found: true, listed: listed.filter((t) => t.includes("-")), detail }));
} catch (e) {
  console.error(`web UI, ${stage}: ${e.message.split("\n")[0]}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
