-- Drift cloud core: tenants, users, memberships, API tokens, teams, projects, invitations,
-- the hash-chained audit log and the IP allowlist, all under forced row-level security.
--
-- Placeholders filled in by the migration runner: {{owner_role}} (the migrating user).
-- Grants to the service role live in grants.sql, re-applied by every `drift cloud migrate`.

-- Request context, set transaction-locally as the first statement of every transaction.
-- An unset or empty setting reads as NULL, and NULL matches no row.
CREATE FUNCTION drift_cloud.current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION drift_cloud.current_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

-- Set only while authenticating a bearer token or an invitation: the SHA-256 of the secret.
CREATE FUNCTION drift_cloud.current_token_hash() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.token_hash', true), '') $$;

-- Set only while finding or creating a global user by e-mail (bootstrap, invitation accept).
CREATE FUNCTION drift_cloud.current_lookup_email() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT lower(nullif(current_setting('app.lookup_email', true), '')) $$;

CREATE TABLE drift_cloud.tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    plan        text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'team', 'enterprise')),
    seat_limit  integer NOT NULL DEFAULT 5 CHECK (seat_limit >= 1),
    owner_id    uuid,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE drift_cloud.users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND strpos(email, '@') > 1),
    display_name  text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON drift_cloud.users (lower(email));

ALTER TABLE drift_cloud.tenants
    ADD CONSTRAINT tenants_owner_fkey FOREIGN KEY (owner_id) REFERENCES drift_cloud.users (id);

CREATE TABLE drift_cloud.memberships (
    tenant_id         uuid NOT NULL REFERENCES drift_cloud.tenants (id) ON DELETE CASCADE,
    user_id           uuid NOT NULL REFERENCES drift_cloud.users (id) ON DELETE CASCADE,
    role              text NOT NULL DEFAULT 'member'
                      CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    active            boolean NOT NULL DEFAULT true,
    deprovisioned_at  timestamptz,
    scim_external_id  text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT memberships_owner_active CHECK (role <> 'owner' OR active)
);
-- At most one owner per tenant, whatever the application does.
CREATE UNIQUE INDEX memberships_one_owner ON drift_cloud.memberships (tenant_id) WHERE role = 'owner';
CREATE INDEX memberships_user ON drift_cloud.memberships (user_id);
CREATE INDEX memberships_listing ON drift_cloud.memberships (tenant_id, created_at DESC, user_id DESC);

-- Personal bearer tokens (drift_pat_...). A token authenticates a user; the tenant comes from
-- the user's active memberships (X-Tenant-Id when there are several).
CREATE TABLE drift_cloud.api_tokens (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES drift_cloud.users (id) ON DELETE CASCADE,
    name          text NOT NULL,
    token_hash    text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX api_tokens_user ON drift_cloud.api_tokens (user_id, created_at DESC);

CREATE TABLE drift_cloud.teams (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid NOT NULL REFERENCES drift_cloud.tenants (id) ON DELETE CASCADE,
    name              text NOT NULL,
    description       text,
    scim_external_id  text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT teams_name_key UNIQUE (tenant_id, name),
    CONSTRAINT teams_tenant_id_key UNIQUE (tenant_id, id)
);

-- Composite keys tie every link to one tenant: a team of tenant A cannot hold a member or a
-- project of tenant B, even by mistake.
CREATE TABLE drift_cloud.team_memberships (
    tenant_id   uuid NOT NULL,
    team_id     uuid NOT NULL,
    user_id     uuid NOT NULL,
    role        text NOT NULL DEFAULT 'member' CHECK (role IN ('lead', 'member')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id),
    CONSTRAINT team_memberships_team_fkey FOREIGN KEY (tenant_id, team_id)
        REFERENCES drift_cloud.teams (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT team_memberships_member_fkey FOREIGN KEY (tenant_id, user_id)
        REFERENCES drift_cloud.memberships (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX team_memberships_user ON drift_cloud.team_memberships (tenant_id, user_id);

CREATE TABLE drift_cloud.projects (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES drift_cloud.tenants (id) ON DELETE CASCADE,
    name         text NOT NULL,
    description  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT projects_name_key UNIQUE (tenant_id, name),
    CONSTRAINT projects_tenant_id_key UNIQUE (tenant_id, id)
);

CREATE TABLE drift_cloud.team_projects (
    tenant_id    uuid NOT NULL,
    team_id      uuid NOT NULL,
    project_id   uuid NOT NULL,
    assigned_by  uuid NOT NULL,
    assigned_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, project_id),
    CONSTRAINT team_projects_team_fkey FOREIGN KEY (tenant_id, team_id)
        REFERENCES drift_cloud.teams (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT team_projects_project_fkey FOREIGN KEY (tenant_id, project_id)
        REFERENCES drift_cloud.projects (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX team_projects_project ON drift_cloud.team_projects (project_id);

CREATE TABLE drift_cloud.invitations (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES drift_cloud.tenants (id) ON DELETE CASCADE,
    email        text NOT NULL,
    role         text NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member', 'viewer')),
    team_id      uuid,
    invited_by   uuid NOT NULL REFERENCES drift_cloud.users (id),
    token_hash   text NOT NULL UNIQUE,
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    accepted_by  uuid REFERENCES drift_cloud.users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invitations_team_fkey FOREIGN KEY (tenant_id, team_id)
        REFERENCES drift_cloud.teams (tenant_id, id) ON DELETE SET NULL (team_id)
);
CREATE INDEX invitations_tenant ON drift_cloud.invitations (tenant_id, created_at DESC);

-- The audit log. seq, prev_hash, row_hash and created_at are assigned by a trigger, never by
-- the caller, so every row joins its tenant's chain.
CREATE TABLE drift_cloud.audit_log (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL,
    seq            bigint NOT NULL,
    actor_id       uuid,
    actor_email    text NOT NULL,
    action         text NOT NULL,
    resource_type  text NOT NULL,
    resource_id    text,
    metadata       jsonb NOT NULL DEFAULT '{}'::jsonb,
    ip_address     inet,
    user_agent     text,
    created_at     timestamptz NOT NULL,
    prev_hash      text NOT NULL,
    row_hash       text NOT NULL,
    CONSTRAINT audit_log_seq_key UNIQUE (tenant_id, seq)
);
CREATE INDEX audit_log_listing ON drift_cloud.audit_log (tenant_id, created_at DESC, id DESC);
CREATE INDEX audit_log_actor ON drift_cloud.audit_log (tenant_id, actor_email);
CREATE INDEX audit_log_action ON drift_cloud.audit_log (tenant_id, action);
CREATE INDEX audit_log_resource ON drift_cloud.audit_log (tenant_id, resource_type);

-- One row per tenant: where the chain ends. Verification compares the last row against it,
-- so deleting the newest rows is detected too.
CREATE TABLE drift_cloud.audit_chain_heads (
    tenant_id        uuid PRIMARY KEY,
    last_seq         bigint NOT NULL,
    last_hash        text NOT NULL,
    last_created_at  timestamptz NOT NULL
);

-- Written by the retention job: the chain legitimately starts after through_seq.
CREATE TABLE drift_cloud.audit_retention_cuts (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL,
    cut_before    timestamptz NOT NULL,
    through_seq   bigint NOT NULL,
    through_hash  text NOT NULL,
    deleted_rows  bigint NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_retention_cuts_tenant ON drift_cloud.audit_retention_cuts (tenant_id, through_seq DESC);

CREATE TABLE drift_cloud.ip_allowlist (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES drift_cloud.tenants (id) ON DELETE CASCADE,
    cidr         cidr NOT NULL CHECK (masklen(cidr) > 0),
    description  text NOT NULL DEFAULT '',
    expires_at   timestamptz,
    created_by   uuid NOT NULL REFERENCES drift_cloud.users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ip_allowlist_cidr_key UNIQUE (tenant_id, cidr)
);

-- The canonical content of an audit row, hashed with the previous row's hash. jsonb text is
-- deterministic for equal values, and the timestamp is taken as integer microseconds so the
-- session time zone cannot change the digest.
CREATE FUNCTION drift_cloud.audit_row_hash(
    prev_hash text, tenant_id uuid, seq bigint, id uuid, actor_id uuid, actor_email text,
    action text, resource_type text, resource_id text, metadata jsonb, ip_address inet,
    user_agent text, created_at timestamptz
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to(jsonb_build_array(
        prev_hash, tenant_id::text, seq, id::text, actor_id::text, actor_email, action,
        resource_type, resource_id, metadata, host(ip_address), user_agent,
        (extract(epoch FROM created_at) * 1000000)::bigint
    )::text, 'UTF8')), 'hex')
$$;

-- The chain head of the tenant being appended to is carried between rows in a
-- transaction-local setting, and written to audit_chain_heads once per statement: updating
-- that one row for every inserted row would make a bulk insert quadratic. The head row is
-- locked on first use, so appends to one tenant are serialised until the transaction ends.
-- Setting format: tenant_id|seq|row_hash|created_at.
CREATE FUNCTION drift_cloud.audit_store_head(head text[]) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = drift_cloud, pg_temp AS $$
    UPDATE drift_cloud.audit_chain_heads
    SET last_seq = head[2]::bigint, last_hash = head[3], last_created_at = head[4]::timestamptz
    WHERE tenant_id = head[1]::uuid
$$;
-- Only the triggers (running as the owner) may move a chain head.
REVOKE EXECUTE ON FUNCTION drift_cloud.audit_store_head(text[]) FROM PUBLIC;

CREATE FUNCTION drift_cloud.audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = drift_cloud, pg_temp AS $$
DECLARE
    running text[] := string_to_array(
        nullif(current_setting('drift_cloud.audit_head', true), ''), '|');
    last_seq bigint;
    last_hash text;
    last_at timestamptz;
BEGIN
    IF running IS NOT NULL AND running[1] = NEW.tenant_id::text THEN
        last_seq := running[2]::bigint;
        last_hash := running[3];
        last_at := running[4]::timestamptz;
    ELSE
        IF running IS NOT NULL THEN
            PERFORM drift_cloud.audit_store_head(running);
        END IF;
        INSERT INTO drift_cloud.audit_chain_heads (tenant_id, last_seq, last_hash, last_created_at)
        VALUES (NEW.tenant_id, 0, repeat('0', 64), '-infinity')
        ON CONFLICT (tenant_id) DO NOTHING;
        SELECT h.last_seq, h.last_hash, h.last_created_at INTO STRICT last_seq, last_hash, last_at
        FROM drift_cloud.audit_chain_heads h WHERE h.tenant_id = NEW.tenant_id FOR UPDATE;
    END IF;
    NEW.seq := last_seq + 1;
    NEW.prev_hash := last_hash;
    NEW.created_at := greatest(clock_timestamp(), last_at);
    NEW.metadata := coalesce(NEW.metadata, '{}'::jsonb);
    NEW.row_hash := drift_cloud.audit_row_hash(
        NEW.prev_hash, NEW.tenant_id, NEW.seq, NEW.id, NEW.actor_id, NEW.actor_email, NEW.action,
        NEW.resource_type, NEW.resource_id, NEW.metadata, NEW.ip_address, NEW.user_agent,
        NEW.created_at);
    PERFORM set_config('drift_cloud.audit_head',
        concat_ws('|', NEW.tenant_id, NEW.seq, NEW.row_hash, NEW.created_at), true);
    RETURN NEW;
END
$$;

CREATE FUNCTION drift_cloud.audit_log_flush_head() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = drift_cloud, pg_temp AS $$
DECLARE
    running text[] := string_to_array(
        nullif(current_setting('drift_cloud.audit_head', true), ''), '|');
BEGIN
    IF running IS NOT NULL THEN
        PERFORM drift_cloud.audit_store_head(running);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON drift_cloud.audit_log
    FOR EACH ROW EXECUTE FUNCTION drift_cloud.audit_log_chain();
CREATE TRIGGER audit_log_flush_head AFTER INSERT ON drift_cloud.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION drift_cloud.audit_log_flush_head();

-- Append-only. Only the retention job, running as the owner with drift_cloud.retention = on
-- for its own transaction, may delete; nothing may update or truncate.
CREATE FUNCTION drift_cloud.audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('drift_cloud.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON drift_cloud.audit_log
    FOR EACH ROW EXECUTE FUNCTION drift_cloud.audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON drift_cloud.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION drift_cloud.audit_log_refuse_change();

-- Role helpers used by policies. SECURITY INVOKER: they read through the same RLS.
CREATE FUNCTION drift_cloud.current_user_is_tenant_admin() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT EXISTS (
        SELECT 1 FROM drift_cloud.memberships m
        WHERE m.tenant_id = drift_cloud.current_tenant_id()
          AND m.user_id = drift_cloud.current_user_id()
          AND m.active AND m.role IN ('owner', 'admin'))
$$;

-- DECISIONS 35: owners and admins see every project; others only projects assigned to one
-- of their teams. Every project-scoped table gets a restrictive policy calling this.
CREATE FUNCTION drift_cloud.current_user_can_see_project(p_project_id uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT drift_cloud.current_user_is_tenant_admin() OR EXISTS (
        SELECT 1
        FROM drift_cloud.team_projects tp
        JOIN drift_cloud.team_memberships tm
          ON tm.team_id = tp.team_id AND tm.tenant_id = tp.tenant_id
        WHERE tp.project_id = p_project_id
          AND tp.tenant_id = drift_cloud.current_tenant_id()
          AND tm.user_id = drift_cloud.current_user_id())
$$;

-- Row-level security: enabled and forced on every table that holds tenant or user data.
ALTER TABLE drift_cloud.tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenants_isolation ON drift_cloud.tenants
    USING (id = drift_cloud.current_tenant_id())
    WITH CHECK (id = drift_cloud.current_tenant_id());
-- The operator (the migrating user) may list tenants for retention and verification runs.
CREATE POLICY tenants_operator_read ON drift_cloud.tenants FOR SELECT TO {{owner_role}}
    USING (true);

ALTER TABLE drift_cloud.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_read ON drift_cloud.users FOR SELECT USING (
    id = drift_cloud.current_user_id()
    OR lower(email) = drift_cloud.current_lookup_email()
    OR id IN (SELECT m.user_id FROM drift_cloud.memberships m
              WHERE m.tenant_id = drift_cloud.current_tenant_id())
    OR id IN (SELECT t.user_id FROM drift_cloud.api_tokens t
              WHERE t.token_hash = drift_cloud.current_token_hash()));
CREATE POLICY users_insert ON drift_cloud.users FOR INSERT
    WITH CHECK (lower(email) = drift_cloud.current_lookup_email());
CREATE POLICY users_update ON drift_cloud.users FOR UPDATE
    USING (id = drift_cloud.current_user_id())
    WITH CHECK (id = drift_cloud.current_user_id());

ALTER TABLE drift_cloud.memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY memberships_isolation ON drift_cloud.memberships
    USING (tenant_id = drift_cloud.current_tenant_id())
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());
-- While authenticating, the holder of a token sees the memberships of the token's user.
CREATE POLICY memberships_token_holder ON drift_cloud.memberships FOR SELECT USING (
    user_id IN (SELECT t.user_id FROM drift_cloud.api_tokens t
                WHERE t.token_hash = drift_cloud.current_token_hash()));

ALTER TABLE drift_cloud.api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.api_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY api_tokens_own ON drift_cloud.api_tokens
    USING (user_id = drift_cloud.current_user_id()
           OR token_hash = drift_cloud.current_token_hash())
    WITH CHECK (user_id = drift_cloud.current_user_id()
                OR token_hash = drift_cloud.current_token_hash());

ALTER TABLE drift_cloud.teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.teams FORCE ROW LEVEL SECURITY;
CREATE POLICY teams_isolation ON drift_cloud.teams
    USING (tenant_id = drift_cloud.current_tenant_id())
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());

ALTER TABLE drift_cloud.team_memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.team_memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY team_memberships_isolation ON drift_cloud.team_memberships
    USING (tenant_id = drift_cloud.current_tenant_id())
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());

ALTER TABLE drift_cloud.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.projects FORCE ROW LEVEL SECURITY;
CREATE POLICY projects_isolation ON drift_cloud.projects
    USING (tenant_id = drift_cloud.current_tenant_id())
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());
CREATE POLICY projects_team_access ON drift_cloud.projects AS RESTRICTIVE
    USING (drift_cloud.current_user_can_see_project(id));

ALTER TABLE drift_cloud.team_projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.team_projects FORCE ROW LEVEL SECURITY;
CREATE POLICY team_projects_isolation ON drift_cloud.team_projects
    USING (tenant_id = drift_cloud.current_tenant_id())
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());
-- Not current_user_can_see_project(): that function reads this table, and a policy may not
-- recurse into its own table. A non-admin sees the assignments of their own teams.
CREATE POLICY team_projects_team_access ON drift_cloud.team_projects AS RESTRICTIVE
    USING (drift_cloud.current_user_is_tenant_admin()
           OR team_id IN (SELECT tm.team_id FROM drift_cloud.team_memberships tm
                          WHERE tm.user_id = drift_cloud.current_user_id()));

ALTER TABLE drift_cloud.invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_isolation ON drift_cloud.invitations
    USING (tenant_id = drift_cloud.current_tenant_id())
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());
-- Accepting is public: whoever holds the invitation's secret may read that one row.
CREATE POLICY invitations_token_holder ON drift_cloud.invitations FOR SELECT
    USING (token_hash = drift_cloud.current_token_hash());

ALTER TABLE drift_cloud.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON drift_cloud.audit_log FOR SELECT
    USING (tenant_id = drift_cloud.current_tenant_id());
CREATE POLICY audit_log_append ON drift_cloud.audit_log FOR INSERT
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());
-- Only the owner holds DELETE (the service role is never granted it); retention uses this.
CREATE POLICY audit_log_retention ON drift_cloud.audit_log FOR DELETE
    USING (tenant_id = drift_cloud.current_tenant_id());

ALTER TABLE drift_cloud.audit_chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.audit_chain_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_heads_isolation ON drift_cloud.audit_chain_heads
    USING (tenant_id = drift_cloud.current_tenant_id())
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());

ALTER TABLE drift_cloud.audit_retention_cuts ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.audit_retention_cuts FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_retention_cuts_isolation ON drift_cloud.audit_retention_cuts
    USING (tenant_id = drift_cloud.current_tenant_id())
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());

ALTER TABLE drift_cloud.ip_allowlist ENABLE ROW LEVEL SECURITY;
ALTER TABLE drift_cloud.ip_allowlist FORCE ROW LEVEL SECURITY;
CREATE POLICY ip_allowlist_isolation ON drift_cloud.ip_allowlist
    USING (tenant_id = drift_cloud.current_tenant_id())
    WITH CHECK (tenant_id = drift_cloud.current_tenant_id());
