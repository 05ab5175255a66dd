// Top brokers: the actors with the highest betweenness, with their network
// constraint (low = spans structural holes) and community. Needs
// `graphkit neo4j write-back` (or `graphkit run` with a database) first.
// needs: write-back
// :param limit => 10
MATCH (a:Actor)
WHERE a.betweenness IS NOT NULL
RETURN a.id AS actor, a.name AS name, a.type AS type, a.country AS country,
       a.betweenness AS betweenness, a.constraint AS constraint,
       a.community AS community
ORDER BY betweenness DESC, actor
LIMIT $limit
