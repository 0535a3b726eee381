/**
 * The capacity report's own words in English and Simplified Chinese: headings, explanations, chart
 * labels, assumptions and table headers. Names of clusters, hosts and VMs and the CSV exports are never
 * translated.
 */
import { refusalText, type HistoryRefusal } from '../../engine/capacity';
import type { Remaining } from './report-summary';

/** A sweep's growth (./sweep.ts SweepGrowth; the console's contract has the same shape). */
export interface SweepGrowthView {
  method: 'final' | 'workload';
  fitted: number | null;
  low: number | null;
  high: number | null;
  historyDays: number;
  refusal: HistoryRefusal | null;
  workload: { min: number; max: number };
}

const ownRange = (w: { min: number; max: number }) => (w.min === w.max ? `${w.min}` : `${w.min} … ${w.max}`);
const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export type ReportLocale = 'en' | 'zh-CN';

const HEADERS_ZH: Record<string, string> = {
  Scope: '范围',
  Name: '名称',
  Cores: '核心数',
  vCPUs: 'vCPU',
  'vCPU:core': 'vCPU:核心',
  'vCPU usable': '可用 vCPU',
  'vCPU used %': 'vCPU 已用 %',
  'Memory MiB': '内存 MiB',
  'vRAM MiB': '虚拟内存 MiB',
  'vRAM:RAM': '虚拟内存:内存',
  'vRAM used %': '虚拟内存已用 %',
  'Disk GiB': '磁盘 GiB',
  'Provisioned GiB': '已置备 GiB',
  'Disk used %': '磁盘已用 %',
  Binding: '约束资源',
  'CPU demand MHz': 'CPU 需求 MHz',
  'CPU usable MHz': 'CPU 可用 MHz',
  'CPU used %': 'CPU 已用 %',
  'Memory demand MiB': '内存需求 MiB',
  'Memory usable MiB': '内存可用 MiB',
  'Memory used %': '内存已用 %',
  'Disk used GiB': '磁盘已用 GiB',
  'Disk usable GiB': '磁盘可用 GiB',
  'Ready %': '就绪 %',
  'Ballooned MiB': '已膨胀 MiB',
  'Swapped MiB': '已交换 MiB',
  Cluster: '集群',
  Profile: '配置文件',
  'More VMs by allocation': '可再放置虚拟机（分配）',
  'Binding (allocation)': '约束资源（分配）',
  'More VMs by demand': '可再放置虚拟机（需求）',
  'Binding (demand)': '约束资源（需求）',
  Resource: '资源',
  Unit: '单位',
  Usable: '可用',
  'Last daily peak': '最近日峰值',
  'Trend per day': '每日趋势',
  'Time remaining (days)': '剩余时间（天）',
  'Likely (days)': '可能（天）',
  'History days': '历史天数',
  'History points': '历史点数',
  'Resolution s': '分辨率（秒）',
  '80 % interval (days)': '80 % 区间（天）',
  'Capacity remaining': '剩余容量',
  'Capacity remaining %': '剩余容量 %',
  Method: '方法',
  'Failed host(s)': '故障主机',
  'VMs restarted': '已重启虚拟机',
  'VMs not restarted': '未重启虚拟机',
  'Unmet CPU MHz': '未满足 CPU MHz',
  'Unmet memory MiB': '未满足内存 MiB',
  'Peak host CPU %': '主机 CPU 峰值 %',
  'Peak host memory %': '主机内存峰值 %',
  VM: '虚拟机',
  Verdict: '结论',
  'Recommended vCPUs': '建议 vCPU',
  'Recommended MiB': '建议 MiB',
  'CPU P95 MHz': 'CPU P95 MHz',
  'Active memory P95 MiB': '活动内存 P95 MiB',
  'Reclaim vCPUs': '可回收 vCPU',
  'Reclaim MiB': '可回收 MiB',
  'Reclaim disk GiB': '可回收磁盘 GiB',
  Policy: '策略',
  'Hosts now': '当前主机数',
  'Hosts needed': '所需主机数',
  'VMs that fit nowhere': '无处放置的虚拟机',
  'Power now W': '当前功率 W',
  'Power after W': '整合后功率 W',
  'Energy saved kWh/day': '每日节省电能 kWh',
  Branch: '分支',
  'Days run': '已运行天数',
  'Peak CPU %': 'CPU 峰值 %',
  'Peak memory %': '内存峰值 %',
  'Avg ready %': '平均就绪 %',
  'Peak swapped MiB': '交换峰值 MiB',
  'Energy kWh': '电能 kWh',
  'Medium VMs that fit': '可放置中型虚拟机',
  Memory: '内存',
  vRAM: '虚拟内存',
  Disk: '磁盘',
  Provisioned: '已置备',
  'CPU demand': 'CPU 需求',
  'CPU usable': 'CPU 可用',
  'Memory demand': '内存需求',
  'Memory usable': '内存可用',
  'Disk used': '磁盘已用',
  'Disk usable': '磁盘可用',
  Ballooned: '已膨胀',
  Swapped: '已交换',
  'Unmet CPU': '未满足 CPU',
  'Unmet memory': '未满足内存',
  'Recommended memory': '建议内存',
  'CPU P95': 'CPU P95',
  'Active memory P95': '活动内存 P95',
  'Reclaim memory': '可回收内存',
  'Reclaim disk': '可回收磁盘',
  'Power now': '当前功率',
  'Power after': '整合后功率',
  'Peak swapped': '交换峰值',
};

/** Columns whose cells are codes (never names), and the Chinese for those codes. */
const CODE_COLUMNS = new Set([
  'Scope',
  'Binding',
  'Binding (allocation)',
  'Binding (demand)',
  'Resource',
  'Verdict',
  'Method',
  'Time remaining (days)',
  'Likely (days)',
]);
const CODES_ZH: Record<string, string> = {
  host: '主机',
  cluster: '集群',
  datacenter: '数据中心',
  cpu: 'CPU',
  mem: '内存',
  disk: '磁盘',
  hostSize: '主机规格',
  oversized: '过大',
  undersized: '过小',
  ok: '合适',
  idle: '空闲',
  poweredOff: '已关机',
  noData: '无数据',
  estimate: '估算',
  simulate: '模拟',
  '> horizon': '超过预测期',
};

interface Counts {
  oversized: number | null;
  undersized: number | null;
  idle: number | null;
  poweredOff: number;
  reclaimVcpus: number | null;
  reclaimMemGiB: string;
  reclaimDiskGiB: string;
}

type Pair = readonly [title: string, intro: string];

/** The history and method an answer stands on (shown under each section's heading). */
export interface Basis {
  /** Days of daily peaks behind the forecasts (the shortest over clusters and resources), and whether weekday seasonality was fitted. */
  forecastDays: number;
  seasonal: boolean;
  /** Days of history the workspace holds. */
  historyDays: number;
}

export interface ReportText {
  title(name: string): string;
  simulated(day: string): string;
  day(day: string): string;
  moreRows(n: number): string;
  none: string;
  /** After a chart's title when it has no points yet. */
  noChartData: string;
  assumptionsTitle: string;
  allocation: Pair;
  demand(hours: number, fromHistory: boolean): Pair;
  headroom: Pair;
  forecast: Pair;
  failover(clusters: { name: string; n1: boolean; n2: boolean }[]): Pair;
  rightsize(c: Counts): Pair;
  consolidation: Pair;
  compare: Pair;
  forecastChart(cluster: string, resource: string, remaining: string): string;
  /** A verdict refused for too little history. */
  refused(r: HistoryRefusal): string;
  exceededSince(date: string): string;
  /** Chart title of a resource whose peaks have exceeded usable since `date` (ISO); the axis carries the unit. */
  exceededChart(cluster: string, resource: string, date: string): string;
  /** "head: text" with the language's colon (full-width "：" in Chinese). */
  titled(head: string, text: string): string;
  /** The colon between a heading and its text (": " or "："). */
  colon: string;
  dailyPeak(cluster: string): string;
  projection: string;
  usable(v: string): string;
  moreThanYear: string;
  compareCharts: { cpu: string; mem: string; ready: string };
  assumptions(p: {
    cpu: number;
    mem: number;
    disk: number;
    ha: number | 'cluster';
    buffer: number;
    poweredOff: boolean;
  }): string[];
  summary: Pair;
  summaryHeaders: string[];
  summaryLegend: string;
  remaining(r: Remaining): string;
  nPlus1(holds: boolean | null): string;
  reclaim(vcpus: number, mem: string, disk: string): string;
  nothingToReclaim: string;
  /** "Method · history" lines per section. */
  basis: {
    allocation: string;
    demand(hours: number, fromHistory: boolean): string;
    headroom: string;
    forecast(b: Basis): string;
    failover: string;
    rightsize(b: Basis): string;
    consolidation: string;
    sweep(runs: number, days: number): string;
  };
  fan: string;
  sweep(runs: number, days: number): Pair;
  sweepChart(cluster: string, nPlus1Pct: number): string;
  /** Headers of the sweep's table: cluster, growth in the futures, CPU, memory, disk. */
  sweepHeaders: string[];
  /** What growth the futures ran at and what it stands on. */
  sweepGrowth(g: SweepGrowthView): string;
  /** A resource's answer: "exceeded now (since …)", or its probability of running out within the horizon. */
  sweepCell(
    r: { probability: number; p50Days: number | null; exceededSince: string | null },
    days: number,
  ): string;
  /** A fan line's label when the resource is already exceeded. */
  sweepExceededLine(resource: string): string;
  chartRemaining(r: Remaining): string;
  header(h: string): string;
  /** A table cell in the column headed (in English) `header`: codes are translated, names never. */
  cell<C>(header: string, value: C): C | string;
}

const en: ReportText = {
  title: (name: string) => `Capacity report — ${name}`,
  simulated: (day: string) => `Simulated time: day ${day}. Generated by VDC Studio.`,
  day: (day: string) => `day ${day}`,
  moreRows: (n: number) => `… ${n} more rows in the CSV export.`,
  none: 'none',
  noChartData: 'no data yet',
  assumptionsTitle: 'Assumptions',
  allocation: [
    'Allocation model',
    'Configured vCPU, vRAM and provisioned disk against physical capacity × overcommit, after the HA reserve and the buffer.',
  ],
  demand: (hours: number, fromHistory: boolean) => [
    'Demand model',
    `Peak demand over the last ${hours} h against usable capacity (${fromHistory ? 'from the history store' : 'current values: no history yet'}).`,
  ],
  headroom: [
    'Headroom',
    'How many more VMs of each profile fit, by allocation and by demand, and the resource that binds.',
  ],
  forecast: [
    'Time remaining',
    'Daily peaks projected by the method the backtest validates (robust fit of compound growth, a change point and the busy weekdays); time remaining is the first day a simulated daily peak reaches usable capacity, likely day and 80 % interval; conservative risk states the earliest day.',
  ],
  failover: (clusters: { name: string; n1: boolean; n2: boolean }[]) => [
    'Failure tolerance (N+1 / N+2)',
    `Each host failed in turn, and the worst pair. ${clusters.map((c) => `${c.name}: N+1 ${c.n1 ? 'holds' : 'FAILS'}, N+2 ${c.n2 ? 'holds' : 'fails'}`).join('; ')}.`,
  ],
  rightsize: (c: Counts) => [
    'Right-sizing and reclamation',
    `${c.oversized} oversized, ${c.undersized} undersized, ${c.idle} idle, ${c.poweredOff} powered-off VMs. Reclaimable: ${c.reclaimVcpus} vCPUs, ${c.reclaimMemGiB} GiB memory, ${c.reclaimDiskGiB} GiB disk.`,
  ],
  consolidation: [
    'Consolidation estimate',
    'Fewest hosts for the current peak load under each policy (first-fit decreasing) and the power saved with the rest in standby.',
  ],
  compare: ['What-if comparison', 'Branches of this workspace, each run forward from its branch point.'],
  forecastChart: (cluster: string, resource: string, remaining: string) =>
    `${cluster} — ${resource}: ${remaining}`,
  dailyPeak: (cluster: string) => `${cluster} daily peak`,
  projection: 'projection',
  usable: (v: string) => `usable ${v}`,
  moreThanYear: '> 1 year',
  refused: (r) => refusalText(r),
  exceededSince: (date) => `exceeded since ${date.slice(0, 16).replace('T', ' ')}`,
  exceededChart: (cluster, resource, date) =>
    `${cluster} — ${resource}: exceeded since ${date.slice(0, 16).replace('T', ' ')}`,
  titled: (head, text) => `${head}: ${text}`,
  colon: ': ',
  compareCharts: { cpu: 'CPU demand', mem: 'Consumed memory', ready: 'CPU ready (%)' },
  assumptions: (p: {
    cpu: number;
    mem: number;
    disk: number;
    ha: number | 'cluster';
    buffer: number;
    poweredOff: boolean;
  }) => [
    `Overcommit ceilings: ${p.cpu} vCPU per core, ${p.mem} vRAM per RAM, ${p.disk} provisioned per datastore GiB.`,
    `HA reserve: ${p.ha === 'cluster' ? "each cluster's admission-control percentage" : `${p.ha} %`}; buffer ${p.buffer} % (Aria Operations default 0 %).`,
    `Powered-off VMs ${p.poweredOff ? 'count' : 'do not count'} in CPU/memory allocation; their disks always count.`,
    'Demand: CPU demand MHz, consumed memory MiB, used disk GiB; peaks from the workspace history (vCenter rollups).',
    'Forecast: one peak per day, 14 days of history at least; robust least squares (Tukey bisquare) on log(peak) with one change point and the busy weekdays; time remaining = first passage of 2,000 simulated futures (median, 10 % and 90 % quantiles), checked by `vdc capacity backtest`; capacity remaining = usable − projected peak of the next 3 days.',
    'Right-sizing: 95th percentile of CPU demand and active memory over 7 days; idle = CPU demand ≤ 100 MHz in ≥ 90 % of samples.',
    'Failure tolerance here is the fast estimate (restart by reservations, then measure unmet demand); the console can also simulate each failure on engine snapshots.',
    'Formulas and public sources: docs/capacity.md.',
  ],
  summary: [
    'Executive summary',
    'One line per cluster. Time remaining: likely day the peak demand reaches usable capacity, with the earliest to latest day of its 80 % interval. Red: 30 days or less (or exceeded), amber: 90 days or less, green: later, grey: too little history to say.',
  ],
  summaryHeaders: ['Cluster', 'CPU', 'Memory', 'Disk', 'N+1', 'Reclaimable'],
  summaryLegend: '● red ≤ 30 days · amber ≤ 90 days · green later · grey not enough history',
  remaining: (r) =>
    r.state === 'thin'
      ? `needs ${r.moreDays} more day${r.moreDays === 1 ? '' : 's'} of history`
      : r.state === 'exceeded'
        ? 'exceeded now'
        : r.state === 'beyond'
          ? `> ${r.horizon} days`
          : `${r.likely ?? `${r.horizon}+`} days (${r.earliest} to ${r.latest ?? `${r.horizon}+`})`,
  nPlus1: (h) => (h === null ? 'unknown' : h ? 'holds' : 'fails'),
  reclaim: (v, mem, disk) => `${v} vCPUs, ${mem} memory, ${disk} disk`,
  nothingToReclaim: 'nothing',
  basis: {
    allocation: 'Method: configured vs physical × overcommit. History: none needed (current inventory).',
    demand: (hours, fromHistory) =>
      `Method: peak demand vs usable capacity. History: ${fromHistory ? `the last ${hours} h of the workspace` : 'none yet (current values)'}.`,
    headroom:
      'Method: profiles fitted into the remaining capacity, by allocation and by the 3-day projected peak. History: the last 24 h (demand).',
    forecast: (b) =>
      `Method: robust fit of daily peaks (compound growth, change point, busy weekdays) and the first passage of simulated futures, 80 % interval (backtested). History: ${b.forecastDays} days of daily peaks${b.seasonal ? '' : ' (time remaining needs 14)'}.`,
    failover:
      'Method: fast estimate (each host failed in turn, restart by reservations, unmet demand measured). History: peaks of the last 24 h.',
    rightsize: (b) =>
      `Method: 95th percentile over a 7-day window. History: ${b.historyDays < 7 ? `only ${b.historyDays.toFixed(1)} days of the 7 are recorded` : '7 days'}.`,
    consolidation:
      'Method: first-fit decreasing of the peak load per policy. History: peaks of the last 24 h.',
    sweep: (runs, days) =>
      `Method: ${runs} simulated futures of ${days} days from the current state (different seeds, random host failures, growth drawn within the 95 % interval of the final method's fit of the daily CPU peaks). History: up to 30 days of daily peaks; growth is fitted from 14 days, with less the futures run at the workloads' own growth.`,
  },
  fan: '80 % interval',
  sweep: (runs, days) => [
    'Probabilistic futures',
    `Probability of having run out by each day, over ${runs} simulated futures of ${days} days.`,
  ],
  sweepChart: (cluster, p) => `${cluster} — probability of running out (N+1 holds in ${p} %)`,
  sweepHeaders: ['Cluster', 'Growth in the futures', 'CPU', 'Memory', 'Disk'],
  sweepGrowth: (g) =>
    g.method === 'final' && g.fitted !== null
      ? `${g.low} … ${g.high} %/month (fitted ${g.fitted} by the final method, 95 % interval, ${g.historyDays} days of history)`
      : g.refusal
        ? `not fitted: needs ${g.refusal.moreDays} more days of history (the final method needs ${g.refusal.needDays}, has ${g.refusal.haveDays}); the workloads' own growth (${ownRange(g.workload)} %/month)`
        : `not fitted (no trend in ${g.historyDays} days of history); the workloads' own growth (${ownRange(g.workload)} %/month)`,
  sweepCell: (r, days) =>
    r.exceededSince !== null
      ? `exceeded now (since ${minute(r.exceededSince)})`
      : `${Math.round(r.probability * 100)} % within ${days} days${r.p50Days !== null ? `, half by day ${r.p50Days}` : ''}`,
  sweepExceededLine: (resource) => `${resource}: exceeded now`,
  chartRemaining: (r) =>
    r.state === 'thin'
      ? `needs ${r.moreDays} more day${r.moreDays === 1 ? '' : 's'} of history`
      : r.state === 'exceeded'
        ? 'exceeded now'
        : r.state === 'beyond'
          ? `more than ${r.horizon} days`
          : `${r.likely ?? `${r.horizon}+`} days (${r.earliest} to ${r.latest ?? `${r.horizon}+`})`,
  header: (h: string) => h,
  cell: (_h, v) => v,
};

const ZH_PROFILES: Record<string, string> = {
  Small: '小型',
  Medium: '中型',
  Large: '大型',
  'Average VM': '平均虚拟机',
};

const ZH_METHOD: Record<HistoryRefusal['method'], string> = {
  timeRemaining: '剩余时间',
  capacityRemaining: '剩余容量',
  rightsize: '规格优化',
  consolidation: '整合估算',
};

const zhCN: ReportText = {
  title: (name) => `容量报告 — ${name}`,
  simulated: (day) => `模拟时间：第 ${day} 天。由 VDC Studio 生成。`,
  day: (day) => `第 ${day} 天`,
  moreRows: (n) => `…… 另有 ${n} 行，见 CSV 导出。`,
  none: '无',
  noChartData: '尚无数据',
  assumptionsTitle: '假设',
  allocation: [
    '分配模型',
    '已配置的 vCPU、虚拟内存和置备磁盘与物理容量 × 超分比例的对比，已扣除 HA 预留和缓冲。',
  ],
  demand: (hours, fromHistory) => [
    '需求模型',
    `最近 ${hours} 小时的峰值需求与可用容量的对比（${fromHistory ? '取自历史记录' : '当前值：尚无历史'}）。`,
  ],
  headroom: ['余量', '每种配置文件按分配和按需求还能再放置多少台虚拟机，以及最先耗尽的资源。'],
  forecast: [
    '剩余时间',
    '用回测验证过的方法预测日峰值（复合增长、变点和繁忙工作日的稳健拟合）；剩余时间是模拟日峰值首次达到可用容量的日子，给出可能天数和 80 % 区间；保守风险取最早天数。',
  ],
  failover: (clusters) => [
    '故障容忍（N+1 / N+2）',
    `依次让每台主机故障，并检查最差的两台组合。${clusters.map((c) => `${c.name}：N+1 ${c.n1 ? '满足' : '不满足'}，N+2 ${c.n2 ? '满足' : '不满足'}`).join('；')}。`,
  ],
  rightsize: (c) => [
    '规格优化与回收',
    `${c.oversized} 台过大，${c.undersized} 台过小，${c.idle} 台空闲，${c.poweredOff} 台已关机。可回收：${c.reclaimVcpus} 个 vCPU、${c.reclaimMemGiB} GiB 内存、${c.reclaimDiskGiB} GiB 磁盘。`,
  ],
  consolidation: [
    '整合估算',
    '在每种策略下（首次适应递减）承载当前峰值负载所需的最少主机数，以及其余主机待机后节省的功率。',
  ],
  compare: ['假设分析比较', '此工作区的各个分支，均从各自的分支点向前运行。'],
  forecastChart: (cluster, resource, remaining) => `${cluster} — ${resource}：${remaining}`,
  dailyPeak: (cluster) => `${cluster} 日峰值`,
  projection: '预测',
  usable: (v) => `可用 ${v}`,
  moreThanYear: '超过一年',
  exceededSince: (date) => `自 ${date.slice(0, 16).replace('T', ' ')} 起已超出`,
  refused: (r) =>
    `${ZH_METHOD[r.method]}还需要 ${r.moreDays} 天的历史数据（需要 ${r.needDays} 天，现有 ${r.haveDays} 天）`,
  exceededChart: (cluster, resource, date) =>
    `${cluster} — ${resource}：自 ${date.slice(0, 16).replace('T', ' ')} 起已超出`,
  titled: (head, text) => `${head}：${text}`,
  colon: '：',
  compareCharts: { cpu: 'CPU 需求', mem: '已消耗内存', ready: 'CPU 就绪（%）' },
  assumptions: (p) => [
    `超分上限：每核 ${p.cpu} 个 vCPU，虚拟内存/物理内存 ${p.mem}，每 GiB 数据存储置备 ${p.disk}。`,
    `HA 预留：${p.ha === 'cluster' ? '各集群的准入控制百分比' : `${p.ha} %`}；缓冲 ${p.buffer} %（Aria Operations 默认 0 %）。`,
    `已关机虚拟机${p.poweredOff ? '计入' : '不计入'} CPU/内存分配；其磁盘始终计入。`,
    '需求：CPU 需求 MHz、已消耗内存 MiB、已用磁盘 GiB；峰值取自工作区历史记录（vCenter 汇总）。',
    '预测：每天一个峰值，至少 14 天历史；对 log(峰值) 做稳健最小二乘（Tukey 双权），含一个变点和繁忙工作日；剩余时间 = 2000 个模拟未来的首次到达（中位数、10 % 和 90 % 分位数），由 `vdc capacity backtest` 检验；剩余容量 = 可用容量 − 未来 3 天的预测峰值。',
    '规格优化：7 天内 CPU 需求和活动内存的第 95 百分位；空闲 = 至少 90 % 的样本中 CPU 需求 ≤ 100 MHz。',
    '此处的故障容忍为快速估算（按预留重启，再计算未满足的需求）；控制台也可以在引擎快照上模拟每次故障。',
    '公式与公开来源：docs/capacity.md。',
  ],
  summary: [
    '执行摘要',
    '每个集群一行。剩余时间：峰值需求达到可用容量的可能天数，括号内为其 80 % 区间的最早至最晚天数。红色：30 天以内（或已超出），黄色：90 天以内，绿色：更晚，灰色：历史不足，无法判断。',
  ],
  summaryHeaders: ['集群', 'CPU', '内存', '磁盘', 'N+1', '可回收'],
  summaryLegend: '● 红色 ≤ 30 天 · 黄色 ≤ 90 天 · 绿色 更晚 · 灰色 历史不足',
  remaining: (r) =>
    r.state === 'thin'
      ? `还需要 ${r.moreDays} 天的历史数据`
      : r.state === 'exceeded'
        ? '已超出'
        : r.state === 'beyond'
          ? `超过 ${r.horizon} 天`
          : `${r.likely ?? `${r.horizon}+`} 天（${r.earliest} 至 ${r.latest ?? `${r.horizon}+`}）`,
  nPlus1: (h) => (h === null ? '未知' : h ? '满足' : '不满足'),
  reclaim: (v, mem, disk) => `${v} 个 vCPU、${mem} 内存、${disk} 磁盘`,
  nothingToReclaim: '无',
  basis: {
    allocation: '方法：已配置量与物理容量 × 超分比例对比。历史：无需（当前清单）。',
    demand: (hours, fromHistory) =>
      `方法：峰值需求与可用容量对比。历史：${fromHistory ? `工作区最近 ${hours} 小时` : '尚无（当前值）'}。`,
    headroom: '方法：将配置文件放入剩余容量，按分配和按未来 3 天预测峰值。历史：最近 24 小时（需求）。',
    forecast: (b) =>
      `方法：日峰值的稳健拟合（复合增长、变点、繁忙工作日）与模拟未来的首次到达，80 % 区间（经回测）。历史：${b.forecastDays} 天的日峰值${b.seasonal ? '' : '（剩余时间需要 14 天）'}。`,
    failover:
      '方法：快速估算（依次让每台主机故障，按预留重启，计算未满足的需求）。历史：最近 24 小时的峰值。',
    rightsize: (b) =>
      `方法：7 天窗口内的第 95 百分位。历史：${b.historyDays < 7 ? `7 天中仅记录了 ${b.historyDays.toFixed(1)} 天` : '7 天'}。`,
    consolidation: '方法：按策略对峰值负载做首次适应递减。历史：最近 24 小时的峰值。',
    sweep: (runs, days) =>
      `方法：从当前状态模拟 ${runs} 种 ${days} 天的未来（不同随机种子、随机主机故障、在最终方法对 CPU 日峰值拟合的 95 % 区间内抽取增长率）。历史：最多 30 天的日峰值；至少 14 天才拟合增长率，不足时各未来按工作负载自身的增长率运行。`,
  },
  fan: '80 % 区间',
  sweep: (runs, days) => [
    '概率化的未来',
    `在 ${runs} 种 ${days} 天的模拟未来中，到每一天为止资源耗尽的概率。`,
  ],
  sweepChart: (cluster, p) => `${cluster} — 耗尽概率（${p} % 的未来满足 N+1）`,
  sweepHeaders: ['集群', '各未来的增长率', 'CPU', '内存', '磁盘'],
  sweepGrowth: (g) =>
    g.method === 'final' && g.fitted !== null
      ? `${g.low} … ${g.high} %/月（最终方法拟合为 ${g.fitted}，95 % 区间，${g.historyDays} 天历史）`
      : g.refusal
        ? `未拟合：还需要 ${g.refusal.moreDays} 天的历史数据（最终方法需要 ${g.refusal.needDays} 天，现有 ${g.refusal.haveDays} 天）；按工作负载自身的增长率（${ownRange(g.workload)} %/月）`
        : `未拟合（${g.historyDays} 天历史中没有趋势）；按工作负载自身的增长率（${ownRange(g.workload)} %/月）`,
  sweepCell: (r, days) =>
    r.exceededSince !== null
      ? `当前已超出（自 ${minute(r.exceededSince)} 起）`
      : `${days} 天内耗尽的概率 ${Math.round(r.probability * 100)} %${r.p50Days !== null ? `，一半在第 ${r.p50Days} 天前` : ''}`,
  sweepExceededLine: (resource) => `${resource}：当前已超出`,
  chartRemaining: (r) =>
    r.state === 'thin'
      ? `还需要 ${r.moreDays} 天的历史数据`
      : r.state === 'exceeded'
        ? '已超出'
        : r.state === 'beyond'
          ? `超过 ${r.horizon} 天`
          : `${r.likely ?? `${r.horizon}+`} 天（${r.earliest} 至 ${r.latest ?? `${r.horizon}+`}）`,
  header: (h) => HEADERS_ZH[h] ?? h,
  cell: (h, v) => {
    if (typeof v !== 'string') return v;
    // Sentences the tables write in English (tables.ts): an observed excess and a refusal.
    const since = /^exceeded since (.+)$/.exec(v);
    if (since) return `自 ${since[1]} 起已超出`;
    const needs = /^needs (\d+) more days? of history$/.exec(v);
    if (needs) return `还需要 ${needs[1]} 天的历史数据`;
    // Built-in headroom profiles: "Small (1 vCPU, 2 GiB, 40 GiB)", "Average VM (3 vCPU, 10.3 GiB)".
    const profile = h === 'Profile' ? /^(Small|Medium|Large|Average VM)( \(.*\))$/.exec(v) : null;
    if (profile) return `${ZH_PROFILES[profile[1]!]}${profile[2]!.replace(' (', '（').replace(/\)$/, '）')}`;
    return CODE_COLUMNS.has(h) ? (CODES_ZH[v] ?? v) : v;
  },
};

export function reportText(locale: ReportLocale): ReportText {
  switch (locale) {
    case 'en':
      return en;
    case 'zh-CN':
      return zhCN;
  }
}
