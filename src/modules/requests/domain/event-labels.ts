/** What each step of a case is called, for the staff's timeline and the applicant's tracking page. */
export const EVENT_LABELS: Record<string, string> = {
  submitted: '网上提交申请',
  intake: '收到申请（窗口、邮寄或传真）',
  registered: '登记受理',
  assigned: '分配办理人',
  correction_requested: '告知补正',
  correction_received: '收到补正',
  consultation_started: '征求第三方或有关机关意见',
  consultation_ended: '征求意见结束',
  extension_requested: '申请延期答复',
  extension_approved: '延期答复',
  extension_refused: '不同意延期',
  fee_notified: '发出收费通知',
  fee_paid: '缴纳信息处理费',
  reply_submitted: '答复提交审核',
  reply_returned: '答复退回修改',
  reply_approved: '答复审核通过',
  replied: '作出答复',
  delivered: '答复送达',
  archived: '归档',
  withdrawn: '撤回申请',
  document_linked: '关联已公开信息',
  appeal_recorded: '登记行政复议或诉讼',
  deadline_recomputed: '节假日调整，重新计算期限',
  reply_files_added: '添加随答复提供的文件',
  reply_file_removed: '移除随答复提供的文件',
  document_unlinked: '取消关联已公开信息',
  transferred: '转送有权机关办理',
};

export function eventLabel(kind: string): string {
  return EVENT_LABELS[kind] ?? kind;
}

/**
 * What the applicant reads on the tracking page: plainer words where the staff's differ, the
 * receiving channel for an intake, and never more than a label (no names, no details).
 */
const FOR_APPLICANT: Record<string, string> = {
  registered: '受理机关登记受理',
  consultation_started: '征求第三方意见',
  extension_approved: '延期答复',
  fee_notified: '收费通知',
  fee_paid: '缴费',
  replied: '答复',
  delivered: '送达',
  transferred: '申请已转送有权机关办理',
};
const INTAKE_LABELS: Record<string, string> = { in_person: '窗口收件', post_signed: '邮寄收件', post_unsigned: '邮寄收件', fax: '传真收件' };

export function applicantEventLabel(kind: string, channel: string | null): string {
  if (kind === 'intake') return INTAKE_LABELS[channel ?? ''] ?? '收件';
  return FOR_APPLICANT[kind] ?? EVENT_LABELS[kind] ?? '办理进展';
}
