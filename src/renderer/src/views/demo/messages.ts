/**
 * English and Simplified Chinese texts of the demo views. Components use them through useDemoI18n()
 * (a local vue-i18n scope that follows the app's locale). They can also be merged into the global
 * messages as `demo` (see docs/demos.md); zh-CN must have exactly the same keys (enforced below).
 */
import { useI18n } from 'vue-i18n';

const en = {
  demo: {
    open: 'Demos & labs',
    title: 'Demos and training',
    storylines: 'Storylines',
    labs: 'Labs',
    recording: 'Recording',
    start: 'Start',
    replaceTitle: 'Replace the open workspace?',
    replaceBody:
      'This starts in a fresh workspace and closes “{name}”. Its recorded history stays in its file.',
    replaceOk: 'Start',
    cancel: 'Cancel',
    present: 'Present',
    minutes: '{n} min',
    events: '{n} events',
    play: 'Play',
    pause: 'Pause',
    next: 'Next event',
    restart: 'Restart',
    stop: 'Stop',
    exit: 'Exit presenter mode',
    speed: 'Speed',
    finished: 'The end',
    status: { playing: 'Playing', paused: 'Paused', finished: 'Finished' },
    noStoryline: 'No storyline is running. Pick one to start.',
    keys: 'Space: play/pause · N or →: next event · R: restart · + / −: speed · F: full screen · Esc: exit',
    level: { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' },
    goal: 'Goal',
    checks: 'Checks',
    hints: 'Hints',
    hint: 'Show a hint',
    noMoreHints: 'No more hints',
    checkStatus: {
      pending: 'Not yet checked',
      passing: 'Passing',
      failing: 'Not yet',
      passed: 'Passed',
      failed: 'Failed',
    },
    labStatus: { running: 'In progress', passed: 'Lab passed', failed: 'Lab failed' },
    passedAt: 'Passed at {time}',
    failedAt: 'Failed at {time}: {why}',
    actions: 'Your actions',
    command: {
      vm_create: 'Create VM',
      vm_clone: 'Clone',
      vm_delete: 'Delete',
      vm_power: 'Power',
      vm_resize: 'Resize',
      vm_configure: 'Edit settings',
      vm_migrate: 'Migrate',
      container_create: 'Create container',
      container_delete: 'Delete container',
      container_restart: 'Restart container',
      service_create: 'Create service',
      service_scale: 'Scale service',
      service_delete: 'Delete service',
      host_add: 'Add host',
      host_remove: 'Remove host',
      host_maintenance: 'Maintenance mode',
      host_standby: 'Standby',
      host_fail: 'Fail host',
      host_repair: 'Repair host',
      cluster_configure: 'Cluster settings',
      task_cancel: 'Cancel task',
      drs_apply: 'Apply DRS recommendation',
    },
    noActions: 'No actions yet',
    refused: 'refused',
    reset: 'Reset to start',
    branch: 'Branch',
    back: 'Return from branch',
    branchHint: 'Branch saves a copy now and continues in it; Return goes back to where you branched.',
    export: 'Export recording as storyline',
    verify: 'Verify replay',
    verified: 'Replay gives the identical run hash ({hash}).',
    notVerified: 'Replay differs: live {live}, replay {replay}.',
    exported: 'Recording exported: {n} commands.',
    download: 'Download JSON',
    loadFile: 'Open storyline file…',
    loadLab: 'Open lab file…',
    result: 'Result',
    time: 'Time',
  },
};

export type DemoMessages = typeof en;

type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

const zhCN: SameKeys<DemoMessages> = {
  demo: {
    open: '演示与实验',
    title: '演示与培训',
    storylines: '故事线',
    labs: '实验',
    recording: '录制',
    start: '开始',
    replaceTitle: '替换当前工作区？',
    replaceBody: '将在新的工作区中开始，并关闭“{name}”。其已记录的历史保留在文件中。',
    replaceOk: '开始',
    cancel: '取消',
    present: '演示',
    minutes: '{n} 分钟',
    events: '{n} 个事件',
    play: '播放',
    pause: '暂停',
    next: '下一个事件',
    restart: '重新开始',
    stop: '停止',
    exit: '退出演示模式',
    speed: '速度',
    finished: '结束',
    status: { playing: '播放中', paused: '已暂停', finished: '已结束' },
    noStoryline: '没有正在运行的故事线。请选择一个开始。',
    keys: '空格：播放/暂停 · N 或 →：下一个事件 · R：重新开始 · + / −：速度 · F：全屏 · Esc：退出',
    level: { beginner: '初级', intermediate: '中级', advanced: '高级' },
    goal: '目标',
    checks: '检查项',
    hints: '提示',
    hint: '显示提示',
    noMoreHints: '没有更多提示',
    checkStatus: {
      pending: '尚未检查',
      passing: '通过中',
      failing: '尚未达成',
      passed: '已通过',
      failed: '未通过',
    },
    labStatus: { running: '进行中', passed: '实验通过', failed: '实验失败' },
    passedAt: '于 {time} 通过',
    failedAt: '于 {time} 失败：{why}',
    actions: '你的操作',
    command: {
      vm_create: '新建虚拟机',
      vm_clone: '克隆',
      vm_delete: '删除',
      vm_power: '电源操作',
      vm_resize: '调整大小',
      vm_configure: '编辑设置',
      vm_migrate: '迁移',
      container_create: '新建容器',
      container_delete: '删除容器',
      container_restart: '重启容器',
      service_create: '新建服务',
      service_scale: '伸缩服务',
      service_delete: '删除服务',
      host_add: '添加主机',
      host_remove: '移除主机',
      host_maintenance: '维护模式',
      host_standby: '待机',
      host_fail: '主机故障',
      host_repair: '修复主机',
      cluster_configure: '集群设置',
      task_cancel: '取消任务',
      drs_apply: '应用 DRS 建议',
    },
    noActions: '尚无操作',
    refused: '被拒绝',
    reset: '重置到开始',
    branch: '分支',
    back: '从分支返回',
    branchHint: '分支会立即保存一份副本并在副本中继续；返回则回到分支时的状态。',
    export: '将录制导出为故事线',
    verify: '验证回放',
    verified: '回放得到相同的运行哈希（{hash}）。',
    notVerified: '回放不一致：实时 {live}，回放 {replay}。',
    exported: '录制已导出：{n} 条命令。',
    download: '下载 JSON',
    loadFile: '打开故事线文件…',
    loadLab: '打开实验文件…',
    result: '结果',
    time: '时间',
  },
};

export const demoMessages = { en, 'zh-CN': zhCN };

/** The demo texts in the app's current locale. */
export function useDemoI18n() {
  return useI18n<{ message: DemoMessages }, 'en' | 'zh-CN'>({
    useScope: 'local',
    inheritLocale: true,
    messages: demoMessages as { en: DemoMessages; 'zh-CN': DemoMessages },
  });
}

/** A storyline/lab text in the given locale (English when there is no translation). */
export function localized(
  t: { en: string; 'zh-CN'?: string | undefined } | null | undefined,
  locale: string,
): string {
  if (!t) return '';
  return (locale === 'zh-CN' ? t['zh-CN'] : undefined) ?? t.en;
}

/** Simulated seconds as h:mm:ss. */
export function simClock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
