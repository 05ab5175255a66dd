// Ecosystem overview: how many actors of each type, how many of them are
// French, and how many cooperations (membership left out) they take part in.
// Parameters: none.
MATCH (a:Actor)
RETURN a.type AS type,
       count(a) AS actors,
       sum(CASE WHEN a.country = 'FR' THEN 1 ELSE 0 END) AS french,
       sum(CASE WHEN a.country IS NOT NULL AND a.country <> 'FR' THEN 1 ELSE 0 END) AS foreign,
       sum(COUNT { (a)-[:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR|FUNDED_BY|SUPERVISES|SUPPORTS]-() }) AS cooperations
ORDER BY actors DESC, type
