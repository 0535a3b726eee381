/** Actions offered per object and state (issue #12 defect 8: no "New virtual machine" on a failed host). */
import { describe, expect, it } from 'vitest';
import { actionsFor } from './actions';

describe('actionsFor', () => {
  it('offers new VMs and containers on a connected host only', () => {
    expect(actionsFor({ id: 'host-1', kind: 'host', state: 'connected' })).toEqual(
      expect.arrayContaining(['newVm', 'newContainer', 'enterMaintenance', 'failHost']),
    );
    for (const state of ['failed', 'maintenance']) {
      const out = actionsFor({ id: 'host-1', kind: 'host', state });
      expect(out).not.toContain('newVm');
      expect(out).not.toContain('newContainer');
    }
    expect(actionsFor({ id: 'host-1', kind: 'host', state: 'failed' })).toEqual([
      'repairHost',
      null,
      'annotate',
      'removeHost',
    ]);
  });

  it('offers standby, exit standby and remove from inventory by host state, and cluster configuration', () => {
    expect(actionsFor({ id: 'h', kind: 'host', state: 'connected' })).toContain('enterStandby');
    expect(actionsFor({ id: 'h', kind: 'host', state: 'connected' })).not.toContain('removeHost');
    expect(actionsFor({ id: 'h', kind: 'host', state: 'maintenance' })).toEqual(
      expect.arrayContaining(['exitMaintenance', 'enterStandby', 'removeHost']),
    );
    expect(actionsFor({ id: 'h', kind: 'host', state: 'standby' })).toEqual([
      'exitStandby',
      null,
      'annotate',
      'removeHost',
    ]);
    expect(actionsFor({ id: 'h', kind: 'host', state: 'connected' })).toEqual(
      expect.arrayContaining(['rebootHost', 'shutdownHost', 'disconnectHost']),
    );
    expect(actionsFor({ id: 'h', kind: 'host', state: 'disconnected' })).toEqual([
      'reconnectHost',
      'failHost',
      null,
      'annotate',
      'removeHost',
    ]);
    expect(actionsFor({ id: 'c', kind: 'cluster', state: 'ok' })).toEqual(
      expect.arrayContaining(['clusterSettings', 'clusterRules']),
    );
  });

  it('a template offers deploy and convert back, never power on; a powered-off VM converts to a template', () => {
    const tpl = actionsFor({ id: 'vm-1', kind: 'vm', state: 'template' });
    expect(tpl).toEqual(expect.arrayContaining(['deploy', 'toVm', 'annotate']));
    expect(tpl).not.toContain('powerOn');
    expect(tpl).not.toContain('takeSnapshot');
    expect(actionsFor({ id: 'vm-1', kind: 'vm', state: 'poweredOff' })).toContain('toTemplate');
    expect(actionsFor({ id: 'vm-1', kind: 'vm', state: 'poweredOn' })).not.toContain('toTemplate');
    expect(actionsFor({ id: 'vm-1', kind: 'vm', state: 'poweredOn' })).toContain('takeSnapshot');
  });

  it('a VM paused because its datastore is full can be powered off or reset, not powered on', () => {
    const paused = actionsFor({ id: 'vm-1', kind: 'vm', state: 'paused' });
    expect(paused).toEqual(expect.arrayContaining(['powerOff', 'reset']));
    expect(paused).not.toContain('powerOn');
  });
});
