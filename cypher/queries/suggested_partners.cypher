// Suggested partners of an actor: the partnerships graphkit recommends (last
// write-back), best first, with the reasons and the programmes that could
// fund them.
// needs: write-back
// :param actor => 'pole_systematic'
MATCH (a:Actor {id: $actor})-[s:SUGGESTED_PARTNER]->(b:Actor)
RETURN s.rank AS rank, b.id AS partner, b.name AS name, b.type AS type,
       b.country AS country, s.score AS score, s.reasons AS reasons,
       s.programmes AS programmes, s.run AS run
ORDER BY rank, partner
