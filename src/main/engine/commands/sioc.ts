/** Storage I/O Control commands (physics/sioc.ts): a datastore's SIOC, a disk's IOPS shares and limit. */
import { err, ok, type CommandReceipt, type Result } from '../api';
import type { Command } from '../model/commands';
import { msg } from '../messages';
import { diskIoFields, SIOC_THRESHOLD_MS } from '../physics/sioc';
import { checkShares, checkSioc, FieldChecker } from '../world/check-fields';
import type { World } from '../world/world';
import { invalid, notFound } from './validate';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

/** Turns SIOC on or off on a datastore and sets its congestion threshold (takes effect the next tick). */
export function datastoreSioc(w: World, cmd: Cmd<'datastore.sioc'>): Result<CommandReceipt> {
  const ds = w.datastoreById.get(cmd.datastoreId);
  if (!ds) return err(notFound('datastore', cmd.datastoreId));
  const c = new FieldChecker();
  checkSioc(c, 'sioc', { enabled: cmd.enabled, thresholdMs: cmd.thresholdMs }, true);
  if (c.problems.length > 0) return err(invalid(c.problems, `Cannot configure ${ds.name}`));
  const thresholdMs = cmd.thresholdMs ?? ds.sioc?.thresholdMs ?? SIOC_THRESHOLD_MS;
  ds.sioc = { enabled: cmd.enabled, thresholdMs };
  w.event(
    'info',
    'datastore.sioc',
    cmd.enabled ? msg('ev.siocOn', { ds: ds.name, ms: thresholdMs }) : msg('ev.siocOff', { ds: ds.name }),
    [ds.id],
  );
  return ok({});
}

/** Sets one disk's IOPS shares and/or limit (`iopsLimit: null` removes the limit); applies at once. */
export function vmDiskIo(w: World, cmd: Cmd<'vm.disk.io'>): Result<CommandReceipt> {
  const vm = w.vmById.get(cmd.vmId);
  if (!vm) return err(notFound('VM', cmd.vmId));
  const disk = vm.disks[cmd.index];
  const c = new FieldChecker();
  if (disk === undefined) c.add('index', `${vm.name} has no disk ${cmd.index} (it has ${vm.disks.length})`);
  checkShares(c, 'iopsShares', cmd.iopsShares);
  c.intOrNull('iopsLimit', cmd.iopsLimit, 1, 10_000_000);
  if (c.problems.length > 0 || disk === undefined)
    return err(invalid(c.problems, `Cannot configure the disk of ${vm.name}`));
  const shares = cmd.iopsShares ?? disk.iopsShares;
  const limit = cmd.iopsLimit === undefined ? disk.iopsLimit : cmd.iopsLimit;
  const f = diskIoFields(shares, limit);
  delete disk.iopsShares;
  delete disk.iopsLimit;
  if (f.iopsShares !== undefined) disk.iopsShares = f.iopsShares;
  if (f.iopsLimit !== undefined) disk.iopsLimit = f.iopsLimit;
  w.event('info', 'vm.reconfigured', msg('ev.vmReconfigured', { vm: vm.name }), [vm.id]);
  return ok({});
}
