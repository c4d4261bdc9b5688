/**
 * Builds every service from its explicit dependencies — the one place that knows how they fit
 * together, used by the HTTP server and the CLI alike.
 */
import type { Db } from './db/connect.ts';
import { AuditService } from './modules/audit/service.ts';
import { CalendarService } from './modules/calendar/service.ts';
import { ChangeEventService, recomputeProvisionalChangeDeadlines } from './modules/catalog/change-events.ts';
import { CatalogService } from './modules/catalog/service.ts';
import { WithdrawalService } from './modules/catalog/withdrawals.ts';
import { IdentityService } from './modules/identity/service.ts';
import { AccessRecordService } from './modules/delivery/access-records.ts';
import { AppService } from './modules/delivery/apps.ts';
import { DataService } from './modules/delivery/data-api.ts';
import { VerifyService } from './modules/delivery/verify-api.ts';
import { MountService } from './modules/delivery/mounts.ts';
import { InboxService } from './modules/inbox/service.ts';
import type { Outbound } from './modules/inbox/notify.ts';
import type { PlatformKey } from './modules/security/secret-box.ts';
import { OrgService } from './modules/orgs/service.ts';
import { DecisionService } from './modules/sharing/decisions.ts';
import { GrantService } from './modules/sharing/grants.ts';
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
}

export function buildServices({ db, sessionHours, now, outbound, platformKey }: ServiceOptions) {
  // Deadlines computed on a fallback year are provisional; an imported official schedule re-times them.
  const calendars = new CalendarService({ db, onScheduleChange: [recomputeProvisionalChangeDeadlines] });
  const settings = new SettingsService({ db });
  const catalog = new CatalogService({ db, settings, calendars, now });
  const requests = new RequestService({ db, calendars, outbound, now });
  const grants = new GrantService({ db, outbound, now });
  const apps = platformKey ? new AppService({ db, platformKey, now }) : undefined;
  return {
    identity: new IdentityService({ db, sessionHours, now }),
    calendars,
    settings,
    catalog,
    withdrawals: new WithdrawalService({ db, catalog, now }),
    changes: new ChangeEventService({ db, calendars, now }),
    orgs: new OrgService({ db }),
    audit: new AuditService({ db }),
    mounts: new MountService({ db, now }),
    inbox: new InboxService({ db, now }),
    requests,
    decisions: new DecisionService({ db, calendars, outbound, now, requests }),
    grants,
    whole: new WholeAuthorizationService({ db, now }),
    objections: new ObjectionService({ db, calendars, outbound, now }),
    apps,
    accessRecords: new AccessRecordService({ db }),
    data: apps && platformKey ? new DataService({ db, apps, platformKey, now }) : undefined,
    verify: apps ? new VerifyService({ db, apps, now }) : undefined,
  };
}

export type Services = ReturnType<typeof buildServices>;
