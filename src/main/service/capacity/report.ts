/**
 * The capacity report: one self-contained HTML page (inline CSS and SVG charts, no scripts, no network)
 * with the answers, their charts and the assumptions used; or the same content as a PDF (./pdf.ts).
 */
import type { CapPolicy } from '../../engine/capacity';
import { consolidation, forecastRows, headroom, rightsize, summary, type CapCtx } from './analysis';
import { compareBranches } from './compare';
import { failover } from './failover';
import { PALETTE, esc, lineChart } from './svg';
import { allocationTable, consolidationTable, demandTable, failoverTable, forecastTable, headroomTable, rightsizeTable, type Table } from './tables';

export interface ReportData {
  title: string;
  generatedAtSimSec: number;
  policy: CapPolicy;
  sections: { title: string; intro: string; tables: Table[]; charts: { title: string; svg: string; lines: { label: string; points: [number, number][] }[]; limit?: number }[] }[];
  assumptions: string[];
}

export function collectReport(ctx: CapCtx, policy: CapPolicy, o: { title: string; parentPath?: string | undefined; branchIds?: string[] | undefined }): ReportData {
  const s = summary(ctx, policy, 86_400);
  const h = headroom(ctx, policy, [], undefined, 86_400);
  const f = forecastRows(ctx, policy, { risk: 'conservative', horizonDays: 365, historyDays: 30, growthPctPerMonth: 0 });
  const fo = failover(ctx, { method: 'estimate', settleMinutes: 10 });
  const rs = rightsize(ctx, { windowDays: 7, percentile: 95, bufferPct: 0, limit: 200 });
  const cons = consolidation(ctx, 86_400);
  const charts = f.rows.map((r) => {
    const lines = [
      { label: `${r.clusterName} daily peak`, points: r.peaks, color: PALETTE[0]! },
      { label: 'projection', points: r.projection.slice(0, 90).map((p) => [p.t, p.mean] as [number, number]), color: PALETTE[2]!, dashed: true },
    ];
    const band = { upper: r.projection.slice(0, 90).map((p) => [p.t, p.upper] as [number, number]), lower: r.projection.slice(0, 90).map((p) => [p.t, p.lower] as [number, number]), color: PALETTE[2]! };
    const title = `${r.clusterName} — ${r.resource.toUpperCase()} (${r.unit}): ${r.timeRemainingDays === null ? 'more than a year' : `${r.timeRemainingDays} days`} remaining`;
    return { title, svg: lineChart({ title, lines, band, limit: { value: r.usable, label: `usable ${Math.round(r.usable)}` }, yUnit: r.unit }), lines, limit: r.usable };
  });
  const sections: ReportData['sections'] = [
    { title: 'Allocation model', intro: 'Configured vCPU, vRAM and provisioned disk against physical capacity × overcommit, after the HA reserve and the buffer.', tables: [allocationTable(s.allocation.filter((r) => r.scope !== 'host'))], charts: [] },
    { title: 'Demand model', intro: `Peak demand over the last ${s.windowSec / 3600} h against usable capacity (${s.fromHistory ? 'from the history store' : 'current values: no history yet'}).`, tables: [demandTable(s.demand.filter((r) => r.scope !== 'host'))], charts: [] },
    { title: 'Headroom', intro: 'How many more VMs of each profile fit, by allocation and by demand, and the resource that binds.', tables: [headroomTable(h.rows)], charts: [] },
    { title: 'Time remaining', intro: 'Daily peaks projected with a linear trend and weekday seasonality; conservative risk uses the upper bound of the prediction interval.', tables: [forecastTable(f.rows)], charts },
    { title: 'Failure tolerance (N+1 / N+2)', intro: `Each host failed in turn, and the worst pair. ${fo.clusters.map((c) => `${c.clusterName}: N+1 ${c.nPlus1 ? 'holds' : 'FAILS'}, N+2 ${c.nPlus2 ? 'holds' : 'fails'}`).join('; ')}.`, tables: [failoverTable(fo.clusters)], charts: [] },
    { title: 'Right-sizing and reclamation', intro: `${rs.oversized} oversized, ${rs.undersized} undersized, ${rs.idle} idle, ${rs.poweredOff} powered-off VMs. Reclaimable: ${rs.reclaimVcpus} vCPUs, ${(rs.reclaimMemMiB / 1024).toFixed(1)} GiB memory, ${rs.reclaimDiskGiB.toFixed(0)} GiB disk.`, tables: [rightsizeTable(rs.rows.filter((r) => r.verdict !== 'ok' && r.verdict !== 'noData'))], charts: [] },
    { title: 'Consolidation estimate', intro: 'Fewest hosts for the current peak load under each policy (first-fit decreasing) and the power saved with the rest in standby.', tables: [consolidationTable(cons.rows)], charts: [] },
  ];
  if (o.parentPath && o.branchIds && o.branchIds.length > 0) {
    const cmp = compareBranches(o.parentPath, o.branchIds);
    const table: Table = {
      headers: ['Branch', 'Days run', 'Peak CPU %', 'Peak memory %', 'Avg ready %', 'Peak swapped MiB', 'Energy kWh', 'Hosts needed', 'Medium VMs that fit', 'Time remaining (days)'],
      rows: cmp.rows.map((r) => [r.name, Math.round(r.ranDays * 10) / 10, Math.round(r.peakCpuPct * 10) / 10, Math.round(r.peakMemPct * 10) / 10, Math.round(r.avgReadyPct * 100) / 100, Math.round(r.peakSwappedMiB), Math.round(r.energyKWh * 10) / 10, r.hostsNeeded, r.headroomMedium, r.timeRemainingDays ?? '> 1 year']),
    };
    const names = new Map(cmp.rows.map((r) => [r.id, r.name]));
    const chart = (metric: string, title: string) => {
      const lines = cmp.series.filter((x) => x.metric === metric).map((x, i) => ({ label: names.get(x.branchId) ?? x.branchId, points: x.points, color: PALETTE[i % PALETTE.length]! }));
      return { title, svg: lineChart({ title, lines }), lines };
    };
    sections.push({ title: 'What-if comparison', intro: 'Branches of this workspace, each run forward from its branch point.', tables: [table], charts: [chart('cpu.demand.mhz', 'CPU demand (MHz)'), chart('mem.consumed.mib', 'Consumed memory (MiB)'), chart('cpu.ready.pct', 'CPU ready (%)')] });
  }
  const assumptions = [
    `Overcommit ceilings: ${policy.cpuOvercommit} vCPU per core, ${policy.memOvercommit} vRAM per RAM, ${policy.diskOvercommit} provisioned per datastore GiB.`,
    `HA reserve: ${policy.haReservePct === 'cluster' ? "each cluster's admission-control percentage" : `${policy.haReservePct} %`}; buffer ${policy.bufferPct} % (Aria Operations default 0 %).`,
    `Powered-off VMs ${policy.includePoweredOff ? 'count' : 'do not count'} in CPU/memory allocation; their disks always count.`,
    'Demand: CPU demand MHz, consumed memory MiB, used disk GiB; peaks from the workspace history (vCenter rollups).',
    'Forecast: one peak per day, least-squares trend, weekday offsets from 14 days of history, 95 % one-sided prediction interval (z = 1.645); capacity remaining = usable − projected peak of the next 3 days.',
    'Right-sizing: 95th percentile of CPU demand and active memory over 7 days; idle = CPU demand ≤ 100 MHz in ≥ 90 % of samples.',
    'Failure tolerance here is the fast estimate (restart by reservations, then measure unmet demand); the console can also simulate each failure on engine snapshots.',
    'Formulas and public sources: docs/capacity.md.',
  ];
  return { title: o.title, generatedAtSimSec: ctx.time, policy, sections, assumptions };
}

function tableHtml(t: Table): string {
  const head = t.headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${esc(c === null ? '—' : String(c))}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${t.headers.length}">none</td></tr>`}</tbody></table>`;
}

export function reportHtml(d: ReportData): string {
  const css = 'body{font-family:system-ui,sans-serif;margin:24px;color:#1f2328}h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f6f8fa}.charts{display:flex;flex-wrap:wrap;gap:12px}p.intro{max-width:900px}';
  const sections = d.sections
    .map((s) => `<section><h2>${esc(s.title)}</h2><p class="intro">${esc(s.intro)}</p>${s.tables.map(tableHtml).join('')}${s.charts.length ? `<div class="charts">${s.charts.map((c) => c.svg).join('')}</div>` : ''}</section>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${esc(d.title)}</title><style>${css}</style></head><body><h1>${esc(d.title)}</h1><p>Simulated time: day ${(d.generatedAtSimSec / 86_400).toFixed(2)}. Generated by VDC Studio.</p>${sections}<section><h2>Assumptions</h2><ul>${d.assumptions.map((a) => `<li>${esc(a)}</li>`).join('')}</ul></section></body></html>\n`;
}
