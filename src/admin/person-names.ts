/**
 * Chinese names family name first, in Strapi's own screens, which know only
 * `firstname lastname`. banmian keeps Strapi's fields as they are (firstname
 * 名 = 芳, lastname 姓 = 王; the signature prints 王芳: src/signoff/service.ts
 * actorOfUser), and changes only how Strapi shows them, with no hook for it in 5.54:
 *
 * - the forms (register, profile, invite, user edit) ask 姓 before 名: the field
 *   holding `lastname` is laid out before the one holding `firstname`, by CSS
 *   order on whichever element holds one but not the other, and the Tab key
 *   follows what is shown (`tabFamilyFirst`: CSS order does not move focus order,
 *   and moving React's nodes would break its rendering);
 * - the avatar's initials (Strapi writes firstname[0] + lastname[0], 芳王) read
 *   王芳, and so does the name beside it: when both parts are Chinese, the rule
 *   actorOfUser applies. Only the signed-in user's menu in the main navigation
 *   shows initials; it is rewritten after each render of it.
 */

const FULL = /^(\p{Script=Han}+) (\p{Script=Han}+)$/u;

const FORM_ORDER = `
  :has(input[name="firstname"]) > :has(input[name="lastname"]):not(:has(input[name="firstname"])) { order: -1; }
`;

/**
 * What Strapi wrote for a user named `given family` (its display name), family
 * name first: the name itself and its initials. Null when the name is not two Chinese parts.
 */
export function familyFirst(displayName: string): Map<string, string> | null {
  const full = FULL.exec(displayName);
  if (!full) return null;
  const [, given, family] = full;
  return new Map([
    [`${given} ${family}`, `${family}${given}`],
    [`${[...given][0]}${[...family][0]}`, `${[...family][0]}${[...given][0]}`],
  ]);
}

const written = new WeakMap<Text, string>();
// The fixes for the signed-in user, kept once found: after a rewrite the display name no longer shows them.
let known: Map<string, string> | null = null;

function rewriteNavUser(root: ParentNode) {
  // The user's menu button at the foot of the main navigation: avatar initials, then the (hidden) name.
  for (const button of Array.from(root.querySelectorAll('nav button[aria-haspopup]'))) {
    const texts: Text[] = [];
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
    const fixes = texts.map((t) => familyFirst(t.data)).find(Boolean) ?? known;
    if (!fixes) continue;
    known = fixes;
    for (const node of texts) {
      const fixed = fixes.get(node.data);
      if (fixed && written.get(node) !== node.data) {
        node.data = fixed;
        written.set(node, fixed);
      }
    }
  }
}

const TABBABLE = 'input, select, textarea, button, a[href], [tabindex]';

/**
 * Where Tab goes from `from` in a form laid out 姓 before 名: the document's tab
 * order with the two name fields swapped, so 姓 is reached before 名 and both
 * before what follows them. Null when the keyboard's own order is right (no such
 * pair of fields in view, or focus outside the sequence).
 */
export function tabFamilyFirst(root: ParentNode, from: Element | null, backwards: boolean): HTMLElement | null {
  const order = Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled && el.getClientRects().length > 0,
  );
  const given = order.findIndex((el) => el.getAttribute('name') === 'firstname');
  const family = order.findIndex((el) => el.getAttribute('name') === 'lastname');
  if (given < 0 || family !== given + 1 || !from) return null;
  [order[given], order[family]] = [order[family], order[given]];
  const at = order.indexOf(from as HTMLElement);
  if (at < 0) return null;
  const next = order[at + (backwards ? -1 : 1)];
  // Only steps that enter, leave or cross the pair need help; elsewhere the browser's order is the same.
  const touches = (el: Element | undefined) => el?.getAttribute('name') === 'firstname' || el?.getAttribute('name') === 'lastname';
  return next && (touches(next) || touches(from)) ? next : null;
}

export function showNamesFamilyFirst() {
  if (typeof document === 'undefined') return;
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
      const next = tabFamilyFirst(document, document.activeElement, event.shiftKey);
      if (!next) return;
      event.preventDefault();
      next.focus();
    },
    true,
  );
  const style = document.createElement('style');
  style.dataset.banmian = 'person-names';
  style.textContent = FORM_ORDER;
  document.head.appendChild(style);
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      rewriteNavUser(document);
      rewriteUserScreens(document, window.location.pathname);
      rewriteHardCodedEnglish(document);
    });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
}

/**
 * The screens about admin users (the profile, Settings → 用户 and a user's edit
 * page) write a user's display name `given family` in their heading and list cells:
 * there, a text that is exactly two Chinese parts is a name, and reads family name
 * first. Only on those screens: elsewhere such a text may be a headline
 * (`不忘初心 牢记使命`), which must stay as written.
 */
export function rewriteUserScreens(root: ParentNode, pathname: string) {
  if (!/\/admin\/(me|settings\/users)(\/|$)/.test(pathname)) return;
  for (const el of Array.from(root.querySelectorAll('main h1, main [role="gridcell"] span, main [role="gridcell"] p'))) {
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType !== Node.TEXT_NODE || written.get(node as Text) === (node as Text).data) continue;
      const fixed = familyFirst((node as Text).data)?.get((node as Text).data);
      if (!fixed) continue;
      (node as Text).data = fixed;
      written.set(node as Text, fixed);
    }
  }
}

/**
 * Words Strapi 5.54 writes in English whatever the language (no message id to
 * translate): the user list's status badge (Settings → 用户). Rewritten in the
 * Chinese interface only, where they are shown.
 */
const HARD_CODED: Record<string, string> = { Active: '已激活', Inactive: '未激活' };

export function rewriteHardCodedEnglish(root: ParentNode) {
  if (!document.documentElement.lang.startsWith('zh')) return;
  for (const cell of Array.from(root.querySelectorAll('main [role="gridcell"] span'))) {
    const node = cell.firstChild;
    if (cell.childNodes.length === 1 && node?.nodeType === Node.TEXT_NODE && HARD_CODED[(node as Text).data])
      (node as Text).data = HARD_CODED[(node as Text).data];
  }
}
