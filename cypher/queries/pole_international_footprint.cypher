// A pôle's international footprint: the foreign actors that the pôle and its
// members cooperate with, by country, with who in the pôle holds the tie, the
// cooperation types and the years.
// :param pole => 'pole_systematic'
MATCH (p:Actor:Pole {id: $pole})
OPTIONAL MATCH (m:Actor)-[:MEMBER_OF]->(p)
WITH p, [p] + collect(DISTINCT m) AS insiders
UNWIND insiders AS i
MATCH (i)-[r:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR|FUNDED_BY|SUPERVISES|SUPPORTS]-(f:Actor)
WHERE f.country IS NOT NULL AND f.country <> 'FR'
RETURN f.country AS country, f.id AS partner, f.name AS name, f.type AS type,
       collect(DISTINCT i.id) AS via, collect(DISTINCT type(r)) AS cooperation_types,
       count(DISTINCT r) AS cooperations, min(r.year) AS first_year, max(r.year) AS last_year
ORDER BY country, partner
