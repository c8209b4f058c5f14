import type { Generated } from 'kysely';

/*
 * Table types. Columns are snake_case; repositories map rows to camelCase domain objects.
 * Instants are stored as ISO 8601 UTC text (`Date#toISOString`) in both dialects, so they
 * sort correctly as text and read the same from SQLite and PostgreSQL. Booleans are 0/1.
 */

export interface ClinicsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  short_name: string;
  theme_color: string;
  background_color: string;
  time_zone: string;
  /** JSON array of regimes, e.g. ["gdpr","ccpa"]. */
  regimes: string;
  contact_email: string;
  is_open_registration: number;
  created_at: string;
  /** JSON { reminders?: { email?, sms?, push? }, 'clinic-news'?: {…} }: defaults the clinic chose. */
  preference_defaults: Generated<string>;
}

export interface PoliciesTable {
  id: Generated<number>;
  clinic_id: number;
  /** The policy's public id, unique within its clinic (e.g. "clinic-privacy"). */
  slug: string;
  kind: string;
  title: string;
  role: string;
  publisher: string;
  created_at: string;
}

export interface PolicyVersionsTable {
  id: Generated<number>;
  policy_id: number;
  version: number;
  published_at: string;
  effective_at: string;
  summary: string;
  /** JSON array of { id, heading, text }. */
  sections: string;
}

/** Deployment-wide settings, such as the VAPID key pair generated on first start. */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: Generated<number>;
  clinic_id: number;
  role: string;
  /** Lowercased. Null once the account has been erased. */
  email: string | null;
  name: string | null;
  phone: string | null;
  is_age_confirmed: number;
  /** 'active' or 'erased'. */
  status: string;
  created_at: string;
  updated_at: string;
}

export interface PetsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  species: string;
  birth_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a database leak yields no usable session. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  stepped_up_until: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface OneTimeCodesTable {
  id: Generated<number>;
  clinic_id: number;
  /** 'sign-in', 'step-up' or 'email-change'. */
  purpose: string;
  email: string;
  user_id: number | null;
  /** HMAC-SHA256 under the deployment's secret: six digits alone are too few to hash safely. */
  code_hash: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  /** Set when used, voided by too many wrong tries, or replaced by a newer code. */
  ended_at: string | null;
  /** For an email change: the new address the code was sent to. */
  payload: string | null;
}

export interface RateLimitEventsTable {
  id: Generated<number>;
  key: string;
  at: string;
}

export interface AccountEventsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  /** JSON array of { field, from, to }. */
  changes: string;
  actor: string;
  at: string;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra headers (List-Unsubscribe, …). */
  headers: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AgeRefusalsTable {
  id: Generated<number>;
  clinic_id: number;
  email_hash: string;
  at: string;
}

/** An owner's explicit choice for one category × channel; no row means the clinic's default. */
export interface PreferencesTable {
  user_id: number;
  category: string;
  channel: string;
  enabled: number;
  updated_at: string;
}

/** Flags on an owner's communications as a whole (SMS STOP, Global Privacy Control). */
export interface PreferenceStatesTable {
  user_id: number;
  /** Set by an SMS STOP keyword, cleared by START: every SMS is off, service included. */
  sms_opted_out_at: string | null;
  gpc_honoured_at: string | null;
  /** Set while a restriction of processing stands (GDPR Art. 18): only service messages go out. */
  restricted_at: Generated<string | null>;
}

/** The consent record: every change of a preference, old → new, how, when, under which policy. */
export interface ConsentEventsTable {
  id: Generated<number>;
  clinic_id: number;
  user_id: number;
  category: string;
  channel: string;
  enabled: number;
  previous: number | null;
  source: string;
  at: string;
  /** The clinic privacy policy version in force at `at`. */
  policy_version: number | null;
  actor_user_id: number | null;
}

export interface SmsOutboxTable {
  id: Generated<number>;
  to_number: string;
  text_body: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A device subscribed to push (../shared/API.md "Push"). */
export interface PushSubscriptionsTable {
  id: Generated<number>;
  clinic_id: number;
  /** Null for a visitor without an account. */
  user_id: number | null;
  endpoint: string;
  p256dh: string;
  auth: string;
  vapid_public_key: string;
  /** "Chrome on Android", from the user agent at subscribe time. */
  label: string;
  push_service: string;
  created_at: string;
  updated_at: string;
  last_delivered_at: string | null;
}

export interface PushSubscriptionCategoriesTable {
  subscription_id: number;
  category: string;
}

export interface PushUpdatesTable {
  id: Generated<number>;
  clinic_id: number;
  /** 'clinic', 'owner' or 'device'. */
  audience: string;
  recipient_user_id: number | null;
  recipient_subscription_id: number | null;
  category: string;
  title: string;
  body: string;
  url: string | null;
  urgency: string;
  ttl: number;
  /** The JSON every device decrypts. */
  payload: string;
  sent_by: string;
  created_at: string;
  /** 'devices', 'inbox' or 'done'. */
  fanout_state: string;
  fanout_cursor: Generated<number>;
  fanout_max_subscription_id: number;
  fanout_max_user_id: number;
  fanout_locked_until: string | null;
  completed_at: string | null;
}

/** The push outbox: one row per update × device. */
export interface PushDeliveriesTable {
  id: Generated<number>;
  update_id: number;
  subscription_id: number | null;
  /** 'pending', 'delivered', 'failed' or 'removed'. */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  claim_token: string | null;
  status_code: number | null;
  error: string | null;
  created_at: string;
  last_attempt_at: string | null;
  finished_at: string | null;
}

export interface PushInboxTable {
  user_id: number;
  update_id: number;
  created_at: string;
}

export interface ApiKeysTable {
  id: Generated<number>;
  clinic_id: number;
  /** SHA-256 of the key, base64url. */
  key_hash: string;
  key_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A privacy request (../shared/API.md "Privacy requests"). */
export interface PrivacyRequestsTable {
  id: Generated<number>;
  /** Human readable, unique, e.g. DRK-7QK4-M2XP. */
  reference: string;
  clinic_id: number;
  user_id: number | null;
  type: string;
  status: string;
  /** 'gdpr', 'ccpa' or 'gdpr+ccpa'. */
  regime: string;
  received_at: string;
  acknowledge_by: string | null;
  due_at: string;
  extension_notice_by: string;
  extended_due_at: string | null;
  extension_reason: string | null;
  /** JSON { note?, corrections? }. */
  details: string;
  /** 'owner', 'person', 'agent' or 'staff'. */
  filed_by: string;
  subject_name: string | null;
  subject_contact: string | null;
  agent_name: string | null;
  agent_email: string | null;
  agent_permission: string | null;
  /** 'verified', 'awaiting-code', 'awaiting-owner' or 'awaiting-staff'. */
  verification: string;
  verified_at: string | null;
  denial_reason: string | null;
  completion_note: string | null;
  completed_at: string | null;
  /** Set when the requester's identity was removed from the record (after an erasure). */
  pseudonymised_at: string | null;
  /** 11 CCR §7101: the record is kept 24 months after the request ends. */
  retain_until: string | null;
  /** The filing's id from the owner's phone (idempotent retries); unique per user. */
  client_request_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A request's timeline: every status change and action, with who and when (server time). */
export interface RequestEventsTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  at: string;
  /** 'owner', 'person', 'agent', 'staff' or 'system'. */
  actor_kind: string;
  actor_user_id: number | null;
  note: string | null;
}

export interface RequestCodesTable {
  id: Generated<number>;
  request_id: number;
  code_hash: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
}

export interface RequestExportsTable {
  request_id: number;
  /** The export's JSON, as attached when the request was completed. */
  content: string;
  created_at: string;
}

export interface DatabaseSchema {
  age_refusals: AgeRefusalsTable;
  clinics: ClinicsTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  settings: SettingsTable;
  users: UsersTable;
  pets: PetsTable;
  sessions: SessionsTable;
  one_time_codes: OneTimeCodesTable;
  rate_limit_events: RateLimitEventsTable;
  account_events: AccountEventsTable;
  mail_outbox: MailOutboxTable;
  preferences: PreferencesTable;
  preference_states: PreferenceStatesTable;
  consent_events: ConsentEventsTable;
  sms_outbox: SmsOutboxTable;
  privacy_requests: PrivacyRequestsTable;
  request_events: RequestEventsTable;
  request_codes: RequestCodesTable;
  request_exports: RequestExportsTable;
  push_subscriptions: PushSubscriptionsTable;
  push_subscription_categories: PushSubscriptionCategoriesTable;
  push_updates: PushUpdatesTable;
  push_deliveries: PushDeliveriesTable;
  push_inbox: PushInboxTable;
  api_keys: ApiKeysTable;
}
