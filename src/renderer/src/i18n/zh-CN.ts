/** 简体中文 strings; same keys as en.ts. */
import type { Messages } from './en';

const zhCN: Messages = {
  app: { name: 'VDC Studio', noWorkspace: '未打开工作区' },
  connection: {
    connecting: '正在连接…',
    open: '已连接',
    closed: '连接已断开，正在重试',
  },
  clock: {
    play: '运行',
    pause: '暂停',
    step: '单步前进一个周期',
    speed: '模拟速度',
    max: '最快',
    simTime: '模拟日期和时间',
    speedOption: '{speed}×',
    actual: '实际 {speed}×',
    tick: '周期 {tick}',
  },
  chart: {
    live: '实时',
    liveTotals: '数据中心总量（实时）',
    noData: '正在等待数据…',
    metric: '指标',
  },
};
export default zhCN;
