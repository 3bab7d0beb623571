/**
 * Everyday words for the matters in the duty lists (事项俗称), for routing a referral only: the
 * asker says 饭馆, the 权责清单 says 食品经营许可. Each group works like a synonym group of the
 * dictionary (any term found in the question stands for all of them) and is used together with
 * the dictionary staff keep at /admin/ask/synonyms; it does not change how answers are retrieved.
 */
export const MATTER_WORDS: readonly (readonly string[])[] = [
  ['饭馆', '饭店', '餐馆', '餐厅', '小吃店', '小吃摊', '奶茶店', '外卖', '卖吃的', '餐饮', '餐饮服务', '食品经营'],
  ['食品厂', '做食品', '食品加工', '食品生产'],
  ['吃坏肚子', '食物中毒', '过期食品', '食品安全'],
  ['开店', '开公司', '办执照', '营业执照', '个体户', '个体工商户', '市场主体登记'],
  ['药店', '卖药', '药房', '药品零售', '药品经营'],
  ['假货', '假冒伪劣', '以次充好', '产品质量'],
  ['缺斤短两', '缺斤少两', '短斤少两', '计量'],
  ['电梯', '锅炉', '特种设备'],
  ['拖欠工资', '欠薪', '不发工资', '讨薪', '工资拖欠', '劳动报酬'],
  ['工伤', '工伤认定'],
  ['职业介绍', '职介', '中介所', '人力资源服务'],
  ['盖房', '建房', '自建房', '盖楼', '施工许可', '建筑工程施工'],
  ['煤气', '天然气', '液化气', '燃气'],
  ['卖房', '期房', '商品房预售'],
];
