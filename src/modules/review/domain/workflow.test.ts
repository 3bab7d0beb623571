import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ItemStatus, Role } from '../../../db/schema.js';
import { afterApproval, levelLabel, refusal, REVIEW_TRANSITIONS, type ReviewAction, type ReviewActor, type ReviewSubject } from './workflow.js';

const STATUSES: ItemStatus[] = ['draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn', 'merged'];
const ACTIONS: ReviewAction[] = ['submit', 'approve', 'return', 'publish', 'schedule', 'unschedule', 'publish_scheduled', 'urgent_publish', 'post_review', 'withdraw'];

/** Every allowed (action, from) pair, written out by hand from the review rules: anything else is refused. */
const ALLOWED: Record<ReviewAction, ItemStatus[]> = {
  submit: ['draft'],
  approve: ['submitted', 'in_review'],
  return: ['submitted', 'in_review', 'approved', 'scheduled'],
  publish: ['approved'],
  schedule: ['approved'],
  unschedule: ['scheduled'],
  publish_scheduled: ['scheduled'],
  urgent_publish: ['draft', 'submitted', 'in_review', 'approved'],
  post_review: ['published', 'withdrawn'],
  withdraw: ['published'],
};

const ORG = 7;
const actor = (id: number, roles: Role[]): ReviewActor => ({ id, rolesAt: (org) => (org === ORG ? roles : []) });
const item = (status: ItemStatus, over: Partial<ReviewSubject> = {}): ReviewSubject => ({ status, orgId: ORG, authors: [1], approvers: [], needsReview: true, ...over });
const everyone = actor(99, ['drafter', 'reviewer', 'publisher', 'admin']);

describe('the review workflow', () => {
  test('every action is allowed from exactly the states the rules list, and refused (409, not 403) from every other', () => {
    for (const action of ACTIONS) {
      for (const status of STATUSES) {
        const who = action === 'publish_scheduled' ? 'system' : everyone;
        const r = refusal(action, item(status), who);
        if (ALLOWED[action].includes(status)) assert.equal(r, null, `${action} from ${status}`);
        else assert.deepEqual(r && { forbidden: r.forbidden }, { forbidden: false }, `${action} from ${status} must be refused as a state error`);
      }
    }
    assert.equal(REVIEW_TRANSITIONS.length, ACTIONS.length, 'one row per action');
    assert.equal(refusal('post_review', item('published', { needsReview: false }), everyone)?.forbidden, false, 'a late review only of what was published urgently');
  });

  test('merged editions and withdrawn items accept nothing but a late review', () => {
    for (const action of ACTIONS) assert.notEqual(refusal(action, item('merged'), everyone), null, action);
  });

  test('roles: drafters submit, reviewers approve and return, publishers publish, schedule, publish urgently and withdraw', () => {
    const drafter = actor(2, ['drafter']);
    const reviewer = actor(3, ['reviewer']);
    const publisher = actor(4, ['publisher']);
    assert.equal(refusal('submit', item('draft'), drafter), null);
    assert.equal(refusal('submit', item('draft'), reviewer)?.forbidden, true);
    assert.equal(refusal('approve', item('submitted'), reviewer), null);
    assert.equal(refusal('approve', item('submitted'), drafter)?.forbidden, true);
    assert.equal(refusal('approve', item('submitted'), publisher)?.forbidden, true, 'a publisher is not a reviewer');
    assert.equal(refusal('return', item('in_review'), reviewer), null);
    assert.equal(refusal('publish', item('approved'), publisher), null);
    assert.equal(refusal('publish', item('approved'), reviewer)?.forbidden, true);
    assert.equal(refusal('urgent_publish', item('draft'), drafter)?.forbidden, true);
    assert.equal(refusal('withdraw', item('published'), publisher), null);
    assert.equal(refusal('publish_scheduled', item('scheduled'), publisher)?.forbidden, true, 'only the job runner publishes on schedule');
    assert.equal(refusal('approve', item('submitted'), actor(3, []))?.forbidden, true, 'no role at all');
    assert.equal(refusal('approve', { ...item('submitted'), orgId: 8 }, reviewer)?.forbidden, true, 'a reviewer of another organization');
  });

  test('nobody approves their own draft, and each level is a different reviewer', () => {
    const author = actor(1, ['drafter', 'reviewer']);
    assert.deepEqual(refusal('approve', item('submitted'), author), { forbidden: true, message: '不能审核本人起草或修改的稿件' });
    assert.equal(refusal('post_review', item('published', { authors: [5] }), actor(5, ['reviewer']))?.forbidden, true, 'nor reviews their own urgent item');
    const first = actor(3, ['reviewer']);
    assert.equal(refusal('approve', item('in_review', { approvers: [3] }), first)?.forbidden, true);
    assert.equal(refusal('approve', item('in_review', { approvers: [3] }), actor(4, ['reviewer'])), null);
  });

  test('levels: approved after the last level the organization requires, with 初审/复审/终审 names', () => {
    assert.deepEqual(afterApproval(0, 1), { status: 'approved', level: 1 });
    assert.deepEqual(afterApproval(0, 2), { status: 'in_review', level: 1 });
    assert.deepEqual(afterApproval(1, 2), { status: 'approved', level: 2 });
    assert.deepEqual(afterApproval(0, 3), { status: 'in_review', level: 1 });
    assert.deepEqual(afterApproval(1, 3), { status: 'in_review', level: 2 });
    assert.deepEqual(afterApproval(2, 3), { status: 'approved', level: 3 });
    assert.deepEqual([1, 2, 3].map((l) => levelLabel(l, 3)), ['初审', '复审', '终审']);
    assert.deepEqual([1, 2].map((l) => levelLabel(l, 2)), ['初审', '终审']);
    assert.equal(levelLabel(1, 1), '终审');
  });
});
