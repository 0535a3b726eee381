/**
 * Storylines and labs of issue 20 (NUMA, co-stop, Storage I/O Control), with their scenarios. Plain
 * version-1 storyline and lab JSON like the others; the numbers are worked out in the comments.
 */
import type { HostSpec, Scenario, VmSpec, WorkloadSpec } from '../../../engine';
import type { Lab } from '../../../engine/labs';
import type { Storyline } from '../../../engine/storyline';
import { pieParadoxLabScenario } from './scenarios';

const steady = (cpuPct: number, memPct = 30, extra: Partial<WorkloadSpec> = {}): WorkloadSpec => ({
  pattern: 'constant',
  cpuBasePct: cpuPct,
  cpuPeakPct: cpuPct,
  memActivePct: memPct,
  noisePct: 2,
  ...extra,
});

function oneCluster(name: string, description: string): Scenario {
  return {
    version: 1,
    name,
    description,
    seed: 42,
    tickSeconds: 20,
    datacenters: [{ id: 'dc-demo', name: 'Demo DC' }],
    clusters: [
      {
        id: 'cluster-demo',
        name: 'Demo',
        datacenterId: 'dc-demo',
        settings: { drs: { enabled: false }, ha: { enabled: false, admission: 'disabled' } },
      },
    ],
    hosts: [],
    datastores: [],
    networks: [{ id: 'net-vm', name: 'VM Network', datacenterId: 'dc-demo', clusterIds: [] }],
    vms: [],
    containers: [],
    services: [],
    traces: [],
  };
}

function vm(id: string, hostId: string, vcpus: number, memGiB: number, wl: WorkloadSpec, ds: string): VmSpec {
  return {
    id,
    name: id.replace(/^vm-/, ''),
    hostId,
    vcpus,
    memMiB: memGiB * 1024,
    disks: [{ datastoreId: ds, sizeGiB: 60, thin: true, usedGiB: 20 }],
    networkId: 'net-vm',
    guestOS: 'Ubuntu Linux (64-bit)',
    workload: wl,
  };
}

/**
 * One host, 2 sockets × 16 cores × 2400 MHz, 256 GiB, two NUMA nodes (16 cores, 128 GiB each), hyper-threading
 * on: 96,000 MHz, 64 threads (40 cores' worth of throughput). The app runs twice with the same work (6.4
 * vCPUs' worth) and the same CPU shares (8,000, the same priority): `wide` with 32 vCPUs at 20 % (spans both
 * nodes: 50 % local, 1.165 cycles per unit of work) and `lean` with 8 vCPUs at 80 % (one node, all local).
 * Six 8-vCPU neighbours at 30 % make 88 vCPUs; at ×2 they want ≈ 73,000 MHz and the host (≈ 108,000 MHz
 * asked of 96,000) is contended.
 */
export function wideVmScenario(): Scenario {
  const s = oneCluster(
    'NUMA and co-stop',
    'One two-socket host: a 32-vCPU and an 8-vCPU VM doing the same work.',
  );
  const h: HostSpec = {
    id: 'host-numa-01',
    name: 'esx-numa-01',
    clusterId: 'cluster-demo',
    sockets: 2,
    coresPerSocket: 16,
    coreMHz: 2400,
    memMiB: 256 * 1024,
    nicMbps: 25_000,
    cpuModel: 'Intel Xeon Gold 6326 (Ice Lake)',
    cpuVendor: 'intel',
    cpuGeneration: 10,
    power: { idleW: 160, maxW: 520 },
    topology: { numaNodes: 2, threadsPerCore: 2 },
  };
  s.hosts = [h];
  s.datastores = [
    { id: 'ds-demo', name: 'demo-ds', clusterId: 'cluster-demo', capacityGiB: 8192, maxIops: 40_000 },
  ];
  s.vms = [
    { ...vm('vm-wide', h.id, 32, 32, steady(20), 'ds-demo'), cpu: { shares: 8000 } },
    { ...vm('vm-lean', h.id, 8, 32, steady(80), 'ds-demo'), cpu: { shares: 8000 } },
    ...Array.from({ length: 6 }, (_, i) => vm(`vm-neighbour-0${i + 1}`, h.id, 8, 16, steady(30), 'ds-demo')),
  ];
  return s;
}

export function wideVm(): Storyline {
  return {
    version: 1,
    id: 'wide-vm',
    title: { en: 'Why the 32-vCPU VM is slower', 'zh-CN': '为什么 32 个 vCPU 的虚拟机更慢' },
    description: {
      en: 'The same work in a 32-vCPU and an 8-vCPU VM: NUMA locality, hypervisor overhead and, once the host is busy, co-stop.',
      'zh-CN':
        '同样的工作放在 32 vCPU 和 8 vCPU 的虚拟机中：NUMA 本地性、虚拟化开销，以及主机繁忙时的协同停止。',
    },
    scenario: { inline: wideVmScenario() },
    durationSec: 3600,
    focus: {
      entityIds: ['vm-wide', 'vm-lean'],
      metrics: ['cpu.usage.mhz', 'numa.locality.pct', 'cpu.costop.pct', 'cpu.ready.vcpu.pct'],
    },
    events: [
      {
        type: 'caption',
        at: 0,
        caption: {
          en: 'wide (32 vCPUs at 20 %) and lean (8 vCPUs at 80 %) do the same work. wide spans both NUMA nodes: half its memory is remote.',
          'zh-CN':
            'wide（32 vCPU，20%）和 lean（8 vCPU，80%）做同样的工作。wide 跨越两个 NUMA 节点：一半内存是远程的。',
        },
      },
      {
        type: 'caption',
        at: 600,
        caption: {
          en: 'Same work, more host CPU: remote memory stalls and the overhead of 32 vCPUs cost wide about a fifth more.',
          'zh-CN': '同样的工作，更多的主机 CPU：远程内存停顿和 32 个 vCPU 的开销使 wide 多消耗约五分之一。',
        },
      },
      ...Array.from({ length: 6 }, (_, i) => ({
        type: 'loadSpike' as const,
        at: 1200,
        targetId: `vm-neighbour-0${i + 1}`,
        factor: 2,
        durationSec: 1800,
        ...(i === 0
          ? {
              caption: {
                en: 'The neighbours get busy: the host is contended and every VM waits (ready).',
                'zh-CN': '邻居虚拟机变忙：主机出现争用，每台虚拟机都在等待（就绪）。',
              },
              pause: true,
            }
          : {}),
      })),
      {
        type: 'caption',
        at: 1500,
        caption: {
          en: "Relaxed co-scheduling stops wide's vCPUs that run ahead of waiting siblings: with 31 siblings to wait for, each of its vCPUs is co-stopped more than lean's. Right-size it to 8 vCPUs.",
          'zh-CN':
            '宽松协同调度会停止领先于等待中同伴的 vCPU：wide 有 31 个同伴要等待，它每个 vCPU 的协同停止都多于 lean。请将其调整为 8 个 vCPU。',
        },
      },
      {
        type: 'caption',
        at: 3000,
        caption: {
          en: 'The neighbours calm down: co-stop disappears, the NUMA cost stays.',
          'zh-CN': '邻居恢复平静：协同停止消失，NUMA 的代价仍在。',
        },
      },
    ],
  };
}

/**
 * A SAN datastore of 10,000 IOPS at 5 ms. The database asks 3,000 IOPS (disk shares high), the backup
 * job 12,000 (shares low). Without SIOC the datastore runs at ρ = 1.5: every I/O waits ≈ 158 ms and the
 * database gets 2,000 IOPS. With SIOC (threshold 30 ms) the device is held at 30 ms (8,333 IOPS) and the
 * shares give the database all of its 3,000 IOPS at 30 ms; the backup waits.
 */
export function siocScenario(): Scenario {
  const s = oneCluster('SIOC and the backup job', 'A database and a backup job on one SAN datastore.');
  s.hosts = [1, 2].map((i) => ({
    id: `host-san-0${i}`,
    name: `esx-san-0${i}`,
    clusterId: 'cluster-demo',
    sockets: 1,
    coresPerSocket: 16,
    coreMHz: 2400,
    memMiB: 128 * 1024,
    nicMbps: 10_000,
    cpuModel: 'Intel Xeon Silver 4314 (Ice Lake)',
    cpuVendor: 'intel' as const,
    cpuGeneration: 10,
    power: { idleW: 110, maxW: 320 },
  }));
  s.datastores = [
    {
      id: 'ds-san',
      name: 'san-01',
      clusterId: 'cluster-demo',
      capacityGiB: 16_384,
      maxIops: 10_000,
      baseLatencyMs: 5,
    },
  ];
  const db = vm('vm-db', 'host-san-01', 8, 64, steady(40, 60, { iopsPeak: 3000, noisePct: 0 }), 'ds-san');
  db.disks[0]!.iopsShares = 'high';
  const backup = vm(
    'vm-backup',
    'host-san-02',
    4,
    8,
    steady(30, 20, { iopsPeak: 12_000, noisePct: 0 }),
    'ds-san',
  );
  backup.disks[0]!.iopsShares = 'low';
  backup.power = 'poweredOff';
  s.vms = [db, backup];
  return s;
}

export function siocBackup(): Storyline {
  return {
    version: 1,
    id: 'sioc-backup',
    title: { en: 'SIOC saves the database', 'zh-CN': 'SIOC 拯救数据库' },
    description: {
      en: 'A backup job floods the datastore the database lives on; Storage I/O Control gives the database its share back.',
      'zh-CN': '备份作业挤占了数据库所在的数据存储；存储 I/O 控制把数据库应得的份额还给它。',
    },
    scenario: { inline: siocScenario() },
    durationSec: 3600,
    focus: { entityIds: ['vm-db', 'vm-backup'], metrics: ['disk.latency.ms', 'disk.iops'] },
    events: [
      {
        type: 'caption',
        at: 0,
        caption: {
          en: 'The database does 3,000 IOPS on san-01 at about 7 ms.',
          'zh-CN': '数据库在 san-01 上以约 7 毫秒完成 3,000 IOPS。',
        },
      },
      {
        type: 'command',
        at: 900,
        command: { type: 'vm.power', vmId: 'vm-backup', action: 'on' },
        caption: {
          en: 'The backup job starts and asks 12,000 IOPS: the datastore saturates, the database gets 2,000 IOPS at about 158 ms.',
          'zh-CN':
            '备份作业启动并请求 12,000 IOPS：数据存储饱和，数据库只得到约 158 毫秒延迟下的 2,000 IOPS。',
        },
        pause: true,
      },
      {
        type: 'command',
        at: 1800,
        command: { type: 'datastore.sioc', datastoreId: 'ds-san', enabled: true, thresholdMs: 30 },
        caption: {
          en: 'Storage I/O Control on (30 ms): the device is held at the threshold and the disk shares (database high, backup low) divide it.',
          'zh-CN':
            '启用存储 I/O 控制（30 毫秒）：设备延迟保持在阈值，磁盘份额（数据库高、备份低）分配 IOPS。',
        },
        pause: true,
      },
      {
        type: 'caption',
        at: 2100,
        caption: {
          en: 'The database has all its 3,000 IOPS again at 30 ms; the backup waits in its host queue and takes longer.',
          'zh-CN': '数据库重新获得全部 3,000 IOPS，延迟 30 毫秒；备份在主机队列中等待，耗时更长。',
        },
      },
    ],
  };
}

/** The wide-VM scenario with the neighbours already busy (×3, 90 %): the host is contended from the start. */
export function wideVmLabScenario(): Scenario {
  const s = wideVmScenario();
  s.vms = s.vms.map((v) => (v.id.startsWith('vm-neighbour') ? { ...v, workload: steady(90) } : v));
  return s;
}

export function wideVmLab(): Lab {
  return {
    version: 1,
    id: 'lab-wide-vm',
    order: 7,
    level: 'intermediate',
    title: { en: 'The 32-vCPU VM is slower', 'zh-CN': '32 vCPU 的虚拟机更慢' },
    goal: {
      en: 'wide (32 vCPUs) spans both NUMA nodes of esx-numa-01 and is co-stopped on the busy host. Make it NUMA-local and cut its co-stop to less than half, with every VM still running at the end.',
      'zh-CN':
        'wide（32 vCPU）跨越 esx-numa-01 的两个 NUMA 节点，并在繁忙的主机上被协同停止。请使其 NUMA 本地化，并将其协同停止减少到一半以下，最后所有虚拟机仍须运行。',
    },
    scenario: { inline: wideVmLabScenario() },
    durationSec: 1800,
    drills: [],
    checks: [
      {
        id: 'local',
        kind: 'metric',
        entityKind: 'vm',
        withinId: 'vm-wide',
        metric: 'numa.locality.pct',
        aggregate: 'min',
        op: '>=',
        value: 100,
        sustainSec: 120,
        text: { en: 'wide is 100 % NUMA-local for 2 minutes', 'zh-CN': 'wide 持续 2 分钟 100% NUMA 本地' },
      },
      {
        id: 'costop',
        kind: 'metric',
        entityKind: 'vm',
        withinId: 'vm-wide',
        metric: 'cpu.costop.pct',
        aggregate: 'max',
        baseline: 'start',
        op: '<',
        value: 50,
        sustainSec: 120,
        text: {
          en: 'wide co-stops less than half as much as at the start, for 2 minutes',
          'zh-CN': 'wide 的协同停止持续 2 分钟低于开始时的一半',
        },
      },
      {
        id: 'all-running',
        kind: 'count',
        entityKind: 'vm',
        withinId: 'cluster-demo',
        states: ['poweredOn'],
        op: '>=',
        value: 8,
        text: { en: 'All 8 VMs run', 'zh-CN': '全部 8 台虚拟机都在运行' },
      },
    ],
    hints: [
      {
        en: 'A NUMA node of esx-numa-01 has 16 cores and 128 GiB. A VM that fits one node is scheduled on it.',
        'zh-CN':
          'esx-numa-01 的每个 NUMA 节点有 16 个核心和 128 GiB 内存。能装进一个节点的虚拟机会被调度到该节点上。',
      },
      {
        en: 'vCPUs cannot be hot-removed: power wide off, resize it to 8 vCPUs (its work fits: it runs at 20 % of 32), power it on.',
        'zh-CN': 'vCPU 不能热移除：将 wide 关机，调整为 8 个 vCPU（它只用了 32 个的 20%），再开机。',
      },
    ],
  };
}

/** The SIOC scenario with the backup job already running and SIOC off. */
export function siocLabScenario(): Scenario {
  const s = siocScenario();
  s.vms = s.vms.map((v) => (v.id === 'vm-backup' ? { ...v, power: 'poweredOn' as const } : v));
  return s;
}

export function siocLab(): Lab {
  return {
    version: 1,
    id: 'lab-sioc',
    order: 8,
    level: 'intermediate',
    title: { en: 'Save the database from the backup', 'zh-CN': '从备份作业中拯救数据库' },
    goal: {
      en: 'The backup job floods san-01 and the database waits about 158 ms per I/O. Bring the database below 35 ms and give it its 3,000 IOPS — without stopping the backup.',
      'zh-CN':
        '备份作业挤满了 san-01，数据库每次 I/O 约等待 158 毫秒。请将数据库延迟降到 35 毫秒以下并让它获得 3,000 IOPS——且不停止备份。',
    },
    scenario: { inline: siocLabScenario() },
    durationSec: 1800,
    drills: [],
    checks: [
      {
        id: 'db-latency',
        kind: 'metric',
        entityKind: 'vm',
        withinId: 'vm-db',
        metric: 'disk.latency.ms',
        aggregate: 'max',
        op: '<',
        value: 35,
        sustainSec: 120,
        text: {
          en: 'Database latency below 35 ms for 2 minutes',
          'zh-CN': '数据库延迟持续 2 分钟低于 35 毫秒',
        },
      },
      {
        id: 'db-iops',
        kind: 'metric',
        entityKind: 'vm',
        withinId: 'vm-db',
        metric: 'disk.iops',
        aggregate: 'min',
        op: '>=',
        value: 2990,
        sustainSec: 120,
        text: { en: 'The database gets its 3,000 IOPS', 'zh-CN': '数据库获得 3,000 IOPS' },
      },
      {
        id: 'backup-runs',
        kind: 'count',
        entityKind: 'vm',
        withinId: 'cluster-demo',
        states: ['poweredOn'],
        op: '>=',
        value: 2,
        mode: 'always',
        text: { en: 'The backup keeps running', 'zh-CN': '备份一直在运行' },
      },
    ],
    hints: [
      {
        en: 'Look at the datastore san-01: 15,000 IOPS are asked of a 10,000-IOPS device.',
        'zh-CN': '查看数据存储 san-01：一台 10,000 IOPS 的设备被请求了 15,000 IOPS。',
      },
      {
        en: 'Resource settings of san-01: turn on Storage I/O Control. The database disk has high shares, the backup low. (A 4,000-IOPS limit on the backup disk works too.)',
        'zh-CN':
          '在 san-01 的资源设置中启用存储 I/O 控制。数据库磁盘份额为高，备份为低。（给备份磁盘设置 4,000 IOPS 限制也可以。）',
      },
    ],
  };
}

/**
 * The pie paradox as a show (the lab's scenario, pieParadoxLabScenario: one 20,000-MHz host, Production
 * with high shares and eight busy VMs, Test with normal shares and two). Pools divide by their shares:
 * Production 13,333 MHz (1,667 per VM), Test 6,667 (3,333 per VM). At 900 s Production's shares go to
 * 16,000 (four times Test's, as it holds four times the VMs): 16,000 MHz for eight, 4,000 for two — 2,000
 * MHz per VM on both sides.
 */
export function pieParadox(): Storyline {
  const scenario = pieParadoxLabScenario();
  scenario.name = 'The pie paradox';
  scenario.description = 'Two resource pools on one busy host: high shares, yet less CPU per VM.';
  return {
    version: 1,
    id: 'pie-paradox',
    title: { en: 'The pie paradox', 'zh-CN': '资源池饼图悖论' },
    description: {
      en: 'A pool with high shares and many VMs gives each of them less CPU than a pool with normal shares and few VMs.',
      'zh-CN': '份额为“高”但虚拟机众多的资源池，分给每台虚拟机的 CPU 反而少于份额“正常”但虚拟机少的资源池。',
    },
    scenario: { inline: scenario },
    durationSec: 1800,
    focus: {
      entityIds: ['vm-prod-01', 'vm-test-01', 'pool-prod', 'pool-test'],
      metrics: ['cpu.usage.mhz', 'cpu.entitlement.mhz'],
    },
    events: [
      {
        type: 'caption',
        at: 0,
        caption: {
          en: 'One host of 20,000 MHz, ten busy VMs. Production has high CPU shares (8,000) and eight VMs; Test has normal shares (4,000) and two.',
          'zh-CN':
            '一台 20,000 MHz 的主机，十台繁忙的虚拟机。Production 的 CPU 份额为“高”（8,000），有八台虚拟机；Test 为“正常”（4,000），有两台。',
        },
      },
      {
        type: 'caption',
        at: 300,
        caption: {
          en: 'The pools split the host 2 : 1 by their shares: Production 13,333 MHz, Test 6,667. Inside, each production VM gets 1,667 MHz, each test VM 3,333 — half as much for the "high" side.',
          'zh-CN':
            '两个资源池按份额 2 : 1 分配主机：Production 13,333 MHz，Test 6,667 MHz。池内每台生产虚拟机得到 1,667 MHz，每台测试虚拟机 3,333 MHz——“高”份额一方反而只有一半。',
        },
        pause: true,
      },
      {
        type: 'command',
        at: 900,
        command: { type: 'pool.configure', poolId: 'pool-prod', cpu: { shares: 16_000 } },
        caption: {
          en: 'Production holds four times the VMs of Test: its shares go to four times Test’s (custom 16,000). The host now splits 16,000 : 4,000 MHz — 2,000 MHz per VM on both sides.',
          'zh-CN':
            'Production 的虚拟机数量是 Test 的四倍：将其份额设为 Test 的四倍（自定义 16,000）。主机现按 16,000 : 4,000 MHz 分配——两边每台虚拟机都是 2,000 MHz。',
        },
        pause: true,
      },
      {
        type: 'caption',
        at: 1500,
        caption: {
          en: 'Pool shares compete only with sibling pools and VMs, whatever a pool holds. Size a pool’s shares with what it holds, or keep VMs of different importance in one pool with their own shares.',
          'zh-CN':
            '资源池的份额只与同级的资源池和虚拟机竞争，与池内有多少虚拟机无关。请按池内的内容设置其份额，或把重要性不同的虚拟机放在同一个池中，用各自的份额区分。',
        },
      },
    ],
  };
}
