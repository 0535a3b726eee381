/** English strings. zh-CN.ts must have exactly the same keys (enforced by its type). */
const en = {
  app: { name: 'VDC Studio', noWorkspace: 'No workspace open' },
  connection: {
    connecting: 'Connecting…',
    open: 'Connected',
    closed: 'Disconnected — retrying',
  },
  clock: {
    play: 'Play',
    pause: 'Pause',
    step: 'Step one tick',
    speed: 'Simulation speed',
    max: 'Max',
    simTime: 'Simulated date and time',
    speedOption: '{speed}×',
    actual: 'Actual {speed}×',
    tick: 'Tick {tick}',
  },
  chart: {
    live: 'Live',
    liveTotals: 'Datacenter totals (live)',
    noData: 'Waiting for data…',
    metric: 'Metric',
  },
};
export default en;
export type Messages = typeof en;
