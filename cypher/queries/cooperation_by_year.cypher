// Cooperation by year: how many cooperations of each type started each year
// (membership left out; rows without a year are not counted).
// Parameters: none.
MATCH ()-[r:RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR|FUNDED_BY|SUPERVISES|SUPPORTS]->()
WHERE r.year IS NOT NULL
RETURN r.year AS year, type(r) AS cooperation, count(*) AS cooperations
ORDER BY year, cooperation
