"""What each metric column means for a cooperation network, in French and
English, written once: the report and the map reuse it.

``METRIC_DOCS[column]`` is ``{"label_fr", "label_en", "fr", "en"}``: the
column's display names and one sentence saying what it means.
"""
from __future__ import annotations


def _doc(label_fr, label_en, fr, en):
    return {"label_fr": label_fr, "label_en": label_en, "fr": fr, "en": en}


METRIC_DOCS: dict[str, dict] = {
    "name": _doc("Nom", "Name", "Nom de l'acteur.", "Name of the actor."),
    "type": _doc("Type", "Type", "Type d'acteur (pôle, PME, laboratoire…).",
                 "Type of actor (cluster, SME, laboratory…)."),
    "country": _doc("Pays", "Country", "Pays de l'acteur (code ISO à deux lettres).",
                    "Country of the actor (ISO two-letter code)."),
    "degree": _doc(
        "Degré", "Degree",
        "Nombre de partenaires distincts avec lesquels l'acteur coopère.",
        "Number of distinct partners the actor cooperates with."),
    "weighted_degree": _doc(
        "Degré pondéré", "Weighted degree",
        "Volume total de coopération de l'acteur (somme des poids de ses liens).",
        "Total cooperation volume of the actor (sum of its tie weights)."),
    "betweenness": _doc(
        "Intermédiarité", "Betweenness",
        "Part des plus courts chemins entre deux autres acteurs qui passent "
        "par celui-ci : qui tient le réseau ensemble et contrôle les flux "
        "(longueur d'un lien = 1 / poids).",
        "Share of the shortest paths between two other actors that run "
        "through this one: who holds the network together and controls flows "
        "(tie length = 1 / weight)."),
    "closeness": _doc(
        "Proximité (harmonique)", "Closeness (harmonic)",
        "Moyenne des inverses des distances vers tous les autres acteurs : "
        "à quelle vitesse l'acteur atteint l'ensemble du réseau, même "
        "fragmenté.",
        "Mean inverse distance to every other actor: how quickly the actor "
        "reaches the whole network, even a fragmented one."),
    "pagerank": _doc(
        "PageRank", "PageRank",
        "Importance d'un acteur qui coopère avec des acteurs eux-mêmes "
        "importants (marche aléatoire, amortissement 0,85).",
        "Importance of an actor that cooperates with actors that are "
        "themselves important (random walk, damping 0.85)."),
    "eigenvector": _doc(
        "Centralité de vecteur propre", "Eigenvector centrality",
        "Influence d'un acteur relié à des acteurs très connectés, au cœur "
        "du noyau dense du réseau.",
        "Influence of an actor tied to well-connected actors, at the heart "
        "of the network's dense core."),
    "clustering": _doc(
        "Coefficient de regroupement", "Clustering coefficient",
        "Part des paires de partenaires de l'acteur qui coopèrent aussi entre "
        "eux : un entourage soudé plutôt qu'ouvert.",
        "Share of pairs of the actor's partners that also cooperate with "
        "each other: a close-knit rather than open circle."),
    "constraint": _doc(
        "Contrainte de Burt", "Burt's constraint",
        "Dépendance de l'acteur envers des partenaires eux-mêmes liés entre "
        "eux ; faible valeur = accès à des trous structuraux.",
        "How much the actor depends on partners who are tied to each other; "
        "a low value means access to structural holes."),
    "effective_size": _doc(
        "Taille effective", "Effective size",
        "Nombre de partenaires non redondants : ceux qui apportent des "
        "contacts que les autres partenaires n'apportent pas.",
        "Number of non-redundant partners: those who bring contacts the "
        "other partners do not."),
    "community": _doc(
        "Communauté", "Community",
        "Numéro du groupe d'acteurs qui coopèrent surtout entre eux "
        "(Louvain, graine fixe ; 0 = le plus grand).",
        "Number of the group of actors that cooperate mostly with each "
        "other (Louvain, fixed seed; 0 = the largest)."),
    "cross_border_share": _doc(
        "Part transfrontalière", "Cross-border share",
        "Part du volume de coopération de l'acteur qui traverse une "
        "frontière (partenaire d'un autre pays).",
        "Share of the actor's cooperation weight that crosses a border "
        "(partner in another country)."),
    "partner_types": _doc(
        "Types de partenaires", "Partner types",
        "Nombre de types d'acteurs différents parmi ses partenaires "
        "(PME, laboratoires, parcs…).",
        "Number of different actor types among its partners (SMEs, labs, "
        "parks…)."),
    "first_year": _doc(
        "Première année", "First year",
        "Année de la première coopération connue de l'acteur.",
        "Year of the actor's first known cooperation."),
    "last_year": _doc(
        "Dernière année", "Last year",
        "Année de la dernière coopération connue de l'acteur.",
        "Year of the actor's latest known cooperation."),
    "coordinator": _doc(
        "Coordinateur", "Coordinator",
        "Nombre de fois où l'acteur relie deux acteurs de son propre groupe "
        "qui ne coopèrent pas directement (Gould et Fernandez).",
        "Number of times the actor links two actors of its own group who do "
        "not cooperate directly (Gould and Fernandez)."),
    "itinerant": _doc(
        "Intermédiaire itinérant", "Itinerant broker",
        "Nombre de fois où l'acteur relie deux acteurs d'un même autre "
        "groupe (consultant extérieur).",
        "Number of times the actor links two actors of one other group (an "
        "outside consultant)."),
    "gatekeeper": _doc(
        "Gardien", "Gatekeeper",
        "Nombre de fois où l'acteur fait entrer un acteur extérieur vers son "
        "propre groupe.",
        "Number of times the actor lets an outsider reach its own group."),
    "representative": _doc(
        "Représentant", "Representative",
        "Nombre de fois où l'acteur porte un lien de son groupe vers un "
        "acteur extérieur.",
        "Number of times the actor carries a tie from its group to an "
        "outsider."),
    "liaison": _doc(
        "Agent de liaison", "Liaison",
        "Nombre de fois où l'acteur relie deux groupes dont il ne fait pas "
        "partie.",
        "Number of times the actor links two groups it belongs to neither "
        "of."),
    "brokerage_total": _doc(
        "Courtage total", "Total brokerage",
        "Somme des cinq rôles de courtage : toutes les positions où l'acteur "
        "est le seul pont entre deux autres.",
        "Sum of the five brokerage roles: every position where the actor is "
        "the only bridge between two others."),
}

__all__ = ["METRIC_DOCS"]
