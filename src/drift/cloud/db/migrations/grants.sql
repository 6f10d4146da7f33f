-- Privileges of the service role, re-applied (idempotently) by every `drift cloud migrate`.
-- Placeholder: {{service_role}}. A table added by a later migration gets its line here.
-- The service role never receives UPDATE or DELETE on the audit tables, nor DELETE on
-- memberships (removing a member deactivates the membership).
REVOKE ALL ON SCHEMA drift_cloud FROM PUBLIC;
GRANT USAGE ON SCHEMA drift_cloud TO {{service_role}};
GRANT SELECT ON drift_cloud.schema_migrations TO {{service_role}};
GRANT SELECT, INSERT, UPDATE ON drift_cloud.tenants TO {{service_role}};
GRANT SELECT, INSERT, UPDATE ON drift_cloud.users TO {{service_role}};
GRANT SELECT, INSERT, UPDATE ON drift_cloud.memberships TO {{service_role}};
GRANT SELECT, INSERT, UPDATE ON drift_cloud.api_tokens TO {{service_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON drift_cloud.teams TO {{service_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON drift_cloud.team_memberships TO {{service_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON drift_cloud.projects TO {{service_role}};
GRANT SELECT, INSERT, DELETE ON drift_cloud.team_projects TO {{service_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON drift_cloud.invitations TO {{service_role}};
GRANT SELECT, INSERT ON drift_cloud.audit_log TO {{service_role}};
GRANT SELECT ON drift_cloud.audit_chain_heads TO {{service_role}};
GRANT SELECT ON drift_cloud.audit_retention_cuts TO {{service_role}};
GRANT SELECT, INSERT, DELETE ON drift_cloud.ip_allowlist TO {{service_role}};
