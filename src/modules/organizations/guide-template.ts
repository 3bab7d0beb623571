import { escapeHtml } from '../../platform/search/snippet.js';

/**
 * The first draft of an organization's 政府信息公开指南, with the content 条例 第12条 requires:
 * how information is classified and arranged, how to obtain it, and the office's name, address,
 * hours, phone, fax and online contact. The admin edits it afterwards.
 */
export function defaultGuideHtml(o: { name: string; address?: string; postcode?: string; phone?: string; fax?: string; email?: string; officeHours?: string }): string {
  const e = (s: string | undefined) => escapeHtml(s || '（待补充）');
  return [
    `<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>`,
    `<h2>一、主动公开</h2>`,
    `<p>（一）公开范围：${e(o.name)}依照条例第十九条、第二十条规定主动公开的政府信息，包括机构职能、法规文件、规划计划、财政信息、行政执法等。</p>`,
    `<p>（二）公开方式：通过本平台“法定主动公开内容”目录发布，并可通过政府公报、新闻发布会等方式公开。信息按主题和文种分类编排，每条信息注明索引号、名称、内容概述和生成日期。</p>`,
    `<p>（三）公开时限：属于主动公开范围的政府信息，自该信息形成或者变更之日起 20 个工作日内予以公开（条例第二十六条）。</p>`,
    `<h2>二、依申请公开</h2>`,
    `<p>公民、法人或者其他组织可以向本机关申请获取相关政府信息。申请应当采用书面形式（包括信件、数据电文），当面提交与邮政寄送渠道始终受理。本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复，需要延长的经负责人同意可延长不超过 20 个工作日（条例第三十三条）。</p>`,
    `<p>提供政府信息不收取费用。申请数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》收取信息处理费。</p>`,
    `<h2>三、政府信息公开工作机构</h2>`,
    `<p>机构名称：${e(o.name)}政府信息公开工作机构<br/>办公地址：${e(o.address)}<br/>邮政编码：${e(o.postcode)}<br/>办公时间：${e(o.officeHours)}<br/>联系电话：${e(o.phone)}<br/>传真：${e(o.fax)}<br/>电子邮箱：${e(o.email)}</p>`,
    `<h2>四、监督和救济</h2>`,
    `<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。</p>`,
  ].join('\n');
}
