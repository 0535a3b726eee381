// @vitest-environment happy-dom
/** Every metric of the engine's catalogue has a human label in each console language (never a raw name). */
import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from '../main/engine';
import { i18n } from '../renderer/src/i18n';
import { metricLabel } from '../renderer/src/components/monitor/metrics';

describe('metric labels', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`labels every catalogue metric in ${locale}`, () => {
      i18n.global.locale.value = locale;
      const t = (k: string): string => i18n.global.t(k);
      const te = (k: string): boolean => i18n.global.te(k);
      const raw: string[] = [];
      for (const [kind, defs] of Object.entries(METRIC_CATALOG)) {
        for (const d of defs)
          if (!te(`metric.${d.name.replace(/\./g, '_')}`))
            raw.push(`${kind}:${d.name} → ${metricLabel(d.name, t, te)}`);
      }
      expect(raw).toEqual([]);
    });
  }
});
