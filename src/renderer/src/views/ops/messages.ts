/**
 * English and Simplified Chinese texts of the events/tasks console, the alarm definitions editor and the
 * advanced chart (issue 12). Components use them through useOpsI18n() (a local scope that follows the
 * app's locale); zh-CN must have exactly the same keys (enforced by its type).
 */
import { useI18n } from 'vue-i18n';

const en = {
  ops: {
    open: 'Events & alarms',
    title: 'Events, tasks and alarms',
    tabs: { events: 'Events', tasks: 'Tasks', alarms: 'Alarm definitions', chart: 'Advanced chart' },
    filters: {
      type: 'Type',
      allTypes: 'All types',
      object: 'Object',
      allObjects: 'All objects',
      children: 'and its children',
      range: 'Time range',
      state: 'Status',
      allStates: 'All statuses',
    },
    ranges: {
      all: 'All time',
      m15: 'Last 15 min',
      h1: 'Last hour',
      d1: 'Last day',
      w1: 'Last week',
      d30: 'Last 30 days',
    },
    objects: 'Objects',
    exportCsv: 'Export CSV',
    exporting: 'Exporting {done} of {total}…',
    exported: '{count} rows exported',
    rows: '{count} rows',
    openObject: 'Open {name} in the inventory',
    finished: 'Finished',
    defs: {
      intro:
        'Metric alarms evaluated on every tick: a level triggers when the value stays at or beyond its threshold for the duration; an active alarm clears when the value is back past the threshold by the tolerance. Changes apply from the current simulated time; recorded alarms are never rewritten.',
      name: 'Name',
      kind: 'Object kind',
      metric: 'Metric',
      direction: 'Condition',
      above: 'is above',
      below: 'is below',
      warning: 'Warning',
      critical: 'Critical',
      tolerance: 'Tolerance',
      duration: 'For (s)',
      enabled: 'Enabled',
      builtin: 'built-in',
      add: 'New definition',
      edit: 'Edit',
      delete: 'Delete',
      save: 'Save',
      cancel: 'Cancel',
      newTitle: 'New alarm definition',
      editTitle: 'Edit alarm definition {name}',
      saved: 'Alarm definition saved; it applies from the next evaluation.',
      deleted: 'Alarm definition deleted.',
      confirmDelete:
        'Delete the alarm definition "{name}"? Its active alarms are cleared; recorded alarms stay.',
      kinds: {
        host: 'Host',
        vm: 'Virtual machine',
        datastore: 'Datastore',
        cluster: 'Cluster',
        container: 'Container',
      },
      problems: {
        label: 'Give the definition a name.',
        metric: 'Choose a metric of this object kind.',
        thresholds: 'Enter both thresholds.',
        order:
          'Critical must be beyond warning in the direction of the condition (above: higher; below: lower).',
        tolerance: 'The tolerance must be 0 or more.',
        duration: 'The duration must be a whole number of seconds, 0 or more.',
      },
    },
    chart: {
      intro: 'Pick objects of one kind and up to 4 metrics: one series per object and metric.',
      kind: 'Object kind',
      objects: 'Objects',
      fromParent: 'Add all of',
      add: 'Add',
      metrics: 'Metrics',
      range: 'Range',
      stacked: 'Stacked',
      stat: 'Statistic',
      avg: 'Average',
      max: 'Maximum',
      none: 'Choose at least one object and one metric.',
      tooMany: 'At most {n} objects per chart: the first {n} are shown.',
      label: '{metric} of {count} objects',
    },
  },
};

type OpsMessages = typeof en;
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zhCN: Shape<OpsMessages> = {
  ops: {
    open: '事件与警报',
    title: '事件、任务和警报',
    tabs: { events: '事件', tasks: '任务', alarms: '警报定义', chart: '高级图表' },
    filters: {
      type: '类型',
      allTypes: '全部类型',
      object: '对象',
      allObjects: '全部对象',
      children: '及其子对象',
      range: '时间范围',
      state: '状态',
      allStates: '全部状态',
    },
    ranges: {
      all: '全部时间',
      m15: '最近 15 分钟',
      h1: '最近 1 小时',
      d1: '最近 1 天',
      w1: '最近 1 周',
      d30: '最近 30 天',
    },
    objects: '对象',
    exportCsv: '导出 CSV',
    exporting: '正在导出 {done} / {total}…',
    exported: '已导出 {count} 行',
    rows: '{count} 行',
    openObject: '在清单中打开 {name}',
    finished: '完成时间',
    defs: {
      intro:
        '每个时间步都会评估的指标警报：数值在持续时间内一直达到或超过阈值时触发相应级别；数值回到阈值以内并超出容差后，活动警报清除。更改从当前模拟时间起生效；已记录的警报不会被改写。',
      name: '名称',
      kind: '对象类型',
      metric: '指标',
      direction: '条件',
      above: '高于',
      below: '低于',
      warning: '警告',
      critical: '严重',
      tolerance: '容差',
      duration: '持续（秒）',
      enabled: '已启用',
      builtin: '内置',
      add: '新建定义',
      edit: '编辑',
      delete: '删除',
      save: '保存',
      cancel: '取消',
      newTitle: '新建警报定义',
      editTitle: '编辑警报定义 {name}',
      saved: '警报定义已保存，将从下一次评估起生效。',
      deleted: '警报定义已删除。',
      confirmDelete: '删除警报定义“{name}”？其活动警报将被清除；已记录的警报保留。',
      kinds: { host: '主机', vm: '虚拟机', datastore: '数据存储', cluster: '集群', container: '容器' },
      problems: {
        label: '请为定义命名。',
        metric: '请选择该对象类型的指标。',
        thresholds: '请输入两个阈值。',
        order: '严重阈值必须在条件方向上超过警告阈值（高于：更高；低于：更低）。',
        tolerance: '容差必须大于或等于 0。',
        duration: '持续时间必须是大于或等于 0 的整数秒。',
      },
    },
    chart: {
      intro: '选择同一类型的对象和最多 4 个指标：每个对象和指标一条曲线。',
      kind: '对象类型',
      objects: '对象',
      fromParent: '添加以下对象的全部',
      add: '添加',
      metrics: '指标',
      range: '范围',
      stacked: '堆叠',
      stat: '统计',
      avg: '平均值',
      max: '最大值',
      none: '请至少选择一个对象和一个指标。',
      tooMany: '每个图表最多 {n} 个对象：仅显示前 {n} 个。',
      label: '{count} 个对象的{metric}',
    },
  },
};

type Local = OpsMessages['ops'];

/** For merging into the global messages or checking key parity. */
export const opsMessages = { en, 'zh-CN': zhCN };

/** Local scope: keys without the "ops." prefix, e.g. t('tabs.events'). */
export function useOpsI18n() {
  return useI18n<{ message: Local }, 'en' | 'zh-CN'>({
    useScope: 'local',
    inheritLocale: true,
    messages: { en: en.ops, 'zh-CN': zhCN.ops } as { en: Local; 'zh-CN': Local },
  });
}
