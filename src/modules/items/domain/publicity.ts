import type { AfterPeriod, PublicityScope } from '../../../db/schema-items.js';
import { SCOPE_LABELS } from './labels.js';

/** A 公示's period as stored. */
export interface Publicity {
  start: string | null;
  end: string | null;
  scope: PublicityScope | null;
  place: string;
  afterPeriod: AfterPeriod | null;
}

export type PublicityPhase = 'upcoming' | 'running' | 'ended';

/** Where a 公示 stands on `today` (China date): before, in or after its period (the end day is included). */
export function publicityPhase(p: { start: string | null; end: string | null }, today: string): PublicityPhase | null {
  if (!p.start || !p.end) return null;
  if (today < p.start) return 'upcoming';
  return today > p.end ? 'ended' : 'running';
}

/** What is missing or wrong in a 公示's period, scope and ending, in Chinese; empty when complete. */
export function publicityProblems(p: Publicity): string[] {
  const out: string[] = [];
  if (!p.start || !p.end) out.push('请填写公示期的起止日期');
  else if (p.end < p.start) out.push('公示期的结束日期不能早于开始日期');
  if (!p.scope) out.push('请选择公示范围');
  else if (p.scope === 'residents' && !p.place.trim()) out.push('公示范围为特定区域居民时，请填写区域（如 青石镇辖区居民）');
  if (!p.afterPeriod) out.push('请选择公示期满后的处理方式（保留或撤下）');
  return out;
}

/**
 * The scope line the public page shows: 全社会, or the place's residents.
 *
 * Why a line and not a gate: a portal cannot tell who lives where (an account's sign-in proves an
 * e-mail address, not a residence), so hiding a residents' 公示 behind sign-in would keep it from
 * the residents without signing in while showing it to anyone who registers. What is published on
 * the portal is public; the scope says whom the notice concerns (who may object within the period),
 * and content that must reach only residents belongs on the village's notice board, not online.
 * The personal-data check runs on a 公示 like on anything else.
 */
export function scopeLine(scope: PublicityScope | null, place: string): string {
  if (!scope) return '—';
  return scope === 'residents' && place.trim() ? place.trim() : SCOPE_LABELS[scope];
}
