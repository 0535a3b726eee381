/**
 * The whole console in Simplified Chinese (issue 12, "Simplified Chinese, completely" and "Units
 * everywhere"): a walk through every view in a real browser — each object kind and its tabs (datacenter,
 * cluster, host, VM, template, container, service, datastore, network), the inventory views, every dialog
 * and wizard the actions open, the top bar's menus and dialogs, the ops drawer (events, tasks, alarm
 * definitions, advanced chart), Capacity with each tab, the Consolidation lab, Demos & labs, a running lab,
 * presenter mode — and the generated Chinese HTML report. It fails on any untranslated English word (product
 * names, abbreviations and units allowed: e2e/untranslated.ts) and on raw unit values such as "12582912
 * MiB", listing every finding with its view and text.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type ServerHandle } from './fixtures';
import { apiCall, node, open, select } from './console-helpers';
import { UntranslatedSweep, englishWords, rawUnitValues } from './untranslated';
import { expectAccessible } from './axe';

async function apiValue<T>(server: ServerHandle, method: string, params: unknown = {}): Promise<T> {
  const r = (await apiCall(server, method, params)) as { ok: boolean; value?: T; error?: unknown };
  expect(r.ok, `${method}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.value as T;
}

/** Every object name and tag of the open workspace (user data, shown as it is in any language). */
async function objectNames(server: ServerHandle): Promise<string[]> {
  const names: string[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'name' && typeof x === 'string') names.push(x);
        else if (k === 'tags' && Array.isArray(x)) names.push(...x.map(String));
        else collect(x);
      }
  };
  const tree = await apiValue<unknown>(server, 'inventory.tree');
  collect(tree);
  // A datacenter's location, a host's CPU model, a VM's guest OS and the workspace's name are user data too.
  const ids: string[] = [];
  const find = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(find);
    else if (v && typeof v === 'object') {
      const o = v as { kind?: string; id?: string; children?: unknown };
      if (o.id && (o.kind === 'datacenter' || o.kind === 'host' || o.kind === 'vm')) ids.push(o.id);
      find(o.children);
    }
  };
  find(tree);
  for (const id of ids) {
    const d = await apiValue<{ properties: Record<string, unknown> }>(server, 'entity.describe', { id });
    for (const key of USER_DATA_PROPERTIES)
      if (typeof d.properties[key] === 'string') names.push(d.properties[key]);
  }
  const ws = await apiValue<{ name?: string } | null>(server, 'workspace.current');
  if (ws?.name) names.push(ws.name);
  return names;
}

/** Properties that hold text the user (or the scenario) wrote: shown as they are in any language. */
const USER_DATA_PROPERTIES = ['location', 'cpuModel', 'guestOS'];

async function setLanguage(page: Page, lang: 'en' | 'zh'): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId(`lang-${lang}`).click();
  await page.keyboard.press('Escape');
}

/** Clicks each tab of the object pane in turn and checks the pane with it. */
async function paneTabs(page: Page, sweep: UntranslatedSweep, what: string): Promise<void> {
  const tabs = page.getByTestId('object-pane').locator('[role=tab]');
  const ids = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  for (const id of ids) {
    await page.getByTestId(id).click();
    await expect(page.getByTestId(id)).toHaveAttribute('aria-selected', 'true');
    if (id === 'tab-monitor')
      await expect(page.getByTestId('monitor-chart').first()).toHaveAttribute('data-points', /^[1-9]\d*$/);
    else if (id.startsWith('tab-rel-'))
      await expect(page.getByTestId(`table-${id.slice('tab-rel-'.length, -1)}`)).toBeVisible();
    await sweep.check(`${what} › ${id.replace('tab-', '')}`, '#main-content');
  }
  await page.getByTestId('tab-summary').click();
}

async function selectNode(page: Page, target: Locator, name: string): Promise<void> {
  await target.click();
  await expect(page.getByTestId('pane-title')).toHaveText(name);
}

/** Opens the Actions menu (checked), runs `key`, checks what opens, closes it with Esc. */
async function dialog(
  page: Page,
  sweep: UntranslatedSweep,
  what: string,
  key: string,
  testid: string | null,
): Promise<void> {
  await page.getByTestId('actions-menu').click();
  await expect(page.getByTestId(`action-${key}`)).toBeVisible();
  await sweep.check(`${what} › actions menu`, '.n-dropdown-menu');
  await page.getByTestId(`action-${key}`).click();
  const d = testid ? page.getByTestId(testid) : page.locator('.n-dialog');
  await expect(d).toBeVisible();
  await sweep.check(`${what} › dialog ${key}`, '.n-modal-container');
  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
}

test('in Chinese, every view, dialog and the report show no English and no raw unit values', async ({
  page,
  consoleUrl,
  server,
}) => {
  test.setTimeout(600_000);
  await open(page, consoleUrl);
  await setLanguage(page, 'zh');
  await expect(page.getByTestId('tab-summary')).toHaveText('摘要');
  const sweep = new UntranslatedSweep(page, test.info().outputPath('findings.txt'));

  // Something to show: manual DRS with recommendations (a host entering maintenance), a migration,
  // a host failure and HA restarts, a snapshot, alarms; then time for metrics.
  expect((await apiCall(server, 'clock.pause', {})).ok).toBe(true);
  const run = async (command: unknown) =>
    expect((await apiCall(server, 'command.execute', { command })).ok, JSON.stringify(command)).toBe(true);
  await run({
    type: 'cluster.configure',
    clusterId: 'cl-lab',
    settings: { drs: { enabled: true, automation: 'manual', threshold: 3 } },
  });
  await run({ type: 'vm.migrate', vmId: 'vm-web-01', hostId: 'host-esx-02' });
  expect((await apiCall(server, 'clock.step', { ticks: 20 })).ok).toBe(true);
  await run({ type: 'host.fail', hostId: 'host-esx-01' });
  expect((await apiCall(server, 'clock.step', { ticks: 60 })).ok).toBe(true);
  await run({ type: 'host.maintenance', hostId: 'host-esx-03', enter: true });
  expect((await apiCall(server, 'clock.step', { ticks: 5 })).ok).toBe(true);
  const firstNames = await objectNames(server);
  sweep.setNames(firstNames);

  // The console as it opens, then each object kind of the Hosts & Clusters view and its tabs.
  await sweep.check('console (first view)');
  for (const name of ['Lab', 'Lab Cluster']) {
    await selectNode(page, node(page, name), name);
    await paneTabs(page, sweep, name);
  }
  for (const name of ['esx-01', 'esx-02', 'esx-03', 'web-01']) {
    await select(page, name);
    await paneTabs(page, sweep, name);
  }
  for (const [kind, name] of [
    ['container', 'redis'],
    ['service', 'shop-frontend'],
    ['datastore', 'shared-01'],
    ['network', 'VM Network'],
  ] as const) {
    await select(page, name);
    await paneTabs(page, sweep, `${kind} ${name}`);
  }
  for (const v of ['vms', 'storage', 'hosts']) {
    await page.getByTestId(`view-${v}`).click();
    await expect(page.locator('[data-testid=tree-node]').first()).toBeVisible();
    await sweep.check(`inventory view ${v}`, 'nav.inventory');
  }

  // Every dialog and wizard the actions open.
  await select(page, 'web-01');
  for (const [key, testid] of [
    ['migrate', 'wizard-migrate'],
    ['clone', 'wizard-clone'],
    ['editVm', 'wizard-edit'],
    ['takeSnapshot', 'dialog-snapshot'],
    ['annotate', 'dialog-annotate'],
    ['delete', 'dialog-delete'],
    ['powerOff', null],
    ['reset', null],
  ] as const)
    await dialog(page, sweep, 'web-01', key, testid);
  await select(page, 'shop-frontend');
  await dialog(page, sweep, 'shop-frontend', 'scaleService', 'wizard-scale');
  await select(page, 'esx-02');
  for (const [key, testid] of [
    ['newVm', 'wizard-newVm'],
    ['newContainer', 'wizard-newContainer'],
    ['failHost', null],
    ['enterStandby', null],
    ['rebootHost', null],
    ['shutdownHost', null],
    ['disconnectHost', null],
  ] as const)
    await dialog(page, sweep, 'esx-02', key, testid);
  await select(page, 'esx-01');
  await dialog(page, sweep, 'esx-01 (failed)', 'removeHost', null);
  await selectNode(page, node(page, 'Lab Cluster'), 'Lab Cluster');
  for (const [key, testid] of [
    ['newService', 'wizard-newService'],
    ['addHost', 'wizard-addHost'],
    ['clusterSettings', 'dialog-clusterSettings'],
    ['clusterRules', 'dialog-clusterRules'],
  ] as const)
    await dialog(page, sweep, 'Lab Cluster', key, testid);

  // The New VM wizard's steps, with the placement explanation.
  await dialog(page, sweep, 'Lab Cluster', 'newVm', 'wizard-newVm');
  await page.getByTestId('actions-menu').click();
  await page.getByTestId('action-newVm').click();
  await page.getByTestId('vm-name').fill('zh-01');
  for (let step = 2; step <= 4; step++) {
    await page.getByTestId('wizard-next').click();
    await sweep.check(`new VM wizard › step ${step}`, '.n-modal-container');
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('wizard-newVm')).toBeHidden();

  // A template: its pane and the deploy dialog.
  await select(page, 'legacy-01');
  await page.getByTestId('actions-menu').click();
  await page.getByTestId('action-toTemplate').click();
  await expect(page.getByTestId('pane-state')).toHaveText('模板');
  await paneTabs(page, sweep, 'template legacy-01');
  await dialog(page, sweep, 'template legacy-01', 'deploy', 'wizard-clone');
  await page.getByTestId('view-vms').click();
  await sweep.check('inventory view vms (with a template)', 'nav.inventory');

  // Top bar: file menu and workspace dialogs, settings, shortcuts help, alarms.
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
  await page.getByTestId('alarm-count').click();
  await expect(page.getByTestId('alarms-drawer')).toBeVisible();
  await sweep.check('alarm list', '.n-drawer');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('alarms-drawer')).toBeHidden();

  // The ops drawer: events, tasks, alarm definitions (and the editor), advanced chart.
  await page.getByTestId('ops-open').click();
  const ops = page.getByTestId('ops-drawer');
  await expect(ops).toBeVisible();
  for (const [i, what] of ['events', 'tasks', 'alarm definitions', 'advanced chart'].entries()) {
    const tab = ops.locator('.n-tabs-tab').nth(i);
    await tab.click();
    await expect(tab).toHaveClass(/n-tabs-tab--active/);
    if (what === 'events' || what === 'tasks')
      await expect(ops.getByTestId(`${what}-row`).first()).toBeVisible();
    await sweep.check(`ops › ${what}`, '.n-drawer');
  }
  await page.keyboard.press('Escape');
  await expect(ops).toBeHidden();

  // Capacity, each tab; the Consolidation lab; Demos & labs.
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
  // The generated report, in Chinese (HTML), checked the same way once shown as a page.
  await capacity.getByTestId('report-button').click();
  await expect(page.getByText('HTML 报告')).toBeVisible();
  await sweep.check('capacity › report menu', '.n-dropdown-menu');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('HTML 报告').click()]);
  const html = readFileSync((await download.path())!, 'utf8');
  expect(html).toContain('<svg');
  await page.keyboard.press('Escape');
  await expect(capacity).toBeHidden();
  await page.getByTestId('consolidation-open').click();
  await expect(page.getByTestId('consol-view')).toBeVisible();
  await sweep.check('consolidation lab', '.n-drawer');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('consol-view')).toBeHidden();
  await page.getByTestId('demo-open').click();
  await expect(page.getByTestId('storyline-picker')).toBeVisible();
  await sweep.check('demos › storylines', '.n-drawer');
  await page.getByTestId('demo-panel').locator('.n-tabs-tab').nth(1).click();
  await expect(page.getByTestId('lab-picker')).toBeVisible();
  // The labs' goals name objects of their own scenarios (not open yet): the pools "Production" and "Test" of
  // lab-pie-paradox, the VM "wide" of lab-wide-vm. They are object names (user data), not English text.
  sweep.setNames([...firstNames, 'Production', 'Test', 'wide']);
  await sweep.check('demos › labs', '.n-drawer');
  sweep.setNames(firstNames);
  await page.getByTestId('lab-start-lab-power-on').click();
  await expect(page.getByTestId('demo-replace-confirm')).toBeVisible();
  await sweep.check('demos › replace the workspace?', '.n-modal-container');
  await page.getByTestId('demo-replace-confirm').click();
  await expect(page.getByTestId('lab-goal')).toBeVisible();
  // The question (it names the workspace being closed) is gone before the running lab is read.
  await expect(page.getByTestId('demo-replace-confirm')).toBeHidden();
  sweep.setNames(await objectNames(server));
  await sweep.check('demos › running lab (with the console)');
  await page.getByTestId('demo-panel').locator('.n-tabs-tab').nth(0).click();
  await page.getByTestId('storyline-present-host-failure').click();
  await page.getByTestId('demo-replace-confirm').click();
  await expect(page.getByTestId('presenter')).toBeVisible();
  await expect(page.getByTestId('presenter').getByTestId('demo-caption')).not.toBeEmpty();
  sweep.setNames(await objectNames(server));
  await sweep.check('demos › presenter mode', '[data-testid=presenter]');

  // The report last (it replaces the page): its text, headings, tables and SVG axis labels.
  sweep.setNames(firstNames);
  await page.setContent(html);
  await sweep.check('report (HTML)');
  sweep.done();
});

/** Opens each dropdown of the open dialog in turn, checks its options, and closes it again. */
async function dropdowns(page: Page, sweep: UntranslatedSweep, what: string): Promise<number> {
  const selects = page.locator('.n-modal-container .n-base-selection:visible');
  const count = await selects.count();
  let opened = 0;
  for (let i = 0; i < count; i++) {
    const s = selects.nth(i);
    if (/n-base-selection--disabled/.test((await s.getAttribute('class')) ?? '')) continue;
    await s.click();
    const menu = page.locator('.n-base-select-menu:visible');
    await expect(menu.first()).toBeVisible();
    await sweep.check(`${what} › dropdown ${i + 1}`, '.n-base-select-menu');
    opened++;
    // Closed by a click beside it (Esc would close the dialog too).
    await page.getByRole('dialog').getByRole('heading', { level: 2 }).first().click({ timeout: 10_000 });
    await expect(menu).toHaveCount(0);
  }
  return opened;
}

/** Runs an action that asks for confirmation, confirms, and returns the refusal toast it shows. */
async function refusedAction(page: Page, key: string): Promise<Locator> {
  await page.getByTestId('actions-menu').click();
  await page.getByTestId(`action-${key}`).click();
  const confirm = page.locator('.n-dialog');
  await expect(confirm).toBeVisible();
  await confirm.locator('.n-dialog__action button').last().click();
  await expect(confirm).toBeHidden();
  const toast = page.locator('.n-message').last();
  await expect(toast).toBeVisible();
  return toast;
}

test('in Chinese, the dialogs’ dropdowns and the refusals (toasts, form errors) show no English', async ({
  page,
  consoleUrl,
  server,
}) => {
  test.setTimeout(300_000);
  await open(page, consoleUrl);
  await setLanguage(page, 'zh');
  await expect(page.getByTestId('tab-summary')).toHaveText('摘要');
  const sweep = new UntranslatedSweep(page, test.info().outputPath('findings.txt'));
  sweep.setNames(await objectNames(server));
  let opened = 0;

  // Each dialog the actions open, with every dropdown it shows (the wizards' steps one by one).
  const dialogs: [string, string, string][] = [
    ['web-01', 'migrate', 'wizard-migrate'],
    ['web-01', 'clone', 'wizard-clone'],
    ['web-01', 'editVm', 'wizard-edit'],
    ['web-01', 'takeSnapshot', 'dialog-snapshot'],
    ['shop-frontend', 'scaleService', 'wizard-scale'],
    ['esx-02', 'newContainer', 'wizard-newContainer'],
    ['Lab Cluster', 'newService', 'wizard-newService'],
    ['Lab Cluster', 'addHost', 'wizard-addHost'],
    ['Lab Cluster', 'clusterSettings', 'dialog-clusterSettings'],
    ['Lab Cluster', 'clusterRules', 'dialog-clusterRules'],
  ];
  for (const [name, key, testid] of dialogs) {
    await select(page, name);
    await page.getByTestId('actions-menu').click();
    await page.getByTestId(`action-${key}`).click();
    await expect(page.getByTestId(testid)).toBeVisible();
    opened += await dropdowns(page, sweep, `${name} › ${key}`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId(testid)).toBeHidden();
  }
  await select(page, 'Lab Cluster');
  await page.getByTestId('actions-menu').click();
  await page.getByTestId('action-newVm').click();
  await expect(page.getByTestId('wizard-newVm')).toBeVisible();
  await page.getByTestId('vm-name').fill('zh-02');
  for (let step = 1; step <= 3; step++) {
    opened += await dropdowns(page, sweep, `new VM wizard › step ${step}`);
    await page.getByTestId('wizard-next').click();
  }
  // A refusal in the form: memory no host can hold (the engine's reasons, nested, in Chinese).
  await page.getByTestId('wizard-back').click();
  await page.getByTestId('wizard-back').click();
  await page.getByTestId('vm-mem').fill('5000');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-finish').click();
  await expect(page.getByTestId('form-error')).toContainText('没有主机能接纳该虚拟机');
  await sweep.check('new VM wizard › refused (form error)', '[data-testid=form-error]');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('wizard-newVm')).toBeHidden();
  expect(opened, 'dropdowns opened').toBeGreaterThanOrEqual(10);

  // Refusals as toasts: host operations on a host that still runs VMs.
  await select(page, 'esx-02');
  const shutdown = await refusedAction(page, 'shutdownHost');
  await expect(shutdown).toContainText('仍在运行');
  await sweep.check('refused › shut down esx-02 (toast)', '.n-message-container');
  const standby = await refusedAction(page, 'enterStandby');
  await expect(standby).toContainText('请先疏散');
  await sweep.check('refused › standby esx-02 (toast)', '.n-message-container');
  await expectAccessible(page, 'refusal toasts in Chinese');
  sweep.done();
});

test('the detector finds English words and raw unit values, and passes Chinese with names and units', () => {
  expect(englishWords('web-01 已从 esx-01 迁移到 esx-02：用时 3 秒', ['web-01', 'esx-01', 'esx-02'])).toEqual(
    [],
  );
  expect(englishWords('Lab Cluster 的 DRS 建议：CPU 12 GHz，内存 64 GiB', ['Lab Cluster'])).toEqual([]);
  expect(englishWords('balance load: 标准差 0.12', [])).toEqual(['balance', 'load']);
  // An object name is taken out as a whole, not as words: "Cluster" alone is still English.
  expect(englishWords('Cluster 设置', ['Lab Cluster'])).toEqual(['Cluster']);
  expect(rawUnitValues('内存 12582912 MiB')).toEqual(['12582912 MiB']);
  expect(rawUnitValues('CPU 1964794.3 MHz')).toEqual(['1964794.3 MHz']);
  expect(rawUnitValues('内存 4,096 MiB，CPU 2,600 MHz')).toEqual(['4,096 MiB', '2,600 MHz']);
  expect(rawUnitValues('内存 12 TiB，CPU 1,965 GHz，磁盘 512 MiB，网络 850 Mbps')).toEqual([]);
});
