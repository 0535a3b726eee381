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
  'ev.poolMoved': 'Resource pool {pool} moved to {parent}',
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
  // s5-zh: snapshots, templates, annotations, rules and groups, host power (issue 12)
  'ev.snapshotCreated': 'Snapshot "{snapshot}" of {vm} created',
  'ev.snapshotCreatedMem': 'Snapshot "{snapshot}" of {vm} created (with memory)',
  'ev.snapshotRevertedOff': '{vm} reverted to "{snapshot}" but stays powered off: {reason}',
  'ev.snapshotReverted': '{vm} reverted to snapshot "{snapshot}"',
  'ev.snapshotDeleted': 'Snapshot "{snapshot}" of {vm} deleted',
  'ev.snapshotsDeletedAll': 'All snapshots of {vm} deleted',
  'ev.vmConsolidated': 'Disks of {vm} consolidated',
  'ev.consolidationNeeded':
    '{vm}: virtual machine disks consolidation is needed (datastore {ds} has {free} GiB free; merging needs {need} GiB)',
  'ev.vmPausedNoSpaceDelta': '{vm} paused: datastore {ds} is full and its snapshot delta disk cannot grow',
  'ev.vmToTemplate': '{vm} converted to a template',
  'ev.templateToVm': 'Template {vm} converted to a virtual machine',
  'ev.annotated': '{name}: tags and custom attributes changed',
  'ev.ruleCreated': 'Rule {rule} created on {cluster}{state}',
  'ev.ruleChanged': 'Rule {rule} changed on {cluster}{state}',
  'ev.ruleEnabled': 'Rule "{rule}" enabled on {cluster}',
  'ev.ruleDisabled': 'Rule "{rule}" disabled on {cluster}',
  'ev.ruleDeleted': 'Rule "{rule}" deleted from {cluster}',
  'ev.vmGroupCreated': 'VM group "{group}" ({members}) created on {cluster}',
  'ev.vmGroupChanged': 'VM group "{group}" ({members}) changed on {cluster}',
  'ev.hostGroupCreated': 'Host group "{group}" ({members}) created on {cluster}',
  'ev.hostGroupChanged': 'Host group "{group}" ({members}) changed on {cluster}',
  'ev.vmGroupDeleted': 'VM group "{group}" deleted from {cluster}',
  'ev.hostGroupDeleted': 'Host group "{group}" deleted from {cluster}',
  'ev.hostShutdown': '{host} shut down by the user (power it on with Exit standby)',
  'ev.hostRebooting': '{host} is rebooting',
  'ev.hostDisconnected':
    '{host} disconnected: it is no longer managed; its {count} running VM(s) keep running without DRS, HA admission or new placements',
  'rule.desc': '"{name}" ({what}: {vms}{hosts})',
  'rule.hosts': ' → {hosts}',
  'rule.disabled': ' (disabled)',
  'rule.keepTogether': 'keep VMs together',
  'rule.separate': 'separate VMs',
  'rule.runOnHosts': 'should run on hosts in group',
  'rule.avoidHosts': 'should not run on hosts in group',
  'rule.mustRunOnHosts': 'must run on hosts in group',
  'rule.mustAvoidHosts': 'must not run on hosts in group',
  'ruleKind.keepTogether': 'keepTogether',
  'ruleKind.separate': 'separate',
  'ruleKind.runOnHosts': 'runOnHosts',
  'ruleKind.avoidHosts': 'avoidHosts',
  'reason.hostIs': 'its host is {state}',
  'task.createSnapshot': 'Create snapshot "{snapshot}" of {vm}',
  'task.revertSnapshot': 'Revert {vm} to snapshot "{snapshot}"',
  'task.deleteSnapshot': 'Delete snapshot "{snapshot}" of {vm}',
  'task.deleteAllSnapshots': 'Delete all snapshots of {vm}',
  'task.consolidate': 'Consolidate disks of {vm}',
  'task.rebootHost': 'Reboot {host}',
  'task.reconnectHost': 'Reconnect {host}',
  // s5-zh: DRS, DPM and HA admission (the cluster's scheduling card, tasks and events they cause)
  'drs.balance':
    'balance load: host load std dev {before} → {after} ({from} {fromBefore} → {fromAfter}, {to} {toBefore} → {toAfter})',
  'drs.fixRule':
    'fix rule "{rule}" ({kind}): move {vm} from {from} ({fromBefore}) to {to} ({toBefore} → {toAfter})',
  'drs.evacuate': '{host} is entering maintenance mode: move {vm} to {to} ({before} → {after})',
  'drs.deferredRule': 'rule "{rule}": {reason}',
  'drs.noHostForRule': 'no host satisfies the rule',
  'drs.noHostForEvacuation': 'maintenance of {host}: no host can take {vm}',
  'drs.hostNotFound': 'host not found',
  'drs.costLimit': '{host} is at its migration cost limit ({limit})',
  'drs.netLimit': '{host} is at its network limit ({limit} concurrent vMotions)',
  'drs.disabled': 'DRS is disabled',
  'drs.balanced': 'balanced: host load std dev {sigma} ≤ target {target} or no move improves it',
  'drs.summaryAuto':
    '{count} recommendation(s) on {basis}: std dev {sigma} → {after} (target {target}), applied automatically',
  'drs.summaryWaiting':
    '{count} recommendation(s) on {basis}: std dev {sigma} → {after} (target {target}), waiting for approval',
  'drs.basisOne': 'demand averaged over the last {sec} s ({samples} sample)',
  'drs.basisMany': 'demand averaged over the last {sec} s ({samples} samples)',
  'drs.basisTick': 'demand of the current tick (no history yet)',
  'dpm.disabled': 'DPM is disabled',
  'dpm.wake': 'DPM: wake {host}: {reason}',
  'dpm.waking': 'waking {host}',
  'dpm.hot': '{host} is at {load} over 5 min (> {limit})',
  'dpm.haShort': 'HA admission control lacks capacity ({summary})',
  'dpm.noHostOn': 'no host is powered on',
  'dpm.keepOn': '{host} is above {limit}: keep every host on',
  'dpm.minHosts': '{count} powered-on host(s): DPM keeps at least {min}',
  'dpm.minHostsHa': '{count} powered-on host(s): DPM keeps at least {min} with HA',
  'dpm.carry': 'the other {count} host(s) carry CPU {cpu} / memory {mem} (target {target})',
  'dpm.standby': 'DPM: {host} is empty and {carry}: standby',
  'dpm.toStandby': '{host} to standby',
  'dpm.evacuate': 'DPM: every host is below {low} over 40 min and {carry}: empty {host} for standby',
  'dpm.emptying': 'emptying {host} for standby',
  'dpm.noStandbyFits': 'no host can go to standby without breaking the target, a rule, a reservation or HA',
  'dpm.someHigh': 'some host is at or above {limit} over 40 min: keep every host on',
  'ha.admissionDisabled': 'admission control is disabled',
  'ha.percentage':
    'current failover capacity CPU {cpu} % (reserved {cpuReserved} %), memory {mem} % (reserved {memReserved} %)',
  'ha.slots':
    'slot {slotCpu} × {slotMem}: {total} slots, {used} used; {level} host failure(s) tolerated (configured {ftt})',
  'ha.failoverHosts': '{ready} of {count} dedicated failover host(s) ready',
  'ha.admissionOff': 'admission control off: {summary}',
  'ha.off': 'HA off: {summary}',
  'reason.migratedSent': 'completed in {sec} s after {rounds} round(s), {sent} sent, downtime {downtime} ms',
  'list.pair': '{a}; {b}',
  'err.cannotMigrate': 'Cannot migrate {vm}: {reasons}',
  // s5-zh: migration pre-check (errors block, warnings do not)
  'pre.hostMissing': 'host {host} does not exist',
  'pre.alreadyOn': '{vm} already runs on {host}',
  'pre.hostState': '{host} is {state} and accepts no VMs',
  'pre.busy': '{vm} is busy with another task ({task})',
  'pre.haPending': '{vm} is down waiting for HA',
  'pre.cpuVendor': 'CPU incompatible: {from} → {to} (live migration cannot cross CPU vendors)',
  'pre.cpuGeneration':
    'CPU incompatible: {host} ({model}) lacks features of {srcModel}; configure an EVC baseline',
  'pre.newerCpu':
    '{host} has a newer CPU generation; the VM keeps the older feature set until it power-cycles',
  'pre.dsMissing': 'datastore {ds} does not exist',
  'pre.dsUnreachable': '{host} cannot reach datastore {ds}',
  'pre.dsFull': 'datastore {ds} has {free} GiB free, the disks need {need} GiB',
  'pre.dsUnreachableVm': "{host} cannot reach the VM's datastore ({ds}); choose a destination datastore too",
  'pre.network': 'network {net} is not available on {host}',
  'pre.admit': '{host}: {reason}',
  'pre.memOvercommit':
    '{host} would be memory overcommitted ({pct} % of its memory); expect ballooning or swapping',
  'pre.cpuHigh': '{host} CPU demand would reach {pct} %',
  'pre.noConverge':
    'pre-copy may not converge: the guest dirties {dirty} MiB/s against about {bw} MiB/s of bandwidth',
  'hostState.connected': 'connected',
  'hostState.maintenance': 'maintenance',
  'hostState.standby': 'standby',
  'hostState.failed': 'failed',
  'hostState.disconnected': 'disconnected',
  // s5-zh: placement explanations (filters, weighers, the decision's sentence)
  'filter.hostState': 'host is {state}',
  'filter.excluded': 'excluded by the request',
  'filter.failoverHost': 'dedicated HA failover host: only HA restarts land here',
  'filter.vcpus': "{vcpus} vCPUs exceed the host's {cores} cores",
  'filter.mem': "{mem} exceed the host's usable {cap}",
  'filter.coreRatio': '{used} + {vcpus} vCPUs exceed {ratio}:1 of {cores} cores ({limit})',
  'filter.ramRatio': '{used} + {mem} exceed {ratio}:1 of usable memory ({limit})',
  'filter.cpuReservations': 'CPU reservations would reach {need} of {cap}',
  'filter.memReservations': 'memory reservations would reach {need} of {cap}',
  'filter.dsUnreachable': 'datastore {ds} is not reachable',
  'filter.noDatastore': 'reaches no datastore',
  'filter.dsFree': 'no reachable datastore has {need} GiB free (best {best} GiB)',
  'filter.network': 'network {net} is not available',
  'filter.replicaHere': 'a replica of service {service} already runs here',
  'filter.text': '{text}',
  'place.rejected': '{filter}: {reason}',
  'place.score': 'score {score}',
  'place.weighed': '{label} {raw}',
  'place.loadAfter': 'load after placement {load} %',
  'place.loadAfterFailover': 'load after placement {load} % (failover host first)',
  'place.chose': '{policy} chose {host} (score {score}) among {eligible} eligible of {count} host(s)',
  'place.noHostInScope': '{policy}: no host in scope',
  'place.noneQualifies': '{policy}: no host qualifies ({filters})',
  'place.filterCount': '{filter} ×{count}',
  'list.commaPair': '{a}, {b}',
  'weigher.inventoryPosition': 'inventory position',
  'weigher.fillAfter': 'fill after placement',
  'weigher.freeAfter': 'free after placement',
  'weigher.turnsUntil': 'turns until this host',
  'unitBare.MHz': '{v}',
  'unitBare.MiB': '{v}',
  'drs.auto': 'DRS (priority {priority}): {reason}',
  'drsAutomation.manual': 'manual',
  'drsAutomation.partial': 'partial',
  'drsAutomation.full': 'full',
  // s5-zh: HA restarts
  'ha.priorityDisabled': 'restart priority is disabled',
  'ha.givenUpPriority': 'its HA restart priority is disabled',
  'ha.disabledOn': 'HA is disabled on {cluster}',
  'ha.disabledOnIts': 'HA is disabled on its cluster',
  'ha.monitoringOff': 'HA host monitoring is off on {cluster}',
  'ha.hostRefused': '{host}: {reason}',
  'ha.refused': 'refused',
  'ha.noSurvivor': 'no surviving host in the cluster',
  'haPriority.disabled': 'disabled',
  'haPriority.lowest': 'lowest',
  'haPriority.low': 'low',
  'haPriority.medium': 'medium',
  'haPriority.high': 'high',
  'haPriority.highest': 'highest',
  // A value with its unit: the console shows it with the right prefix (4 GHz); the text keeps the raw figure.
  'unit.MHz': '{v} MHz',
  'unit.MiB': '{v} MiB',
  'pre.passthrough':
    '{vm} has passthrough devices ({devices}): a VM with DirectPath I/O cannot be migrated live; power it off to move it',
  // s6-console: command refusals (issue 12: "its refusals name the reason", in the user's language)
  'refuse.invalid': '{what}: {problems}',
  'vmPower.poweredOn': 'poweredOn',
  'vmPower.poweredOff': 'poweredOff',
  'vmPower.suspended': 'suspended',
  'vmPower.waitingHa': 'waiting for HA',
  'refuse.missing': 'missing',
  'verb.reboot': 'reboot',
  'verb.shutDown': 'shut down',
  'refuse.hostPowerState': '{host} is {state}; only a connected host can {verb}.',
  'refuse.hostRunsVmsPower':
    '{host} still runs {count} VM(s) ({vms}); enter maintenance mode first so they move, then {verb}.',
  'refuse.hostRunsContainersMove': '{host} still runs containers; stop or move them first.',
  'refuse.hostMigrating': '{host} takes part in a migration.',
  'refuse.hostEnteringWait': '{host} is still entering maintenance mode; wait for it.',
  'refuse.hostDisconnectState': '{host} is {state}; only a connected host can be disconnected.',
  'refuse.hostEnteringCancel': '{host} is entering maintenance mode; wait for it or cancel it.',
  'refuse.hostNotDisconnected': '{host} is not disconnected (it is {state}).',
  'refuse.hostReconnecting': '{host} is already reconnecting.',
  'refuse.hostRemoveConnected': '{host} is connected; put it in maintenance mode first.',
  'refuse.hostHasVms': '{host} still has {count} VM(s) registered ({vms}); move them first.',
  'refuse.hostHasContainers': '{host} still runs {count} container(s); delete or move them first.',
  'refuse.maintenanceState': '{host} is {state}; only a connected host can enter maintenance mode.',
  'refuse.notInMaintenance': '{host} is not in maintenance mode (it is {state}).',
  'refuse.hostIsState': '{host} is {state}.',
  'refuse.standbyRunsVms': '{host} still runs {count} VM(s); evacuate it (maintenance mode) first.',
  'refuse.hostRunsContainers': '{host} still runs containers.',
  'refuse.notInStandby': '{host} is not in standby (it is {state}).',
  'refuse.alreadyFailed': '{host} has already failed.',
  'refuse.notFailed': '{host} has not failed (it is {state}).',
  'refuse.beingRepaired': '{host} is already being repaired.',
  'refuse.taskRunning': '{task} is already running and cannot be cancelled.',
  // snapshots and templates
  'snapOp.take': 'take',
  'snapOp.revert': 'revert to',
  'snapOp.delete': 'delete',
  'snapOp.consolidate': 'consolidate',
  'refuse.opSnapshotsOf': '{op} snapshots of',
  'refuse.toTemplate': 'convert to a template',
  'refuse.toVm': 'convert to a VM',
  'refuse.vmBusy':
    'Cannot {what} {vm}: it is busy with {type} (task {task}). Wait for the task or cancel it.',
  'refuse.aTask': 'a task',
  'refuse.templateSnapshots': '{vm} is a template; convert it to a virtual machine to {op} snapshots.',
  'refuse.vmHaPending': '{vm} is down waiting for an HA restart.',
  'refuse.vmMigrating': '{vm} is migrating.',
  'refuse.cannotSnapshot': 'Cannot take a snapshot of {vm}',
  'refuse.maxSnapshots': '{vm} already has {max} snapshots, the most a VM may have; delete some first.',
  'refuse.needsConsolidation': '{vm} needs disk consolidation first (Snapshots › Consolidate).',
  'refuse.memSnapshotPower': "{vm} is {power}; only a powered-on VM's memory can be included in a snapshot.",
  'refuse.dsFullSnapshot': 'datastore {ds} is full ({free} GiB free); the snapshot needs {need} GiB',
  'refuse.revertHost': "{vm}'s host {host} is {state}; the snapshot's running state cannot resume there.",
  'refuse.cannotResume': '{host} cannot resume {vm}: {reasons}',
  'refuse.noSnapshots': '{vm} has no snapshots.',
  'refuse.noConsolidation': '{vm} does not need consolidation.',
  'refuse.noConsolidationSnapshots':
    '{vm} does not need consolidation (it has snapshots: delete them instead).',
  'refuse.dsConsolidate': 'datastore {ds} has {free} GiB free; consolidating {vm} needs {need} GiB',
  'refuse.alreadyTemplate': '{vm} is already a template.',
  'refuse.templatePower': '{vm} is {power}; power it off before converting it to a template.',
  'refuse.templateContainers': '{vm} holds containers; delete them before converting it to a template.',
  'refuse.notTemplate': '{vm} is not a template.',
  // rules and groups
  'refuse.maxRules': '{cluster} already has {max} rules, the most it allows.',
  'refuse.cannotChangeRule': 'Cannot change rule "{rule}"',
  'refuse.cannotCreateRule': 'Cannot create the rule',
  'refuse.cannotSaveGroup': 'Cannot save the group',
  'refuse.cannotChangeGroup': 'Cannot change group "{group}"',
  'refuse.cannotCreateGroup': 'Cannot create the group',
  'refuse.ruleExists': 'a rule named "{name}" already exists on {cluster}',
  'refuse.vmGroupMissing': 'VM group "{group}" does not exist on {cluster}',
  'refuse.hostGroupMissing': 'host group "{group}" does not exist on {cluster}',
  'refuse.ruleNeedsVms': 'a VM–host rule needs a VM group with at least one VM',
  'refuse.ruleNeedsHosts': 'a VM–host rule needs a host group with at least one host',
  'refuse.vmVmLists': 'a VM–VM rule lists its VMs (vmIds), not groups or hosts',
  'refuse.ruleTwoVms': 'a VM–VM rule needs at least two VMs',
  'refuse.vmMissing': 'VM "{vm}" does not exist',
  'refuse.hostMissing': 'host "{host}" does not exist',
  'refuse.notInCluster': '{name} is not in {cluster}',
  'refuse.vmGroupEmpty': 'a VM group needs at least one member',
  'refuse.hostGroupEmpty': 'a host group needs at least one member',
  'refuse.groupIsHost': '"{group}" is a host group; its kind cannot change',
  'refuse.groupIsVm': '"{group}" is a VM group; its kind cannot change',
  'refuse.groupExists': 'a group named "{name}" already exists on {cluster}',
  'refuse.maxGroups': '{cluster} already has {max} groups',
  'refuse.ruleMemberNotIn': 'rule "{rule}": {name} is not in {cluster}',
  'refuse.ruleWouldConflict': 'rule "{rule}" would conflict: {conflict}',
  'refuse.ruleConflicts': 'the rule conflicts with another: {conflict}',
  'refuse.conflictPair': 'it {verb} {vms}, which rule "{other}" {otherVerb}',
  'refuse.conflictNoHost': '{vm} would have no host to run on',
  'refuse.conflictNoHostWith': '{vm} would have no host to run on together with rule {rules}',
  'verb.keepsTogether': 'keeps together',
  'verb.separates': 'separates',
  'refuse.tagRule': 'Rule "{rule}" comes from VM tags; remove the tag from the VMs to delete it.',
  'refuse.noRule': '{cluster} has no rule "{rule}".',
  'refuse.noGroup': '{cluster} has no group "{group}".',
  'refuse.groupInUse': 'Group "{group}" is used by rule {rules}; delete or change the rule first.',
  // create, clone, power, reconfigure
  'refuse.hostNoDs': '{host} cannot reach datastore {ds}',
  'refuse.noDsForDisks': "{host} reaches no datastore for the VM's disks",
  'refuse.dsFreeNewDisks': 'datastore {ds} has {free} GiB free; the new disks need {need} GiB',
  'refuse.createHostState': '{host} is {state}; choose a connected host',
  'refuse.cannotAdmit': '{host} cannot admit the VM: {reasons}',
  'refuse.noHostAdmits': 'no host in the cluster admits the VM',
  'refuse.noHostAdmitsWhy': 'no host in the cluster admits the VM ({reasons})',
  'refuse.verdict': '{host}: {reasons}',
  'refuse.vcpusExceedCores': '{vcpus} vCPUs exceed the cores of {host}',
  'refuse.cloneDsUnreachable': '{host} cannot reach datastore {ds} of {vm}',
  'refuse.dsFreeClone': 'datastore {ds} has {free} GiB free; the clone needs {need} GiB',
  'refuse.vmBusyDoing': 'Cannot {what} {vm}: it is {doing} (task {task}). Wait for the task or cancel it.',
  'refuse.doingMigrating': 'migrating',
  'busyVerb.delete': 'delete',
  'busyVerb.resize': 'resize',
  'busyVerb.migrate': 'migrate',
  'busyVerb.powerOn': 'power on',
  'busyVerb.powerOff': 'power off',
  'busyVerb.powerShutdown': 'power shutdown',
  'busyVerb.powerReset': 'power reset',
  'busyVerb.powerSuspend': 'power suspend',
  'refuse.doingBusy': 'busy with {type}',
  'refuse.deletePoweredOn': '{vm} is powered on; power it off before deleting it.',
  'refuse.templatePowerOn':
    '{vm} is a template: a template cannot be powered on. Deploy a VM from it, or convert it to a virtual machine first.',
  'refuse.alreadyOn': '{vm} is already powered on.',
  'refuse.waitingHa': '{vm} is waiting for an HA restart; its host failed.',
  'refuse.powerOnHost': "{vm}'s host {host} is {state}; migrate the VM to a connected host first.",
  'refuse.cannotPowerOn': '{host} cannot power on {vm}: {reasons}',
  'refuse.alreadyOff': '{vm} is already powered off.',
  'refuse.shutdownNotRunning': '{vm} is not running; a guest shutdown needs a running guest.',
  'refuse.resetNotRunning': '{vm} is not running; only a running VM can be reset.',
  'refuse.suspendNotRunning': '{vm} is not running; only a running VM can be suspended.',
  'refuse.templateHardware': '{vm} is a template; convert it to a virtual machine to change its hardware.',
  'refuse.vcpusExceedHost': '{vcpus} vCPUs exceed the {cores} cores of {host}',
  'refuse.cpuHotRemove': 'CPU hot-remove is not supported: power off {vm} to reduce its vCPUs.',
  'refuse.cpuHotAdd':
    '{vm} is running without CPU hot-add; power it off or enable hot-add (while powered off) first.',
  'refuse.memExceedHost': '{mem} exceed the usable {usable} of {host}',
  'refuse.memHotRemove': 'Memory hot-remove is not supported: power off {vm} to reduce its memory.',
  'refuse.memHotAdd': '{vm} is running without memory hot-add; power it off or enable hot-add first.',
  'refuse.memBelowReservation': 'memory cannot go below the reservation of {mem}',
  'refuse.disksOnlyGrow': 'Disks only grow: disk {index} of {vm} is {size} GiB.',
  'refuse.dsFreeGrow': 'datastore {ds} has {free} GiB free; growing the thick disk needs {need} GiB',
  'refuse.largerVm': '{host} cannot take the larger VM: {reasons}',
  'refuse.largerReservation': '{host} cannot honour the larger reservation: {reasons}',
  'refuse.cpuResOverLimit': 'the CPU reservation cannot exceed the CPU limit',
  'refuse.memResOverLimit': 'the memory reservation cannot exceed the memory limit',
  // admission (world/admission.ts), HA admission and affinity rules: nested reasons of the refusals above
  'admit.hostState': 'host is {state}',
  'admit.vcpus': "{vcpus} vCPUs exceed the host's {cores} cores",
  'admit.mem': "{mem} exceed the host's usable {cap}",
  'admit.cpuRes': 'CPU reservations would reach {need} of {cap}',
  'admit.memRes': 'memory reservations would reach {need} of {cap}',
  'admit.vcpuRatio': 'vCPU allocation would exceed {ratio}:1 of {cores} cores',
  'admit.memRatio': 'memory allocation would exceed {ratio}:1',
  'haAdmit.failoverHost': 'HA admission control: {host} is a dedicated failover host',
  'haAdmit.percentage':
    'HA admission control: the power-on would leave CPU {cpu} % / memory {mem} % of {cluster} for failover, below the reserved {cpuReserved} % / {memReserved} %',
  'haAdmit.slots':
    'HA admission control: with this VM {cluster} would tolerate {level} host failure(s), fewer than the configured {ftt} ({total} slots of {slotCpu} × {slotMem}, {used} needed)',
  'affinity.keepTogether': 'rule "{rule}" keeps its VMs together on {hosts}',
  'affinity.separate': 'rule "{rule}" separates its VMs: a member already runs here',
  'affinity.runOnHosts': 'rule "{rule}" runs its VMs only on {hosts}',
  'affinity.avoidHosts': 'rule "{rule}" keeps its VMs off this host',
  'refuse.powerOnFailed': 'cannot power on {vm} on {host}: {reasons}',
  'refuse.ctCannotRun': '{host} cannot run the container: {reasons}',
  // A task type ("vm.migrate"): the console shows its label (taskType.*), the text the type itself.
  'taskType.name': '{type}',
  'refuse.drsDisabled': 'DRS is disabled on {cluster}; enable it to get recommendations.',
  'refuse.drsFull': '{cluster} is fully automated: DRS applies its recommendations itself.',
  'refuse.drsNoRec': 'DRS has no recommendation now on {cluster}.',
  'refuse.drsNoRecFor': 'DRS has no recommendation for {vm} on {cluster}.',
  'refuse.drsVmBusy': '{vm} is busy with task {task}',
  'refuse.drsMove': '{vm} → {host}: {reason}',
  'refuse.drsCannotApply': 'Cannot apply the DRS recommendation(s): {problems}',
  'refuse.topologyRunning':
    '{host} runs {count} VM(s): hyper-threading and NUMA are firmware settings; enter maintenance mode (or power the VMs off) first',
  'refuse.nestedPower':
    '{vm} is {power}: power it off to change nested virtualization or passthrough devices',
  'refuse.vmBusyOther': '{vm} is busy with another task ({task})',
} as const;

export type MsgCode = keyof typeof MESSAGES_EN;

export function msg(code: MsgCode, params: Record<string, MsgParam> = {}): Msg {
  return { code, params };
}

/** Messages one after another, "a; b; c" (as nested pairs, so every language renders its own separator). */
export function msgList(list: readonly Msg[]): Msg | string {
  if (list.length === 0) return '';
  // Balanced halves keep the nesting shallow (a stored message is read back a few levels deep).
  const pair = (from: number, to: number): Msg => {
    if (to - from === 1) return list[from]!;
    const mid = from + Math.ceil((to - from) / 2);
    return msg('list.pair', { a: pair(from, mid), b: pair(mid, to) });
  };
  return pair(0, list.length);
}

/** A text or a message as a message (a plain text, e.g. from an older or opt-in part, stays as it is). */
export function asMsg(m: string | Msg): Msg {
  return typeof m === 'string' ? msg('filter.text', { text: m }) : m;
}

/** Reasons one after another, "a; b" (texts kept as they are). */
export function reasonList(list: readonly (string | Msg)[]): Msg | string {
  return msgList(list.map(asMsg));
}

/** Messages separated by commas, "a, b, c" (nested pairs, as msgList). */
export function commaList(list: readonly Msg[]): Msg | string {
  if (list.length === 0) return '';
  return list.reduce((a, b) => msg('list.commaPair', { a, b }));
}

/** `texts` as messages: `msgs` when they say exactly the same in English, else the texts as they are. */
export function sameMsgs(texts: readonly string[], msgs: readonly Msg[] | undefined): Msg[] {
  return msgs && msgs.length === texts.length && msgs.every((m, i) => msgText(m) === texts[i])
    ? [...msgs]
    : texts.map(asMsg);
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
