/**
 * The DRS rules a cluster enforces beyond its declared ones (`settings.rules`), for the console's VM/Host
 * rules dialog (issue 12): rules stated by VM tags and the anti-affinity of services placed in the cluster.
 * A view only: it reads what scheduling reads and changes nothing.
 */
import { tagRules } from '../scheduling/rules';
import type { World } from '../world/world';
import type { DerivedRuleView } from '../model/views';

export function derivedRules(w: World, clusterId: string): DerivedRuleView[] {
  const out: DerivedRuleView[] = tagRules(w, clusterId).map((r) => {
    const key = r.id.slice('tag:'.length);
    const at = key.lastIndexOf('@');
    const hostRule = r.kind === 'runOnHosts' || r.kind === 'avoidHosts';
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      mandatory: r.mandatory,
      vmIds: [...r.vmIds],
      hostIds: [...r.hostIds],
      origin: 'tag',
      source: hostRule && at > 0 ? `${key.slice(0, at)}:${r.hostIds.join(', ')}` : key,
    };
  });
  for (const svc of w.services) {
    if (!svc.antiAffinity || svc.clusterId !== clusterId) continue;
    out.push({
      id: `service:${svc.id}`,
      name: svc.name,
      kind: 'separate',
      mandatory: true,
      vmIds: [
        ...w.vms.filter((v) => v.serviceId === svc.id).map((v) => v.id),
        ...w.containers.filter((c) => c.serviceId === svc.id).map((c) => c.id),
      ],
      hostIds: [],
      origin: 'service',
      source: svc.id,
    });
  }
  return out;
}
