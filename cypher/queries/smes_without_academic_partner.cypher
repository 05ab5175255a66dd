// SMEs without an academic partner: SMEs with no R&D, academic or training
// tie to a research lab or a training centre, with the pôles they belong to.
// :param country => 'FR' (optional)
MATCH (s:Actor:SME)
WHERE ($country IS NULL OR s.country = $country)
  AND NOT EXISTS { (s)-[:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING]-(:Lab) }
  AND NOT EXISTS { (s)-[:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING]-(:TrainingCentre) }
OPTIONAL MATCH (s)-[:MEMBER_OF]->(p:Pole)
RETURN s.id AS sme, s.name AS name, s.country AS country, s.sectors AS sectors,
       collect(DISTINCT p.id) AS poles
ORDER BY sme
