// Programme beneficiaries: the actors of the cooperations a programme (PHC
// Cai Yuanpei, ARCUS, COOPOL...) supported, and those it funds directly.
// :param programme => 'prog_phc_cai_yuanpei'
MATCH (b:Actor)-[r:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR|FUNDED_BY|SUPPORTS]-(x:Actor)
WHERE r.programme = $programme
   OR (type(r) = 'FUNDED_BY' AND x.id = $programme AND startNode(r) = b)
RETURN b.id AS beneficiary, b.name AS name, b.type AS type, b.country AS country,
       count(DISTINCT r) AS cooperations, min(r.year) AS first_year,
       max(r.year) AS last_year
ORDER BY cooperations DESC, beneficiary
