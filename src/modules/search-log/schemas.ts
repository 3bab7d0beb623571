import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { MAX_QUERY_LENGTH } from './domain/normalize.js';

/** The best-bet form: the query as searchers type it, the item, and why. */
export const bestBetFormSchema = z.object({
  query: fields.text('检索词', MAX_QUERY_LENGTH),
  target: fields.text('推荐的条目', 300),
  note: fields.optionalText('说明', 200),
});
export type BestBetForm = z.infer<typeof bestBetFormSchema>;
