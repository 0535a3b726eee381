/** The built-in storylines, as plain version-1 storyline JSON (save one with `vdc storyline export`). */
import type { Storyline } from '../../../engine/storyline';
import {
  blackFridayScenario,
  consolidationScenario,
  containersVsVmsScenario,
  hostFailureScenario,
} from './scenarios';
import { pieParadox, siocBackup, wideVm } from './resource-depth';

export function blackFriday(): Storyline {
  return {
    version: 1,
    id: 'black-friday',
    title: { en: 'Black Friday', 'zh-CN': '黑色星期五' },
    description: {
      en: 'Shoppers arrive at five times the usual rate: DRS spreads the load and power management wakes sleeping hosts.',
      'zh-CN': '顾客以平时五倍的速度涌入：DRS 分散负载，电源管理唤醒待机主机。',
    },
    scenario: { inline: blackFridayScenario() },
    durationSec: 3 * 3600,
    focus: { entityIds: ['cluster-shop'], metrics: ['cpu.usage.pct', 'power.w', 'hosts.connected'] },
    events: [
      {
        type: 'caption',
        at: 0,
        caption: {
          en: 'A normal morning: 24 web servers on 4 hosts, 2 hosts asleep to save power.',
          'zh-CN': '普通的早晨：24 台 Web 服务器运行在 4 台主机上，另有 2 台主机待机节能。',
        },
      },
      {
        type: 'loadSpike',
        at: 1200,
        targetId: 'cluster-shop',
        factor: 5,
        durationSec: 5400,
        caption: {
          en: 'Doors open! Web traffic jumps to five times normal.',
          'zh-CN': '开门了！Web 流量跃升至平时的五倍。',
        },
        pause: true,
      },
      {
        type: 'caption',
        at: 1500,
        caption: {
          en: 'Hosts run hot and VMs wait for CPU: power management (DPM) wakes the two standby hosts.',
          'zh-CN': '主机过热，虚拟机等待 CPU：电源管理 (DPM) 唤醒两台待机主机。',
        },
      },
      {
        type: 'caption',
        at: 2400,
        caption: {
          en: 'DRS live-migrates VMs onto the woken hosts: the rush is spread over six hosts.',
          'zh-CN': 'DRS 将虚拟机实时迁移到被唤醒的主机上：高峰负载分散到六台主机。',
        },
      },
      {
        type: 'caption',
        at: 6600,
        caption: {
          en: 'The rush is over. Demand falls back to normal.',
          'zh-CN': '高峰结束，需求回落到正常水平。',
        },
      },
      {
        type: 'caption',
        at: 9000,
        caption: {
          en: 'With spare capacity again, DPM can put hosts back to sleep.',
          'zh-CN': '容量再次富余，DPM 可以让主机重新待机。',
        },
      },
    ],
  };
}

export function hostFailure(): Storyline {
  return {
    version: 1,
    id: 'host-failure',
    title: { en: 'Host failure', 'zh-CN': '主机故障' },
    description: {
      en: 'A host dies without warning: vSphere HA restarts its VMs elsewhere, and admission control shows why it keeps room in reserve.',
      'zh-CN': '一台主机突然宕机：vSphere HA 在其他主机上重启其虚拟机，准入控制说明了为何要预留容量。',
    },
    scenario: { inline: hostFailureScenario() },
    durationSec: 2400,
    focus: { entityIds: ['cluster-ha'], metrics: ['vms.poweredOn', 'hosts.connected', 'cpu.usage.pct'] },
    events: [
      {
        type: 'caption',
        at: 0,
        caption: {
          en: 'Four hosts, twelve VMs with reserved memory, HA on with 25 % of the cluster held in reserve.',
          'zh-CN': '四台主机、十二台预留内存的虚拟机，HA 已启用并预留 25% 的集群容量。',
        },
      },
      {
        type: 'hostFailure',
        at: 300,
        hostId: 'host-ha-02',
        repairAfterSec: 1500,
        caption: {
          en: 'esx-ha-02 stops responding: its three VMs are down.',
          'zh-CN': 'esx-ha-02 停止响应：其上三台虚拟机宕机。',
        },
        pause: true,
      },
      {
        type: 'caption',
        at: 420,
        caption: {
          en: 'HA restarted the VMs on the surviving hosts within a minute.',
          'zh-CN': 'HA 在一分钟内于存活主机上重启了这些虚拟机。',
        },
      },
      {
        type: 'command',
        at: 900,
        command: {
          type: 'vm.create',
          clusterId: 'cluster-ha',
          powerOn: true,
          spec: {
            name: 'big-analytics',
            vcpus: 16,
            memMiB: 100 * 1024,
            mem: { reservationMiB: 100 * 1024 },
            disks: [{ sizeGiB: 100, thin: true }],
            workload: { pattern: 'constant', cpuBasePct: 30, cpuPeakPct: 30, memActivePct: 50 },
          },
        },
        caption: {
          en: 'Someone asks for a VM with 100 GiB reserved now. Admission control refuses: with a host gone, no host has that room.',
          'zh-CN':
            '有人此时申请一台预留 100 GiB 内存的虚拟机。准入控制拒绝了：少了一台主机，没有主机有这么多空间。',
        },
      },
      {
        type: 'caption',
        at: 1800,
        caption: {
          en: 'The host is repaired and rejoins the cluster empty; DRS rebalances.',
          'zh-CN': '主机修复后空载重新加入集群；DRS 重新平衡负载。',
        },
      },
    ],
  };
}

export function consolidation(): Storyline {
  const hosts = ['host-night-04', 'host-night-05', 'host-night-06'];
  return {
    version: 1,
    id: 'consolidation',
    title: { en: 'Consolidation', 'zh-CN': '整合' },
    description: {
      en: 'The PlanetLab-style night: load is low, VMs are packed onto half the hosts and the rest are switched off to save energy.',
      'zh-CN': 'PlanetLab 式的夜晚：负载很低，虚拟机被集中到一半主机上，其余主机关机以节省能源。',
    },
    scenario: { inline: consolidationScenario() },
    durationSec: 3600,
    focus: { entityIds: ['cluster-night'], metrics: ['power.w', 'hosts.connected', 'cpu.usage.pct'] },
    events: [
      {
        type: 'caption',
        at: 0,
        caption: {
          en: '22:00. Six hosts, all nearly idle — and each still draws about 110 W.',
          'zh-CN': '22:00。六台主机几乎空闲——但每台仍消耗约 110 W。',
        },
      },
      ...hosts.map((hostId, i) => ({
        type: 'maintenance' as const,
        at: 300,
        hostId,
        ...(i === 0
          ? {
              caption: {
                en: 'Evacuate three hosts: live migration packs their VMs onto the other three.',
                'zh-CN': '疏散三台主机：实时迁移把它们的虚拟机集中到另外三台上。',
              },
            }
          : {}),
      })),
      ...hosts.map((hostId, i) => ({
        type: 'command' as const,
        at: 1200,
        command: { type: 'host.standby' as const, hostId, enter: true },
        ...(i === 0
          ? {
              caption: {
                en: 'The empty hosts are switched to standby: they draw nothing now.',
                'zh-CN': '空主机切换为待机：现在它们不耗电。',
              },
            }
          : {}),
      })),
      {
        type: 'caption',
        at: 2400,
        caption: {
          en: 'Same VMs, same service — half the hosts, and the power bill falls accordingly.',
          'zh-CN': '同样的虚拟机、同样的服务——主机减半，电费随之下降。',
        },
      },
    ],
  };
}

export function containersVsVms(): Storyline {
  return {
    version: 1,
    id: 'containers-vs-vms',
    title: { en: 'Containers vs VMs', 'zh-CN': '容器与虚拟机' },
    description: {
      en: 'The same service as VMs and as containers: compare how much memory and CPU each way needs, and how density grows.',
      'zh-CN': '同一服务分别以虚拟机和容器部署：比较两种方式所需的内存和 CPU，以及密度的增长。',
    },
    scenario: { inline: containersVsVmsScenario() },
    durationSec: 1800,
    focus: { entityIds: ['cluster-vms', 'cluster-k8s'], metrics: ['mem.consumed.mib', 'cpu.usage.mhz'] },
    events: [
      {
        type: 'caption',
        at: 0,
        caption: {
          en: 'Left: 8 replicas as VMs, each with its own guest OS. Right: 8 replicas as containers sharing one kernel.',
          'zh-CN':
            '左：8 个副本以虚拟机运行，各有自己的客户机操作系统。右：8 个副本以容器运行，共享一个内核。',
        },
      },
      {
        type: 'caption',
        at: 300,
        caption: {
          en: 'Compare memory consumed: every VM carries an OS and its overhead; containers only their process.',
          'zh-CN': '比较内存消耗：每台虚拟机都承载一个操作系统及其开销；容器只承载其进程。',
        },
      },
      {
        type: 'command',
        at: 600,
        command: { type: 'service.scale', serviceId: 'svc-api-vm', replicas: 16 },
        caption: {
          en: 'Demand doubles: scale both to 16 replicas.',
          'zh-CN': '需求翻倍：两边都扩展到 16 个副本。',
        },
      },
      {
        type: 'command',
        at: 600,
        command: { type: 'service.scale', serviceId: 'svc-api-ctr', replicas: 16 },
      },
      {
        type: 'caption',
        at: 1200,
        caption: {
          en: 'The container cluster still has most of its memory free; the VM farm is filling up.',
          'zh-CN': '容器集群仍有大部分内存空闲；虚拟机集群正在被填满。',
        },
      },
    ],
  };
}

export const BUILTIN_STORYLINES: readonly (() => Storyline)[] = [
  blackFriday,
  hostFailure,
  consolidation,
  containersVsVms,
  wideVm,
  siocBackup,
  pieParadox,
];
