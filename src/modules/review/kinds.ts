import type { ItemType } from '../../db/schema.js';
import { documentKind } from '../documents/review-kind.js';
import { interpretationKind } from '../interpretations/review-kind.js';
import { qaKind } from '../qa/review-kind.js';
import type { ItemKind } from './item-kind.js';

const KINDS: Record<ItemType, ItemKind> = { document: documentKind, interpretation: interpretationKind, qa: qaKind };

export function itemKind(type: ItemType): ItemKind {
  return KINDS[type];
}

export function isItemType(s: string): s is ItemType {
  return Object.hasOwn(KINDS, s);
}
