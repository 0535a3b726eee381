/**
 * Accessibility fix-ups for markup Naive UI renders but its props cannot reach (issue 12), applied to
 * every instance in the document, present and future, so no view has to remember them:
 *
 * - icons (`NIcon` renders `<i role="img">` with no name): decorative unless they carry an
 *   `aria-label`/`aria-labelledby` (the control around them is what has the name), so `aria-hidden`;
 * - card headers (two nested `role="heading"` without a level): the inner one stays a heading of
 *   level 2 (under the page's h1), the outer one is `role="none"`;
 * - tabs (plain divs, not focusable): `tablist` / `tab` with `aria-selected` and a roving tabindex,
 *   the shown pane a `tabpanel` labelled by its tab; arrows, Home/End move between tabs and select,
 *   Enter and Space select (WAI-ARIA tabs pattern, automatic activation);
 * - dialogs and drawers (`role="dialog"` without a name): labelled by their title;
 * - number inputs' − / + buttons and data tables' row selection boxes (no name): labelled in the
 *   page's language (`<html lang>`), relabelled when it changes;
 * - form items (`NFormItem`'s label is not tied to its control): an unnamed input, text area or
 *   switch in the item is labelled by the item's label;
 * - virtual-scrolling data tables (a scrolling body with nothing focusable): a Tab stop, so the
 *   keyboard can scroll them.
 *
 * The fix-ups only add ARIA attributes Vue does not manage (static in Naive's render functions), so a
 * re-render keeps them; a MutationObserver applies them to what is added and follows the active tab.
 */

let seq = 0;
const newId = (prefix: string): string => `vdc-${prefix}-${++seq}`;
function idOf(el: Element, prefix: string): string {
  if (!el.id) el.id = newId(prefix);
  return el.id;
}

/** Names for controls Naive leaves unnamed, in the page's language. */
const LABELS = {
  en: { minus: 'Decrease', plus: 'Increase', select: 'Select {name}', selectAll: 'Select all', row: 'row' },
  'zh-CN': { minus: '减少', plus: '增加', select: '选择 {name}', selectAll: '全选', row: '行' },
};
type LabelKey = keyof (typeof LABELS)['en'];
function label(key: LabelKey, name = ''): string {
  const lang = document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en';
  return LABELS[lang][key].replace('{name}', name);
}
/** Labels an element by one of LABELS (remembered, so a language change relabels it). */
function autoLabel(el: Element, key: LabelKey, name = ''): void {
  el.setAttribute('data-a11y-label', key);
  if (name) el.setAttribute('data-a11y-name', name);
  el.setAttribute('aria-label', label(key, name));
}
function relabel(): void {
  for (const el of document.querySelectorAll('[data-a11y-label]'))
    el.setAttribute(
      'aria-label',
      label(el.getAttribute('data-a11y-label') as LabelKey, el.getAttribute('data-a11y-name') ?? ''),
    );
}

function fixInputNumber(el: Element): void {
  const pre = [...el.querySelectorAll('.n-input__prefix .n-button')];
  const suf = [...el.querySelectorAll('.n-input__suffix .n-button')];
  const minus = pre[0] ?? (suf.length > 1 ? suf[0] : undefined);
  const plus = suf[suf.length - 1];
  if (minus && !minus.hasAttribute('aria-label')) autoLabel(minus, 'minus');
  if (plus && plus !== minus && !plus.hasAttribute('aria-label')) autoLabel(plus, 'plus');
}

/** The row selection box or radio of a data table, named after its row. */
function fixSelection(cell: Element): void {
  const box = cell.querySelector('[role="checkbox"], input[type="radio"], input[type="checkbox"]');
  if (!box || box.hasAttribute('data-a11y-label')) return;
  const labelledBy = box.getAttribute('aria-labelledby');
  if (labelledBy && !document.getElementById(labelledBy)) box.removeAttribute('aria-labelledby');
  if (named(box)) return;
  if (cell.classList.contains('n-data-table-th')) {
    autoLabel(box, 'selectAll');
    return;
  }
  const row = cell.closest('tr');
  const other = row?.querySelector('td:not(.n-data-table-td--selection)');
  const name = row?.getAttribute('data-name') ?? other?.textContent?.trim() ?? '';
  autoLabel(box, 'select', name || label('row'));
}

const CONTROLS =
  'input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"]), textarea, [role="switch"]';
function fixFormItem(item: Element): void {
  const lbl = item.querySelector(':scope > .n-form-item-label');
  if (!lbl || !lbl.textContent?.trim()) return;
  for (const c of item.querySelectorAll(
    `:scope > .n-form-item-blank ${CONTROLS.split(', ').join(', :scope > .n-form-item-blank ')}`,
  )) {
    if (!named(c) && !c.closest('label')) c.setAttribute('aria-labelledby', idOf(lbl, 'label'));
  }
}

function fixVirtualTable(list: Element): void {
  if (!list.hasAttribute('tabindex')) list.setAttribute('tabindex', '0');
}

function named(el: Element): boolean {
  return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
}

function fixIcon(el: Element): void {
  if (!named(el) && el.getAttribute('aria-hidden') !== 'true') el.setAttribute('aria-hidden', 'true');
}

function fixCardHeader(header: Element): void {
  if (header.getAttribute('role') === 'heading') header.setAttribute('role', 'none');
  const main = header.querySelector(':scope > .n-card-header__main');
  if (main && !main.hasAttribute('aria-level')) main.setAttribute('aria-level', '2');
}

/** The title element of a dialog, drawer or modal card. */
const TITLE = ':scope .n-card-header__main, :scope .n-drawer-header__main, :scope .n-dialog__title';
function fixDialog(el: Element): void {
  if (named(el)) return;
  const title = el.querySelector(TITLE);
  if (title) el.setAttribute('aria-labelledby', idOf(title, 'title'));
}

function syncTablist(list: Element): void {
  list.setAttribute('role', 'tablist');
  const tabs = [...list.querySelectorAll(':scope > .n-tabs-tab-wrapper > .n-tabs-tab, :scope > .n-tabs-tab')];
  const active = tabs.find((t) => t.classList.contains('n-tabs-tab--active')) ?? tabs[0];
  for (const tab of tabs) {
    const on = tab === active;
    if (tab.getAttribute('role') !== 'tab') tab.setAttribute('role', 'tab');
    idOf(tab, 'tab');
    if (tab.getAttribute('aria-selected') !== String(on)) tab.setAttribute('aria-selected', String(on));
    const tabindex = on ? '0' : '-1';
    if (tab.getAttribute('tabindex') !== tabindex) tab.setAttribute('tabindex', tabindex);
    if (tab.classList.contains('n-tabs-tab--disabled')) tab.setAttribute('aria-disabled', 'true');
  }
  // The shown pane of these tabs (display-directive "if" renders only it; "show" hides the others).
  const root = list.closest('.n-tabs');
  if (!root || !active) return;
  for (const pane of root.querySelectorAll('.n-tab-pane')) {
    if (pane.closest('.n-tabs') !== root) continue; // a pane of tabs nested in this one
    pane.setAttribute('role', 'tabpanel');
    if ((pane as HTMLElement).style.display !== 'none') pane.setAttribute('aria-labelledby', active.id);
  }
}

/** The scrolling box around tab panes: a Tab stop, so the keyboard can scroll a pane with nothing focusable. */
function fixPaneWrapper(el: Element): void {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
}

function fixTree(root: Element): void {
  const all = (sel: string): Element[] => [
    ...(root.matches(sel) ? [root] : []),
    ...root.querySelectorAll(sel),
  ];
  for (const el of all('.n-icon[role="img"]')) fixIcon(el);
  for (const el of all('.n-card-header')) fixCardHeader(el);
  for (const el of all('.n-tabs-wrapper')) syncTablist(el);
  for (const el of all('[role="dialog"]')) fixDialog(el);
  for (const el of all('.n-input-number')) fixInputNumber(el);
  for (const el of all('.n-data-table-td--selection, .n-data-table-th--selection')) fixSelection(el);
  for (const el of all('.n-data-table-base-table-body .v-vl')) fixVirtualTable(el);
  for (const el of all('.n-tabs-pane-wrapper')) fixPaneWrapper(el);
  for (const el of all('.n-form-item')) fixFormItem(el);
  const item = root.closest('.n-form-item');
  if (item) fixFormItem(item);
  // Something added inside a number input or a selection cell (Naive renders them in steps).
  const cell = root.closest('.n-data-table-td--selection, .n-data-table-th--selection');
  if (cell) fixSelection(cell);
  const num = root.closest('.n-input-number');
  if (num) fixInputNumber(num);
  // A tab or a pane added inside an existing tab list (e.g. a tab shown for another object kind).
  const list = root.closest('.n-tabs-wrapper');
  if (list) syncTablist(list);
  const tabs = root.closest('.n-tabs');
  const wrapper = tabs?.querySelector(':scope .n-tabs-wrapper');
  if (wrapper && root.classList.contains('n-tab-pane')) syncTablist(wrapper);
  // A title rendered after its dialog.
  const dialog = root.closest('[role="dialog"]');
  if (dialog) fixDialog(dialog);
}

/** Arrow keys, Home/End, Enter and Space on a tab (automatic activation: moving selects). */
function onKeydown(e: KeyboardEvent): void {
  const tab = (e.target as Element | null)?.closest?.('.n-tabs-tab[role="tab"]') as HTMLElement | null;
  if (!tab || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    tab.click();
    return;
  }
  const list = tab.closest('[role="tablist"]');
  if (!list) return;
  const tabs = [...list.querySelectorAll<HTMLElement>('.n-tabs-tab[role="tab"]')].filter(
    (t) => t.getAttribute('aria-disabled') !== 'true',
  );
  const i = tabs.indexOf(tab);
  const next =
    e.key === 'ArrowRight' || e.key === 'ArrowDown'
      ? tabs[(i + 1) % tabs.length]
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
        ? tabs[(i - 1 + tabs.length) % tabs.length]
        : e.key === 'Home'
          ? tabs[0]
          : e.key === 'End'
            ? tabs[tabs.length - 1]
            : undefined;
  if (!next) return;
  e.preventDefault();
  e.stopPropagation();
  next.click();
  next.focus();
}

/** Applies the fix-ups to `root` now and to whatever is added or re-classed later; returns a stop function. */
export function installNaiveA11y(root: HTMLElement = document.body): () => void {
  fixTree(root);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'childList') {
        for (const n of r.addedNodes) if (n instanceof Element) fixTree(n);
      } else if (r.target instanceof Element && r.target.classList.contains('n-tabs-tab')) {
        const list = r.target.closest('.n-tabs-wrapper');
        if (list) syncTablist(list);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  const lang = new MutationObserver(relabel);
  lang.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  root.addEventListener('keydown', onKeydown);
  return () => {
    observer.disconnect();
    lang.disconnect();
    root.removeEventListener('keydown', onKeydown);
  };
}
