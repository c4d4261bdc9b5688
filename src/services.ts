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
import { OrgService } from './modules/orgs/service.ts';
import { SettingsService } from './modules/settings/service.ts';

export interface ServiceOptions {
  db: Db;
  sessionHours: number;
  now?: () => Date;
}

export function buildServices({ db, sessionHours, now }: ServiceOptions) {
  // Deadlines computed on a fallback year are provisional; an imported official schedule re-times them.
  const calendars = new CalendarService({ db, onScheduleChange: [recomputeProvisionalChangeDeadlines] });
  const settings = new SettingsService({ db });
  const catalog = new CatalogService({ db, settings, calendars, now });
  return {
    identity: new IdentityService({ db, sessionHours, now }),
    calendars,
    settings,
    catalog,
    withdrawals: new WithdrawalService({ db, catalog, now }),
    changes: new ChangeEventService({ db, calendars, now }),
    orgs: new OrgService({ db }),
    audit: new AuditService({ db }),
  };
}

export type Services = ReturnType<typeof buildServices>;
