/**
 * Capacity planning in the browser: import an RVTools workbook (generated here, real-shaped), read the
 * headroom, make two what-if branches, run them, compare them, and download the report.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { rvtoolsGrids, xlsxOf } from '../src/main/service/inventory-io/testing';
import { pdfFonts, pdfText } from '../src/main/service/capacity/poppler-testing';
import { expectAccessible } from './axe';

// axe-core on the Capacity drawer only ('.cap-drawer'): the console behind it has global violations (icons
// without names, tree roles) that the accessibility lane fixes in the shared components.
const CAP = '.cap-drawer';

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
}

test('import RVTools, read headroom, what-if compare, export the report', async ({ page, consoleUrl }) => {
  test.setTimeout(120_000);
  await open(page, consoleUrl);
  await page.getByTestId('capacity-open').click();
  const view = page.getByTestId('capacity-view');
  await expect(view).toBeVisible();

  // Import: 4 hosts × 32 cores in one cluster, 24 VMs of 1/2/4/8 vCPUs, every 10th powered off; row 3 is bad.
  const grids = rvtoolsGrids({ hosts: 4, vms: 24, perCluster: 4 });
  grids.vInfo![3]![5] = -1;
  await view.locator('.n-tabs-tab', { hasText: 'Import / export' }).click();
  await view.getByTestId('import-file').setInputFiles({
    name: 'rvtools.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await xlsxOf(grids)),
  });
  await expect(view.getByTestId('import-preview')).toContainText('4 hosts, 23 VMs');
  await expect(view.getByTestId('import-problems')).toContainText('vInfo');
  await expect(view.getByTestId('import-problems')).toContainText('Memory');
  await expect(view.getByTestId('import-apply')).toBeDisabled();
  await expectAccessible(page, 'Capacity ▸ Import (preview with problems)', CAP);
  await view.getByText('Import the usable rows only').click();
  await view.getByTestId('import-apply').click();
  await expect(page.getByText('Workspace Imported inventory created')).toBeVisible();

  // Export: a real HTTP download from the server (never a path sent to the API), fetched once.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), view.getByTestId('export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toBe('RVTools_export.xlsx');
  expect(xlsx.url()).toMatch(/\/download\/dl-[0-9a-f]{32}\?token=/);
  expect(
    readFileSync((await xlsx.path())!)
      .subarray(0, 2)
      .toString('latin1'),
  ).toBe('PK');
  expect((await page.request.get(xlsx.url())).status()).toBe(404);

  // Headroom by allocation at 4:1 with a 25 % HA reserve (1 of 4 hosts): 128 cores × 4 × 0.75 = 384 vCPUs;
  // configured: 90 vCPUs − vm-3 (4, its row is bad) − vm-10 (2) and vm-20 (8) powered off = 76 → 308 more small VMs, CPU binds.
  await view.locator('.n-tabs-tab', { hasText: 'Headroom' }).click();
  const table = view.getByTestId('headroom-table');
  await expect(table.getByRole('row', { name: /Small/ })).toContainText('308 (CPU)');
  await expectAccessible(page, 'Capacity ▸ Headroom', CAP);
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    view.getByTestId('cap-headroom').getByRole('button', { name: 'CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('capacity-headroom.csv');
  expect(csv.url()).toContain('/download/dl-');
  expect(readFileSync((await csv.path())!, 'utf8')).toContain('More VMs by allocation');

  // What-if: a baseline and a branch that loses a host; run both one day forward; compare.
  await view.locator('.n-tabs-tab', { hasText: 'What-if' }).click();
  await view.getByTestId('whatif-name').locator('input').fill('baseline');
  await view.getByTestId('whatif-create').click();
  await expect(view.getByTestId('whatif-branches')).toContainText('baseline');
  await view.getByTestId('whatif-name').locator('input').fill('lose esx-1');
  await view.getByTestId('whatif-hosts').click();
  await page.locator('.n-base-select-option', { hasText: /^esx-1$/ }).click();
  await view.getByTestId('whatif-name').click();
  await view.getByTestId('whatif-add-change').click();
  await view.getByTestId('whatif-create').click();
  await expect(view.getByTestId('whatif-branches')).toContainText('hosts failed: 1 of 1');
  await view.getByTestId('whatif-days').locator('input').fill('1');
  await view.getByTestId('whatif-days').locator('input').blur();
  // Wait for each run's result to be recorded in its own row (not for a spinner, which may not have
  // appeared yet when checked) before starting the next one.
  const branchRows = view.getByTestId('whatif-branches');
  for (const [id, name] of [
    ['branch-1', 'baseline'],
    ['branch-2', 'lose esx-1'],
  ] as const) {
    await expect(branchRows.getByRole('row', { name: new RegExp(name) })).toContainText('ran 0 days');
    await view.getByTestId(`whatif-run-${id}`).click();
    await expect(branchRows.getByRole('row', { name: new RegExp(name) })).toContainText('ran 1 days', {
      timeout: 60_000,
    });
    await expect(view.getByTestId(`whatif-run-${id}`)).not.toHaveClass(/n-button--loading/);
  }
  await view.getByTestId('whatif-compare').click();
  const cmp = view.getByTestId('compare-table');
  await expect(cmp).toContainText('baseline');
  await expect(cmp).toContainText('lose esx-1');
  await expect(view.getByTestId('compare-cpu')).toBeVisible();
  await expectAccessible(page, 'Capacity ▸ What-if compare with branches and charts', CAP);

  // The report includes the comparison of the selected branches.
  await view.getByTestId('report-button').click();
  await expect(page.getByText('HTML report')).toBeVisible();
  await expectAccessible(page, 'Capacity ▸ Report menu', '.n-dropdown-menu');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByText('HTML report').click(),
  ]);
  expect(download.suggestedFilename()).toBe('capacity-report.html');
  expect(download.url()).toContain('/download/dl-');
  const html = readFileSync((await download.path())!, 'utf8');
  expect(html).toContain('What-if comparison');
  expect(html).toContain('lose esx-1');
  expect(html).toContain('<svg');

  // The PDF, written by the bundled service worker with the font found next to the build
  // (resources/fonts), read back with poppler.
  await view.getByTestId('report-button').click();
  const [pdfDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByText('PDF report').click(),
  ]);
  expect(pdfDownload.suggestedFilename()).toBe('capacity-report.pdf');
  const pdf = readFileSync((await pdfDownload.path())!);
  expect(pdfText(pdf)).toContain('What-if comparison');
  expect(pdfFonts(pdf).map((f) => [f.embedded, f.subset])).toEqual([[true, true]]);
});
