/**
 * 安全态势 (GET /security/posture): one page for the authority, security officers and auditors —
 * is the audit trail intact (Sec §17), how old are the encryption keys (Sec §23), which L3+ data is
 * out under live grants (Sec §16, §27), what is open from inspections and incidents (Sec §30–§34),
 * which destruction tasks are late (Sec §29), and failed logins of the last 7 days (Sec §14).
 * A part whose source cannot answer says so with the reason; nothing is made up.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { isAuditor, isAuthoritySide } from '../../domain/oversight/permissions.ts';
import { auditChainStatus } from '../audit/chain.ts';
import type { KeyService } from '../security/keys.ts';

const DAY = 86_400_000;

export type Part<T> = { available: true; value: T } | { available: false; reason: { zh: string; en: string } };

async function part<T>(load: () => Promise<T>): Promise<Part<T>> {
  try {
    return { available: true, value: await load() };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { available: false, reason: { zh: `数据源不可用：${why}`, en: `source unavailable: ${why}` } };
  }
}

export class PostureService {
  constructor(private readonly deps: { db: Db; keys?: KeyService; now?: () => Date }) {}

  async posture(actor: UserActor) {
    const { db } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    // Platform-wide facts for the authority side and auditors; a department's officer sees its own department.
    const scope = isAuditor(actor) || (isAuthoritySide(actor) && actor.regionLevel === 'city') ? { kind: 'all' as const }
      : isAuthoritySide(actor) ? { kind: 'region' as const, region: actor.regionCode } : { kind: 'org' as const, org: actor.orgId };
    const org = (col: string) => (scope.kind === 'all' ? sql`true` : scope.kind === 'region'
      ? sql`${sql.ref(col)} IN (SELECT id FROM org WHERE region_code = ${scope.region})` : sql`${sql.ref(col)} = ${scope.org}`);

    const auditChain = await part(async () => {
      const s = await auditChainStatus(db);
      return {
        sealed: s.sealed, unsealed: s.unsealed, oldestUnsealedAt: s.oldestUnsealedAt, algorithm: s.algorithm,
        lastCheckpoint: s.lastCheckpoint ? { at: s.lastCheckpoint.at, count: s.lastCheckpoint.count, keyId: s.lastCheckpoint.keyId, verified: s.lastCheckpoint.verified } : null,
        lastVerification: s.lastVerification ? { at: s.lastVerification.at, ok: s.lastVerification.ok, verifiedThrough: s.lastVerification.verifiedThrough, reason: s.lastVerification.reason ?? null } : null,
      };
    });

    const keyService = this.deps.keys;
    const keys: Part<{ cipher: string; activeKeyId: string; activeKeyAgeDays: number; maxKeyAgeDays: number; rotationDue: boolean; keys: { id: string; createdAt: string; ageDays: number; active: boolean }[] }> = keyService
      ? await part(async () => {
        const k = await keyService.status();
        return {
          cipher: k.cipher, activeKeyId: k.activeKeyId, activeKeyAgeDays: k.activeKeyAgeDays, maxKeyAgeDays: k.maxKeyAgeDays, rotationDue: k.rotationDue,
          keys: k.keys.map((x) => ({ id: x.id, createdAt: x.createdAt, ageDays: x.ageDays, active: x.active })),
        };
      })
      : { available: false, reason: { zh: '本进程未配置平台密钥', en: 'this process has no platform key configured' } };

    const highGrade = await sql<{ id: string; name: string; code: string | null; grade: number; provider: string; live: number }>`
      SELECT e.id, e.name, e.code, (v.body->>'grade')::int AS grade, p.name AS provider,
             (SELECT count(*) FROM share_grant g WHERE g.entry_id = e.id AND g.status = 'active' AND g.valid_until >= ${now.toISOString().slice(0, 10)}::date) AS live
        FROM catalog_entry e
        JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = e.published_version
        JOIN org p ON p.id = e.provider_id
       WHERE e.status <> 'withdrawn' AND (v.body->>'grade')::int >= 3 AND ${org('e.provider_id')}
       ORDER BY grade DESC, live DESC, e.name`.execute(db);

    const findings = await sql<{ id: string; inspection_id: string; title: string; org_name: string; severity: string; status: string; due_on: string; overdue: boolean }>`
      SELECT f.id, f.inspection_id, i.title, o.name AS org_name, f.severity, f.status, f.due_on, (f.status = 'rectifying' AND f.due_at <= ${now}) AS overdue
        FROM inspection_finding f JOIN security_inspection i ON i.id = f.inspection_id JOIN org o ON o.id = f.org_id
       WHERE f.status <> 'accepted' AND ${org('f.org_id')} ORDER BY f.due_at`.execute(db);

    const incidents = await sql<{ id: string; title: string; kind: string; status: string; org_name: string; reported_at: Date }>`
      SELECT x.id, x.title, x.kind, x.status, o.name AS org_name, x.reported_at
        FROM security_incident x JOIN org o ON o.id = x.org_id
       WHERE x.status <> 'closed' AND ${org('x.org_id')} ORDER BY x.reported_at DESC`.execute(db);

    const lateTasks = await sql<{ id: string; org_name: string; target: string; due_on: string; entry_name: string | null }>`
      SELECT d.id, o.name AS org_name, d.target, d.due_on, coalesce(e.name, ge.name) AS entry_name
        FROM destruction_request d JOIN org o ON o.id = d.org_id
        LEFT JOIN catalog_entry e ON e.id = d.entry_id
        LEFT JOIN share_grant g ON g.id = d.grant_id LEFT JOIN catalog_entry ge ON ge.id = g.entry_id
       WHERE d.status = 'approved' AND d.due_at <= ${now} AND ${org('d.org_id')} ORDER BY d.due_at`.execute(db);

    const since = new Date(now.getTime() - 7 * DAY);
    // Failed logins carry no org (nobody is authenticated yet): a department sees those of its own user names.
    const loginScope = scope.kind === 'all' ? sql`true` : sql`a.actor_name IN (SELECT username FROM app_user u WHERE ${org('u.org_id')})`;
    const logins = await sql<{ day: string; outcome: string; n: number }>`
      SELECT to_char(a.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, a.outcome, count(*) AS n
        FROM audit_record a
       WHERE a.action = 'auth.login' AND a.outcome IN ('failure', 'denied') AND a.at >= ${since} AND a.at <= ${now} AND ${loginScope}
       GROUP BY 1, 2 ORDER BY 1`.execute(db);
    const topUsers = await sql<{ name: string | null; n: number }>`
      SELECT a.actor_name AS name, count(*) AS n FROM audit_record a
       WHERE a.action = 'auth.login' AND a.outcome IN ('failure', 'denied') AND a.at >= ${since} AND a.at <= ${now} AND ${loginScope}
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`.execute(db);

    return {
      generatedAt: now.toISOString(),
      scope: scope.kind,
      auditChain,
      keys,
      highGradeEntries: highGrade.rows.map((e) => ({ id: e.id, name: e.name, code: e.code, grade: Number(e.grade), providerName: e.provider, liveGrants: Number(e.live) })),
      openFindings: findings.rows.map((f) => ({ id: f.id, inspectionId: f.inspection_id, inspectionTitle: f.title, orgName: f.org_name, severity: f.severity, status: f.status, dueOn: f.due_on, overdue: f.overdue })),
      openIncidents: incidents.rows.map((x) => ({ id: x.id, title: x.title, kind: x.kind, status: x.status, orgName: x.org_name, reportedAt: x.reported_at.toISOString() })),
      overdueDestructions: lateTasks.rows.map((d) => ({ id: d.id, orgName: d.org_name, target: d.target, dueOn: d.due_on, entryName: d.entry_name })),
      failedLogins: {
        since: since.toISOString(),
        total: logins.rows.reduce((s, r) => s + Number(r.n), 0),
        byDay: logins.rows.map((r) => ({ day: r.day, outcome: r.outcome, count: Number(r.n) })),
        topUsers: topUsers.rows.map((r) => ({ username: r.name ?? '', count: Number(r.n) })),
      },
    };
  }
}
