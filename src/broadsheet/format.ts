/** Print conventions of Chinese party-building pages, as small pure functions. */

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `2024-07-05` → `2024年7月5日 星期五` (computed in UTC, so it never depends on the machine's zone). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  return `${y}年${mo}月${d}日 星期${weekday}`;
}

/** A day without its weekday, for notices (更正, 撤稿): `2024年7月5日`. */
export function dayText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : (iso ?? '');
}

/** A subtitle is printed with its leading dash: `——某县党建引领乡村振兴综述`. */
export function subtitleText(subtitle: string | null): string | null {
  if (!subtitle) return null;
  const bare = subtitle.replace(/^[—–-]+\s*/, '');
  return bare ? `——${bare}` : null;
}

/** Caption with its position word: `上图：…`. */
export function captionText(caption: string | null, position: string | null): string | null {
  if (!caption) return position ? `${position}` : null;
  return position ? `${position}：${caption}` : caption;
}
