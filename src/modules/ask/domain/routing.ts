import type { Concept } from './question.js';

/**
 * Routing by duty (issue 14): which organization a question sent to a department (转人工) is
 * suggested to, and the one-line reason shown with the suggestion. Pure: the query
 * (queries/routing.ts) loads the evidence.
 *
 * The scoring rule, per organization, each part 0–1:
 *   3 × duty     the best matter of its 权责清单 / 行政许可事项清单: the share of the question's
 *                concepts found in the matter's name, a concept found only in the row's other
 *                cells (责任事项, 实施机关 …, never its legal basis) counting half;
 * + 2 × answers  the best retrieval score of the nearest published Q&A entries it answered
 *                (the answering department named in the entry, else the entry's organization);
 * + 1 × columns  the share of concepts found in one of its catalog columns' names, only for names
 *                fewer than half of the organizations share (a template column says nothing);
 * + ½ × clauses  the best retrieval score of the clauses of documents it issued.
 * Concepts of one character (开, 办, 证) carry no subject and are left out.
 *
 * The place: an organization inside a county or township may be suggested only when the asker
 * chose that place (or a place inside it, or above it); without a place only the city level may
 * be, so a question is never sent to a township of another county by default. Within the place,
 * an organization of the asker's own area wins a tie over the city level (+¼). Nothing scoring:
 * the chosen place's own organization, else the top government, which receives and transfers.
 */
export const ROUTING_WEIGHTS = { duty: 3, answers: 2, columns: 1, clauses: 0.5, local: 0.25 } as const;

export interface RoutingOrg {
  id: number;
  name: string;
  shortName: string;
  parentId: number | null;
  kind: string;
}

export interface DutyEvidence {
  orgId: number;
  listLabel: string;
  matter: string;
  detail: string;
}

export interface AnswerEvidence {
  orgId: number;
  department: string;
  title: string;
  score: number;
}

export interface RoutingEvidence {
  concepts: readonly Concept[];
  duties: readonly DutyEvidence[];
  /** Published entries only: the caller has dropped the rest. */
  answers: readonly AnswerEvidence[];
  columns: readonly { orgId: number; name: string }[];
  clauses: readonly { orgId: number; score: number }[];
}

export interface RoutedOrg {
  orgId: number;
  score: number;
  reason: string;
}

export interface Routing {
  /** The suggested organization and why, in one line. */
  suggested: RoutedOrg;
  /** Every eligible organization with a positive score, best first (the suggestion first). */
  ranked: RoutedOrg[];
}

/** Concepts that carry a subject: at least one alternative longer than one character. */
export function subjectConcepts(concepts: readonly Concept[]): Concept[] {
  return concepts.filter((c) => c.alternatives.some((a) => a.join('').length > 1));
}

/** Whether any alternative of the concept is in the text (every word of it, as substrings). */
export function conceptIn(c: Concept, text: string): boolean {
  return c.alternatives.some((a) => a.join('').length > 1 && a.every((w) => text.includes(w)));
}

/**
 * The words to look for in the lists and columns, a superset of what conceptIn accepts: each
 * alternative's longest word (食品 for 食品 经营), when it has two characters or more.
 */
export function routingWords(concepts: readonly Concept[]): string[] {
  const longest = (a: string[]) => a.reduce((x, y) => (y.length > x.length ? y : x), '');
  return [...new Set(subjectConcepts(concepts).flatMap((c) => c.alternatives.map(longest)).filter((w) => w.length >= 2))];
}

/** The nearest organization of a county or township at or above the organization, if any (its area). */
export function areaOf(orgId: number, byId: ReadonlyMap<number, RoutingOrg>): number | null {
  let o = byId.get(orgId);
  let area: number | null = null;
  // The area is the outermost county or township: a county's township belongs to the county.
  for (let guard = 0; o && guard < 50; guard++) {
    if (o.kind === 'county' || o.kind === 'township') area = o.id;
    o = o.parentId === null ? undefined : byId.get(o.parentId);
  }
  return area;
}

function isAncestorOrSelf(ancestor: number, orgId: number, byId: ReadonlyMap<number, RoutingOrg>): boolean {
  let o = byId.get(orgId);
  for (let guard = 0; o && guard < 50; guard++) {
    if (o.id === ancestor) return true;
    o = o.parentId === null ? undefined : byId.get(o.parentId);
  }
  return false;
}

/** Whether the organization may be suggested for a question from the place (null: none chosen). */
export function eligibleFor(orgId: number, place: number | null, byId: ReadonlyMap<number, RoutingOrg>): boolean {
  if (areaOf(orgId, byId) === null) return true;
  // A city-level place (the city government, a department) is no area: as if none were chosen.
  if (place === null || areaOf(place, byId) === null) return false;
  return isAncestorOrSelf(place, orgId, byId) || isAncestorOrSelf(orgId, place, byId);
}

/**
 * The place a question names when the asker chose none (我在东山县青石镇… / 西湖县的…): a county or
 * township whose name without 人民政府, or whose short name, is in the text (three characters or
 * more, so 东山 in another sense is not a place). The innermost when the names found lie on one
 * line (东山县青石镇 → 青石镇); none when they name unrelated places.
 */
export function placeNamedIn(text: string, orgs: readonly RoutingOrg[]): number | null {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const found = orgs.filter((o) => (o.kind === 'county' || o.kind === 'township')
    && [o.name.replace(/人民政府$/, ''), o.shortName].some((n) => n.length >= 3 && text.includes(n)));
  if (found.length === 0) return null;
  const inner = found.find((o) => found.every((x) => isAncestorOrSelf(x.id, o.id, byId)));
  return inner?.id ?? null;
}

/** The organization an answering department's name points to (市人社局劳动关系处 → 市人社局), else the entry's own. */
export function answeringOrg(department: string, fallback: number, orgs: readonly RoutingOrg[]): number {
  let best: { id: number; len: number } | null = null;
  for (const o of orgs) {
    for (const n of [o.name, o.shortName]) {
      if (n.length >= 3 && department.includes(n) && (!best || n.length > best.len)) best = { id: o.id, len: n.length };
    }
  }
  return best?.id ?? fallback;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function routeQuestion(orgs: readonly RoutingOrg[], e: RoutingEvidence, place: number | null): Routing {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const concepts = subjectConcepts(e.concepts);
  const n = concepts.length;
  type Part = { value: number; reason: string };
  const parts = new Map<number, { duty?: Part; answers?: Part; columns?: Part; clauses?: Part }>();
  const better = (orgId: number, key: 'duty' | 'answers' | 'columns' | 'clauses', value: number, reason: string) => {
    if (value <= 0 || !byId.has(orgId)) return;
    const p = parts.get(orgId) ?? {};
    if (!p[key] || value > p[key]!.value) p[key] = { value, reason };
    parts.set(orgId, p);
  };
  if (n > 0) {
    for (const d of e.duties) {
      let found = 0;
      for (const c of concepts) found += conceptIn(c, d.matter) ? 1 : conceptIn(c, d.detail) ? 0.5 : 0;
      better(d.orgId, 'duty', found / n, `根据${d.listLabel}：${d.matter}`);
    }
    for (const col of e.columns) {
      const found = concepts.filter((c) => conceptIn(c, col.name)).length;
      better(col.orgId, 'columns', found / n, `根据公开目录栏目：${col.name}`);
    }
  }
  for (const a of e.answers) better(answeringOrg(a.department, a.orgId, orgs), 'answers', Math.min(1, a.score), `根据相近问题的答复部门：${a.department || byId.get(a.orgId)?.name || ''}（${clip(a.title, 24)}）`);
  for (const c of e.clauses) better(c.orgId, 'clauses', Math.min(1, c.score), '根据相关政策文件的发文机关');

  const ranked: RoutedOrg[] = [];
  for (const [orgId, p] of parts) {
    if (!eligibleFor(orgId, place, byId)) continue;
    const weighted = (['duty', 'answers', 'columns', 'clauses'] as const).map((k) => ({ k, v: (p[k]?.value ?? 0) * ROUTING_WEIGHTS[k] }));
    const local = place !== null && areaOf(orgId, byId) !== null ? ROUTING_WEIGHTS.local : 0;
    const top = weighted.reduce((a, b) => (b.v > a.v ? b : a));
    ranked.push({ orgId, score: weighted.reduce((s, x) => s + x.v, 0) + local, reason: p[top.k]!.reason });
  }
  ranked.sort((a, b) => b.score - a.score || a.orgId - b.orgId);
  const suggested = ranked[0] ?? fallbackOrg(orgs, place, byId);
  return { suggested, ranked };
}

function fallbackOrg(orgs: readonly RoutingOrg[], place: number | null, byId: ReadonlyMap<number, RoutingOrg>): RoutedOrg {
  const chosen = place !== null ? byId.get(place) : undefined;
  if (chosen) return { orgId: chosen.id, score: 0, reason: `未找到职责对应的部门，由您所在地区的${chosen.name}受理` };
  const top = orgs.find((o) => o.parentId === null && o.kind === 'government') ?? orgs.find((o) => o.parentId === null) ?? orgs[0];
  return { orgId: top?.id ?? 0, score: 0, reason: `未找到职责对应的部门，由${top?.name ?? '本级政府'}统一受理后转交承办部门` };
}
