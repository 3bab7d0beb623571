/**
 * A person's home address down to the door (门牌号): the building, unit and room of a flat
 * (3栋2单元501室, a栋803, 五栋二单元) or a rural household's 组 and number (万家铺村3组12号). With a
 * name, that locates an individual, which 条例 第15条 keeps out of public text. A street address
 * alone (文轩路579号) names a compound, a shop or an office and is left alone: government replies
 * give their own offices' addresses on purpose.
 *
 * Not part of findPersonalData: the review checks of documents would flag every office room
 * (101室) an organ publishes. Callers that handle citizens' own words (the Q&A import) mask these.
 */
import { foldWidth } from './width.js';

export interface ResidenceHit {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  value: string;
}

const NUM = '[0-9A-Za-z一二三四五六七八九十]{1,4}';
// A number that counts or measures (12栋2000多户, 3栋1500平方米) is not a room.
const NOT_A_ROOM = '(?![0-9.]|[多余万千百亿户人名个辆套间平米元亩吨级层公立年月天次台件位家所条])';
// 栋/幢/号楼 (a residential building; 座 names office towers, which are left alone), then an
// optional 单元 (unit), then the room: 803, 803室, 1201号, 2-301.
const BUILDING = `(?<=${NUM}(?:栋|幢|号楼))`;
const FLAT = new RegExp(`${BUILDING}(?:${NUM}单元)?(?:\\d{1,2}-)?\\d{3,4}(?:室|号|房|${NOT_A_ROOM})|${BUILDING}${NUM}单元(?:\\d{3,4}(?:室|号|房|${NOT_A_ROOM}))?`, 'g');
// A rural household: …村3组12号, …组12号.
const RURAL = /(?<=[\u4e00-\u9fa5]村)(?:[0-9一二三四五六七八九十]{1,3}组)?[0-9]{1,4}号|(?<=[0-9一二三四五六七八九十]组)[0-9]{1,4}号/g;

export function findResidenceAddresses(text: string): ResidenceHit[] {
  const folded = foldWidth(text);
  const hits: ResidenceHit[] = [];
  for (const re of [FLAT, RURAL]) {
    for (const m of folded.matchAll(re)) hits.push({ start: m.index, end: m.index + m[0].length, value: text.slice(m.index, m.index + m[0].length) });
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  return hits.filter((h, i) => !hits.slice(0, i).some((o) => o.start <= h.start && o.end >= h.end));
}

/** The door hidden, the place kept: 3栋2单元501室 → 3栋**单元***室. */
export function maskResidence(value: string): string {
  return value.replace(/[0-9A-Za-z０-９Ａ-Ｚａ-ｚ一二三四五六七八九十]/g, '*');
}
