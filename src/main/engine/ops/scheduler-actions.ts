/** Applies what the periodic scheduler (DRS/DPM) asks for, through the same checks as user commands. */
import type { SchedulerAction } from '../scheduling';
import { LoadBook, vmDemand } from '../world/admission';
import type { World } from '../world/world';
import { queueLiveMigration } from './live';
import { precheck } from './precheck';
import { msg } from '../messages';
import { setDescription } from './tasks';

export function applySchedulerActions(w: World, actions: SchedulerAction[]): void {
  // One book for the round, updated with each queued migration (the destination reserves at once).
  let book: LoadBook | null = null;
  for (const a of actions) {
    switch (a.kind) {
      case 'migrate': {
        const vm = w.vmById.get(a.vmId);
        if (!vm || vm.power !== 'poweredOn' || vm.busyTaskId !== null) continue;
        book ??= new LoadBook(w);
        const pc = precheck(w, vm, a.hostId, null, book);
        const notConverging = pc.warningMsgs.find((x) => x.code === 'pre.noConverge');
        if (pc.errors.length > 0 || notConverging !== undefined) {
          w.event(
            'warning',
            'drs.skipped',
            msg('ev.schedulerMoveSkipped', { vm: vm.name, reason: pc.errorMsgs[0] ?? notConverging ?? '' }),
            [vm.id],
          );
          continue;
        }
        const t = queueLiveMigration(w, vm, a.hostId, null, null);
        book.add(a.hostId, vmDemand(vm), vm.serviceId);
        setDescription(
          t,
          msg('task.withReason', { task: t.descriptionMsg ?? t.description, reason: a.reason }),
        );
        break;
      }
      case 'hostStandby': {
        const h = w.hostById.get(a.hostId);
        if (!h) continue;
        if (
          a.enter &&
          (h.state === 'connected' || h.state === 'maintenance') &&
          !w.vms.some((v) => v.hostId === h.id && v.power === 'poweredOn') &&
          !w.containers.some((c) => c.hostId === h.id && c.state === 'running')
        ) {
          h.state = 'standby';
          h.stateSince = w.timeSec;
          w.event('info', 'host.standby', msg('ev.hostStandbyDpm', { host: h.name, reason: a.reason }), [
            h.id,
          ]);
        } else if (!a.enter && h.state === 'standby') {
          h.state = 'connected';
          h.stateSince = w.timeSec;
          w.event('info', 'host.connected', msg('ev.hostLeftStandby', { host: h.name, reason: a.reason }), [
            h.id,
          ]);
        }
        break;
      }
      default: {
        const never: never = a;
        throw new Error(`unknown scheduler action ${JSON.stringify(never)}`);
      }
    }
  }
}
