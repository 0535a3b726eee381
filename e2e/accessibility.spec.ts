/**
 * Accessibility (issue 12): no critical or serious axe-core violation on every main view and dialog of
 * the console, in the light and the dark theme (contrast differs): each object kind's pane and tabs,
 * Monitor with charts, Capacity, Consolidation lab, Demos & labs, every wizard and dialog, the alarm
 * list and pop-ups, the fault and start banners. Each view is checked where it is shown; the test
 * collects what every view has and fails once at the end with the whole list (view: rule, nodes).
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, startServer, stopServer } from './fixtures';
import { open, node, select } from './console-helpers';
import { axeViolations } from './axe';

class Sweep {
  readonly found: string[] = [];
  checked = 0;
  constructor(
    private readonly page: Page,
    private readonly theme: string,
  ) {}
  async check(what: string, scope?: string): Promise<void> {
    this.checked++;
    for (const v of await axeViolations(this.page, scope))
      this.found.push(
        `[${this.theme}] ${what}: ${v.impact} ${v.id} (${v.help}) ${v.nodes.length} node(s), e.g. ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
      );
  }
  done(): void {
    expect(this.found.join('\n'), `axe-core on ${this.checked} views (${this.theme})`).toBe('');
  }
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId(`theme-${theme}`).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('theme-light')).toBeHidden();
}

/** Clicks each tab of the object pane in turn and checks the pane with it. */
async function paneTabs(page: Page, sweep: Sweep, what: string): Promise<void> {
  const tabs = page.getByTestId('object-pane').locator('[role=tab]');
  const ids = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  for (const id of ids) {
    await page.getByTestId(id).click();
    await expect(page.getByTestId(id)).toHaveAttribute('aria-selected', 'true');
    if (id === 'tab-monitor')
      await expect(page.getByTestId('monitor-chart').first()).toHaveAttribute('data-points', /^[1-9]\d*$/);
    else if (id.startsWith('tab-rel-'))
      await expect(page.getByTestId(`table-${id.slice('tab-rel-'.length, -1)}`)).toBeVisible();
    // The top bar and the tree are checked with the first view; here the object pane.
    await sweep.check(`${what} › ${id.replace('tab-', '')}`, '#main-content');
  }
  await page.getByTestId('tab-summary').click();
}

async function selectNode(page: Page, target: Locator, name: string): Promise<void> {
  await target.click();
  await expect(page.getByTestId('pane-title')).toHaveText(name);
}

/** Opens an action of the selected object from the pane's Actions menu, checks the dialog, closes it. */
async function dialog(page: Page, sweep: Sweep, key: string, testid: string): Promise<void> {
  await page.getByTestId('actions-menu').click();
  await page.getByTestId(`action-${key}`).click();
  const d = page.getByTestId(testid);
  await expect(d).toBeVisible();
  await sweep.check(`dialog ${key}`, '.n-modal-container');
  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
}

async function walk(page: Page, sweep: Sweep): Promise<void> {
  // The console as it opens, and the kinds of the Hosts & Clusters view.
  await sweep.check('console (first view)');
  for (const name of ['Lab', 'Lab Cluster', 'esx-01', 'web-01']) {
    await selectNode(page, node(page, name), name);
    await paneTabs(page, sweep, name);
  }
  // A container, a service, a datastore and a network (found with the search box).
  for (const [kind, name] of [
    ['container', 'redis'],
    ['service', 'shop-frontend'],
    ['datastore', 'shared-01'],
    ['network', 'VM Network'],
  ] as const) {
    await select(page, name);
    await paneTabs(page, sweep, `${kind} ${name}`);
    if (kind === 'service') await dialog(page, sweep, 'scaleService', 'wizard-scale');
  }
  // The other inventory views.
  for (const v of ['vms', 'storage', 'hosts']) {
    await page.getByTestId(`view-${v}`).click();
    await expect(page.locator('[data-testid=tree-node]').first()).toBeVisible();
    await sweep.check(`inventory view ${v}`, 'nav.inventory');
  }

  // Every wizard and dialog of the actions.
  await selectNode(page, node(page, 'web-01'), 'web-01');
  await dialog(page, sweep, 'migrate', 'wizard-migrate');
  await dialog(page, sweep, 'clone', 'wizard-clone');
  await dialog(page, sweep, 'editVm', 'wizard-edit');
  await page.getByTestId('actions-menu').click();
  await page.getByTestId('action-delete').click();
  await expect(page.locator('.n-dialog')).toBeVisible();
  await sweep.check('dialog delete', '.n-modal-container');
  await page.keyboard.press('Escape');
  await expect(page.locator('.n-dialog')).toBeHidden();
  await selectNode(page, node(page, 'esx-01'), 'esx-01');
  await dialog(page, sweep, 'newVm', 'wizard-newVm');
  await dialog(page, sweep, 'newContainer', 'wizard-newContainer');
  await selectNode(page, node(page, 'Lab Cluster'), 'Lab Cluster');
  await dialog(page, sweep, 'newService', 'wizard-newService');
  await dialog(page, sweep, 'addHost', 'wizard-addHost');

  // Menus and dialogs of the top bar.
  await page.getByTestId('file-menu').click();
  await expect(page.getByTestId('file-new')).toBeVisible();
  await sweep.check('file menu', '.n-dropdown-menu');
  await page.keyboard.press('Escape');
  for (const mode of ['new', 'open', 'saveas']) {
    await page.getByTestId('file-menu').click();
    await page.getByTestId(`file-${mode}`).click();
    await expect(page.getByTestId('workspace-dialog')).toBeVisible();
    await sweep.check(`workspace ${mode}`, '.n-modal-container');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('workspace-dialog')).toBeHidden();
  }
  await page.getByTestId('settings-button').click();
  await expect(page.getByTestId('theme-light')).toBeVisible();
  await sweep.check('settings menu', '.n-popover');
  await page.keyboard.press('Escape');
  await page.getByTestId('pane-title').click();
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await sweep.check('shortcuts help', '.n-modal-container');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toBeHidden();

  // Capacity, Consolidation lab and Demos & labs drawers.
  await page.getByTestId('capacity-open').click();
  const capacity = page.getByTestId('capacity-view');
  await expect(capacity).toBeVisible();
  const capTabs = capacity.locator('.n-tabs-tab');
  for (let i = 0; i < (await capTabs.count()); i++) {
    await capTabs.nth(i).click();
    await expect(capTabs.nth(i)).toHaveClass(/n-tabs-tab--active/);
    await expect(capacity.locator('.n-tab-pane:visible').first()).toBeVisible();
    await sweep.check(`capacity › ${(await capTabs.nth(i).textContent())?.trim()}`, '.n-drawer');
  }
  await page.keyboard.press('Escape');
  await expect(capacity).toBeHidden();
  await page.getByTestId('consolidation-open').click();
  await expect(page.getByTestId('consol-view')).toBeVisible();
  await sweep.check('consolidation lab', '.n-drawer');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('consol-view')).toBeHidden();
  await page.getByTestId('demo-open').click();
  await expect(page.getByTestId('demo-drawer')).toBeVisible();
  await expect(page.getByTestId('storyline-picker')).toBeVisible();
  await sweep.check('demos & labs', '.n-drawer');
  await page.getByTestId('demo-drawer').locator('.n-base-close').click();
  await expect(page.getByTestId('demo-drawer')).toBeHidden();

  // Alarms: the list, and a pop-up once the simulation raises one.
  await page.getByTestId('clock-speed').selectOption('1000');
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) !== 'true')
    await page.getByTestId('clock-play').click();
  const popup = page.locator('.n-notification').first();
  await expect(popup).toBeVisible({ timeout: 30_000 });
  await sweep.check('alarm pop-up', '.n-notification-container');
  await page.getByTestId('clock-pause').click();
  await page.getByTestId('alarm-count').click();
  await expect(page.getByTestId('alarms-drawer')).toBeVisible();
  await expect(page.getByTestId('alarms-drawer').getByTestId('alarms-table')).toBeVisible();
  await sweep.check('alarm list', '.n-drawer');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('alarms-drawer')).toBeHidden();

  // Demos & labs, continued (each replaces the workspace, so last): the Labs tab, the question
  // before replacing the workspace, a running lab beside the console, a storyline presented.
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-panel').getByText('Labs', { exact: true }).click();
  await expect(page.getByTestId('lab-picker')).toBeVisible();
  await sweep.check('demos › labs', '.n-drawer');
  await page.getByTestId('lab-start-lab-power-on').click();
  await expect(page.getByTestId('demo-replace-confirm')).toBeVisible();
  await sweep.check('demos › replace the workspace?', '.n-modal-container');
  await page.getByTestId('demo-replace-confirm').click();
  await expect(page.getByTestId('lab-goal')).toBeVisible();
  await sweep.check('demos › running lab (with the console)');
  await page.getByTestId('demo-panel').getByText('Storylines', { exact: true }).click();
  await page.getByTestId('storyline-present-host-failure').click();
  await page.getByTestId('demo-replace-confirm').click();
  await expect(page.getByTestId('presenter')).toBeVisible();
  await expect(page.getByTestId('presenter').getByTestId('demo-caption')).not.toBeEmpty();
  await sweep.check('demos › presenter mode', '[data-testid=presenter]');
}

for (const theme of ['light', 'dark'] as const) {
  test(`no critical or serious axe violation on every view and dialog (${theme} theme)`, async ({
    page,
    consoleUrl,
  }) => {
    test.setTimeout(480_000);
    await open(page, consoleUrl);
    await setTheme(page, theme);
    const sweep = new Sweep(page, theme);
    await walk(page, sweep);
    sweep.done();
  });
}

test('the fault and start banners have no critical or serious axe violation (both themes)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const sweep = new Sweep(page, 'banners');
  // Safe mode after a kill -9 shows the fault banner.
  const first = await startServer();
  await open(page, first.url);
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'true');
  const exited = new Promise((r) => first.process.once('exit', r));
  first.process.kill('SIGKILL');
  await exited;
  const second = await startServer([], { VDC_DATA_DIR: first.dataDir });
  try {
    await open(page, second.url);
    await expect(page.getByTestId('fault-banner')).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await sweep.check(`fault banner (${theme})`);
    }
    // Without the token the browser shell shows the start banner (and nothing else can load).
    await page.goto(second.url.replace(/\?.*$/, ''));
    await expect(page.getByTestId('start-banner')).toBeVisible();
    await sweep.check('start banner (dark)');
  } finally {
    await stopServer(second);
  }
  sweep.done();
});
