// COOPOL mission candidates for a pôle: foreign parks, labs and companies
// working in a sector of the pôle or of its members, that neither the pôle nor
// its members cooperate with yet — whom a COOPOL delegation could visit.
// :param pole => 'pole_systematic'
MATCH (p:Actor:Pole {id: $pole})
OPTIONAL MATCH (m:Actor)-[:MEMBER_OF]->(p)
WITH p, [p] + collect(DISTINCT m) AS insiders
WITH p, insiders, reduce(acc = [], x IN insiders | acc + coalesce(x.sectors, [])) AS sectors
MATCH (c:Actor)
WHERE (c:Park OR c:Lab OR c:Company OR c:SME)
  AND c.country IS NOT NULL AND c.country <> 'FR'
  AND NOT EXISTS {
    MATCH (c)-[:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR]-(i:Actor)
    WHERE i IN insiders
  }
WITH c, [s IN coalesce(c.sectors, []) WHERE s IN sectors] AS shared
WHERE size(shared) > 0
OPTIONAL MATCH (c)-[:MEMBER_OF]->(k:Park)
RETURN c.id AS candidate, c.name AS name, c.type AS type, c.country AS country,
       c.city AS city, shared AS shared_sectors, collect(DISTINCT k.id) AS parks
ORDER BY size(shared) DESC, candidate
