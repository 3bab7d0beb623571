import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-review.js';
import * as m0003 from './0003-search-sample.js';
import * as m0004 from './0004-requests.js';
import * as m0005 from './0005-qa-accounts.js';
import * as m0006 from './0006-ask.js';
import * as m0007 from './0007-subscriptions.js';
import * as m0008 from './0008-public-editions.js';
import * as m0009 from './0009-corpus-reference.js';
import * as m0010 from './0010-tracked-cases-mobile.js';
import * as m0011 from './0011-request-completion.js';
import * as m0012 from './0012-portal-columns.js';
import * as m0013 from './0013-audit-no-truncate.js';
import * as m0014 from './0014-audit-keyed.js';
import * as m0015 from './0015-letter-attachments.js';
import * as m0016 from './0016-organization-changes.js';
import * as m0017 from './0017-info-items.js';
import * as m0018 from './0018-official-lists.js';
import * as m0019 from './0019-special-columns.js';
import * as m0020 from './0020-semantic-vectors.js';
import * as m0021 from './0021-referral-routing.js';
import * as m0022 from './0022-clause-vector-queue.js';
import * as m0023 from './0023-search-log.js';

/** Every migration in order. Migrations only move forward and never change once shipped. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-review': m0002,
  '0003-search-sample': m0003,
  '0004-requests': m0004,
  '0005-qa-accounts': m0005,
  '0006-ask': m0006,
  '0007-subscriptions': m0007,
  '0008-public-editions': m0008,
  '0009-corpus-reference': m0009,
  '0010-tracked-cases-mobile': m0010,
  '0011-request-completion': m0011,
  '0012-portal-columns': m0012,
  '0013-audit-no-truncate': m0013,
  '0014-audit-keyed': m0014,
  '0015-letter-attachments': m0015,
  '0016-organization-changes': m0016,
  '0017-info-items': m0017,
  '0018-official-lists': m0018,
  '0019-special-columns': m0019,
  '0020-semantic-vectors': m0020,
  '0021-referral-routing': m0021,
  '0022-clause-vector-queue': m0022,
  '0023-search-log': m0023,
};
