// Science parks without a French partner: parks that no French actor
// cooperates with (any cooperation but membership).
// Parameters: none.
MATCH (k:Actor:Park)
WHERE NOT EXISTS {
  MATCH (k)-[:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR|FUNDED_BY|SUPERVISES|SUPPORTS]-(f:Actor)
  WHERE f.country = 'FR'
}
RETURN k.id AS park, k.name AS name, k.country AS country, k.city AS city,
       k.sectors AS sectors
ORDER BY park
