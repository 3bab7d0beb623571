/** What every page needs to know about the request, whatever it shows. */
export type DisplayMode = 'standard' | 'large' | 'contrast';

export interface PageContext {
  siteName: string;
  mode: DisplayMode;
  /** Path and query of the current page, for "back" links and mode switches. */
  path: string;
}

export const MODE_COOKIE = 'gk_mode';

export function parseMode(v: string | undefined): DisplayMode {
  return v === 'large' || v === 'contrast' ? v : 'standard';
}
