import { describe, expect, it } from 'vitest';
import { nameSearchKeys } from './pinyin.js';

describe('nameSearchKeys', () => {
  it('gives initials and full pinyin without tones', () => {
    expect(nameSearchKeys('张三')).toEqual({ initials: 'zs', full: 'zhangsan' });
    expect(nameSearchKeys('李明')).toEqual({ initials: 'lm', full: 'liming' });
  });
  it('reads surnames with their surname pronunciation', () => {
    expect(nameSearchKeys('单田芳')).toEqual({ initials: 'stf', full: 'shantianfang' });
    expect(nameSearchKeys('曾国藩')).toEqual({ initials: 'zgf', full: 'zengguofan' });
    expect(nameSearchKeys('解缙')).toEqual({ initials: 'xj', full: 'xiejin' });
    expect(nameSearchKeys('区志明')).toEqual({ initials: 'ozm', full: 'ouzhiming' });
    expect(nameSearchKeys('查良镛')).toEqual({ initials: 'zly', full: 'zhaliangyong' });
    expect(nameSearchKeys('仇英')).toEqual({ initials: 'qy', full: 'qiuying' });
    expect(nameSearchKeys('朴树')).toEqual({ initials: 'ps', full: 'piaoshu' });
    expect(nameSearchKeys('欧阳娜娜')).toEqual({ initials: 'oynn', full: 'ouyangnana' });
  });
  it('uses the surname reading only for the first character', () => {
    expect(nameSearchKeys('单单')).toEqual({ initials: 'sd', full: 'shandan' });
  });
  it('reads organisation names as ordinary words', () => {
    expect(nameSearchKeys('单位食堂', 'organization').full).toBe('danweishitang');
    expect(nameSearchKeys('解放军医院', 'organization')).toEqual({ initials: 'jfjyy', full: 'jiefangjunyiyuan' });
    expect(nameSearchKeys('万科企业股份有限公司', 'organization')).toEqual({
      initials: 'wkqygfyxgs',
      full: 'wankeqiyegufenyouxiangongsi',
    });
    expect(nameSearchKeys('重庆长安汽车', 'organization')).toEqual({ initials: 'cqcaqc', full: 'chongqingchanganqiche' });
  });
  it('passes Latin letters and digits through lower-cased', () => {
    expect(nameSearchKeys('Tom李')).toEqual({ initials: 'toml', full: 'tomli' });
    expect(nameSearchKeys('ＡＢＣ公司（北京）', 'organization')).toEqual({ initials: 'abcgsbj', full: 'abcgongsibeijing' });
    expect(nameSearchKeys('3号楼业主')).toEqual({ initials: '3hlyz', full: '3haolouyezhu' });
  });
  it('writes ü as v', () => {
    expect(nameSearchKeys('吕女士')).toEqual({ initials: 'lns', full: 'lvnvshi' });
  });
  it('leaves out punctuation, spaces and characters without a reading', () => {
    expect(nameSearchKeys('阿依古丽·买买提')).toEqual({ initials: 'ayglmmt', full: 'ayigulimaimaiti' });
    expect(nameSearchKeys('李　明')).toEqual({ initials: 'lm', full: 'liming' });
    expect(nameSearchKeys('张𠮷')).toEqual({ initials: 'z', full: 'zhang' });
    expect(nameSearchKeys('  ')).toEqual({ initials: '', full: '' });
  });
});
