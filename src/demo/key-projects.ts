/**
 * Parser for data/jincheng-key-projects-2024.csv — the 198 projects of 晋市政办〔2024〕12号, extracted from the
 * gazette (see /work/shared/data/README.md). Pure: takes the CSV text, returns typed projects; the caller
 * reads the file (data-files.ts).
 */

export const KEY_PROJECT_COLUMNS = ['序号', '大类', '小类', '项目名称', '层级', '建设地点'] as const;
export const KEY_PROJECT_LEVELS = ['省重点', '市重点'] as const;
export type KeyProjectLevel = (typeof KEY_PROJECT_LEVELS)[number];

export interface KeyProject {
  seq: number;
  category: string;
  subcategory: string;
  name: string;
  level: KeyProjectLevel;
  /** 建设地点 split on 、: county names, or 全市 / 市区. */
  places: string[];
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF; a UTF-8 BOM is
 * dropped. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && src[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (quoted) throw new Error('parseCsv: unterminated quoted field');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Split a 建设地点 cell: "城区、泽州县" → ['城区', '泽州县'] (also tolerates ，/, and stray spaces). */
export function splitPlaces(cell: string): string[] {
  return cell
    .split(/[、，,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseKeyProjectsCsv(text: string): KeyProject[] {
  const [header, ...body] = parseCsv(text);
  if (!header || header.join(',') !== KEY_PROJECT_COLUMNS.join(',')) {
    throw new Error(`key projects CSV: header must be ${KEY_PROJECT_COLUMNS.join(',')}`);
  }
  return body.map((cells, i) => {
    const line = i + 2;
    if (cells.length !== KEY_PROJECT_COLUMNS.length) {
      throw new Error(`key projects CSV line ${line}: ${cells.length} cells, expected ${KEY_PROJECT_COLUMNS.length}`);
    }
    const [seq, category, subcategory, name, level, location] = cells.map((c) => c.trim()) as [
      string, string, string, string, string, string,
    ];
    if (!/^\d+$/.test(seq)) throw new Error(`key projects CSV line ${line}: 序号 "${seq}" is not a number`);
    if (!(KEY_PROJECT_LEVELS as readonly string[]).includes(level)) {
      throw new Error(`key projects CSV line ${line}: 层级 "${level}" is not 省重点/市重点`);
    }
    const places = splitPlaces(location);
    if (places.length === 0) throw new Error(`key projects CSV line ${line}: empty 建设地点`);
    if (!category || !subcategory || !name) throw new Error(`key projects CSV line ${line}: empty cell`);
    return { seq: Number(seq), category, subcategory, name, level: level as KeyProjectLevel, places };
  });
}

/** A project as a row of the 2024年省市重点工程项目名单 entry (keys = the entry's item names). */
export function keyProjectRow(p: KeyProject): Record<string, unknown> {
  return {
    seq: p.seq,
    category: p.category,
    subcategory: p.subcategory,
    project_name: p.name,
    level: p.level,
    location: p.places.join('、'),
  };
}
