// Shortest cooperation path between two actors (membership included, at most
// 8 steps): who could introduce whom. Returns the path itself, which Neo4j
// Browser draws, with the actors' ids and names along it.
// :param source => 'sme_ctibiotech'
// :param target => 'park_zhangjiang'
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MATCH p = shortestPath((a)-[:MEMBER_OF|RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR|FUNDED_BY|SUPERVISES|SUPPORTS*..8]-(b))
RETURN p AS path, [n IN nodes(p) | n.name] AS names, length(p) AS hops
