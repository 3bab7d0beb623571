import type { InterpretationsTable, ItemStatus } from '../../../db/schema.js';

export type InterpretationForm = InterpretationsTable['form'];

/** 解读形式 (domain.md §8): text, charts, video, Q&A, press conference, expert interpretation. */
export const FORM_LABELS: Record<InterpretationForm, string> = {
  text: '文字解读',
  graphic: '图解',
  video: '视频解读',
  qa: '问答',
  press: '新闻发布会',
  expert: '专家解读',
};

export const INTERPRETATION_FORMS = Object.keys(FORM_LABELS) as InterpretationForm[];

/** States in which an interpretation has gone to review or further (三同步: 同步报审). */
export const SUBMITTED_OR_LATER: readonly ItemStatus[] = ['submitted', 'in_review', 'approved', 'scheduled', 'published'];

export const adminUrl = (id: number) => `/admin/interpretations/${id}`;
export const publicUrl = (id: number) => `/interpretations/${id}`;
export const reviewUrl = (id: number) => `/admin/review/interpretation/${id}`;
