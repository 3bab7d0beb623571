import type { SiteFooter } from '../../config.js';

/** What every page needs to know about the request, whatever it shows. */
/** 标准版, 大字版, 高对比度, and the document page's 字号「小」. */
export type DisplayMode = 'standard' | 'small' | 'large' | 'contrast';

export interface PageContext {
  siteName: string;
  /** The footer's identification and filing numbers; absent on pages built outside a request. */
  footer?: SiteFooter;
  mode: DisplayMode;
  /** Path and query of the current page, for "back" links and mode switches. */
  path: string;
  /** The back-office menu entries the signed-in staff member may open (modules/staff/navigation.ts). */
  adminNav?: NavEntry[];
}

export interface NavEntry {
  href: string;
  label: string;
}

export const MODE_COOKIE = 'gk_mode';

export function parseMode(v: string | undefined): DisplayMode {
  return v === 'small' || v === 'large' || v === 'contrast' ? v : 'standard';
}
