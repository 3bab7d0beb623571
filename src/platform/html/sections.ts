/**
 * The portal's sections (栏目入口): the site-wide pages a module owns (政策文件库, 政策解读, 信息公开,
 * 专题专栏, 清单 …), declared by that module when it starts. The main navigation, the sitemap for
 * people and the XML sitemap for crawlers loop over them, so a new section names itself once and
 * the frame never lists modules by hand.
 *
 * Like the content-kind registry, sections are code, the same in every app a process builds; the
 * registry is the process's and registering a section again replaces it (tests build many apps).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** A public page under a section (a 专题 and its sub-columns), for the sitemaps. */
export interface SectionPage {
  href: string;
  label: string;
  /** 0 for a page right under the section, 1 for one under that, … */
  depth: number;
  updatedAt: Date;
}

export interface PublicSection {
  href: string;
  label: string;
  /** Its place in the navigation and the sitemap (smaller first). */
  order: number;
  /** Shown in the main navigation; otherwise only in the sitemap. */
  nav: boolean;
  /** The label in the main navigation, when shorter than the sitemap's. */
  navLabel?: string;
  /** The section's own public pages that no content kind addresses (items are in the kinds' listings). */
  pages?: (db: Kysely<Database>) => Promise<SectionPage[]>;
}

const sections = new Map<string, PublicSection>();

export function registerPublicSection(section: PublicSection): void {
  sections.set(section.href, section);
}

export function publicSections(): PublicSection[] {
  return [...sections.values()].sort((a, b) => a.order - b.order || a.href.localeCompare(b.href));
}
