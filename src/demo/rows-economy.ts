/** Rows of the economy entries: key projects (real), capacity replacement, safety permits, coal mines. */
import { generateUscc } from './ids.ts';
import { keyProjectRow, parseKeyProjectsCsv } from './key-projects.ts';
import { generateVillage } from './people.ts';
import { activeCompanies, generateCompany } from './pools.ts';
import { Rng, addDays, addYears } from './prng.ts';
import { DEMO_TODAY, type DemoSources, type Row, countyName, datetimeOn, seq } from './rows-kit.ts';

export function keyProjectRows(_seed: string | number, sources: DemoSources): Row[] {
  return parseKeyProjectsCsv(sources.keyProjectsCsv()).map(keyProjectRow);
}

/** Blast-furnace sizes (m³) of the small 铸造高炉 found in 晋城's foundry towns. */
const FURNACE_SIZES = [128, 180, 260, 350, 450, 530] as const;
const FOUNDRY_COUNTIES = ['140525', '140581', '140522', '140502', '140571'];

/** Mondays from 2024-04-15 (第十七条: "本实施细则自 4月 15日起施行") to mid-December. */
function mondays(): string[] {
  const out: string[] = [];
  for (let d = '2024-04-15'; d <= '2024-12-16'; d = addDays(d, 7)) out.push(d);
  return out;
}

export function capacityReplacementRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:capacity`);
  const builders = activeCompanies(seed, ['铸造', '钢铁', '机械制造']);
  const starts = mondays();
  const rows: Row[] = [];
  for (let i = 1; i <= 50; i++) {
    const builder = rng.pick(builders);
    const exit = generateCompany(rng, { regionCode: rng.pick(FOUNDRY_COUNTIES), industry: '铸造' });
    // 第三条: 减量置换 1.25:1; 等量 only for 氢冶金 / Corex, Finex, HIsmelt 非高炉炼铁.
    const equal = rng.chance(0.1);
    const size = rng.pick(FURNACE_SIZES);
    const count = rng.weighted([[1, 3], [2, 1]] as const);
    const newVolume = size * count;
    const exitVolume = Math.round(newVolume * (equal ? 1 : 1.25) * 100) / 100;
    const exitSize = rng.pick(FURNACE_SIZES.filter((s) => s <= size));
    // Monday start, end on the Friday of the following week: ≥5 working days even across 2024's
    // 劳动节 and 国庆 (第十三条 "公示期不少于 5个工作日").
    const publicityStart = rng.pick(starts);
    const publicityEnd = addDays(publicityStart, 11);
    const dismantleStart = addDays(publicityEnd, rng.int(10, 60));
    const dismantleDone = addDays(dismantleStart, rng.int(30, 150));
    const plannedStart = addDays(publicityEnd, rng.int(30, 120));
    // 第九条: exit capacity dismantled before the new project goes into production.
    const plannedProduction = addDays(dismantleDone > plannedStart ? dismantleDone : plannedStart, rng.int(180, 420));
    rows.push({
      announcement_no: `晋城市铸造高炉产能置换方案公示〔2024〕第${i}号`,
      build_project_name: equal
        ? `${builder.name.replace(/有限公司.*$/, '')}氢冶金示范项目`
        : `${builder.name.replace(/有限公司.*$/, '')}${count}×${size}立方米铸造高炉产能置换升级改造项目`,
      builder_name: builder.name,
      builder_uscc: builder.uscc,
      build_county: countyName(builder.regionCode),
      new_furnace_count: count,
      new_volume_m3: newVolume,
      exit_company: exit.name,
      exit_uscc: exit.uscc,
      exit_county: countyName(exit.regionCode),
      exit_furnace_count: Math.ceil(exitVolume / exitSize),
      exit_volume_m3: exitVolume,
      replacement_kind: equal ? '等量置换' : '减量置换',
      ratio: equal ? '1:1' : '1.25:1',
      planned_start: plannedStart,
      planned_production: plannedProduction,
      dismantle_start: dismantleStart,
      dismantle_done: dismantleDone,
      publicity_start: publicityStart,
      publicity_end: publicityEnd,
    });
  }
  return rows;
}

/** Permit kinds issued by the 审批服务管理局 and the 行业主管部门 they are pushed to (numbers illustrative). */
const PERMITS = [
  { type: '危险化学品经营许可证', dept: '市应急局', industries: ['化工', '商贸'], no: (y: number, n: string) => `晋城危化经字〔${y}〕${n}号`, years: 3 },
  { type: '烟花爆竹经营（零售）许可证', dept: '市应急局', industries: ['便利店', '副食店', '超市'], no: (y: number, n: string) => `（晋E）YH经许〔${y}〕${n}`, years: 1 },
  { type: '安全生产许可证（非煤矿山）', dept: '市应急局', industries: ['建材'], no: (y: number, n: string) => `（晋）FM安许证字〔${y}〕E${n}`, years: 3 },
  { type: '建筑施工企业安全生产许可证', dept: '市住建局', industries: ['建筑工程'], no: (y: number, n: string) => `（晋）JZ安许证字〔${y}〕05${n}`, years: 3 },
  { type: '燃气经营许可证', dept: '市住建局', industries: ['燃气', '热力'], no: (y: number, n: string) => `晋${y}05${n}G`, years: 3 },
  { type: '道路危险货物运输经营许可证', dept: '市交通局', industries: ['物流'], no: (y: number, n: string) => `晋交运管许可晋字1405${n}号`, years: 4 },
] as const;

export function safetyPermitRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:permits`);
  const rows: Row[] = [];
  for (let i = 1; i <= 300; i++) {
    const kind = rng.weighted(PERMITS.map((p) => [p, p.type === '建筑施工企业安全生产许可证' ? 4 : 2] as const));
    const holders = activeCompanies(seed, kind.industries);
    const holder = rng.pick(holders);
    const issuedOn = rng.date('2021-01-01', DEMO_TODAY);
    const validUntil = addDays(addYears(issuedOn, kind.years), -1);
    const status = validUntil < DEMO_TODAY ? '过期' : rng.weighted([['有效', 94], ['注销', 4], ['吊销', 2]] as const);
    rows.push({
      permit_no: kind.no(Number(issuedOn.slice(0, 4)), seq(i, 4)),
      uscc: holder.uscc,
      org_name: holder.name,
      permit_type: kind.type,
      industry_dept: kind.dept,
      issued_on: issuedOn,
      valid_until: validUntil,
      permit_status: status,
      pushed_at: datetimeOn(rng, issuedOn, 9, 17),
    });
  }
  return rows;
}

/** Coal counties of 晋城 (城区 and 开发区 have no producing mines). */
const COAL_COUNTIES = [['140521', 3], ['140522', 3], ['140525', 3], ['140581', 3], ['140524', 1]] as const;
const CAPACITIES = [[45, 1], [60, 3], [90, 4], [120, 3], [150, 2], [180, 1], [240, 1], [300, 1], [400, 1], [500, 1]] as const;
const HAZARDS = [['低瓦斯', 35], ['高瓦斯', 35], ['煤与瓦斯突出', 20], ['水文地质类型复杂', 10]] as const;

export function coalMineRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:coal`);
  const names = new Set<string>();
  const rows: Row[] = [];
  while (rows.length < 90) {
    const region = rng.weighted(COAL_COUNTIES);
    const name = `山西${countyName(region).replace(/[县市]$/, '')}${generateVillage(rng).replace(/村$/, '')}煤业有限公司`;
    if (names.has(name)) continue;
    names.add(name);
    const capacity = rng.weighted(CAPACITIES);
    const hazard = rng.weighted(HAZARDS);
    // (十一): "产能 120万吨/年及以上和灾害严重的生产煤矿智能化改造全部开工".
    const inScope = capacity >= 120 || hazard === '煤与瓦斯突出' || hazard === '水文地质类型复杂';
    const progress = inScope ? rng.weighted([['已开工', 45], ['已完成', 30], ['已验收', 20], ['未开工', 5]] as const) : '不涉及';
    rows.push({
      mine_name: name,
      mine_uscc: generateUscc(rng, { kind: 'enterprise', regionCode: region }),
      mine_county: countyName(region),
      capacity_wt: capacity,
      main_hazard: hazard,
      in_scope: inScope,
      progress,
      started_on: progress === '不涉及' || progress === '未开工' ? null : rng.date('2023-03-01', '2024-06-15'),
      reported_on: '2024-06-25',
    });
  }
  return rows;
}
