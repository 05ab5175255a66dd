// Sector white spaces: sectors in which both French and foreign actors work,
// but no cooperation links a French actor of the sector to a foreign one.
// Parameters: none.
MATCH (a:Actor)
WHERE a.sectors IS NOT NULL AND a.country IS NOT NULL
UNWIND a.sectors AS sector
WITH sector, collect(DISTINCT a) AS actors
WITH sector, [x IN actors WHERE x.country = 'FR'] AS fr,
     [x IN actors WHERE x.country <> 'FR'] AS abroad
WHERE size(fr) > 0 AND size(abroad) > 0
OPTIONAL MATCH (f:Actor)-[r:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR]-(g:Actor)
WHERE f IN fr AND g IN abroad
WITH sector, size(fr) AS french_actors, size(abroad) AS foreign_actors, count(r) AS ties
WHERE ties = 0
RETURN sector, french_actors, foreign_actors
ORDER BY french_actors + foreign_actors DESC, sector
