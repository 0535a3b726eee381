/**
 * Message codes: what the engine says (event texts, task names and results) as a code with parameters, so
 * the console and the report render it in the user's language. The English template of every code is here
 * (the console's en message file has the same templates under `msg.<code>`; a cross-layer test keeps them
 * equal), and `msgText` renders it: the English text stored with each record, so a record stays readable
 * where the code is unknown (older or newer versions, the CLI).
 *
 * Parameters are object names, numbers (counts: the console formats them for the locale) or strings
 * already formatted the way the English text always showed them (e.g. "2.3"), or nested messages.
 * Templates use `{name}` placeholders only (vue-i18n's named interpolation).
 */

export type MsgParam = string | number | Msg;
export interface Msg {
  /** A `MsgCode` when the engine made it; any string when read back from a file (a newer version's code). */
  code: string;
  params: Record<string, MsgParam>;
}

/** English templates by code. Add a code here and in both console message files (`msg`). */
export const MESSAGES_EN = {
  // events
  'ev.taskFailed': '{task} failed: {reason}',
  'ev.hostFailed': '{host} failed (not responding)',
  'ev.vmDown': '{vm} is down: its host {host} failed',
  'ev.containerDown': '{ct} stopped: its host {host} failed',
  'ev.vmRestartedHostBack': '{vm} restarted on {host} after the host came back',
  'ev.haRestarted': 'HA restarted {vm} on {host} (restart priority {priority})',
  'ev.haRestartFailed': 'HA could not restart {vm} (priority {priority}): {reason}; retrying every {sec} s',
  'ev.replicaRemoved': '{vm} removed: {reason}; {service} will start a replacement replica',
  'ev.vmStaysOff': '{vm} stays powered off: {reason}',
  'ev.ctRescheduleFailed': '{ct} could not be rescheduled off {host}: {reason}; retrying every {sec} s',
  'ev.ctRescheduled': '{ct} rescheduled from failed {host} to {where}',
  'ev.vmMigrated': '{vm} migrated from {from} to {to}: {result}',
  'ev.vmReregistered': '{vm} (powered off) re-registered on {host} for maintenance',
  'ev.hostInMaintenance': '{host} entered maintenance mode',
  'ev.serviceAutoscaled':
    '{service} scaled from {from} to {to} replicas (average CPU {cpu} % vs target {target} %)',
  'ev.ctEvicted': '{ct} evicted from its unavailable host; the service will replace it',
  'ev.ctScaledIn': '{ct} removed (scale-in of {service})',
  'ev.replicaUnplaceable': '{service}: replica {replica} cannot be placed: {reason}',
  'ev.replicaUnplaceableNoDs':
    '{service}: replica {replica} cannot be placed (the cluster has no shared datastore)',
  'ev.replicaUnplaceableVm': '{service}: replica {replica} cannot be placed',
  'ev.vmPoweredOn': '{vm} powered on on {host}',
  'ev.vmPoweredOff': '{vm} powered off',
  'ev.vmSuspended': '{vm} suspended',
  'ev.vmReset': '{vm} was reset',
  'ev.vmDeleted': '{vm} deleted',
  'ev.vmMovedCold': '{vm} moved (cold) to {host}',
  'ev.vmDisksMoved': '{vm} disks moved to {ds}',
  'ev.hostConnected': '{host} is connected',
  'ev.ctRemovedWithVm': '{ct} removed with its VM {vm}',
  'ev.schedulerMoveSkipped': 'Scheduler move of {vm} skipped: {reason}',
  'ev.hostStandbyDpm': '{host} entered standby ({reason})',
  'ev.hostLeftStandby': '{host} left standby ({reason})',
  'ev.vmResumedSpace': '{vm} resumed: its datastore has free space again',
  'ev.vmPausedNoSpace': '{vm} paused: datastore {ds} is full and its thin disk cannot grow',
  'ev.ctRestartedN': '{ct} restarted (restart {n})',
  'ev.ctOomStopped': '{ct} was OOM-killed ({mem} MiB > limit {limit} MiB) and stays stopped',
  'ev.ctOomRestart': '{ct} was OOM-killed ({mem} MiB > limit {limit} MiB); restart in {sec} s',
  'ev.hostAdded': '{host} added to {cluster}',
  'ev.hostRemoved': '{host} removed from the inventory',
  'ev.ctStoppedMaintenance': '{ct} stopped: {host} enters maintenance mode',
  'ev.drsMaintenanceRecs':
    'DRS on {cluster} is {automation}: apply its recommendations to move the running VMs off {host}',
  'ev.hostExitedMaintenance': '{host} exited maintenance mode',
  'ev.hostStandbyManual': '{host} entered standby (powered down)',
  'ev.clusterReconfigured': '{cluster} settings changed',
  'ev.drsApplied': '{count} DRS recommendation(s) applied on {cluster}',
  'ev.vmPoweredOffHaCancelled': '{vm} powered off (HA restart cancelled)',
  'ev.vmReconfigured': '{vm} settings changed',
  'ev.hostTopology': '{host} CPU topology set: {nodes} NUMA node(s), {threads} thread(s) per core',
  'ev.hostTopologyFlat': '{host} uses the flat CPU model again (no NUMA, no hyper-threading)',
  'ev.siocOn': 'Storage I/O Control on for {ds} (threshold {ms} ms)',
  'ev.siocOff': 'Storage I/O Control off for {ds}',
  'ev.ctDeleted': '{ct} deleted',
  'ev.ctDeletedReplaced': '{ct} deleted (its service will replace it)',
  'ev.ctRestartedByRequest': '{ct} restarted by request',
  'ev.serviceCreated': 'Service {service} created with {count} replica(s)',
  'ev.serviceScaled': '{service} scaled from {from} to {to} replicas',
  'ev.serviceDeleted': 'Service {service} and its replicas deleted',
  // task names
  'task.createVm': 'Create {vm} on {host}',
  'task.createVmOn': 'Create {vm} on {host} and power on',
  'task.cloneVm': 'Clone to {vm} on {host}',
  'task.cloneVmOn': 'Clone to {vm} on {host} and power on',
  'task.deployVm': 'Deploy from template to {vm} on {host}',
  'task.deployVmOn': 'Deploy from template to {vm} on {host} and power on',
  'task.startContainer': 'Start container {ct} on {where}',
  'task.migrate': 'Migrate {vm} to {host}',
  'task.migrateStorage': 'Migrate {vm} to {host} with its storage',
  'task.deleteScaleIn': 'Delete {vm} (scale-in of {service})',
  'task.enterMaintenance': 'Enter maintenance mode on {host}',
  'task.exitStandby': 'Power on {host} from standby',
  'task.repairHost': 'Repair and reboot {host}',
  'task.deleteVm': 'Delete {vm}',
  'task.powerOn': 'Power on {vm}',
  'task.resume': 'Resume {vm}',
  'task.powerOff': 'Power off {vm}',
  'task.shutdown': 'Shut down guest of {vm}',
  'task.reset': 'Reset {vm}',
  'task.suspend': 'Suspend {vm}',
  'task.reconfigure': 'Reconfigure {vm}',
  'task.storageVmotion': 'Storage vMotion of {vm} to {ds}',
  'task.moveDisks': 'Move disks of {vm} to {ds}',
  'task.moveColdWithStorage': 'Move {vm} to {host} and {ds}',
  'task.moveCold': 'Move {vm} (powered off) to {host}',
  'task.withReason': '{task} ({reason})',
  'task.drsApproved': '{task} (DRS recommendation, priority {priority}, approved)',
  // task results and reasons
  'reason.hostFailed': '{host} failed',
  'reason.hostFailedDuringMigration': '{host} failed during the migration',
  'reason.migrated': 'completed in {sec} s after {rounds} round(s), {sent} MiB sent, downtime {downtime} ms',
  'reason.completedIn': 'completed in {sec} s',
  'reason.vmGone': 'the VM no longer exists',
  'reason.vmOrDsGone': 'the VM or the destination datastore no longer exists',
  'reason.ctGone': 'the container no longer exists',
  'reason.hostRemoved': 'the host was removed',
  'reason.leftMaintenance': 'the host left maintenance ({state})',
  'reason.inMaintenance': '{host} is in maintenance mode ({count} VM(s) migrated)',
  'reason.notEvacuated': '{count} VM(s) could not be evacuated',
  'reason.notEvacuatedNoHost': '{count} VM(s) could not be evacuated: no host admits {vms}',
  'reason.maintenanceExited': 'maintenance mode exited',
  'reason.cancelledExitMaintenance': 'cancelled by the user; the host exits maintenance mode',
  'reason.cancelled': 'cancelled by the user',
  'reason.notConverged':
    'did not converge after {rounds} pre-copy rounds: the guest dirties {dirty} MiB/s while {bw} MiB/s are available ({left} MiB would still need {stun} ms > {target} ms downtime)',
  // resource pools and vApps (pools/)
  'ev.poolCreated': 'Resource pool {pool} created in {cluster}',
  'ev.vappCreated': 'vApp {pool} created in {cluster}',
  'ev.poolChanged': 'Resource pool {pool} settings changed',
  'ev.poolDeleted': 'Resource pool {pool} deleted; its VMs and pools moved to {parent}',
  'ev.vmMovedToPool': '{vm} moved to {pool}',
  'ev.vappPowerOn': 'vApp {pool}: powering on {count} VMs in start order',
  'ev.vappPowerOff': 'vApp {pool}: powering off {count} VMs',
  'ev.vappVmSkipped': 'vApp {pool}: {vm} was not powered on: {reason}',
  'ev.vappStarted': 'vApp {pool} started',
  // alarms (raised by the service)
  'alarm.threshold': '{rule} of {object} is {value} {unit} (threshold {op}{threshold} {unit})',
  'alarm.thresholdFor':
    '{rule} of {object} is {value} {unit} (threshold {op}{threshold} {unit} for {min} min)',
  'alarmRule.hostCpu': 'Host CPU usage',
  'alarmRule.hostMem': 'Host memory usage',
  'alarmRule.datastoreUsage': 'Datastore usage',
  'alarmRule.vmReady': 'VM CPU ready',
  // alarm actions (run by the service, issue 12)
  'alarmAct.notify': 'Alarm notification ({level}): {alarm}',
  'alarmAct.ran': '{rule} on {object} ({level}): {action}',
  'alarmAct.refused': '{rule} on {object} ({level}): {action} was refused: {reason}',
  'alarmLevel.warning': 'warning',
  'alarmLevel.critical': 'critical',
  'alarmLevel.clear': 'cleared',
  'alarmLevel.warningAgain': 'warning, repeated',
  'alarmLevel.criticalAgain': 'critical, repeated',
  'alarmActType.enterMaintenance': 'enter maintenance mode',
  'alarmActType.exitMaintenance': 'exit maintenance mode',
  'alarmActType.migrate': 'migrate the VM',
  'alarmActType.powerOff': 'power off the VM',
  'alarmActType.shutdown': 'shut down the guest OS',
  'alarmActType.suspend': 'suspend the VM',
  'alarmActType.reset': 'reset the VM',
  'alarmActType.restart': 'restart the container',
} as const;

export type MsgCode = keyof typeof MESSAGES_EN;

export function msg(code: MsgCode, params: Record<string, MsgParam> = {}): Msg {
  return { code, params };
}

/** The English text of a message (or the text itself): what is stored and what the CLI prints. */
export function msgText(m: string | Msg): string {
  if (typeof m === 'string') return m;
  const template = (MESSAGES_EN as Record<string, string>)[m.code] ?? m.code;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = m.params[key];
    return v === undefined ? whole : typeof v === 'object' ? msgText(v) : String(v);
  });
}
