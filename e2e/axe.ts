/**
 * Accessibility checks with axe-core (issue 12): every main view and dialog must have no critical or
 * serious violation. `expectAccessible(page, 'what is shown')` injects axe into the page (once) and
 * fails with the list of violations (rule, impact, first nodes) so that a failure says what to fix.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

const AXE = resolve(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js');

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Waits until no finite animation or transition runs (spinners and other endless ones may go on). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    interface Anim {
      playState: string;
      effect: { getTiming: () => { iterations?: number } } | null;
    }
    const doc = (globalThis as unknown as { document: { getAnimations: () => Anim[] } }).document;
    return doc
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
  });
}

/** The critical and serious violations on the page (or inside `scope`, a CSS selector). */
export async function axeViolations(page: Page, scope?: string): Promise<AxeViolation[]> {
  // Contrast is measured on what is finally shown, not halfway through a fade or slide.
  await settled(page);
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  // The console's CSP refuses inline scripts (addScriptTag); evaluating the source is not subject to it.
  if (!loaded) await page.evaluate(readFileSync(AXE, 'utf8'));
  const result = await page.evaluate(async (sel) => {
    // Runs in the page (e2e is type-checked without the DOM library).
    const page = globalThis as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> };
      document: unknown;
    };
    const axe = page.axe;
    const ctx = sel ? { include: [sel] } : page.document;
    return (await axe.run(ctx, { resultTypes: ['violations'] })) as { violations: AxeViolation[] };
  }, scope ?? null);
  return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}

/** Fails, naming each rule and its first nodes, when `what` has a critical or serious violation. */
export async function expectAccessible(page: Page, what: string, scope?: string): Promise<void> {
  const violations = await axeViolations(page, scope);
  const text = violations
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes.length} node(s), e.g. ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    )
    .join('\n');
  expect(text, `axe-core on ${what}`).toBe('');
}
