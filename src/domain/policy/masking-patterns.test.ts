import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateAddress, generateIdCard, generateLandline, generateMobile, generateName, isValidIdCard,
} from '../../demo/ids.ts';
import { Rng } from '../../demo/prng.ts';
import {
  maskAddressToDistrict, maskBankCard, maskDateToYear, maskIdCard, maskName, maskPhone,
} from './masking-patterns.ts';

function table<T>(title: string, fn: (v: T) => string, rows: Array<[T, string]>): void {
  for (const [value, expected] of rows) {
    test(`Sec §25/§27 脱敏 ${title}: ${JSON.stringify(value)} → ${expected}`, () => assert.equal(fn(value), expected));
  }
}

table('身份证号', maskIdCard, [
  ['140525199001011234', '140525********1234'],
  // A real-shaped number with the X check character (GB 11643 example-style).
  ['11010519491231002X', '110105********002X'],
  ['11010519491231002x', '110105********002X'],
  ['1405 2519 9001 0112 34', '140525********1234'],
  // Pre-1999 15-digit number: region + hidden YYMMDD + 顺序码 (its last 4 would include a birthday digit).
  ['130503670401001', '130503******001'],
  ['14052519900101123', '***'],
  ['E12345678', '***'],
  ['', '***'],
]);

test('Sec §25 the common shapes (18-digit 身份证号, 11-digit 手机号, a 汉字 name) mask as their general forms do', () => {
  // Each pair: the common shape and the same value in a shape that takes the general path.
  const pairs: Array<[(v: string) => string, string, string]> = [
    [maskIdCard, '11010519491231002x', ' 11010519491231002x'],
    [maskIdCard, '140525199001011234', '140525 199001011234'],
    [maskPhone, '13812345678', ' 13812345678 '],
    [maskName, '欧阳娜娜', ' 欧阳娜娜'],
    [maskName, '张三', '张三 '],
  ];
  for (const [mask, common, general] of pairs) assert.equal(mask(common), mask(general), `${common} / ${JSON.stringify(general)}`);
  // Near misses stay on the general path and are answered by it.
  assert.equal(maskIdCard('1405251990010112X4'), '***', 'an X inside the number is not a check character');
  assert.equal(maskPhone('23812345678'), '***', 'not a mobile number, not a landline either');
  assert.equal(maskName('张'), '*', 'one character is fully masked');
  assert.equal(maskName('张𠮷华'), '张**', 'a character outside the BMP is one character');
});

test('Sec §27 身份证号: 100 generated valid numbers keep region and tail, hide the birth date', () => {
  const rng = new Rng('id-cards');
  for (let i = 0; i < 100; i++) {
    const id = generateIdCard(rng);
    assert.ok(isValidIdCard(id));
    const out = maskIdCard(id);
    assert.equal(out, `${id.slice(0, 6)}********${id.slice(14)}`);
    assert.ok(!out.includes(id.slice(6, 14)));
  }
});

table('手机号/固话', maskPhone, [
  ['13812345678', '138****5678'],
  ['138 1234 5678', '138****5678'],
  ['138-1234-5678', '138****5678'],
  ['+8613812345678', '+86 138****5678'],
  ['+86 138 1234 5678', '+86 138****5678'],
  ['0356-2196301', '0356-***6301'],
  ['(0356)2196301', '0356-***6301'],
  ['03562196301', '0356-***6301'],
  ['010-62345678', '010-****5678'],
  ['010-62345678转123', '010-****5678-***'],
  ['2196301', '***6301'],
  ['12345', '***'],
  ['1381234567', '***'],
  ['not a phone', '***'],
]);

test('Sec §27 手机号: 100 generated mobiles and landlines', () => {
  const rng = new Rng('phones');
  for (let i = 0; i < 100; i++) {
    const m = generateMobile(rng);
    assert.equal(maskPhone(m), `${m.slice(0, 3)}****${m.slice(7)}`);
    const l = generateLandline(rng);
    assert.equal(maskPhone(l), `0356-***${l.slice(-4)}`);
  }
});

table('姓名', maskName, [
  ['张三', '张*'],
  ['王建国', '王**'],
  // 复姓: only the first character stays — the safer side (see maskName).
  ['欧阳娜娜', '欧***'],
  ['司马光', '司**'],
  ['阿卜杜拉·买买提', '阿***·***'],
  ['Zhang San', 'Z**** ***'],
  ['  李静 ', '李*'],
  ['张', '*'],
  ['𠮷野家', '𠮷**'],
  ['', '***'],
]);

test('Sec §27 姓名: generated names keep the surname character only', () => {
  const rng = new Rng('names');
  for (let i = 0; i < 100; i++) {
    const name = generateName(rng);
    const chars = [...name];
    assert.equal(maskName(name), chars[0] + '*'.repeat(chars.length - 1));
  }
});

table('银行卡', maskBankCard, [
  ['6222021234567890', '622202******7890'],
  ['6222 0212 3456 7890', '622202******7890'],
  ['6217001234567890123', '621700*********0123'],
  ['621700123456789012', '621700********9012'],
  ['622202123456789', '***********6789'],
  ['123456789', '***'],
  ['62220212345678901234', '***'],
  ['6222-02xx-3456', '***'],
]);

table('地址→区县', maskAddressToDistrict, [
  ['山西省晋城市泽州县金村镇府城村12号', '山西省晋城市泽州县'],
  ['晋城市城区凤台东街1号', '晋城市城区'],
  ['晋城市城区西街街道凤台街128号', '晋城市城区'],
  ['晋城市高平市野川镇东沟村5号', '晋城市高平市'],
  ['晋城经济技术开发区泽州路12号', '晋城经济技术开发区'],
  ['泽州县巴公镇东沟村56号', '泽州县'],
  ['山西省 晋城市 阳城县 凤城镇', '山西省 晋城市 阳城县'],
  ['北京市朝阳区建国路88号', '北京市朝阳区'],
  ['上海市浦东新区世纪大道1号', '上海市浦东新区'],
  ['内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇', '内蒙古自治区鄂尔多斯市伊金霍洛旗'],
  ['新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿图什市光明路', '新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿图什市'],
  // A 区 inside a town name is not a district: the coarser city is kept, the town never leaks.
  ['高平市陈区镇北村1号', '高平市'],
  ['晋城市陈区镇北村1号', '晋城市'],
  // No county segment may contain 市, so 市中区 falls back to the (coarser) city.
  ['山东省济南市市中区经四路1号', '山东省济南市'],
  // Sub-county 区 (小区, 社区) and addresses without any division: redacted entirely.
  ['幸福小区3号楼2单元', '***'],
  ['金村镇府城村12号', '***'],
  ['凤台东街1号', '***'],
  ['山西省', '***'],
  ['12 Main Street', '***'],
  ['', '***'],
]);

test('Sec §27 地址→区县: 200 generated 晋城 addresses mask to a prefix ending in 区/县/市, or are redacted', () => {
  const rng = new Rng('addresses');
  for (let i = 0; i < 200; i++) {
    const a = generateAddress(rng);
    const out = maskAddressToDistrict(a.full);
    assert.ok(out === '***' || (a.full.startsWith(out) && /[区县市]$/.test(out)), `${a.full} → ${out}`);
    // Generated addresses all name their county, so the county is what remains and the town is gone.
    assert.ok(out.endsWith(a.county), `${a.full} → ${out}`);
    if (a.town) assert.ok(!out.includes(a.town));
  }
});

table<unknown>('日期→年', maskDateToYear, [
  ['2024-03-01', '2024'],
  ['2024/3/1', '2024'],
  ['2024.03', '2024'],
  ['2024年3月1日', '2024'],
  ['20240301', '2024'],
  ['20240301123000', '2024'],
  ['2024', '2024'],
  ['2024-03-01 10:00:00', '2024'],
  // An instant takes its Shanghai year: 20:00 UTC on 31 Dec is already New Year in 晋城.
  ['2023-12-31T20:00:00Z', '2024'],
  ['2024-01-01T01:00:00+09:00', '2024'],
  [new Date('2023-12-31T16:30:00Z'), '2024'],
  [new Date('2023-12-31T15:59:59Z'), '2023'],
  [new Date('invalid'), '***'],
  ['202403', '***'],
  ['3/1/2024', '***'],
  [20240301, '***'],
  [true, '***'],
]);
