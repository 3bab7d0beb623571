import { createRequire } from 'node:module';

/**
 * Place names in a query (嘉兴, 衢州, 山东, 义乌市), from the national list of administrative divisions
 * (GB/T 2260, as packaged by @vant/area-data: 34 provinces, 369 cities, 3,479 counties). A place
 * in a search prefers the documents issued by or for it; it is not what the query is about.
 *
 * Provinces and cities are known by their full and short names (浙江省 / 浙江, 嘉兴市 / 嘉兴,
 * 延边朝鲜族自治州 / 延边); counties by their full name, and county-level cities and counties also by
 * the short one (义乌, 德清). Districts keep their full name only: 朝阳, 城关, 新华 are words too.
 */
export interface Place {
  /** The official name: 嘉兴市. */
  name: string;
  /** What documents' titles and issuers say at least: 嘉兴. */
  short: string;
  level: 'province' | 'city' | 'county';
}

const require = createRequire(import.meta.url);
let names: Map<string, Place> | undefined;

const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/u;
const CITY_SUFFIX = /(市|地区|盟|自治州)$/u;
/** An autonomous prefecture is called by what precedes its peoples' names: 延边朝鲜族自治州 → 延边. */
const PEOPLES = /(朝鲜|藏族|彝族|苗族|土家|布依|侗族|哈尼|傣族|壮族|白族|傈僳|景颇|回族|蒙古|哈萨克|柯尔克孜|羌族)/u;
const COUNTY_SUFFIX = /(市|县)$/u;

function gazetteer(): Map<string, Place> {
  if (names) return names;
  const { areaList } = require('@vant/area-data') as { areaList: Record<'province_list' | 'city_list' | 'county_list', Record<string, string>> };
  const m = new Map<string, Place>();
  const add = (name: string, suffix: RegExp, level: Place['level']) => {
    const peoples = name.endsWith('自治州') ? name.search(PEOPLES) : -1;
    const short = peoples > 0 ? name.slice(0, peoples) : name.replace(suffix, '');
    const place: Place = { name, short: short.length >= 2 ? short : name, level };
    if (!m.has(name)) m.set(name, place);
    if (place.short !== name && !m.has(place.short)) m.set(place.short, place);
  };
  for (const n of Object.values(areaList.province_list)) add(n, PROVINCE_SUFFIX, 'province');
  for (const n of Object.values(areaList.city_list)) add(n, CITY_SUFFIX, 'city');
  for (const n of Object.values(areaList.county_list)) {
    if (COUNTY_SUFFIX.test(n)) add(n, COUNTY_SUFFIX, 'county');
    else if (!m.has(n)) m.set(n, { name: n, short: n, level: 'county' });
  }
  names = m;
  return m;
}

/** The place a word names, when it is one (嘉兴 → 嘉兴市). */
export function placeNamed(word: string): Place | null {
  return gazetteer().get(word) ?? null;
}
