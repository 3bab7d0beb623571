// Redaction applies to every kind's rich text; it lives with the sanitizer.
export * from '../../../platform/html/redaction.js';
