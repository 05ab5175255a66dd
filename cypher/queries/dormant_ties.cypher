// Dormant ties: pairs of actors whose latest cooperation (membership left
// out) is older than a given year, oldest first — partnerships to revive.
// :param before => 2012
MATCH (a:Actor)-[r:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR|FUNDED_BY|SUPERVISES|SUPPORTS]-(b:Actor)
WHERE a.id < b.id AND r.year IS NOT NULL
WITH a, b, max(r.year) AS last_year, count(DISTINCT r) AS cooperations,
     collect(DISTINCT type(r)) AS cooperation_types
WHERE last_year < $before
RETURN a.id AS actor, a.name AS name, b.id AS partner, b.name AS partner_name,
       last_year, cooperations, cooperation_types
ORDER BY last_year, actor, partner
