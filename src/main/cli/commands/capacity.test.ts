import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run';
import type { CliIO } from '../command';
import { importCommand } from './import';
import { exportCommand } from './export';
import { capacityCommand } from './capacity';
import { reportCommand } from './report';
import { rvtoolsGrids, xlsxOf } from '../../service/inventory-io/testing';
import { builtinScenario } from '../../engine';
import { pdfFonts, pdfText } from '../../service/capacity/poppler-testing';
import { recorded } from '../../service/capacity/testing';

const commands = [importCommand, exportCommand, capacityCommand, reportCommand];
let dir: string;

function io(): CliIO & { text: () => string; errors: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => (out += t + '\n'),
    err: (t) => (err += t + '\n'),
    isTTY: false,
    cwd: dir,
    text: () => out,
    errors: () => err,
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-capcli-'));
  const { ws } = recorded(dir, builtinScenario('small-lab')!, { tickSeconds: 300, days: 2, name: 'lab' });
  ws.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vdc import / export / capacity / report', () => {
  it('import previews, then creates a workspace; refuses bad rows', async () => {
    writeFileSync(join(dir, 'rv.xlsx'), await xlsxOf(rvtoolsGrids({ hosts: 2, vms: 6 })));
    const a = io();
    expect(await runCli(['import', '--file', 'rv.xlsx'], a, commands)).toBe(0);
    expect(a.text()).toContain('hosts 2, datastores 1, VMs 6');
    const b = io();
    expect(await runCli(['import', '--file', 'rv.xlsx', '--workspace', 'imported.vdc'], b, commands)).toBe(0);
    expect(existsSync(join(dir, 'imported.vdc'))).toBe(true);
    const g = rvtoolsGrids({ hosts: 2, vms: 6 });
    g.vInfo![3]![4] = 'four';
    writeFileSync(join(dir, 'bad.xlsx'), await xlsxOf(g));
    const c = io();
    expect(await runCli(['import', '--file', 'bad.xlsx', '--workspace', 'bad.vdc'], c, commands)).toBe(1);
    expect(c.text()).toContain('vInfo row 4 [CPUs]: "four" is not a number');
    expect(existsSync(join(dir, 'bad.vdc'))).toBe(false);
  });

  it('capacity prints tables and writes CSV', async () => {
    const a = io();
    const code = await runCli(
      ['capacity', '--workspace', 'lab.vdc', '--show', 'headroom,forecast', '--csv', '--out', 'tables'],
      a,
      commands,
    );
    expect(a.errors()).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'tables')).sort()).toEqual([
      'capacity-forecast.csv',
      'capacity-headroom.csv',
    ]);
    const text = io();
    expect(
      await runCli(['capacity', '--workspace', 'lab.vdc', '--show', 'headroom,forecast'], text, commands),
    ).toBe(0);
    expect(text.text()).toContain('== headroom ==');
    // One table as CSV on stdout: the same bytes as the file; several without --out: bad usage.
    const one = io();
    expect(
      await runCli(['capacity', '--workspace', 'lab.vdc', '--show', 'headroom', '--csv'], one, commands),
    ).toBe(0);
    expect(one.text().trim()).toBe(readFileSync(join(dir, 'tables', 'capacity-headroom.csv'), 'utf8').trim());
    expect(
      await runCli(
        ['capacity', '--workspace', 'lab.vdc', '--show', 'headroom,forecast', '--csv'],
        io(),
        commands,
      ),
    ).toBe(2);
    const json = io();
    expect(
      await runCli(['capacity', '--workspace', 'lab.vdc', '--show', 'headroom', '--json'], json, commands),
    ).toBe(0);
    expect(Object.keys(JSON.parse(json.text()))).toEqual(['headroom']);
    expect(await runCli(['capacity', '--workspace', 'lab.vdc', '--show', 'nope'], io(), commands)).toBe(2);
  });

  it('capacity refuses thin history as the console does: "needs N more days of history", never "idle" from 2 days', async () => {
    // lab.vdc holds 2 days: time remaining needs 14, right-sizing its 7-day window.
    const text = io();
    expect(
      await runCli(
        ['capacity', '--workspace', 'lab.vdc', '--show', 'forecast,rightsize,consolidation'],
        text,
        commands,
      ),
    ).toBe(0);
    expect(text.text()).toContain('needs 12 more days of history');
    expect(text.text()).toContain(
      'right-sizing needs 5 more days of history (right-sizing needs 7 days, has 2)',
    );
    expect(text.text()).not.toMatch(/\bidle\b/);
    expect(text.text()).toMatch(
      /peak of the last 24 h: stands on [\d.]+ days of history \(\d+ points, every \d+ s\)/,
    );
    const json = io();
    expect(
      await runCli(
        ['capacity', '--workspace', 'lab.vdc', '--show', 'forecast,rightsize', '--json'],
        json,
        commands,
      ),
    ).toBe(0);
    const d = JSON.parse(json.text()) as {
      forecast: { refusal: unknown; history: { spanDays: number } }[];
      rightsize: { refusal: unknown; idle: number | null };
    };
    expect(d.forecast[1]!.refusal).toEqual({
      code: 'needsHistory',
      method: 'timeRemaining',
      needDays: 14,
      haveDays: 2,
      moreDays: 12,
    });
    expect(d.forecast[1]!.history.spanDays).toBe(2);
    expect(d.rightsize.refusal).toEqual({
      code: 'needsHistory',
      method: 'rightsize',
      needDays: 7,
      haveDays: 2,
      moreDays: 5,
    });
    expect(d.rightsize.idle).toBeNull();
  });

  it('report writes HTML and PDF; export writes RVTools CSV that imports again', async () => {
    const a = io();
    expect(await runCli(['report', '--workspace', 'lab.vdc', '--out', 'r/report.html'], a, commands)).toBe(0);
    expect(readFileSync(join(dir, 'r', 'report.html'), 'utf8')).toContain('Time remaining');
    expect(await runCli(['report', '--workspace', 'lab.vdc', '--out', 'r/report.pdf'], io(), commands)).toBe(
      0,
    );
    expect(
      readFileSync(join(dir, 'r', 'report.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(await runCli(['report', '--workspace', 'lab.vdc', '--out', 'r/report.doc'], io(), commands)).toBe(
      2,
    );
    // --locale zh-CN: the report's own words in Chinese (HTML lang, headings), the PDF with an embedded CJK font subset.
    expect(
      await runCli(
        ['report', '--workspace', 'lab.vdc', '--out', 'r/zh.html', '--locale', 'zh-CN'],
        io(),
        commands,
      ),
    ).toBe(0);
    const zh = readFileSync(join(dir, 'r', 'zh.html'), 'utf8');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('容量报告');
    expect(zh).not.toContain('Time remaining');
    expect(
      await runCli(
        ['report', '--workspace', 'lab.vdc', '--out', 'r/zh.pdf', '--locale', 'zh-CN'],
        io(),
        commands,
      ),
    ).toBe(0);
    const zhPdf = readFileSync(join(dir, 'r', 'zh.pdf'));
    expect(pdfText(zhPdf)).toContain('容量报告');
    expect(pdfFonts(zhPdf).map((f) => [f.embedded, f.subset])).toEqual([[true, true]]);
    expect(
      await runCli(
        ['report', '--workspace', 'lab.vdc', '--out', 'r/x.html', '--locale', 'fr'],
        io(),
        commands,
      ),
    ).toBe(2);
    expect(await runCli(['export', '--workspace', 'lab.vdc', '--csv', '--out', 'csv'], io(), commands)).toBe(
      0,
    );
    const back = io();
    expect(await runCli(['import', '--file', 'csv'], back, commands)).toBe(0);
    expect(back.text()).toMatch(/hosts 3, datastores \d+, VMs 24/);
  });

  it('never replaces an existing output file without --force', async () => {
    writeFileSync(join(dir, 'keep.html'), 'mine');
    const e = io();
    expect(await runCli(['report', '--workspace', 'lab.vdc', '--out', 'keep.html'], e, commands)).toBe(1);
    expect(e.errors()).toContain('pass --force');
    expect(readFileSync(join(dir, 'keep.html'), 'utf8')).toBe('mine');
    expect(
      await runCli(['report', '--workspace', 'lab.vdc', '--out', 'keep.html', '--force'], io(), commands),
    ).toBe(0);
    expect(readFileSync(join(dir, 'keep.html'), 'utf8')).toContain('Time remaining');
    // A folder of CSV files: one existing file stops the export before anything is written.
    mkdirSync(join(dir, 'csv'), { recursive: true });
    writeFileSync(join(dir, 'csv', 'RVTools_tabvInfo.csv'), 'mine');
    const x = io();
    expect(await runCli(['export', '--workspace', 'lab.vdc', '--out', 'csv', '--csv'], x, commands)).toBe(1);
    expect(x.errors()).toContain('pass --force');
    expect(readFileSync(join(dir, 'csv', 'RVTools_tabvInfo.csv'), 'utf8')).toBe('mine');
    expect(
      await runCli(['export', '--workspace', 'lab.vdc', '--out', 'csv', '--csv', '--force'], io(), commands),
    ).toBe(0);
    expect(readFileSync(join(dir, 'csv', 'RVTools_tabvInfo.csv'), 'utf8')).not.toBe('mine');
  });
});
