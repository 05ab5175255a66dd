// Shortest cooperation path between two actors (membership included, at most
// 8 steps): who could introduce whom.
// :param source => 'pole_systematic'
// :param target => 'park_zhongguancun'
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MATCH p = shortestPath((a)-[:MEMBER_OF|RD_PARTNERSHIP|ACADEMIC_PARTNER|TRAINING|DELEGATION_VISIT|SEMINAR|FUNDED_BY|SUPERVISES|SUPPORTS*..8]-(b))
RETURN [n IN nodes(p) | n.id] AS actors, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | type(r)] AS cooperations, length(p) AS hops
