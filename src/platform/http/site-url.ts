import type { Config } from '../../config.js';

/**
 * The site's own address for absolute links (feeds, sitemap, robots.txt, links in mail): PUBLIC_URL,
 * which production requires; in development, this machine on its port. Never the request's Host
 * header, which anyone can set and which would otherwise be written into cached feeds and mail.
 */
export function siteUrl(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return config.publicUrl?.replace(/\/$/, '') ?? `http://localhost:${config.port}`;
}
