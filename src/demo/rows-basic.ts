/** Rows of 人口基础信息 and 法人基础信息: the person and company pools themselves (2,000 each). */
import { companyPool, personPool } from './pools.ts';
import type { Row } from './rows-kit.ts';

export function populationRows(seed: string | number): Row[] {
  return personPool(seed).map((p) => ({
    id_number: p.idNumber,
    name: p.name,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birth_date: p.birthDate,
    household_region: p.householdRegion,
    household_address: p.householdAddress,
    registration_authority: p.registrationAuthority,
  }));
}

export function legalPersonRows(seed: string | number): Row[] {
  return companyPool(seed).map((c) => ({
    uscc: c.uscc,
    org_name: c.name,
    org_type: c.orgType,
    legal_rep: c.legalRep,
    registered_capital_wan: c.capitalWan,
    established_on: c.establishedOn,
    reg_status: c.status,
    reg_authority: c.authority,
    org_address: c.address,
  }));
}
