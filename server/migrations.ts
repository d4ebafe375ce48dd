import type { Db } from './db';

/**
 * The server's schema as numbered migrations, run in order at start inside one
 * transaction each; `schema_migrations` records which ran. The same SQL runs on
 * PGlite and on PostgreSQL. Never edit a migration that shipped: add the next.
 *
 * Every office-owned table carries `office_id`, every query filters on it, and on
 * PostgreSQL row-level security enforces it a second time (migration 2): a
 * transaction sees only the office named by `app.office_id`, unless it is an
 * operator's transaction (`app.scope = 'all'`: enrolment lookups, backups, checks).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const OFFICE_TABLES = ['entries', 'blob_refs', 'blobs', 'devices', 'enrol_codes', 'notice_series', 'notice_numbers', 'audit_log'];

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'offices, entries, blobs, devices, notice numbers, audit log',
    sql: `
create table server_meta (key text primary key, value text not null);
insert into server_meta (key, value) values ('epoch', md5(random()::text || clock_timestamp()::text));

create table offices (
  id text primary key,
  name text not null,
  -- The office's public key, pinned when the office is created: every newer roster must be signed by it.
  office_key jsonb not null,
  roster jsonb not null,
  roster_version integer not null,
  -- The last sequence number handed out; the row is locked by every push, so numbers are given in commit order.
  last_seq bigint not null default 0,
  created_at timestamptz not null default now()
);

create table entries (
  office_id text not null references offices(id),
  id text not null,
  seq bigint not null,
  hlc text not null,
  tbl text not null,
  row_id text not null,
  field text not null,
  device_id text not null,
  day text not null,
  body jsonb not null,
  pushed_by text not null,
  received_at timestamptz not null default now(),
  primary key (office_id, id)
);
create unique index entries_seq on entries (office_id, seq);
create index entries_row on entries (office_id, tbl, row_id);
create index entries_day on entries (office_id, day);

-- Photo files named by the change stream (processed copies, thumbnails, originals): relayed in pull pages by seq.
create table blob_refs (
  office_id text not null references offices(id),
  id text not null,
  photo_id text not null,
  type text not null,
  sha256 text not null,
  size bigint not null,
  seq bigint not null,
  primary key (office_id, id)
);
create unique index blob_refs_seq on blob_refs (office_id, seq);

-- Photo files held on disk (DATA_DIR/blobs/<office>/...), never in the database.
create table blobs (
  office_id text not null references offices(id),
  sha256 text not null,
  size bigint not null,
  stored_at timestamptz not null default now(),
  primary key (office_id, sha256)
);

create table devices (
  office_id text not null references offices(id),
  device_id text not null,
  token_hash text,
  enrolled_at timestamptz,
  revoked_at timestamptz,
  last_seen timestamptz,
  primary key (office_id, device_id)
);
create unique index devices_token on devices (token_hash);

create table enrol_codes (
  office_id text not null references offices(id),
  code_hash text not null,
  device_id text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  primary key (office_id, code_hash)
);

create table notice_series (
  office_id text not null references offices(id),
  issuer text not null,
  year integer not null,
  last_seq integer not null,
  primary key (office_id, issuer, year)
);

create table notice_numbers (
  office_id text not null references offices(id),
  issuer text not null,
  year integer not null,
  seq integer not null,
  notice_id text not null,
  device_id text not null,
  issued_at timestamptz not null default now(),
  primary key (office_id, issuer, year, seq),
  unique (office_id, issuer, year, notice_id)
);

create table audit_log (
  id bigserial primary key,
  office_id text not null,
  at timestamptz not null default now(),
  device_id text not null,
  action text not null,
  detail jsonb not null
);
create index audit_log_office on audit_log (office_id, at);
`,
  },
  {
    version: 2,
    name: 'row-level security per office',
    sql: [
      ...['offices', ...OFFICE_TABLES].map((t) => {
        const col = t === 'offices' ? 'id' : 'office_id';
        const rule = `(${col} = current_setting('app.office_id', true) or current_setting('app.scope', true) = 'all')`;
        return `alter table ${t} enable row level security;
alter table ${t} force row level security;
create policy office_scope on ${t} using ${rule} with check ${rule};`;
      }),
    ].join('\n'),
  },
];

export async function migrate(db: Db): Promise<number[]> {
  await db.exec('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
  const done = new Set((await db.query<{ version: number }>('select version from schema_migrations')).map((r) => Number(r.version)));
  const ran: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    await db.tx(async (q) => {
      // Two servers starting on one database at once: the second waits, then skips what the first ran.
      await q.query('lock table schema_migrations in exclusive mode');
      if ((await q.query('select 1 from schema_migrations where version = $1', [m.version])).length) return;
      await q.exec(m.sql);
      await q.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      ran.push(m.version);
    });
  }
  return ran;
}
