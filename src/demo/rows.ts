/**
 * rowsFor(entryKey, seed): the rows of a demo entry — real rows for the key projects (from the shipped
 * CSV), generated rows elsewhere: 50–500 per entry, 2,000 for 人口/法人, and the report's exact counts
 * where the gazette gives them (1,760 地下水污染源, 434 重点区 zones, 169 长观井). Deterministic: the same
 * seed gives the same rows. Every ID carries a valid check character.
 */
import { readKeyProjectsCsv } from './data-files.ts';
import { legalPersonRows, populationRows } from './rows-basic.ts';
import { capacityReplacementRows, coalMineRows, keyProjectRows, safetyPermitRows } from './rows-economy.ts';
import { groundwaterWellRows, groundwaterZoneRows, pollutionSourceRows, zzxGeohazardRows } from './rows-environment.ts';
import type { DemoSources, Row, RowGenerator } from './rows-kit.ts';
import {
  disasterReliefRows, fireKeyUnitRows, selfBuiltHouseRows, specialEquipmentRows, videoPointRows,
} from './rows-safety.ts';
import { culturalRelicRows, externalDirectorRows, medicalInstitutionRows, sharedBikeRows } from './rows-society.ts';

export type { DemoSources, Row } from './rows-kit.ts';
export { DEMO_TODAY } from './rows-kit.ts';

/** Default seed of the demo world. */
export const DEMO_SEED = 'gdx-jincheng-2024';

export const ROW_GENERATORS: Readonly<Record<string, RowGenerator>> = {
  population: populationRows,
  'legal-persons': legalPersonRows,
  'key-projects-2024': keyProjectRows,
  'blast-furnace-capacity-replacement': capacityReplacementRows,
  'safety-permits': safetyPermitRows,
  'coal-mine-intelligent': coalMineRows,
  'groundwater-key-zones': groundwaterZoneRows,
  'groundwater-pollution-sources': pollutionSourceRows,
  'groundwater-monitoring-wells': groundwaterWellRows,
  'zzx-geohazard-sites': zzxGeohazardRows,
  'special-equipment-registration': specialEquipmentRows,
  'disaster-relief-reserves': disasterReliefRows,
  'self-built-houses': selfBuiltHouseRows,
  'fire-key-units': fireKeyUnitRows,
  'public-security-video-points': videoPointRows,
  'immovable-cultural-relics': culturalRelicRows,
  'shared-bike-operations': sharedBikeRows,
  'external-director-pool': externalDirectorRows,
  'medical-institutions': medicalInstitutionRows,
};

export const DEFAULT_SOURCES: DemoSources = { keyProjectsCsv: readKeyProjectsCsv };

export function rowsFor(entryKey: string, seed: string | number = DEMO_SEED, sources: DemoSources = DEFAULT_SOURCES): Row[] {
  const gen = ROW_GENERATORS[entryKey];
  if (!gen) throw new Error(`no row generator for demo entry ${entryKey}`);
  return gen(seed, sources);
}
