/** The built-in labs, beginner → advanced (issue 20 adds two from resource-depth.ts), as plain version-1 lab JSON with English and Chinese texts. */
import type { Lab } from '../../../engine/labs';
import {
  capacityLabScenario,
  consolidationScenario,
  haLabScenario,
  hotHostLabScenario,
  pieParadoxLabScenario,
  powerOnLabScenario,
} from './scenarios';
import { siocLab, wideVmLab } from './resource-depth';

export function powerOnLab(): Lab {
  return {
    version: 1,
    id: 'lab-power-on',
    order: 1,
    level: 'beginner',
    title: { en: 'Power on the web tier', 'zh-CN': '启动 Web 层' },
    goal: {
      en: 'The four web VMs are powered off. Power on every VM of the Lab cluster.',
      'zh-CN': '四台 Web 虚拟机处于关机状态。请启动 Lab 集群中的所有虚拟机。',
    },
    scenario: { inline: powerOnLabScenario() },
    durationSec: 1200,
    drills: [],
    checks: [
      {
        id: 'all-on',
        kind: 'count',
        entityKind: 'vm',
        withinId: 'cluster-lab',
        states: ['poweredOn'],
        op: '==',
        value: 6,
        text: { en: 'All 6 VMs of the cluster are powered on', 'zh-CN': '集群中全部 6 台虚拟机均已开机' },
      },
    ],
    hints: [
      {
        en: 'Select a VM in the inventory tree and use Actions ▸ Power ▸ Power on.',
        'zh-CN': '在清单树中选择一台虚拟机，然后使用“操作 ▸ 电源 ▸ 开机”。',
      },
      { en: 'The powered-off VMs are web-01 to web-04.', 'zh-CN': '关机的虚拟机是 web-01 到 web-04。' },
    ],
  };
}

export function hotHostLab(): Lab {
  return {
    version: 1,
    id: 'lab-cpu-ready',
    order: 2,
    level: 'beginner',
    title: { en: 'Cool down a hot host', 'zh-CN': '为过热主机降温' },
    goal: {
      en: 'All six VMs run on esx-lab-01 and wait for CPU. Bring CPU ready below 5 % on every VM of the cluster, without adding hosts.',
      'zh-CN':
        '六台虚拟机都运行在 esx-lab-01 上并在等待 CPU。请在不添加主机的情况下，使集群中每台虚拟机的 CPU 就绪时间低于 5%。',
    },
    scenario: { inline: hotHostLabScenario() },
    durationSec: 1800,
    drills: [],
    checks: [
      {
        id: 'ready',
        kind: 'metric',
        entityKind: 'vm',
        withinId: 'cluster-lab',
        metric: 'cpu.ready.pct',
        aggregate: 'max',
        op: '<',
        value: 5,
        sustainSec: 120,
        text: {
          en: 'CPU ready below 5 % on every VM for 2 minutes',
          'zh-CN': '每台虚拟机的 CPU 就绪时间持续 2 分钟低于 5%',
        },
      },
      {
        id: 'no-new-host',
        kind: 'noCommand',
        commandTypes: ['host.add'],
        mode: 'always',
        text: { en: 'No host was added', 'zh-CN': '未添加主机' },
      },
    ],
    hints: [
      {
        en: 'Look at the hosts: one is overloaded, two are idle.',
        'zh-CN': '查看主机：一台过载，两台空闲。',
      },
      {
        en: 'Migrate VMs to the idle hosts (two per host), or let DRS do it by enabling it in fully automated mode.',
        'zh-CN': '将虚拟机迁移到空闲主机（每台两台），或启用全自动 DRS 让它来完成。',
      },
    ],
  };
}

export function haLab(): Lab {
  return {
    version: 1,
    id: 'lab-ha',
    order: 3,
    level: 'intermediate',
    title: { en: 'Survive a host failure', 'zh-CN': '挺过主机故障' },
    goal: {
      en: 'A host will fail 10 minutes from now. Make sure no VM is left down 5 minutes after it fails.',
      'zh-CN': '10 分钟后将有一台主机发生故障。确保故障发生 5 分钟后没有虚拟机处于宕机状态。',
    },
    scenario: { inline: haLabScenario() },
    durationSec: 1800,
    drills: [
      {
        type: 'hostFailure',
        at: 600,
        hostId: 'host-lab-02',
        caption: { en: 'esx-lab-02 has failed!', 'zh-CN': 'esx-lab-02 发生故障！' },
      },
    ],
    checks: [
      {
        id: 'none-down',
        kind: 'count',
        entityKind: 'vm',
        withinId: 'cluster-lab',
        states: ['poweredOn', 'migrating'],
        baseline: 'start',
        op: '>=',
        value: 0,
        fromSec: 900,
        sustainSec: 120,
        text: {
          en: 'As many VMs run as before the failure (checked from 15 minutes on)',
          'zh-CN': '运行的虚拟机数量与故障前相同（从第 15 分钟开始检查）',
        },
      },
    ],
    hints: [
      {
        en: 'Which cluster feature restarts VMs of a failed host on the other hosts?',
        'zh-CN': '哪个集群功能会在其他主机上重启故障主机的虚拟机？',
      },
      {
        en: 'Edit the cluster settings and turn vSphere HA on before the failure.',
        'zh-CN': '在故障发生前编辑集群设置并启用 vSphere HA。',
      },
    ],
  };
}

export function capacityLab(): Lab {
  return {
    version: 1,
    id: 'lab-capacity',
    order: 4,
    level: 'advanced',
    title: { en: 'Make room for 40 more VMs', 'zh-CN': '为另外 40 台虚拟机腾出空间' },
    goal: {
      en: 'The team needs 40 more medium VMs (2 vCPU, 4 GiB) running in the cluster — without adding hosts and without overcommitting memory.',
      'zh-CN': '团队需要在集群中再运行 40 台中型虚拟机（2 vCPU、4 GiB）——不能添加主机，也不能超额分配内存。',
    },
    scenario: { inline: capacityLabScenario() },
    durationSec: 3600,
    drills: [],
    checks: [
      {
        id: 'forty-more',
        kind: 'count',
        entityKind: 'vm',
        withinId: 'cluster-lab',
        states: ['poweredOn'],
        op: '>=',
        value: 56,
        text: {
          en: 'At least 56 VMs run: the 16 apps and 40 new ones',
          'zh-CN': '至少运行 56 台虚拟机：16 台应用加 40 台新虚拟机',
        },
      },
      {
        id: 'apps-kept',
        kind: 'count',
        entityKind: 'vm',
        withinId: 'cluster-lab',
        states: ['poweredOn'],
        op: '>=',
        value: 16,
        mode: 'always',
        text: {
          en: 'Never fewer than 16 VMs running (the apps stay up)',
          'zh-CN': '运行的虚拟机始终不少于 16 台（应用保持运行）',
        },
      },
      {
        id: 'no-new-host',
        kind: 'noCommand',
        commandTypes: ['host.add'],
        mode: 'always',
        text: { en: 'No host was added', 'zh-CN': '未添加主机' },
      },
      {
        id: 'no-overcommit',
        kind: 'noCommand',
        commandTypes: ['cluster.configure'],
        mode: 'always',
        text: {
          en: 'The cluster policy (1:1 memory) was not changed',
          'zh-CN': '未更改集群策略（内存 1:1）',
        },
      },
    ],
    hints: [
      {
        en: 'Only about 28 new VMs fit. What else is using memory?',
        'zh-CN': '只能放下约 28 台新虚拟机。还有什么在占用内存？',
      },
      {
        en: 'Eight "zombie" VMs hold 32 GiB each and do nothing. Power them off and delete them.',
        'zh-CN': '八台“僵尸”虚拟机各占 32 GiB 却毫无作用。将它们关机并删除。',
      },
    ],
  };
}

export function energyLab(): Lab {
  return {
    version: 1,
    id: 'lab-energy',
    order: 5,
    level: 'advanced',
    title: { en: 'Night shift: cut the power bill', 'zh-CN': '夜班：削减电费' },
    goal: {
      en: 'It is night and the six hosts are nearly idle. Cut the cluster power draw by at least 30 % without powering off any VM, and keep CPU ready below 5 %.',
      'zh-CN':
        '夜间六台主机几乎空闲。在不关闭任何虚拟机的前提下将集群功耗降低至少 30%，并保持 CPU 就绪时间低于 5%。',
    },
    scenario: { inline: consolidationScenario() },
    durationSec: 3600,
    drills: [],
    checks: [
      {
        id: 'power',
        kind: 'metric',
        entityKind: 'cluster',
        withinId: 'cluster-night',
        metric: 'power.w',
        aggregate: 'sum',
        baseline: 'start',
        op: '<=',
        value: 70,
        sustainSec: 120,
        text: {
          en: 'Cluster power at most 70 % of what it was at the start',
          'zh-CN': '集群功耗不超过开始时的 70%',
        },
      },
      {
        id: 'vms-up',
        kind: 'count',
        entityKind: 'vm',
        withinId: 'cluster-night',
        states: ['poweredOn', 'migrating'],
        baseline: 'start',
        op: '>=',
        value: 0,
        mode: 'always',
        text: { en: 'No VM is powered off or down', 'zh-CN': '没有虚拟机被关机或宕机' },
      },
      {
        id: 'ready',
        kind: 'metric',
        entityKind: 'vm',
        withinId: 'cluster-night',
        metric: 'cpu.ready.pct',
        aggregate: 'max',
        op: '<',
        value: 5,
        text: { en: 'CPU ready below 5 % on every VM', 'zh-CN': '每台虚拟机的 CPU 就绪时间低于 5%' },
      },
    ],
    hints: [
      {
        en: 'An idle host still draws about 110 W; a host in standby draws nothing.',
        'zh-CN': '空闲主机仍消耗约 110 W；待机主机不耗电。',
      },
      {
        en: 'Put three hosts in maintenance mode (their VMs move away), then put them in standby.',
        'zh-CN': '让三台主机进入维护模式（其虚拟机会迁走），然后让它们进入待机。',
      },
    ],
  };
}

/** Issue 20: the resource pool pie paradox (numbers in scenarios.ts, pieParadoxLabScenario). */
export function pieParadoxLab(): Lab {
  return {
    version: 1,
    id: 'lab-pie-paradox',
    order: 6,
    level: 'intermediate',
    title: { en: 'The pie paradox', 'zh-CN': '资源池饼图悖论' },
    goal: {
      en: 'The Production pool has high CPU shares, the Test pool normal ones, yet every production VM gets half the CPU of a test VM. Give each production VM at least as much CPU as a test VM gets, using only the resource pools (no VM changes, no power changes, no new hosts), and keep the host fully used.',
      'zh-CN':
        'Production 资源池的 CPU 份额为“高”，Test 资源池为“正常”，但每台生产虚拟机得到的 CPU 只有测试虚拟机的一半。只调整资源池（不改虚拟机、不开关机、不加主机），使每台生产虚拟机获得的 CPU 不少于测试虚拟机，并保持主机满负荷。',
    },
    scenario: { inline: pieParadoxLabScenario() },
    durationSec: 1800,
    drills: [],
    checks: [
      {
        id: 'prod-fair',
        kind: 'metric',
        entityKind: 'vm',
        withinId: 'vm-prod-01',
        metric: 'cpu.usage.mhz',
        aggregate: 'min',
        op: '>=',
        value: 1990,
        sustainSec: 120,
        text: {
          en: 'A production VM gets at least 2,000 MHz (its fair slice of 20,000 MHz among ten VMs)',
          'zh-CN': '每台生产虚拟机至少获得 2,000 MHz（20,000 MHz 在十台虚拟机间的公平份额）',
        },
      },
      {
        id: 'host-busy',
        kind: 'metric',
        entityKind: 'host',
        withinId: 'host-pie-01',
        metric: 'cpu.usage.pct',
        aggregate: 'max',
        op: '>=',
        value: 99,
        text: { en: 'The host stays fully used', 'zh-CN': '主机保持满负荷' },
      },
      {
        id: 'pools-only',
        kind: 'noCommand',
        commandTypes: ['vm.configure', 'vm.resize', 'vm.power', 'vm.delete', 'host.add', 'pool.moveVm'],
        mode: 'always',
        text: { en: 'Only the resource pools were changed', 'zh-CN': '只修改了资源池' },
      },
    ],
    hints: [
      {
        en: 'Pool shares compete only with sibling pools: Production (8,000) and Test (4,000) split the host 2 : 1, whatever the number of VMs inside.',
        'zh-CN':
          '资源池的份额只与同级资源池竞争：Production（8,000）与 Test（4,000）按 2 : 1 分配主机，与其中虚拟机的数量无关。',
      },
      {
        en: 'Production has four times as many VMs as Test: give it four times Test’s shares (custom 16,000), or lower Test’s.',
        'zh-CN':
          'Production 的虚拟机数量是 Test 的四倍：将其份额设为 Test 的四倍（自定义 16,000），或降低 Test 的份额。',
      },
    ],
  };
}

export const BUILTIN_LABS: readonly (() => Lab)[] = [
  powerOnLab,
  hotHostLab,
  haLab,
  capacityLab,
  energyLab,
  pieParadoxLab,
  wideVmLab,
  siocLab,
];
