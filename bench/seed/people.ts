/**
 * Realistic Chinese customer data for the generator: names drawn from surname and
 * given-name frequency lists, valid 居民身份证 and 统一社会信用代码 numbers, mainland
 * mobiles and plates. Everything is drawn from a seeded Random, and uniqueness of ID
 * numbers, phones and plates is guaranteed by the Sets kept here.
 */
import { creditCodeCheckChar, residentCheckDigit } from '../../shared/domain/id-documents.js';
import { type Random, Weighted } from './random.js';

// Approximate shares (per cent) of the 2020 census; compound surnames and the surnames with a
// reading of their own (单 shan, 曾 zeng, 解 xie, 查 zha, 区 ou, 仇 qiu, 朴 piao) are kept on purpose.
const SURNAMES: [string, number][] = (
  [
    ['王', 7.12],
    ['李', 7.0],
    ['张', 6.74],
    ['刘', 5.1],
    ['陈', 4.61],
    ['杨', 3.22],
    ['黄', 2.45],
    ['赵', 2.19],
    ['吴', 2.05],
    ['周', 1.96],
    ['徐', 1.45],
    ['孙', 1.38],
    ['马', 1.29],
    ['朱', 1.28],
    ['胡', 1.16],
    ['郭', 1.14],
    ['何', 1.07],
    ['林', 1.03],
    ['高', 1.03],
    ['罗', 0.95],
    ['郑', 0.88],
    ['梁', 0.86],
    ['谢', 0.77],
    ['宋', 0.71],
    ['唐', 0.69],
    ['许', 0.66],
    ['韩', 0.64],
    ['冯', 0.63],
    ['邓', 0.62],
    ['曹', 0.61],
    ['彭', 0.59],
    ['曾', 0.58],
    ['肖', 0.56],
    ['田', 0.53],
    ['董', 0.52],
    ['袁', 0.5],
    ['潘', 0.49],
    ['于', 0.48],
    ['蒋', 0.48],
    ['蔡', 0.47],
    ['余', 0.46],
    ['杜', 0.45],
    ['叶', 0.44],
    ['程', 0.43],
    ['苏', 0.42],
    ['魏', 0.41],
    ['吕', 0.4],
    ['丁', 0.39],
    ['任', 0.38],
    ['沈', 0.37],
    ['姚', 0.36],
    ['卢', 0.35],
    ['姜', 0.34],
    ['崔', 0.33],
    ['钟', 0.32],
    ['谭', 0.31],
    ['陆', 0.3],
    ['汪', 0.29],
    ['范', 0.28],
    ['金', 0.27],
    ['石', 0.26],
    ['廖', 0.25],
    ['贾', 0.24],
    ['夏', 0.23],
    ['韦', 0.22],
    ['付', 0.21],
    ['方', 0.2],
    ['白', 0.19],
    ['邹', 0.18],
    ['孟', 0.17],
    ['熊', 0.16],
    ['秦', 0.15],
    ['邱', 0.14],
    ['江', 0.13],
    ['尹', 0.12],
    ['薛', 0.11],
    ['闫', 0.1],
    ['段', 0.1],
    ['雷', 0.09],
    ['侯', 0.09],
    ['龙', 0.08],
    ['史', 0.08],
    ['陶', 0.07],
    ['黎', 0.07],
    ['贺', 0.07],
    ['顾', 0.06],
    ['毛', 0.06],
    ['郝', 0.06],
    ['龚', 0.05],
    ['邵', 0.05],
    ['万', 0.05],
    ['钱', 0.05],
    ['严', 0.04],
    ['覃', 0.04],
    ['武', 0.04],
    ['戴', 0.04],
    ['莫', 0.04],
    ['孔', 0.03],
    ['单', 0.03],
    ['解', 0.02],
    ['查', 0.02],
    ['区', 0.01],
    ['仇', 0.01],
    ['朴', 0.01],
    ['欧阳', 0.02],
    ['司马', 0.006],
    ['上官', 0.004],
    ['诸葛', 0.004],
    ['司徒', 0.005],
    ['东方', 0.002],
    ['皇甫', 0.002],
    ['慕容', 0.001],
    ['尉迟', 0.001],
  ] as const
).map(([s, w]) => [s, w]);

// Given-name characters, most frequent first; the weight falls off as 1/(rank + 4).
const MALE_CHARS = [
  ...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国峰亮成志文博轩睿晨泽豪然航宏东海振云毅翔坤鸿德旺福新兴春永良',
];
const FEMALE_CHARS = [
  ...'芳娜敏静丽艳娟霞秀玲桂英婷雪慧莹倩琳晶燕洁丹萍红玉兰梅琴蓉璐欣怡佳悦雨诗涵思梦颖瑶月凤彤妍琪露珊薇清淑惠美',
];
const byRank = (chars: string[]) => new Weighted(chars.map((c, i) => [c, 1 / (i + 4)] as const));
const MALE = byRank(MALE_CHARS);
const FEMALE = byRank(FEMALE_CHARS);
const SURNAME = new Weighted(SURNAMES);

/** Real county-level codes (GB/T 2260) by province, for 身份证 numbers and credit codes. */
export const AREA_CODES: Record<string, string[]> = {
  京: ['110101', '110102', '110105', '110106', '110108', '110114'],
  津: ['120101', '120103', '120104', '120116'],
  冀: ['130102', '130104', '130602', '131002'],
  晋: ['140105', '140106'],
  辽: ['210102', '210202', '210203'],
  吉: ['220102', '220104'],
  黑: ['230102', '230103'],
  沪: ['310101', '310104', '310105', '310106', '310112', '310115'],
  苏: ['320102', '320104', '320106', '320505', '320506', '320211'],
  浙: ['330102', '330105', '330106', '330108', '330203', '330302'],
  皖: ['340102', '340104', '340111'],
  闽: ['350102', '350203', '350206'],
  赣: ['360102', '360103'],
  鲁: ['370102', '370103', '370202', '370212'],
  豫: ['410102', '410105', '410302'],
  鄂: ['420102', '420106', '420111'],
  湘: ['430102', '430103', '430104'],
  粤: ['440103', '440104', '440106', '440111', '440303', '440304', '440305', '440306', '441900', '440604'],
  桂: ['450102', '450103'],
  琼: ['460105', '460106'],
  渝: ['500103', '500105', '500112'],
  川: ['510104', '510105', '510107'],
  贵: ['520102', '520103'],
  云: ['530102', '530103'],
  陕: ['610102', '610103', '610113'],
  甘: ['620102', '620103'],
  蒙: ['150102', '150105'],
  新: ['650102', '650103'],
};
const PROVINCES = Object.keys(AREA_CODES);

/** Plate issuing offices of the cities the group builds in; customers from elsewhere use their province's 'A'. */
export const CITY_PLATES: Record<string, { province: string; offices: string }> = {
  上海: { province: '沪', offices: 'ABCDEFGHJKLMN' },
  杭州: { province: '浙', offices: 'A' },
  苏州: { province: '苏', offices: 'EU' },
  南京: { province: '苏', offices: 'A' },
  广州: { province: '粤', offices: 'A' },
  深圳: { province: '粤', offices: 'B' },
  东莞: { province: '粤', offices: 'S' },
  佛山: { province: '粤', offices: 'EXY' },
  北京: { province: '京', offices: 'ABCEFGHJKLMNPQ' },
  天津: { province: '津', offices: 'ABCDEFGHJKLMN' },
  石家庄: { province: '冀', offices: 'A' },
};

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const PLATE_DIGITS = '0123456789';
const CREDIT_ORG_LETTERS = 'ABCDEFGHJKLMNPQRTUWXY';
const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '182',
  '183',
  '184',
  '187',
  '188',
  '178',
  '147',
  '198',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '176',
  '166',
  '133',
  '153',
  '180',
  '181',
  '189',
  '177',
  '173',
  '199',
  '191',
];

export interface PersonDraft {
  kind: 'person';
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
}

export interface CompanyDraft {
  kind: 'company';
  name: string;
  idNumber: string;
}

export class PeopleFactory {
  readonly idNumbers = new Set<string>();
  readonly phones = new Set<string>();
  readonly plates = new Set<string>();

  constructor(private readonly random: Random) {}

  personName(sex: 'male' | 'female'): string {
    const chars = sex === 'male' ? MALE : FEMALE;
    const surname = SURNAME.pick(this.random);
    // About a quarter of people have a one-character given name (张伟, 欧阳娜).
    if (this.random.chance(0.25)) return surname + chars.pick(this.random);
    let given = chars.pick(this.random);
    let second = chars.pick(this.random);
    while (second === given && this.random.chance(0.9)) second = chars.pick(this.random);
    given += second;
    return surname + given;
  }

  /** A valid 18-digit 居民身份证 number: real area code, real birth date, sex digit and MOD 11-2 check. */
  residentId(homeProvince: string | undefined, sex: 'male' | 'female'): string {
    for (;;) {
      const province = homeProvince && this.random.chance(0.6) ? homeProvince : this.random.pick(PROVINCES);
      const area = this.random.pick(AREA_CODES[province]!);
      // Buyers are mostly 25–60; ages 19–80 occur.
      const age = Math.round(
        19 + Math.min(61, Math.abs(this.random.next() + this.random.next() + this.random.next() - 1.5) * 40 + 8),
      );
      const year = 2026 - age;
      const month = this.random.int(1, 12);
      const day = this.random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
      const seq2 = this.random.digits(2);
      const sexDigit = sex === 'male' ? this.random.pick([1, 3, 5, 7, 9]) : this.random.pick([0, 2, 4, 6, 8]);
      const body = `${area}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq2}${sexDigit}`;
      const id = body + residentCheckDigit(body);
      if (!this.idNumbers.has(id)) {
        this.idNumbers.add(id);
        return id;
      }
    }
  }

  person(homeProvince: string | undefined): PersonDraft {
    const sex = this.random.chance(0.5) ? 'male' : 'female';
    return { kind: 'person', name: this.personName(sex), idNumber: this.residentId(homeProvince, sex), sex };
  }

  /** GB 32100-2015: 9 (工商) 1 (企业) + area code + organisation code (GB 11714 check) + check character. */
  creditCode(homeProvince: string | undefined): string {
    for (;;) {
      const province = homeProvince && this.random.chance(0.7) ? homeProvince : this.random.pick(PROVINCES);
      const area = this.random.pick(AREA_CODES[province]!);
      let org = '';
      if (this.random.chance(0.5)) {
        org = 'MA';
        for (let i = 0; i < 6; i++)
          org += this.random.chance(0.7) ? this.random.digits(1) : this.random.pick([...CREDIT_ORG_LETTERS]);
      } else {
        org = this.random.digits(8);
      }
      const weights = [3, 7, 9, 10, 5, 8, 4, 2];
      let sum = 0;
      for (let i = 0; i < 8; i++) {
        const c = org[i]!;
        sum += (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * weights[i]!;
      }
      const check = 11 - (sum % 11);
      org += check === 10 ? 'X' : check === 11 ? '0' : String(check);
      const body = `91${area}${org}`;
      const code = body + creditCodeCheckChar(body);
      if (!this.idNumbers.has(code)) {
        this.idNumbers.add(code);
        return code;
      }
    }
  }

  company(city: string, homeProvince: string | undefined): CompanyDraft {
    const brand =
      this.random.pick([...'华恒鼎宏金瑞嘉天盛泰达源信德安康隆昌旺通汇聚博锦润永正宇辰晟']) +
      this.random.pick([...'华恒鼎宏金瑞嘉天盛泰达源信德安康隆昌旺通汇聚博锦润永正宇辰晟']);
    const trade = this.random.pick([
      '置业',
      '贸易',
      '科技',
      '投资',
      '实业',
      '商贸',
      '物流',
      '餐饮管理',
      '文化传媒',
      '建设工程',
      '医疗器械',
      '电子',
      '物业服务',
    ]);
    const form = this.random.pick(['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司']);
    return {
      kind: 'company',
      name: `${city}${city.length <= 2 ? '市' : ''}${brand}${trade}${form}`,
      idNumber: this.creditCode(homeProvince),
    };
  }

  mobile(): string {
    for (;;) {
      const number = this.random.pick(MOBILE_PREFIXES) + this.random.digits(8);
      if (!this.phones.has(number)) {
        this.phones.add(number);
        return number;
      }
    }
  }

  /** A plate of the city (90%) or of another province; `newEnergy` gives the 8-character GA 36-2018 form. */
  plate(city: string, newEnergy: boolean): string {
    const local = CITY_PLATES[city];
    for (;;) {
      const province = local && this.random.chance(0.9) ? local.province : this.random.pick(Object.values(CITY_PLATES)).province;
      const office = local && province === local.province ? this.random.pick([...local.offices]) : 'A';
      let rest = '';
      if (newEnergy) {
        rest =
          (this.random.chance(0.8) ? 'D' : 'F') +
          (this.random.chance(0.6) ? this.random.digits(1) : this.random.pick([...PLATE_LETTERS])) +
          this.random.digits(4);
      } else {
        // At most two letters among the five, as issued.
        const letters = this.random.chance(0.5) ? 0 : this.random.chance(0.7) ? 1 : 2;
        const slots = new Set<number>();
        while (slots.size < letters) slots.add(this.random.int(0, 4));
        for (let i = 0; i < 5; i++)
          rest += slots.has(i) ? this.random.pick([...PLATE_LETTERS]) : this.random.pick([...PLATE_DIGITS]);
      }
      const plate = `${province}${office}${rest}`;
      if (!this.plates.has(plate)) {
        this.plates.add(plate);
        return plate;
      }
    }
  }
}
