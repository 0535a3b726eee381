/// <reference lib="dom" />
/**
 * Finds what a Chinese page still shows in English (issue 12, "Simplified Chinese, completely"): the visible
 * text nodes (and input placeholders) of a view, minus the names of objects (user data), checked for words
 * in Latin letters that are not product names, abbreviations or units, and for raw unit values ("12582912
 * MiB", "1964794.3 MHz", "4096 MiB" where GiB is the right prefix). Each finding names the view and the text.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Product names, abbreviations, units and key names a Chinese operator reads as they are. */
export const ALLOWED = new Set([
  // product and technology names
  'VDC',
  'Studio',
  'vSphere',
  'vMotion',
  'vCenter',
  'ESXi',
  'Proxmox',
  'VMware',
  'OpenStack',
  'Nova',
  'Kubernetes',
  'RVTools',
  'EVC',
  'NUMA',
  'SIOC',
  'Intel',
  'AMD',
  'Xeon',
  'EPYC',
  'Chromium',
  'Electron',
  'PlanetLab',
  'ProLiant',
  'HP',
  'Web',
  // people cited by the consolidation lab and the report's method notes
  'Beloglazov',
  'Buyya',
  'CCPE',
  'Tukey',
  'English',
  // abbreviations
  'DRS',
  'HA',
  'DPM',
  'CPU',
  'CPUs',
  'vCPU',
  'vCPUs',
  'pCPU',
  'RAM',
  'vRAM',
  'pRAM',
  'VM',
  'VMs',
  'OOM',
  'OS',
  'IP',
  'ID',
  'IOPS',
  'NIC',
  'NFS',
  'VMFS',
  'vSAN',
  'SSD',
  'CSV',
  'PDF',
  'HTML',
  'JSON',
  'XLSX',
  'UTC',
  'API',
  'CLI',
  'URL',
  'SLA',
  'N',
  'P',
  // units
  'MiB',
  'GiB',
  'TiB',
  'KiB',
  'MHz',
  'GHz',
  'Mbps',
  'Gbps',
  'ms',
  'kW',
  'W',
  'kWh',
  'mcores',
  'VLAN',
  // file types (a datastore's files)
  'vmdk',
  'vswp',
  'vmsn',
  'vmx',
  'nvram',
  'xlsx',
  // keys (the shortcuts help)
  'Esc',
  'Delete',
  'Shift',
  'Ctrl',
  'Alt',
  'Tab',
  'Enter',
  'Space',
  'Home',
  'End',
  'F10',
  'F2',
]);

/** A finding: the view, the offending word or value, and the text node it is in. */
export interface Finding {
  view: string;
  what: string;
  text: string;
}

/** The unit values that must not appear: a raw count of MiB or MHz, or a value beyond its prefix. */
export function rawUnitValues(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(\d[\d,]*(?:\.\d+)?)\s?(MiB|GiB|MHz|Mbps|KiB)\b/g)) {
    const value = Number(m[1]!.replace(/,/g, ''));
    const digits = m[1]!.replace(/[,.]/g, '').length;
    const limit = m[2] === 'MHz' || m[2] === 'Mbps' ? 1000 : 1024;
    // Without thousands separators past 9,999, or past the point where the next prefix reads better.
    if ((digits >= 5 && !m[1]!.includes(',')) || value >= limit) out.push(m[0]);
  }
  return out;
}

/** Product names of more than one word, CLI commands, file paths and formulas: read as they are. */
const VERBATIM = [
  /\bAria Operations\b/g,
  /\bvdc(?: [a-z][a-z-]*)+/g,
  /[\w.-]+\/[\w./-]+/g,
  /\blog(?=\()/g,
  // names of objects (to be) created, as the console suggests or the user typed them: web-07, esx-09
  /\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d+(?:-[a-z0-9]+)*\b/g,
  // consolidation policies (allocation-selection pairs of the PlanetLab experiment)
  /\b(?:lr|lrr|thr|iqr|mad)-(?:mmt|rs|mc|mu)\b/gi,
];

/** English words of a text once the object names are taken out. */
export function englishWords(text: string, objectNames: readonly string[]): string[] {
  let rest = text;
  // Whole names only ("Lab" is a datacenter, not the end of "PlanetLab"; "shop-frontend" is a service, not the
  // middle of its replica "ctr-shop-frontend-3"), then what is read verbatim.
  for (const name of objectNames)
    if (name.length > 0)
      rest = rest.replace(
        new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g'),
        ' ',
      );
  for (const re of VERBATIM) rest = rest.replace(re, ' ');
  return [...rest.matchAll(/[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*/g)]
    .map((m) => m[0])
    .filter(
      (w) =>
        !ALLOWED.has(w) &&
        !/\d/.test(w) && // model numbers and ids (ML110, G4, 64-bit)
        w.length > 1 && // single letters: keys (F, R), N+1, units (s)
        // Nova filter class names (ComputeFilter, RamFilter …) are identifiers, as in OpenStack's own docs.
        !/^[A-Z][A-Za-z]+Filter$/.test(w),
    );
}

/** The visible text nodes and placeholders under the elements matching `scope` (the whole page if none). */
export async function visibleTexts(page: Page, scope?: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const roots: Element[] = sel ? Array.from<Element>(document.querySelectorAll(sel)) : [document.body];
    const out: string[] = [];
    const shown = (el: Element): boolean =>
      el.getClientRects().length > 0 &&
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
        const el = n.parentElement;
        if (!text || !el || el.closest('script, style, noscript')) continue;
        if (shown(el)) out.push(text);
      }
      for (const el of Array.from<Element>(
        root.querySelectorAll('input[placeholder], textarea[placeholder]'),
      ))
        if (shown(el) && !(el as HTMLInputElement).value) out.push(el.getAttribute('placeholder') ?? '');
    }
    return Array.from(new Set(out));
  }, scope ?? null);
}

/** Collects what each view shows untranslated; `done()` fails once with the whole list. */
export class UntranslatedSweep {
  readonly found: Finding[] = [];
  readonly views: string[] = [];
  names: string[] = [];
  /** `log`: a file that receives each view's findings as they are found (to read a walk that stops early). */
  constructor(
    private readonly page: Page,
    private readonly log?: string,
  ) {
    if (log) mkdirSync(dirname(log), { recursive: true });
  }

  /** Object names (longest first, so "Lab Cluster" goes before "Lab"). */
  setNames(names: Iterable<string>): void {
    this.names = [...new Set(names)].sort((a, b) => b.length - a.length);
  }

  checkTexts(view: string, texts: readonly string[]): void {
    this.views.push(view);
    const before = this.found.length;
    for (const text of texts) {
      for (const w of englishWords(text, this.names)) this.found.push({ view, what: w, text });
      for (const v of rawUnitValues(text)) this.found.push({ view, what: v, text });
    }
    if (this.log)
      appendFileSync(
        this.log,
        this.found
          .slice(before)
          .map((f) => `${f.view}: "${f.what}" in "${f.text.slice(0, 160)}"\n`)
          .join('') || `${view}: ok\n`,
      );
  }

  async check(view: string, scope?: string): Promise<void> {
    // A menu or dialog fades in: wait until its text is visible (opacity above 0).
    let texts: string[] = [];
    await expect
      .poll(async () => (texts = await visibleTexts(this.page, scope)).length, {
        message: `${view}: some visible text`,
      })
      .toBeGreaterThan(0);
    this.checkTexts(view, texts);
  }

  report(): string {
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const f of this.found) {
      const line = `${f.view}: "${f.what}" in "${f.text.slice(0, 160)}"`;
      if (!seen.has(line)) lines.push(line);
      seen.add(line);
    }
    return lines.join('\n');
  }

  done(): void {
    expect(this.report(), `untranslated text in ${this.views.length} views`).toBe('');
  }
}
