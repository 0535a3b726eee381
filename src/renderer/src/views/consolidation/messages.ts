/**
 * English and Simplified Chinese texts of the consolidation experiment view. Components use them through
 * useConsolI18n() (a local vue-i18n scope that follows the app's locale); zh-CN has exactly the same keys
 * (enforced by messages.test.ts).
 */
import { useI18n } from 'vue-i18n';

const en = {
  consol: {
    open: 'Consolidation lab',
    title: 'Dynamic VM consolidation — the standard PlanetLab experiment',
    intro:
      '800 hosts (half HP ProLiant ML110 G4, half G5), one VM per trace file, 24 h in 300-s intervals, as published by Beloglazov & Buyya (CCPE 2012). Runs beside the open workspace without touching it.',
    form: {
      workload: 'Workload folder',
      workloadHint: 'Absolute path of a folder of PlanetLab trace files (288 lines of CPU % each)',
      policy: 'Policy',
      param: 'Parameter',
      paramNone: 'This policy takes no parameter',
      paramRule: '{description}; {range}; default {default} (published: {published})',
      detector: {
        thr: 'Utilisation threshold',
        iqr: 'Safety parameter s (threshold 1 − s·IQR)',
        mad: 'Safety parameter s (threshold 1 − s·MAD)',
        lr: 'Safety parameter s (overloaded if s·prediction ≥ 1)',
        lrr: 'Safety parameter s (overloaded if s·prediction ≥ 1)',
      },
      native: 'Native physics',
      nativeHint:
        "Off: CloudSim 3.0.3's semantics, quirks included (comparable with the literature). On: the engine's own physics.",
      seed: 'Seed',
      seedHint: 'Seed of the random selection (rs) policies',
      start: 'Start',
      cancel: 'Cancel',
    },
    status: { running: 'Running', done: 'Done', cancelled: 'Cancelled', failed: 'Failed' },
    progress: 'Simulated {time} of 24:00',
    runInfo: '{policy} · {mode} · {vms} VMs on {hosts} hosts · seed {seed}',
    noRun: 'No run yet. Choose a workload folder and a policy, then press Start.',
    mode: { reference: 'reference', native: 'native' },
    chart: {
      activeHosts: 'Active hosts',
      powerW: 'Power (W)',
      migrationsStarted: 'Migrations per interval',
      vmsRunning: 'VMs running',
      hour: 'simulated hour',
      current: 'current run',
    },
    results: {
      title: 'Finished runs',
      empty: 'Finished runs appear here for comparison.',
      csv: 'Export CSV',
      clear: 'Clear',
      policy: 'Policy',
      mode: 'Mode',
      seed: 'Seed',
      energy: 'Energy (kWh)',
      migrations: 'Migrations',
      slatah: 'SLATAH %',
      pdm: 'PDM %',
      slav: 'SLAV',
      esv: 'ESV',
      shutdowns: 'Host shutdowns',
      vmsAlive: 'VMs alive at end',
      wall: 'Run time (s)',
    },
  },
};
export type ConsolMessages = typeof en;

const zhCN: ConsolMessages = {
  consol: {
    open: '整合实验',
    title: '动态虚拟机整合——标准 PlanetLab 实验',
    intro:
      '800 台主机（HP ProLiant ML110 G4 与 G5 各半），每个跟踪文件一台虚拟机，以 300 秒为间隔运行 24 小时，与 Beloglazov 和 Buyya（CCPE 2012）发表的实验一致。与当前工作区并行运行，不会改动它。',
    form: {
      workload: '负载文件夹',
      workloadHint: 'PlanetLab 跟踪文件所在文件夹的绝对路径（每个文件 288 行 CPU 百分比）',
      policy: '策略',
      param: '参数',
      paramNone: '此策略没有参数',
      paramRule: '{description}；{range}；默认 {default}（论文取值：{published}）',
      detector: {
        thr: '利用率阈值',
        iqr: '安全参数 s（阈值 1 − s·IQR）',
        mad: '安全参数 s（阈值 1 − s·MAD）',
        lr: '安全参数 s（当 s·预测值 ≥ 1 时判定为过载）',
        lrr: '安全参数 s（当 s·预测值 ≥ 1 时判定为过载）',
      },
      native: '原生物理模型',
      nativeHint: '关闭：CloudSim 3.0.3 语义（含其特性，可与文献对比）。开启：使用引擎自身的物理模型。',
      seed: '随机种子',
      seedHint: '随机选择（rs）策略的种子',
      start: '开始',
      cancel: '取消',
    },
    status: { running: '运行中', done: '已完成', cancelled: '已取消', failed: '失败' },
    progress: '已模拟 {time} / 24:00',
    runInfo: '{policy} · {mode} · {vms} 台虚拟机，{hosts} 台主机 · 种子 {seed}',
    noRun: '尚未运行。请选择负载文件夹和策略，然后点击“开始”。',
    mode: { reference: '参考语义', native: '原生' },
    chart: {
      activeHosts: '活动主机数',
      powerW: '功率 (W)',
      migrationsStarted: '每个间隔的迁移数',
      vmsRunning: '运行中的虚拟机',
      hour: '模拟小时',
      current: '当前运行',
    },
    results: {
      title: '已完成的运行',
      empty: '完成的运行会显示在这里，便于比较。',
      csv: '导出 CSV',
      clear: '清除',
      policy: '策略',
      mode: '模式',
      seed: '种子',
      energy: '能耗 (kWh)',
      migrations: '迁移次数',
      slatah: 'SLATAH %',
      pdm: 'PDM %',
      slav: 'SLAV',
      esv: 'ESV',
      shutdowns: '主机关机次数',
      vmsAlive: '结束时存活的虚拟机',
      wall: '运行耗时 (秒)',
    },
  },
};

export const consolMessages = { en, 'zh-CN': zhCN };

type Local = ConsolMessages['consol'];

/** Local scope: keys without the "consol." prefix, e.g. t('form.start'). */
export function useConsolI18n() {
  return useI18n<{ message: Local }, 'en' | 'zh-CN'>({
    useScope: 'local',
    inheritLocale: true,
    messages: { en: en.consol, 'zh-CN': zhCN.consol } as { en: Local; 'zh-CN': Local },
  });
}
