import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docTypeHints } from './search.js';

test('a word naming a document type becomes a preference, not a required word', () => {
  assert.deepEqual(docTypeHints('劳动争议 司法解释'), { rest: '劳动争议', docTypes: ['司法解释'] });
  assert.deepEqual(docTypeHints('农村土地承包 法律'), { rest: '农村土地承包', docTypes: ['法律'] });
  assert.deepEqual(docTypeHints('司法解释'), { rest: '司法解释', docTypes: [] }, 'alone, it is still searched for');
  assert.deepEqual(docTypeHints('法律援助 条例'), { rest: '法律援助 条例', docTypes: [] }, 'only whole words count');
});
