/**
 * English and Simplified Chinese texts of the Capacity view. Components use them through useCapI18n()
 * (a local vue-i18n scope that follows the app's locale); they can also be merged into the global
 * messages as `cap`. zh-CN must have exactly the same keys (enforced by its type).
 */
import { useI18n } from 'vue-i18n';

const en = {
  cap: {
    open: 'Capacity',
    title: 'Capacity planning',
    tabs: { summary: 'Allocation & demand', headroom: 'Headroom', forecast: 'Time remaining', sweep: 'Futures (sweep)', failover: 'Failure tolerance', rightsize: 'Right-sizing', consolidation: 'Consolidation', whatif: 'What-if', import: 'Import / export' },
    sweep: { intro: 'Simulates many futures from the current state — different seeds, growth within the fitted interval, random host failures — and shows the probability of running out by each day.', runs: 'Futures', horizon: 'Days', seed: 'Seed', start: 'Run sweep', cancel: 'Cancel', running: 'Running {runs} futures on {workers} workers…', cancelled: 'Cancelled.', chart: 'Probability of running out by day', nPlus1: 'N+1 holds at the end in {pct} of futures', prob: '{pct} run out within {days} days', median: 'half by day {day}', axis: 'day', resource: { cpu: 'CPU', mem: 'memory', disk: 'disk' } },
    policy: { title: 'Policy', cpuOvercommit: 'vCPU per core', memOvercommit: 'vRAM per RAM', buffer: 'Buffer %', ha: 'HA reserve', haCluster: "Cluster's own", apply: 'Recalculate' },
    common: { cluster: 'Cluster', scope: 'Scope', name: 'Name', csv: 'CSV', loading: 'Working…', none: 'Nothing to show', refresh: 'Refresh', days: '{n} days', never: 'more than a year', run: 'Run', error: 'Error' },
    summary: { allocation: 'Allocation model', demand: 'Demand model', cpu: 'CPU', mem: 'Memory', disk: 'Disk', ratio: 'Ratio', used: 'Used of usable', binding: 'Binds first', ready: 'Ready %', swapped: 'Swapped', ballooned: 'Ballooned', fromHistory: 'Peaks of the last 24 h from the history', fromNow: 'Current values (no history yet)' },
    headroom: { profile: 'Profile', byAllocation: 'More VMs (allocation)', byDemand: 'More VMs (demand)', binding: 'Binding resource', custom: 'Custom profile', add: 'Add profile', vcpus: 'vCPUs', memGiB: 'Memory GiB', diskGiB: 'Disk GiB', cpuUtil: 'CPU use %', memUtil: 'Memory use %', resource: { cpu: 'CPU', mem: 'memory', disk: 'disk', hostSize: 'host size' } },
    forecast: { resource: 'Resource', usable: 'Usable', lastPeak: 'Last daily peak', trend: 'Trend / day', remaining: 'Time remaining', capRemaining: 'Capacity remaining', risk: 'Risk', conservative: 'Conservative (upper bound)', aggressive: 'Aggressive (mean of bounds)', growth: 'Growth %/month', peaks: 'Daily peaks', projection: 'Projection', upper: 'Upper bound', limit: 'Usable capacity', chart: 'Forecast of {cluster} {resource}' },
    failover: { method: 'Method', estimate: 'Estimate (fast)', simulate: 'Simulate on snapshots', check: 'Check N+1 / N+2', failed: 'Failed host(s)', restarted: 'Restarted', notRestarted: 'Not restarted', unmetCpu: 'Unmet CPU MHz', unmetMem: 'Unmet memory MiB', peakCpu: 'Peak host CPU %', holds: 'holds', fails: 'fails', worstPair: 'worst pair' },
    rightsize: { analyse: 'Analyse', verdict: 'Verdict', current: 'Now', recommended: 'Recommended', reclaim: 'Reclaim', apply: 'Apply to what-if', applied: 'Branch {name} created', totals: '{oversized} oversized, {undersized} undersized, {idle} idle, {off} powered off · reclaimable {vcpus} vCPUs, {mem} GiB memory, {disk} GiB disk', verdicts: { oversized: 'Oversized', undersized: 'Undersized', ok: 'OK', idle: 'Idle', poweredOff: 'Powered off', noData: 'No data' } },
    consolidation: { policy: 'Policy', hostsNow: 'Hosts now', hostsNeeded: 'Hosts needed', saved: 'Energy saved kWh/day', powerNow: 'Power now W', powerAfter: 'Power after W' },
    whatif: { create: 'Create branch', name: 'Branch name', change: 'Change', addChange: 'Add change', changes: 'Changes', count: 'Count', hostIds: 'Hosts', ratioCpu: 'vCPU per core', ratioMem: 'vRAM per RAM', pct: '% per month', policy: 'Placement policy', days: 'Days to run', tick: 'Tick', run: 'Run forward', compare: 'Compare selected', delete: 'Delete', ran: 'ran {days} days', branches: 'Branches', types: { addHosts: 'Add hosts', removeHosts: 'Remove hosts', failHosts: 'Fail hosts', addVms: 'Add VMs', overcommit: 'Overcommit ratios', policy: 'Consolidation policy', growth: 'Growth', resizeVm: 'Resize a VM' }, cols: { peakCpu: 'Peak CPU %', peakMem: 'Peak memory %', ready: 'Avg ready %', swapped: 'Peak swapped MiB', energy: 'Energy kWh', hosts: 'Hosts needed', headroom: 'Medium VMs that fit', remaining: 'Time remaining' }, noWorkspace: 'What-if needs a workspace file.' },
    import: { choose: 'Choose RVTools .xlsx or CSV files', preview: 'Preview', apply: 'Create workspace', skipBad: 'Import the usable rows only', template: 'Download CSV template', counts: '{hosts} hosts, {vms} VMs ({on} on), {clusters} clusters, {datastores} datastores, {bad} unusable rows', problems: 'Problems', severity: 'Severity', sheet: 'Sheet', row: 'Row', column: 'Column', why: 'Why', done: 'Workspace {name} created', export: 'Export inventory', tooBig: '{name}: {size} MiB, more than the import accepts ({limit} MiB). Nothing was uploaded. Export fewer tabs from RVTools (vInfo, vHost, vCluster, vDatastore suffice) or split the inventory.', uploading: 'Uploading {names}: {sent} of {total} MiB…', uploaded: 'Uploaded {names} ({total} MiB).', cancel: 'Cancel' },
    honest: {
      needsHistory: 'needs {more} more day of history | needs {more} more days of history',
      needsHistoryLong: '{method} needs {more} more day of history: its method needs {need} days, the workspace has {have}. | {method} needs {more} more days of history: its method needs {need} days, the workspace has {have}.',
      methods: { timeRemaining: 'Time remaining', capacityRemaining: 'Capacity remaining', rightsize: 'Right-sizing', consolidation: 'The consolidation estimate' },
      exceededSince: 'exceeded since {date}',
      basis: 'stands on {days} days of history ({points} points, every {res})',
      history: 'History',
      basisShort: '{days} d · {points} pts · {res}',
      notComputed: 'not computed',
      notRun: 'not run yet',
      baseline: 'Current workspace (baseline)',
      status: 'Status',
      computed: 'computed',
      span: 'Span (days)',
      progress: 'Running {name}: {done} of {total} ticks',
      cancel: 'Cancel',
      cancelled: '{name} stopped after {days} days; what it ran is kept.',
      onlyPoweredOff: 'Only powered-off VMs are listed (their disks need no history).',
    },
    report: { button: 'Report', html: 'HTML report', pdf: 'PDF report', done: 'Report saved ({bytes} bytes)' },
  },
};

export type CapMessages = typeof en;

const zhCN: CapMessages = {
  cap: {
    open: '容量',
    title: '容量规划',
    tabs: { summary: '分配与需求', headroom: '余量', forecast: '剩余时间', sweep: '多种未来（扫描）', failover: '故障容忍', rightsize: '规格优化', consolidation: '整合', whatif: '假设分析', import: '导入 / 导出' },
    sweep: { intro: '从当前状态模拟多种未来——不同的随机种子、拟合区间内的增长率、随机主机故障——并显示到每一天为止资源耗尽的概率。', runs: '未来数', horizon: '天数', seed: '种子', start: '运行扫描', cancel: '取消', running: '正在用 {workers} 个线程运行 {runs} 种未来…', cancelled: '已取消。', chart: '到某天为止耗尽的概率', nPlus1: '结束时 {pct} 的未来满足 N+1', prob: '{pct} 在 {days} 天内耗尽', median: '一半在第 {day} 天前', axis: '天', resource: { cpu: 'CPU', mem: '内存', disk: '磁盘' } },
    policy: { title: '策略', cpuOvercommit: '每核 vCPU', memOvercommit: '虚拟内存/物理内存', buffer: '缓冲 %', ha: 'HA 预留', haCluster: '使用集群设置', apply: '重新计算' },
    common: { cluster: '集群', scope: '范围', name: '名称', csv: 'CSV', loading: '处理中…', none: '无内容', refresh: '刷新', days: '{n} 天', never: '超过一年', run: '运行', error: '错误' },
    summary: { allocation: '分配模型', demand: '需求模型', cpu: 'CPU', mem: '内存', disk: '磁盘', ratio: '比例', used: '占可用容量', binding: '最先耗尽', ready: '就绪 %', swapped: '已交换', ballooned: '已膨胀', fromHistory: '取自历史记录中最近 24 小时的峰值', fromNow: '当前值（尚无历史）' },
    headroom: { profile: '配置文件', byAllocation: '可再放置虚拟机（分配）', byDemand: '可再放置虚拟机（需求）', binding: '约束资源', custom: '自定义配置文件', add: '添加配置文件', vcpus: 'vCPU', memGiB: '内存 GiB', diskGiB: '磁盘 GiB', cpuUtil: 'CPU 使用 %', memUtil: '内存使用 %', resource: { cpu: 'CPU', mem: '内存', disk: '磁盘', hostSize: '主机规格' } },
    forecast: { resource: '资源', usable: '可用', lastPeak: '最近日峰值', trend: '每日趋势', remaining: '剩余时间', capRemaining: '剩余容量', risk: '风险', conservative: '保守（上界）', aggressive: '激进（上下界均值）', growth: '每月增长 %', peaks: '日峰值', projection: '预测', upper: '上界', limit: '可用容量', chart: '{cluster} {resource} 预测' },
    failover: { method: '方法', estimate: '估算（快速）', simulate: '基于快照模拟', check: '检查 N+1 / N+2', failed: '故障主机', restarted: '已重启', notRestarted: '未重启', unmetCpu: '未满足 CPU MHz', unmetMem: '未满足内存 MiB', peakCpu: '主机 CPU 峰值 %', holds: '满足', fails: '不满足', worstPair: '最差组合' },
    rightsize: { analyse: '分析', verdict: '结论', current: '当前', recommended: '建议', reclaim: '可回收', apply: '应用到假设分析', applied: '已创建分支 {name}', totals: '{oversized} 台过大，{undersized} 台过小，{idle} 台空闲，{off} 台已关机 · 可回收 {vcpus} 个 vCPU、{mem} GiB 内存、{disk} GiB 磁盘', verdicts: { oversized: '过大', undersized: '过小', ok: '合适', idle: '空闲', poweredOff: '已关机', noData: '无数据' } },
    consolidation: { policy: '策略', hostsNow: '当前主机数', hostsNeeded: '所需主机数', saved: '每日节省电能 kWh', powerNow: '当前功率 W', powerAfter: '整合后功率 W' },
    whatif: { create: '创建分支', name: '分支名称', change: '变更', addChange: '添加变更', changes: '变更', count: '数量', hostIds: '主机', ratioCpu: '每核 vCPU', ratioMem: '虚拟内存/物理内存', pct: '每月 %', policy: '放置策略', days: '运行天数', tick: '时间步长', run: '向前运行', compare: '比较所选', delete: '删除', ran: '已运行 {days} 天', branches: '分支', types: { addHosts: '添加主机', removeHosts: '移除主机', failHosts: '主机故障', addVms: '添加虚拟机', overcommit: '超分比例', policy: '整合策略', growth: '增长', resizeVm: '调整虚拟机规格' }, cols: { peakCpu: 'CPU 峰值 %', peakMem: '内存峰值 %', ready: '平均就绪 %', swapped: '交换峰值 MiB', energy: '电能 kWh', hosts: '所需主机', headroom: '可放置中型虚拟机', remaining: '剩余时间' }, noWorkspace: '假设分析需要工作区文件。' },
    import: { choose: '选择 RVTools .xlsx 或 CSV 文件', preview: '预览', apply: '创建工作区', skipBad: '仅导入可用行', template: '下载 CSV 模板', counts: '{hosts} 台主机，{vms} 台虚拟机（{on} 台开机），{clusters} 个集群，{datastores} 个数据存储，{bad} 行不可用', problems: '问题', severity: '级别', sheet: '工作表', row: '行', column: '列', why: '原因', done: '已创建工作区 {name}', export: '导出清单', tooBig: '{name}：{size} MiB，超过导入上限（{limit} MiB），未上传任何内容。请从 RVTools 少导出一些选项卡（vInfo、vHost、vCluster、vDatastore 即可）或拆分清单。', uploading: '正在上传 {names}：{sent} / {total} MiB…', uploaded: '已上传 {names}（{total} MiB）。', cancel: '取消' },
    honest: {
      needsHistory: '还需要 {more} 天的历史数据',
      needsHistoryLong: '{method}还需要 {more} 天的历史数据：该方法需要 {need} 天，工作区现有 {have} 天。',
      methods: { timeRemaining: '剩余时间', capacityRemaining: '剩余容量', rightsize: '规格优化', consolidation: '整合估算' },
      exceededSince: '自 {date} 起已超出',
      basis: '基于 {days} 天的历史数据（{points} 个数据点，每 {res} 一个）',
      history: '历史',
      basisShort: '{days} 天 · {points} 点 · {res}',
      notComputed: '未计算',
      notRun: '尚未运行',
      baseline: '当前工作区（基线）',
      status: '状态',
      computed: '已计算',
      span: '时长（天）',
      progress: '正在运行 {name}：{done} / {total} 个时间步',
      cancel: '取消',
      cancelled: '{name} 在 {days} 天后停止；已运行的部分保留。',
      onlyPoweredOff: '仅列出已关机的虚拟机（其磁盘无需历史数据）。',
    },
    report: { button: '报告', html: 'HTML 报告', pdf: 'PDF 报告', done: '报告已保存（{bytes} 字节）' },
  },
};

/** For merging into the global messages: messages.en.cap = capMessages.en.cap (same for zh-CN). */
export const capMessages = { en, 'zh-CN': zhCN };

type Local = CapMessages['cap'];

/** Local scope: keys without the "cap." prefix, e.g. t('tabs.summary'). */
export function useCapI18n() {
  return useI18n<{ message: Local }, 'en' | 'zh-CN'>({ useScope: 'local', inheritLocale: true, messages: { en: en.cap, 'zh-CN': zhCN.cap } as { en: Local; 'zh-CN': Local } });
}
