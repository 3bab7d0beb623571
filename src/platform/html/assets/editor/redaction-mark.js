// 删减后公开 as an editor command: the selection becomes the same marked span the server knows
// (<span data-redact="14|15|16">, platform/html/redaction.ts), naming the article of the exemption.
import { Mark } from '@tiptap/core';

export const REASONS = ['14', '15', '16'];

export const Redaction = Mark.create({
  name: 'redaction',
  // Typing at its edge does not widen a redaction.
  inclusive: false,
  excludes: '_',

  addAttributes() {
    return {
      reason: {
        default: '15',
        parseHTML: (el) => el.getAttribute('data-redact'),
        renderHTML: (attrs) => ({ 'data-redact': attrs.reason }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-redact]', getAttrs: (el) => (REASONS.includes(el.getAttribute('data-redact')) ? null : false) }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', HTMLAttributes, 0];
  },

  addCommands() {
    return {
      setRedaction: (reason) => ({ commands }) => REASONS.includes(reason) && commands.setMark(this.name, { reason }),
      unsetRedaction: () => ({ commands }) => commands.unsetMark(this.name, { extendEmptyMarkRange: true }),
    };
  },
});
