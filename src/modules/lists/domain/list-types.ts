/**
 * The types of official lists (清单) and their columns, as data. The column sets follow the layouts
 * staff publish: the 权责清单 of the “三定” reform (003 四(五)), the 行政许可事项清单 (003 一(一),
 * 国办发〔2022〕2号), the 市场准入负面清单 (禁止准入类 / 许可准入类), the 收费目录清单 (004 (二)), the
 * 政务公开事项标准目录 of 基层政务公开标准化 (国办发〔2019〕54号: name, content, basis, time limit,
 * body, channel, audience and method of each matter; domain.md §11) and the 政务公开负面清单 (001 §11).
 *
 * Every type has exactly one legal-basis column (`basis`): a row without it is not publishable.
 * `key` columns identify a row across versions (the comparison matches rows by them).
 */
export interface ListColumn {
  key: string;
  /** The header as staff write it in their spreadsheets (and as the XLSX import expects it). */
  label: string;
  required?: boolean;
  /** The row's legal basis (依据): required in every type. */
  basis?: boolean;
  /** Part of the row's identity across versions. */
  key_part?: boolean;
  /** Allowed values, when the column is a choice. */
  choices?: readonly string[];
  /** Longest value, in characters. */
  max?: number;
}

export interface ListType {
  type: ListTypeKey;
  label: string;
  /** A sentence for the public list page. */
  description: string;
  columns: readonly ListColumn[];
}

export const LIST_TYPE_KEYS = ['powers', 'licensing', 'market_access', 'fees', 'disclosure_catalog', 'disclosure_negative'] as const;
export type ListTypeKey = (typeof LIST_TYPE_KEYS)[number];

const CHANNELS = '政府网站、政府公报、两微一端、发布会/听证会、广播电视、纸质媒体、公开查阅点、政务服务中心、便民服务站、入户/现场、社区/企事业单位/村公示栏（电子屏）、精准推送、其他';

export const LIST_TYPES: Record<ListTypeKey, ListType> = {
  powers: {
    type: 'powers',
    label: '权责清单',
    description: '本机构依法行使的职权事项，以及与之对应的责任事项和追责情形。',
    columns: [
      { key: 'code', label: '事项编码', max: 60 },
      { key: 'name', label: '事项名称', required: true, key_part: true, max: 200 },
      { key: 'category', label: '事项类型', required: true, key_part: true, choices: ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力'] },
      { key: 'basis', label: '设定依据', required: true, basis: true, max: 4000 },
      { key: 'body', label: '实施主体', required: true, max: 200 },
      { key: 'duties', label: '责任事项', max: 4000 },
      { key: 'accountability', label: '追责情形', max: 4000 },
      { key: 'note', label: '备注', max: 1000 },
    ],
  },
  licensing: {
    type: 'licensing',
    label: '行政许可事项清单',
    description: '依法设定、由本级实施的行政许可事项，逐项列明主管部门、实施机关和设定实施依据。',
    columns: [
      { key: 'code', label: '事项编码', max: 60 },
      { key: 'name', label: '事项名称', required: true, key_part: true, max: 200 },
      { key: 'department', label: '主管部门', required: true, max: 200 },
      { key: 'authority', label: '实施机关', required: true, max: 300 },
      { key: 'basis', label: '设定和实施依据', required: true, basis: true, max: 4000 },
      { key: 'note', label: '备注', max: 1000 },
    ],
  },
  market_access: {
    type: 'market_access',
    label: '市场准入负面清单',
    description: '在本地区禁止或须经许可方可投资经营的行业、领域和业务，清单之外各类经营主体皆可依法平等进入。',
    columns: [
      { key: 'kind', label: '禁止或许可', required: true, key_part: true, choices: ['禁止准入类', '许可准入类'] },
      { key: 'code', label: '事项编码', max: 60 },
      { key: 'matter', label: '禁止或许可事项', required: true, key_part: true, max: 500 },
      { key: 'measures', label: '禁止或许可准入措施描述', required: true, max: 4000 },
      { key: 'basis', label: '设立依据', required: true, basis: true, max: 4000 },
    ],
  },
  fees: {
    type: 'fees',
    label: '收费目录清单',
    description: '本地区现行的行政事业性收费和政府性基金项目，逐项列明收费标准、依据和收费主体，清单之外一律不得收费。',
    columns: [
      { key: 'department', label: '部门', max: 200 },
      { key: 'item', label: '收费项目', required: true, key_part: true, max: 300 },
      { key: 'standard', label: '收费标准', required: true, max: 2000 },
      { key: 'basis', label: '收费依据', required: true, basis: true, max: 4000 },
      { key: 'payer', label: '收费主体', required: true, max: 300 },
      { key: 'funds', label: '资金管理方式', choices: ['缴入国库', '财政专户', '其他'] },
      { key: 'note', label: '备注', max: 1000 },
    ],
  },
  disclosure_catalog: {
    type: 'disclosure_catalog',
    label: '政务公开事项标准目录',
    description: '基层政务公开标准化规范化目录：每个公开事项的公开内容、依据、时限、主体、渠道和载体、对象、方式与层级。',
    columns: [
      { key: 'level1', label: '一级事项', required: true, key_part: true, max: 200 },
      { key: 'level2', label: '二级事项', key_part: true, max: 200 },
      { key: 'content', label: '公开内容（要素）', required: true, max: 4000 },
      { key: 'basis', label: '公开依据', required: true, basis: true, max: 4000 },
      { key: 'timeLimit', label: '公开时限', required: true, max: 300 },
      { key: 'body', label: '公开主体', required: true, max: 300 },
      { key: 'channels', label: '公开渠道和载体', required: true, max: 1000 },
      { key: 'audience', label: '公开对象', required: true, choices: ['全社会', '特定群体'] },
      { key: 'method', label: '公开方式', required: true, choices: ['主动', '依申请'] },
      { key: 'level', label: '公开层级', choices: ['县级', '乡级', '县级、乡级', '市级', '村级'] },
    ],
  },
  disclosure_negative: {
    type: 'disclosure_negative',
    label: '政务公开负面清单',
    description: '依法不予公开的事项范围，列明依据和理由；清单外的政府信息以公开为常态。',
    columns: [
      { key: 'matter', label: '不予公开的事项', required: true, key_part: true, max: 500 },
      { key: 'basis', label: '依据', required: true, basis: true, max: 4000 },
      { key: 'reason', label: '理由', required: true, max: 2000 },
      { key: 'body', label: '责任单位', max: 300 },
    ],
  },
};

/** Hint under the channel column's field: the checkbox values of the standard catalogs. */
export const CHANNEL_HINT = `可填写多项，用顿号分隔：${CHANNELS}`;

export function listType(type: string): ListType | undefined {
  return (LIST_TYPES as Record<string, ListType>)[type];
}

export function basisColumn(t: ListType): ListColumn {
  return t.columns.find((c) => c.basis)!;
}
