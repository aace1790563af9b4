// The seven entries of the 智能预约 home (seed 2, 1(3)) with the guide's descriptions; also the shell's navigation.
export interface ShellEntry {
  href: string;
  label: string;
  description: string;
  /** Not open yet: shown as text marked 即将开通, never as a link that leads to a missing page. */
  soon?: boolean;
  /** One of the phone's bottom tabs (the four a taxpayer uses most); the others are under 我的 there. */
  tab?: boolean;
}

/** The words beside a feature that does not exist yet. */
export const COMING_SOON = '即将开通';

export const ENTRIES: ShellEntry[] = [
  { href: '/guide', label: '智能导税', description: '通过问答定位所需办理的主题业务', tab: true },
  { href: '/forms', label: '我的填单', description: '历史填单信息查询' },
  { href: '/booking', label: '预约办税', description: '预约办税', tab: true },
  { href: '/favorites', label: '我的收藏', description: '查看收藏的主题和告知书信息' },
  { href: '/tickets', label: '票号绑定', description: '绑定票号后可以在线收到票号信息', tab: true },
  { href: '/todos', label: '我的待办', description: '查看我的待办业务', tab: true },
  { href: '/history', label: '历史记录', description: '查看已办理的业务记录' },
];

/** Whether a nav entry is the current section (its own page or a page below it). */
export const isCurrent = (href: string, pathname: string) => pathname === href || pathname.startsWith(href + '/');

/** The entries under 我的 on a phone (not tabs), and the 我的 tab itself. */
export const MORE_ENTRIES = ENTRIES.filter((e) => !e.tab);
export const ME_HREF = '/me';

/** Whether the phone's 我的 tab is the current section: /me, or a page of an entry listed under it, or 通知. */
export const isMine = (pathname: string) =>
  [ME_HREF, '/notices', ...MORE_ENTRIES.map((e) => e.href)].some((href) => isCurrent(href, pathname));
