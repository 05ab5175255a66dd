// Load actors.csv and cooperations.csv from Neo4j's import folder.
//
// For Neo4j Browser users without graphkit: drop the two CSV files of the
// data contract (as `graphkit neo4j pull -o DIR` or `graphkit generate`
// write them: UTF-8, comma-separated, canonical type keys such as `sme`,
// `rd_partnership`, `;`-joined sectors) into the database's import folder,
// run cypher/schema.cypher first, then paste this script (multi-statement
// editor enabled). Cypher cannot take a label or a relationship type from a
// value, so there is one statement per actor type and per cooperation type,
// written from graphkit's vocabulary. Rows whose type is not a canonical key
// are not loaded: normalise them with graphkit first.
//
// Cooperations get key 'csv:' + source|target|type|year|programme|note; this
// differs from the key `graphkit neo4j push` computes, so load a database
// with one or the other, not both. Exact duplicate rows (same key) become
// one relationship, where push keeps them apart. Nothing here sets
// graphkit_managed: `push --replace` never deletes what this script loaded.
// Every value arrives as text; the statements convert year, weight, lat, lon
// and split sectors / seeks into lists (trimmed, empty parts dropped). An
// empty field is null, a quoted empty one ("") the empty text: rows with an
// empty id are not loaded, an empty sectors / seeks gives [] and an empty
// programme no programme property.

// ---- actors: one statement per type
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'pole' AND row.id <> ''
MERGE (a:Actor:Pole {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'sme' AND row.id <> ''
MERGE (a:Actor:SME {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'company' AND row.id <> ''
MERGE (a:Actor:Company {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'lab' AND row.id <> ''
MERGE (a:Actor:Lab {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'training_centre' AND row.id <> ''
MERGE (a:Actor:TrainingCentre {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'park' AND row.id <> ''
MERGE (a:Actor:Park {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'agency' AND row.id <> ''
MERGE (a:Actor:Agency {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'ministry' AND row.id <> ''
MERGE (a:Actor:Ministry {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'embassy_service' AND row.id <> ''
MERGE (a:Actor:EmbassyService {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'region' AND row.id <> ''
MERGE (a:Actor:Region {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.type = 'programme' AND row.id <> ''
MERGE (a:Actor:Programme {id: row.id})
SET a += row,
    a.sectors = coalesce([x IN split(row.sectors, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.seeks = coalesce([x IN split(row.seeks, ';') WHERE trim(x) <> '' | trim(x)], []),
    a.lat = toFloat(row.lat), a.lon = toFloat(row.lon);

// ---- cooperations: one statement per type
LOAD CSV WITH HEADERS FROM 'file:///cooperations.csv' AS row
WITH row WHERE row.type = 'member_of'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:MEMBER_OF {key: 'csv:' + row.source + '|' + row.target + '|' + row.type + '|' + coalesce(row.year, '') + '|' + coalesce(row.programme, '') + '|' + coalesce(row.note, '')}]->(t)
SET r += row, r.year = toInteger(row.year),
    r.programme = CASE WHEN row.programme <> '' THEN row.programme END,
    r.weight = coalesce(toFloat(row.weight), 1.0)
REMOVE r.source, r.target, r.type;

LOAD CSV WITH HEADERS FROM 'file:///cooperations.csv' AS row
WITH row WHERE row.type = 'rd_partnership'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:RD_PARTNERSHIP {key: 'csv:' + row.source + '|' + row.target + '|' + row.type + '|' + coalesce(row.year, '') + '|' + coalesce(row.programme, '') + '|' + coalesce(row.note, '')}]->(t)
SET r += row, r.year = toInteger(row.year),
    r.programme = CASE WHEN row.programme <> '' THEN row.programme END,
    r.weight = coalesce(toFloat(row.weight), 1.0)
REMOVE r.source, r.target, r.type;

LOAD CSV WITH HEADERS FROM 'file:///cooperations.csv' AS row
WITH row WHERE row.type = 'academic_partner'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:ACADEMIC_PARTNER {key: 'csv:' + row.source + '|' + row.target + '|' + row.type + '|' + coalesce(row.year, '') + '|' + coalesce(row.programme, '') + '|' + coalesce(row.note, '')}]->(t)
SET r += row, r.year = toInteger(row.year),
    r.programme = CASE WHEN row.programme <> '' THEN row.programme END,
    r.weight = coalesce(toFloat(row.weight), 1.0)
REMOVE r.source, r.target, r.type;

LOAD CSV WITH HEADERS FROM 'file:///cooperations.csv' AS row
WITH row WHERE row.type = 'training'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:TRAINING {key: 'csv:' + row.source + '|' + row.target + '|' + row.type + '|' + coalesce(row.year, '') + '|' + coalesce(row.programme, '') + '|' + coalesce(row.note, '')}]->(t)
SET r += row, r.year = toInteger(row.year),
    r.programme = CASE WHEN row.programme <> '' THEN row.programme END,
    r.weight = coalesce(toFloat(row.weight), 1.0)
REMOVE r.source, r.target, r.type;

LOAD CSV WITH HEADERS FROM 'file:///cooperations.csv' AS row
WITH row WHERE row.type = 'delegation_visit'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:DELEGATION_VISIT {key: 'csv:' + row.source + '|' + row.target + '|' + row.type + '|' + coalesce(row.year, '') + '|' + coalesce(row.programme, '') + '|' + coalesce(row.note, '')}]->(t)
SET r += row, r.year = toInteger(row.year),
    r.programme = CASE WHEN row.programme <> '' THEN row.programme END,
    r.weight = coalesce(toFloat(row.weight), 1.0)
REMOVE r.source, r.target, r.type;

LOAD CSV WITH HEADERS FROM 'file:///cooperations.csv' AS row
WITH row WHERE row.type = 'seminar'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:SEMINAR {key: 'csv:' + row.source + '|' + row.target + '|' + row.type + '|' + coalesce(row.year, '') + '|' + coalesce(row.programme, '') + '|' + coalesce(row.note, '')}]->(t)
SET r += row, r.year = toInteger(row.year),
    r.programme = CASE WHEN row.programme <> '' THEN row.programme END,
    r.weight = coalesce(toFloat(row.weight), 1.0)
REMOVE r.source, r.target, r.type;

LOAD CSV WITH HEADERS FROM 'file:///cooperations.csv' AS row
WITH row WHERE row.type = 'funded_by'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:FUNDED_BY {key: 'csv:' + row.source + '|' + row.target + '|' + row.type + '|' + coalesce(row.year, '') + '|' + coalesce(row.programme, '') + '|' + coalesce(row.note, '')}]->(t)
SET r += row, r.year = toInteger(row.year),
    r.programme = CASE WHEN row.programme <> '' THEN row.programme END,
    r.weight = coalesce(toFloat(row.weight), 1.0)
REMOVE r.source, r.target, r.type;

LOAD CSV WITH HEADERS FROM 'file:///cooperations.csv' AS row
WITH row WHERE row.type = 'supervises'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:SUPERVISES {key: 'csv:' + row.source + '|' + row.target + '|' + row.type + '|' + coalesce(row.year, '') + '|' + coalesce(row.programme, '') + '|' + coalesce(row.note, '')}]->(t)
SET r += row, r.year = toInteger(row.year),
    r.programme = CASE WHEN row.programme <> '' THEN row.programme END,
    r.weight = coalesce(toFloat(row.weight), 1.0)
REMOVE r.source, r.target, r.type;

LOAD CSV WITH HEADERS FROM 'file:///cooperations.csv' AS row
WITH row WHERE row.type = 'supports'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:SUPPORTS {key: 'csv:' + row.source + '|' + row.target + '|' + row.type + '|' + coalesce(row.year, '') + '|' + coalesce(row.programme, '') + '|' + coalesce(row.note, '')}]->(t)
SET r += row, r.year = toInteger(row.year),
    r.programme = CASE WHEN row.programme <> '' THEN row.programme END,
    r.weight = coalesce(toFloat(row.weight), 1.0)
REMOVE r.source, r.target, r.type;
