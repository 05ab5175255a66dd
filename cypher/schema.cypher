// graphkit's schema in Neo4j: constraints and indexes.
// Applied by `graphkit neo4j push` before it writes; paste it into Neo4j
// Browser as it is (each statement ends with ';', every one is IF NOT EXISTS).
// Apply it before cypher/import/load_csv.cypher too.

// Every actor has one id: the key push, pull and the queries MERGE / MATCH on.
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;

// Lookups by name, type and country (Browser searches, the library queries).
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
CREATE INDEX actor_type IF NOT EXISTS FOR (a:Actor) ON (a.type);
CREATE INDEX actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country);

// Cooperations: `key` identifies one cooperation row (push MERGEs on it),
// `year` serves the time queries. One index per relationship type, as Neo4j
// indexes relationships by type.
CREATE INDEX member_of_key IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.key);
CREATE INDEX rd_partnership_key IF NOT EXISTS FOR ()-[r:RD_PARTNERSHIP]-() ON (r.key);
CREATE INDEX academic_partner_key IF NOT EXISTS FOR ()-[r:ACADEMIC_PARTNER]-() ON (r.key);
CREATE INDEX training_key IF NOT EXISTS FOR ()-[r:TRAINING]-() ON (r.key);
CREATE INDEX delegation_visit_key IF NOT EXISTS FOR ()-[r:DELEGATION_VISIT]-() ON (r.key);
CREATE INDEX seminar_key IF NOT EXISTS FOR ()-[r:SEMINAR]-() ON (r.key);
CREATE INDEX funded_by_key IF NOT EXISTS FOR ()-[r:FUNDED_BY]-() ON (r.key);
CREATE INDEX supervises_key IF NOT EXISTS FOR ()-[r:SUPERVISES]-() ON (r.key);
CREATE INDEX supports_key IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.key);
CREATE INDEX member_of_year IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.year);
CREATE INDEX rd_partnership_year IF NOT EXISTS FOR ()-[r:RD_PARTNERSHIP]-() ON (r.year);
CREATE INDEX academic_partner_year IF NOT EXISTS FOR ()-[r:ACADEMIC_PARTNER]-() ON (r.year);
CREATE INDEX training_year IF NOT EXISTS FOR ()-[r:TRAINING]-() ON (r.year);
CREATE INDEX delegation_visit_year IF NOT EXISTS FOR ()-[r:DELEGATION_VISIT]-() ON (r.year);
CREATE INDEX seminar_year IF NOT EXISTS FOR ()-[r:SEMINAR]-() ON (r.year);
CREATE INDEX funded_by_year IF NOT EXISTS FOR ()-[r:FUNDED_BY]-() ON (r.year);
CREATE INDEX supervises_year IF NOT EXISTS FOR ()-[r:SUPERVISES]-() ON (r.year);
CREATE INDEX supports_year IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.year);

// Suggested partnerships written back by `graphkit neo4j write-back`.
CREATE INDEX suggested_partner_run IF NOT EXISTS FOR ()-[r:SUGGESTED_PARTNER]-() ON (r.run);
