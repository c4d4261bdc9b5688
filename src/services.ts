/**
 * Builds every service from its explicit dependencies — the one place that knows how they fit
 * together, used by the HTTP server and the CLI alike.
 */
import type { Db } from './db/connect.ts';
import { AuditService } from './modules/audit/service.ts';
import { CalendarService } from './modules/calendar/service.ts';
import { ChangeEventService, recomputeProvisionalChangeDeadlines } from './modules/catalog/change-events.ts';
import { recomputeProvisionalSharingDeadlines } from './modules/sharing/deadline-retime.ts';
import { recomputeProvisionalOversightDeadlines } from './modules/oversight/deadline-retime.ts';
import { CatalogService } from './modules/catalog/service.ts';
import { WithdrawalService } from './modules/catalog/withdrawals.ts';
import { IdentityService } from './modules/identity/service.ts';
import { AccessReviewService } from './modules/identity/access-review.ts';
import { AccountService } from './modules/identity/accounts.ts';
import { TotpService } from './modules/identity/totp.ts';
import { AccessRecordService } from './modules/delivery/access-records.ts';
import { AppService } from './modules/delivery/apps.ts';
import { DataService } from './modules/delivery/data-api.ts';
import { VerifyService } from './modules/delivery/verify-api.ts';
import { MountService } from './modules/delivery/mounts.ts';
import { MountChangeService } from './modules/delivery/mount-changes.ts';
import { InboxService } from './modules/inbox/service.ts';
import type { Outbound } from './modules/inbox/notify.ts';
import type { PlatformKey } from './modules/security/secret-box.ts';
import { GradingInForce } from './modules/security/grading-in-force.ts';
import { GradingService } from './modules/security/grading.ts';
import { KeyService } from './modules/security/keys.ts';
import { OrgService } from './modules/orgs/service.ts';
import { dropSyncedCopy } from './modules/exchange/destroy.ts';
import { ExchangeService } from './modules/exchange/service.ts';
import { FrontDbs } from './modules/delivery/front-db.ts';
import { DestructionService } from './modules/oversight/destructions.ts';
import { FindingService } from './modules/oversight/findings.ts';
import { IncidentService } from './modules/oversight/incidents.ts';
import { InspectionService } from './modules/oversight/inspections.ts';
import { PostureService } from './modules/oversight/posture.ts';
import { SuspensionService } from './modules/oversight/suspensions.ts';
import { DecisionService } from './modules/sharing/decisions.ts';
import { GrantService } from './modules/sharing/grants.ts';
import { AgreementService } from './modules/sharing/agreements.ts';
import { ObjectionService } from './modules/sharing/objections.ts';
import { RequestService } from './modules/sharing/requests.ts';
import { WholeAuthorizationService } from './modules/sharing/whole-authorizations.ts';
import { SettingsService } from './modules/settings/service.ts';

export interface ServiceOptions {
  db: Db;
  sessionHours: number;
  now?: () => Date;
  /** Outbound notification channel (webhook), when configured. */
  outbound?: Outbound;
  /** Seals secrets the platform must read back (app secrets). Needed by the server; the seed and CLI can do without. */
  platformKey?: PlatformKey;
  /** The platform database's PostgreSQL URL when it is a server: table syncs then use COPY on it. */
  databaseUrl?: string;
}

export function buildServices({ db, sessionHours, now, outbound, platformKey, databaseUrl }: ServiceOptions) {
  // Deadlines computed on a fallback year are provisional; an imported official schedule re-times them.
  const calendars = new CalendarService({ db, onScheduleChange: [recomputeProvisionalChangeDeadlines, recomputeProvisionalSharingDeadlines, recomputeProvisionalOversightDeadlines] });
  const settings = new SettingsService({ db });
  const catalog = new CatalogService({ db, settings, calendars, now });
  const requests = new RequestService({ db, calendars, outbound, now });
  const grants = new GrantService({ db, outbound, now });
  const apps = platformKey ? new AppService({ db, platformKey, now }) : undefined;
  // 前置库 and sync-target connections, pooled per mount/target; closed with the server.
  const fronts = new FrontDbs({ db, platformKey, platformUrl: databaseUrl });
  // The grading rule set as the data API holds it; a save here drops it at once (other processes: within a second).
  const gradingInForce = new GradingInForce({ db });
  return {
    identity: new IdentityService({ db, sessionHours, now, platformKey }),
    accounts: new AccountService({ db, now }),
    totp: new TotpService({ db, platformKey, now }),
    accessReview: new AccessReviewService({ db, now }),
    calendars,
    settings,
    catalog,
    withdrawals: new WithdrawalService({ db, catalog, outbound, now }),
    changes: new ChangeEventService({ db, calendars, now }),
    orgs: new OrgService({ db }),
    audit: new AuditService({ db }),
    mounts: new MountService({ db, now, platformKey }),
    mountChanges: new MountChangeService({ db, now }),
    inbox: new InboxService({ db, now }),
    requests,
    decisions: new DecisionService({ db, calendars, outbound, now, requests }),
    grants,
    agreements: new AgreementService({ db, grants, outbound, now }),
    whole: new WholeAuthorizationService({ db, now }),
    objections: new ObjectionService({ db, calendars, outbound, now }),
    // Oversight (security rules §29–§34).
    inspections: new InspectionService({ db, calendars, outbound, now }),
    findings: new FindingService({ db, calendars, outbound, now }),
    incidents: new IncidentService({ db, calendars, outbound, now }),
    destructions: new DestructionService({ db, calendars, outbound, now, dropSyncedCopy: (d, grantId) => dropSyncedCopy(d, grantId, { platformKey }) }),
    suspensions: new SuspensionService({ db, outbound, now }),
    posture: new PostureService({ db, keys: platformKey ? new KeyService({ db, platformKey, now }) : undefined, now }),
    apps,
    accessRecords: new AccessRecordService({ db }),
    data: apps && platformKey ? new DataService({ db, apps, platformKey, grading: gradingInForce, fronts, now }) : undefined,
    verify: apps ? new VerifyService({ db, apps, fronts, now }) : undefined,
    grading: new GradingService({ db, inForce: gradingInForce }),
    keys: platformKey ? new KeyService({ db, platformKey, now }) : undefined,
    fronts,
    exchange: new ExchangeService({ db, fronts, now }),
  };
}

export type Services = ReturnType<typeof buildServices>;
