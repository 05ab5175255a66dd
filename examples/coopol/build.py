"""Build the COOPOL example ecosystem (actors.csv, cooperations.csv).

Run from the checkout root::

    python examples/coopol/build.py [OUTDIR]   # default: this folder

Public facts (see README.md in this folder for the sources, keyed S1..S12)
are written first, with ``source`` / ``provenance`` = ``public: Sx``; the
rest is an illustrative, seeded fill (``illustrative``) formed with the
same model as :mod:`graphkit.generate` (preferential attachment, planted
sector complementarity, common partners), with a few deliberate gaps
listed in the README. Same script, same files.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from graphkit.generate import DOMAINS, complements_of, slug  # noqa: E402
from graphkit.io import write_network  # noqa: E402
from graphkit.network import Network  # noqa: E402

SEED = 42
YEARS = range(2005, 2015)
ILL = "illustrative"

# city -> (region, lat, lon); approximate city-centre coordinates
CITIES = {
    "Toulouse": ("Midi-Pyrénées", 43.60, 1.44),
    "Bordeaux": ("Aquitaine", 44.84, -0.58),
    "Grenoble": ("Rhône-Alpes", 45.19, 5.72),
    "Lyon": ("Rhône-Alpes", 45.76, 4.84),
    "Paris": ("Île-de-France", 48.86, 2.35),
    "Palaiseau": ("Île-de-France", 48.71, 2.25),
    "Créteil": ("Île-de-France", 48.79, 2.46),
    "Marne-la-Vallée": ("Île-de-France", 48.84, 2.59),
    "Sophia Antipolis": ("Provence-Alpes-Côte d'Azur", 43.62, 7.05),
    "Avignon": ("Provence-Alpes-Côte d'Azur", 43.95, 4.81),
    "Rennes": ("Bretagne", 48.11, -1.68),
    "Brest": ("Bretagne", 48.39, -4.49),
    "Nantes": ("Pays de la Loire", 47.22, -1.55),
    "Angers": ("Pays de la Loire", 47.47, -0.55),
    "Lille": ("Nord-Pas-de-Calais", 50.63, 3.06),
    "Strasbourg": ("Alsace", 48.57, 7.75),
    "Montpellier": ("Languedoc-Roussillon", 43.61, 3.88),
    "Perpignan": ("Languedoc-Roussillon", 42.70, 2.90),
    "Clermont-Ferrand": ("Auvergne", 45.78, 3.08),
    "Laon": ("Picardie", 49.56, 3.62),
    "Beijing": ("Beijing", 39.90, 116.40),
    "Shanghai": ("Shanghai", 31.23, 121.47),
    "Shenzhen": ("Guangdong", 22.54, 114.06),
    "Wuhan": ("Hubei", 30.59, 114.31),
    "Suzhou": ("Jiangsu", 31.30, 120.62),
    "Xiamen": ("Fujian", 24.48, 118.09),
    "Chengdu": ("Sichuan", 30.66, 104.07),
    "Xi'an": ("Shaanxi", 34.34, 108.94),
    "Hangzhou": ("Zhejiang", 30.27, 120.15),
    "Jingdezhen": ("Jiangxi", 29.27, 117.18),
}

actors: list[dict] = []
coops: list[dict] = []


def actor(id, name, type, city, source, sectors=(), seeks=(), country=None,
          name_zh=None, jitter=None):
    region, lat, lon = CITIES[city]
    if country is None:
        country = "CN" if lon > 60 else "FR"
    if jitter is not None:
        lat, lon = lat + jitter[0], lon + jitter[1]
    assert all(d in DOMAINS for d in (*sectors, *seeks)), (id, sectors, seeks)
    actors.append(dict(id=id, name=name, type=type, country=country, city=city,
                       region=region, sectors=";".join(sectors),
                       seeks=";".join(seeks), lat=round(lat, 4),
                       lon=round(lon, 4), source=source, name_zh=name_zh))
    return id


def tie(source, target, type, year, provenance, programme=None, weight=1.0,
        note=None):
    coops.append(dict(source=source, target=target, type=type, year=year,
                      programme=programme, weight=weight, note=note,
                      provenance=provenance))


# ============================================================ public facts
# -- programmes, ministries, agencies, embassy service
actor("prog_coopol", "COOPOL Innovation", "programme", "Beijing", "public: S1",
      country="FR")
actor("prog_phc_cai_yuanpei", "PHC Cai Yuanpei", "programme", "Paris",
      "public: S6", name_zh="蔡元培项目")
actor("prog_arcus", "ARCUS Languedoc-Roussillon – Shanghai", "programme",
      "Montpellier", "public: S5")
actor("ministry_economy", "Ministère de l'Économie, des Finances et de "
      "l'Industrie (DGCIS)", "ministry", "Paris", "public: S1")
actor("ministry_maee", "Ministère des Affaires étrangères et européennes",
      "ministry", "Paris", "public: S5")
actor("ministry_most", "Ministry of Science and Technology (MOST)", "ministry",
      "Beijing", "public: S1", name_zh="中华人民共和国科学技术部")
actor("agency_torch", "Torch High Technology Industry Development Center",
      "agency", "Beijing", "public: S7", name_zh="科技部火炬高技术产业开发中心")
actor("agency_csc", "China Scholarship Council", "agency", "Beijing",
      "public: S6", name_zh="国家留学基金管理委员会")
actor("agency_ubifrance", "Ubifrance", "agency", "Paris", "public: S3")
actor("agency_agropolis", "Agropolis International", "agency", "Montpellier",
      "public: S5")
actor("embassy_fr_cn", "Service pour la science et la technologie, "
      "Ambassade de France en Chine", "embassy_service", "Beijing",
      "public: S1", country="FR", name_zh="法国驻华大使馆科技处")

# -- pôles de compétitivité (domains read into the shared vocabulary)
POLES = {
    "pole_aerospace_valley": ("Aerospace Valley", "Toulouse",
                              ("aeronautics", "space", "embedded_systems"), "S10"),
    "pole_minalogic": ("Minalogic", "Grenoble", ("micro_nano", "embedded_systems"), "S11"),
    "pole_systematic": ("Systematic Paris-Region", "Palaiseau",
                        ("ict", "embedded_systems"), "S4"),
    "pole_lyonbiopole": ("Lyonbiopôle", "Lyon", ("health", "biotech"), "S3"),
    "pole_medicen": ("Medicen Paris Région", "Paris", ("health",), "S0"),
    "pole_scs": ("SCS – Solutions Communicantes Sécurisées", "Sophia Antipolis",
                 ("secure_communications", "micro_nano"), "S0"),
    "pole_cap_digital": ("Cap Digital", "Paris", ("digital_content", "ict"), "S0"),
    "pole_axelera": ("Axelera", "Lyon", ("chemistry", "environment"), "S11"),
    "pole_tenerrdis": ("Tenerrdis", "Grenoble", ("energy",), "S11"),
    "pole_techtera": ("Techtera", "Lyon", ("textiles",), "S11"),
    "pole_images_reseaux": ("Images & Réseaux", "Rennes", ("ict", "digital_content"), "S3"),
    "pole_mer_bretagne": ("Pôle Mer Bretagne", "Brest", ("maritime",), "S0"),
    "pole_valorial": ("Valorial", "Rennes", ("agri_food",), "S2"),
    "pole_id4car": ("iD4CAR", "Nantes", ("vehicles",), "S0"),
    "pole_emc2": ("EMC2", "Nantes", ("manufacturing", "new_materials"), "S0"),
    "pole_atlanpole_biotherapies": ("Atlanpole Biotherapies", "Nantes",
                                    ("biotech", "health"), "S0"),
    "pole_vegepolys": ("Végépolys", "Angers", ("plants",), "S11"),
    "pole_alsace_biovalley": ("Alsace BioValley", "Strasbourg", ("biotech", "health"), "S0"),
    "pole_i_trans": ("i-Trans", "Lille", ("rail",), "S0"),
    "pole_iar": ("IAR – Industries et Agro-Ressources", "Laon",
                 ("agro_resources", "chemistry"), "S0"),
    "pole_advancity": ("Advancity", "Marne-la-Vallée",
                       ("sustainable_cities", "environment"), "S2"),
    "pole_cereales_vallee": ("Céréales Vallée", "Clermont-Ferrand",
                             ("agri_food", "plants"), "S2"),
    "pole_peifl": ("PEIFL – Pôle européen d'innovation fruits et légumes",
                   "Avignon", ("agri_food", "plants"), "S3"),
    "pole_nsl": ("NSL – Nutrition Santé Longévité", "Lille",
                 ("health", "agri_food"), "S3"),
}
for pid, (name, city, doms, ref) in POLES.items():
    actor(pid, name, "pole", city, f"public: {ref}", sectors=doms)

# -- Chinese science parks
PARKS = {
    "park_zhongguancun": ("Zhongguancun Science Park", "中关村科技园区", "Beijing",
                          ("ict", "biotech", "new_materials"), "S8"),
    "park_zhangjiang": ("Zhangjiang Hi-Tech Park", "张江高科技园区", "Shanghai",
                        ("semiconductors", "biotech", "ict"), "S0"),
    "park_shenzhen": ("Shenzhen High-Tech Industrial Park", "深圳高新技术产业园区",
                      "Shenzhen", ("ict", "semiconductors"), "S8"),
    "park_wuhan_east_lake": ("Wuhan East Lake High-Tech Zone (Optics Valley)",
                             "武汉东湖新技术开发区（中国光谷）", "Wuhan",
                             ("optoelectronics", "health"), "S12"),
    "park_suzhou": ("Suzhou Industrial Park", "苏州工业园区", "Suzhou",
                    ("biotech", "semiconductors"), "S0"),
    "park_xiamen_torch": ("Xiamen Torch Hi-Tech Zone", "厦门火炬高技术产业开发区",
                          "Xiamen", ("displays", "optoelectronics"), "S9"),
    "park_chengdu": ("Chengdu Hi-Tech Zone", "成都高新技术产业开发区", "Chengdu",
                     ("ict", "health"), "S0"),
    "park_xian": ("Xi'an Hi-Tech Zone", "西安高新技术产业开发区", "Xi'an",
                  ("aeronautics", "semiconductors"), "S8"),
}
for pid, (name, zh, city, doms, ref) in PARKS.items():
    actor(pid, name, "park", city, f"public: {ref}", sectors=doms, name_zh=zh)

# -- French regions (administrative geography before 2016)
REGIONS = sorted({CITIES[POLES[p][1]][0] for p in POLES} | {"Languedoc-Roussillon"})
REGION_CITY = {"Midi-Pyrénées": "Toulouse", "Rhône-Alpes": "Lyon",
               "Île-de-France": "Paris", "Provence-Alpes-Côte d'Azur":
               "Sophia Antipolis", "Bretagne": "Rennes",
               "Pays de la Loire": "Nantes", "Alsace": "Strasbourg",
               "Nord-Pas-de-Calais": "Lille", "Picardie": "Laon",
               "Auvergne": "Clermont-Ferrand",
               "Languedoc-Roussillon": "Montpellier"}


def region_id(region: str) -> str:
    return "region_" + slug(region)


for r in REGIONS:
    actor(region_id(r), f"Région {r}", "region", REGION_CITY[r],
          "public: S5" if r == "Languedoc-Roussillon" else "public: S0")

# -- named participants: COOPOL tandems, ARCUS and PHC partners
actor("sme_spring_technologies", "Spring Technologies", "sme", "Paris",
      "public: S1", sectors=("manufacturing", "ict"), seeks=("embedded_systems",))
actor("lab_tsinghua", "Tsinghua University", "lab", "Beijing", "public: S1",
      sectors=("ict", "embedded_systems", "energy"), name_zh="清华大学")
actor("sme_ctibiotech", "CTIBiotech", "sme", "Lyon", "public: S3",
      sectors=("biotech", "health"), seeks=("new_materials", "micro_nano"))
actor("lab_lyon1", "Université Claude Bernard Lyon 1", "lab", "Lyon",
      "public: S3", sectors=("health", "biotech"))
actor("sme_payan_bertrand", "Payan Bertrand", "sme", "Avignon", "public: S3",
      sectors=("agri_food", "chemistry"), seeks=("plants",))
actor("lab_green_avignon", "Laboratoire GREEN, Université d'Avignon", "lab",
      "Avignon", "public: S3", sectors=("chemistry", "agri_food"))
actor("sme_sirs", "SIRS", "sme", "Rennes", "public: S3",
      sectors=("ict", "environment"), seeks=("space",))
actor("sme_aria_technologies", "ARIA Technologies", "sme", "Paris",
      "public: S2", sectors=("environment", "sustainable_cities"),
      seeks=("ict",))
actor("lab_lisa", "LISA – Laboratoire interuniversitaire des systèmes "
      "atmosphériques", "lab", "Créteil", "public: S2",
      sectors=("environment",))
actor("sme_limotech", "Limotech", "sme", "Clermont-Ferrand", "public: S2",
      sectors=("chemistry", "plants"), seeks=("agri_food",))
actor("lab_iccf", "Institut de chimie de Clermont-Ferrand", "lab",
      "Clermont-Ferrand", "public: S2", sectors=("chemistry",))
ARCUS_FR = {
    "lab_supagro": ("Montpellier SupAgro", "Montpellier", ("agri_food", "plants")),
    "lab_cirad": ("CIRAD", "Montpellier", ("plants", "agri_food")),
    "lab_iem": ("Institut Européen des Membranes", "Montpellier",
                ("chemistry", "new_materials")),
    "lab_um1": ("Université Montpellier 1", "Montpellier", ("health",)),
    "lab_um2": ("Université Montpellier 2", "Montpellier",
                ("chemistry", "environment")),
    "lab_upvd": ("Université de Perpignan Via Domitia", "Perpignan",
                 ("energy", "environment")),
}
for lid, (name, city, doms) in ARCUS_FR.items():
    actor(lid, name, "lab", city, "public: S5", sectors=doms)
ARCUS_CN = {
    "lab_tongji": ("Tongji University", "同济大学", "Shanghai",
                   ("environment", "sustainable_cities")),
    "lab_sjtu": ("Shanghai Jiao Tong University", "上海交通大学", "Shanghai",
                 ("energy", "health")),
    "lab_fudan": ("Fudan University", "复旦大学", "Shanghai", ("health", "biotech")),
    "lab_zju": ("Zhejiang University", "浙江大学", "Hangzhou",
                ("agri_food", "ict")),
    "lab_ecnu": ("East China Normal University", "华东师范大学", "Shanghai",
                 ("environment",)),
    "lab_shu": ("Shanghai University", "上海大学", "Shanghai",
                ("new_materials", "manufacturing")),
    "lab_sic": ("Shanghai Institute of Ceramics, CAS",
                "中国科学院上海硅酸盐研究所", "Shanghai", ("new_materials",)),
    "lab_jci": ("Jingdezhen Ceramic Institute", "景德镇陶瓷学院", "Jingdezhen",
                ("new_materials",)),
}
for lid, (name, zh, city, doms) in ARCUS_CN.items():
    actor(lid, name, "lab", city, "public: S5", sectors=doms, name_zh=zh)

# -- public ties
for p in POLES:
    tie(region_id(CITIES[POLES[p][1]][0]), p, "supports", 2005,
        "illustrative", note="regional support of the pôle (typical, not sourced)")
tie("ministry_most", "agency_torch", "supervises", None, "public: S4",
    note="Torch centre depends on MOST")
for p in PARKS:
    # Suzhou's Torch zone in S8 is the 1992 Suzhou Hi-tech Park, not SIP
    if p != "park_suzhou":
        tie("agency_torch", p, "supervises", None, "public: S4",
            note="Torch centre in charge of the hi-tech parks")
tie("ministry_maee", "embassy_fr_cn", "supervises", None, "public: S1")
tie("prog_coopol", "ministry_economy", "funded_by", 2008, "public: S1",
    note="agreement of 26 November 2007; programme running from May 2008")
tie("prog_coopol", "ministry_most", "funded_by", 2008, "public: S1")
tie("embassy_fr_cn", "prog_coopol", "supports", 2008, "public: S2",
    note="the embassy's S&T service selects the tandems each year")
tie("agency_ubifrance", "prog_coopol", "supports", 2013, "public: S3")
tie("prog_phc_cai_yuanpei", "ministry_maee", "funded_by", 2009, "public: S6",
    note="PHC implemented after the agreement of November 2009")
tie("prog_phc_cai_yuanpei", "agency_csc", "funded_by", 2009, "public: S6")
tie("prog_arcus", "ministry_maee", "funded_by", 2007, "public: S5",
    note="co-funded in equal shares by the MAEE and the region, 2007-2010")
tie("prog_arcus", "region_languedoc_roussillon", "funded_by", 2007,
    "public: S5")
tie("agency_agropolis", "prog_arcus", "supports", 2007, "public: S5",
    note="Agropolis International coordinates ARCUS")
tie("agency_agropolis", "lab_tongji", "seminar", 2010, "public: S5",
    note="ARCUS final seminar, 7 October 2010, Shanghai (World Expo)")
tie("ministry_economy", "agency_torch", "delegation_visit", 2012,
    "public: S4", note="DGCIS delegation to the Torch centre, 22 Feb 2012")
tie("ministry_economy", "park_zhongguancun", "delegation_visit", 2012,
    "public: S4")
tie("pole_systematic", "park_zhongguancun", "rd_partnership", 2012,
    "public: S4", note="active cooperation reported in 2012")
# COOPOL tandems (the SME-lab pair is public; the park visited is not stated)
members = [("sme_spring_technologies", "pole_systematic", "S1"),
           ("sme_ctibiotech", "pole_lyonbiopole", "S3"),
           ("sme_payan_bertrand", "pole_peifl", "S3"),
           ("sme_sirs", "pole_images_reseaux", "S3"),
           ("sme_aria_technologies", "pole_advancity", "S2"),
           ("sme_limotech", "pole_cereales_vallee", "S2")]
for sme, pole, ref in members:
    tie(sme, pole, "member_of", 2008, f"public: {ref}")
tie("sme_spring_technologies", "lab_tsinghua", "rd_partnership", 2009,
    "public: S1", programme="prog_coopol",
    note="post-doc at Tsinghua funded by Spring Technologies from early 2009")
tie("sme_ctibiotech", "lab_lyon1", "academic_partner", 2013, "public: S3",
    note="COOPOL 2013 tandem with UMR CNRS 5510 (bio-artificial liver)")
tie("sme_payan_bertrand", "lab_green_avignon", "academic_partner", 2013,
    "public: S3", note="COOPOL 2013 tandem")
tie("sme_aria_technologies", "lab_lisa", "academic_partner", 2014,
    "public: S2", note="COOPOL 2014 tandem (air quality forecasting)")
tie("sme_limotech", "lab_iccf", "academic_partner", 2014, "public: S2",
    note="COOPOL 2014 tandem (eco-extraction)")
VISITS = [("sme_spring_technologies", "park_zhongguancun", 2008),
          ("sme_ctibiotech", "park_suzhou", 2013),
          ("sme_payan_bertrand", "park_xiamen_torch", 2013),
          ("sme_sirs", "park_wuhan_east_lake", 2013),
          ("sme_aria_technologies", "park_zhongguancun", 2014),
          ("sme_limotech", "park_wuhan_east_lake", 2014)]
for sme, park, year in VISITS:
    tie(sme, park, "delegation_visit", year, ILL, programme="prog_coopol",
        note="one-week COOPOL mission to China (public); park illustrative")

# ============================================================ illustrative fill
rng = np.random.default_rng(SEED)
COMP = {d: set(complements_of(d)) for d in DOMAINS}
STEMS = ("Aero", "Nano", "Opti", "Bio", "Cyber", "Hydro", "Agri", "Thermo",
         "Volt", "Mari", "Textil", "Robo", "Ferro", "Lumi", "Vita", "Geo",
         "Data", "Chem", "Eco", "Alpha", "Nova", "Sigma", "Terra", "Astra")
ENDS = ("tec", "lis", "gen", "sys", "line", "med", "vance", "form", "wave",
        "logic", "nov", "sense")
ZH1 = (("Hua", "华"), ("Zhong", "中"), ("Xin", "新"), ("Guang", "光"),
       ("Tian", "天"), ("Rui", "瑞"), ("Chuang", "创"), ("Jing", "晶"),
       ("Bo", "博"), ("Yuan", "源"), ("Hai", "海"), ("Long", "龙"))
ZH2 = (("ke", "科"), ("xun", "讯"), ("wei", "微"), ("neng", "能"),
       ("sheng", "生"), ("cai", "材"), ("tong", "通"), ("da", "达"))
DOMAIN_FR = {
    "aeronautics": "aéronautique", "space": "spatial",
    "embedded_systems": "systèmes embarqués", "micro_nano": "micro-nano",
    "ict": "numérique", "health": "santé", "biotech": "biotechnologies",
    "chemistry": "chimie", "energy": "énergie", "textiles": "textile",
    "maritime": "mer", "agri_food": "agroalimentaire", "vehicles": "véhicules",
    "manufacturing": "production", "plants": "végétal", "rail": "ferroviaire",
    "sustainable_cities": "ville durable", "optoelectronics": "optronique",
    "semiconductors": "semi-conducteurs", "displays": "affichage",
    "new_materials": "matériaux", "digital_content": "contenus numériques",
    "secure_communications": "communications sécurisées",
    "environment": "environnement", "agro_resources": "agro-ressources"}
assert set(DOMAIN_FR) == set(DOMAINS)
used_names: set[str] = {a["name"] for a in actors}


#: English and Chinese names of the domains in illustrative Chinese names
#: (« 上海瑞讯生物技术研究院 » is « Shanghai Ruixun Institute of
#: Biotechnology »).
DOMAIN_CN = {
    "aeronautics": ("Aviation", "航空"), "space": ("Aerospace", "航天"),
    "embedded_systems": ("Embedded Systems", "嵌入式系统"),
    "micro_nano": ("Micro-Nano Technology", "微纳技术"),
    "ict": ("Information Technology", "信息技术"),
    "health": ("Health", "健康"), "biotech": ("Biotechnology", "生物技术"),
    "chemistry": ("Chemistry", "化学"), "energy": ("Energy", "能源"),
    "textiles": ("Textiles", "纺织"),
    "maritime": ("Marine Technology", "海洋技术"),
    "agri_food": ("Food Technology", "食品技术"),
    "vehicles": ("Automotive Technology", "汽车技术"),
    "manufacturing": ("Advanced Manufacturing", "先进制造"),
    "plants": ("Plant Science", "植物科学"),
    "rail": ("Rail Transit", "轨道交通"),
    "sustainable_cities": ("Smart City", "智慧城市"),
    "optoelectronics": ("Optoelectronics", "光电"),
    "semiconductors": ("Semiconductor", "半导体"),
    "displays": ("Display Technology", "显示技术"),
    "new_materials": ("New Materials", "新材料"),
    "digital_content": ("Digital Media", "数字媒体"),
    "secure_communications": ("Secure Communications", "安全通信"),
    "environment": ("Environmental Technology", "环境技术"),
    "agro_resources": ("Agricultural Resources", "农业资源")}
assert set(DOMAIN_CN) == set(DOMAINS)
CITY_ZH = {"Beijing": "北京", "Shanghai": "上海", "Shenzhen": "深圳",
           "Wuhan": "武汉", "Suzhou": "苏州", "Xiamen": "厦门",
           "Chengdu": "成都", "Xi'an": "西安"}
#: Names of real firms and brands (romanised or in characters) that the
#: syllables below could spell: an illustrative actor never takes one.
BRANDS = {
    "Huawei", "Botong", "Zhongtong", "Yuantong", "Yuanxun", "Zhongcai",
    "Tianneng", "Jingneng", "Chuangke", "Huake", "Zhongke", "Huada",
    "Guangda", "Tianwei", "Zhongsheng", "Haisheng", "Guangwei", "Haike",
    "Longsheng", "Ruida", "Jingwei", "Zhongda", "Tiantong", "Haida",
    "Zhongxun", "Huaneng", "Zhongneng", "Xinda", "Guangtong", "Zhongwei",
    "Xinke", "Yuanda", "Jingsheng", "Huaxun", "Boxun", "Guangxun",
    "华微", "博通", "中通", "源通", "源讯", "中材", "天能", "晶能", "创科",
    "华科", "中科", "华达", "光达", "天微", "中生", "海生", "光微", "海科",
    "龙生", "瑞达", "晶微", "中达", "天通", "海达", "中讯", "华能", "中能",
    "新达", "光通", "中微", "新科", "远大", "晶盛", "华讯", "博讯", "光迅",
    # French-sounding stems and endings
    "Biogen", "Datalogic", "Alphanov", "Geosys", "Nanotec", "Nanosys",
    "Novatec", "Ferrotec", "Alphatec", "Cybertec", "Datatec", "Optitec",
    "Aerogen", "Nanogen", "Vitagen", "Hydrogen", "Terraform", "Biosense",
    "Biologic", "Ecologic", "Alphasense", "Biotec", "Astrotec", "Ecoline", "Dataline", "Geotec"}
used_names: set[str] = {a["name"] for a in actors}


def de(place: str) -> str:
    """« de Lyon », « d'Angers »."""
    return ("d'" if place[:1] in "AEIOUÉÈÂÎ" else "de ") + place


def first_free(candidates) -> str:
    """The first candidate name neither taken nor a real brand's: a second
    actor of the same kind gets another name, never a « 2 » suffix. The
    candidates are tried in a fixed order (no random draw), so the seeded
    draws, and so every id and tie, stay as they were."""
    for name in candidates:
        if name not in used_names and not any(b in name for b in BRANDS):
            used_names.add(name)
            return name
    raise AssertionError("no free name")


def sme_names(i: int, j: int):
    """The stem-ending names, from the drawn pair on."""
    for di in range(len(STEMS)):
        for dj in range(len(ENDS)):
            yield (STEMS[(i + di) % len(STEMS)]
                   + ENDS[(j + dj) % len(ENDS)])


def french_names(kinds, domain: str, city: str):
    """« Laboratoire textile de Lyon », then « Institut textile de Lyon »..."""
    for kind in kinds:
        yield f"{kind} {DOMAIN_FR[domain]} {de(city)}"


def chinese_names(i: int, j: int, domain: str, city: str, kind: str):
    """(English name, Chinese name) of an illustrative park company or
    institute: the same syllables and the same domain in both, from the
    drawn syllables on."""
    en_d, zh_d = DOMAIN_CN[domain]
    for di in range(len(ZH1)):
        for dj in range(len(ZH2)):
            (p1, z1), (p2, z2) = (ZH1[(i + di) % len(ZH1)],
                                  ZH2[(j + dj) % len(ZH2)])
            if p1 + p2 in BRANDS or z1 + z2 in BRANDS:
                continue
            if kind == "company":
                yield (f"{p1}{p2} {en_d} Co., Ltd.",
                       f"{z1}{z2}{zh_d}有限公司")
            else:
                yield (f"{city} {p1}{p2} Institute of {en_d}",
                       f"{CITY_ZH[city]}{z1}{z2}{zh_d}研究院")


def chinese_name(*args) -> tuple[str, str]:
    for en, zh in chinese_names(*args):
        if en not in used_names and zh not in used_zh:
            used_names.add(en)
            used_zh.add(zh)
            return en, zh
    raise AssertionError("no free name")


used_zh: set[str] = {a["name_zh"] for a in actors if a.get("name_zh")}


def pick_sectors(theme):
    """1-2 sectors, mostly from the group's theme; 1 seek, usually a
    complement of an own sector (the generator's planted rule)."""
    first = theme[rng.integers(len(theme))] if rng.random() < 0.85 else \
        DOMAINS[rng.integers(len(DOMAINS))]
    out = [first]
    extra = DOMAINS[rng.integers(len(DOMAINS))]
    if rng.random() < 0.4 and extra not in out:
        out.append(extra)
    comp = sorted(set().union(*(COMP[d] for d in out)) - set(out))
    if not comp or rng.random() >= 0.8:
        comp = [d for d in DOMAINS if d not in out]
    return tuple(out), (comp[rng.integers(len(comp))],)


def jitter():
    return rng.normal(0, 0.05), rng.normal(0, 0.05)


pool: dict[str, str] = {}  # illustrative / public member id -> group id
for sme, pole, _ in members:
    pool[sme] = pole
n = 0
for pid, (pname, city, theme, _) in POLES.items():
    k_sme = int(rng.integers(2, 6))
    k_lab = int(rng.integers(1, 3))
    k_tc = int(rng.random() < 0.6)
    for kind, k in (("sme", k_sme), ("lab", k_lab), ("training_centre", k_tc)):
        for _ in range(k):
            n += 1
            sec, see = pick_sectors(theme)
            if kind == "sme":
                i = int(rng.integers(len(STEMS)))
                name = first_free(sme_names(i, int(rng.integers(len(ENDS)))))
            elif kind == "lab":
                name = first_free(french_names(
                    ("Laboratoire", "Institut", "Centre de recherche"),
                    sec[0], city))
            else:
                name = first_free(french_names(
                    ("Centre de formation", "École"), sec[0], city))
            aid = f"{'tc' if kind == 'training_centre' else kind}_ill_{n:03d}"
            actor(aid, name, kind, city, ILL, sectors=sec, seeks=see,
                  jitter=jitter())
            pool[aid] = pid
            tie(aid, pid, "member_of", int(rng.choice([2005, 2005, 2006, 2007,
                                                       2008, 2009, 2010])), ILL)
for lid in list(ARCUS_FR) + ["lab_lyon1", "lab_green_avignon", "lab_lisa",
                             "lab_iccf"]:
    pool[lid] = None
for lid in list(ARCUS_CN) + ["lab_tsinghua"]:
    pool[lid] = None
for pid, (pname, zh, city, theme, _) in PARKS.items():
    k_co = int(rng.integers(5, 9))
    k_lab = int(rng.integers(1, 3))
    for kind, k in (("company", k_co), ("lab", k_lab)):
        for _ in range(k):
            n += 1
            sec, see = pick_sectors(theme)
            i = int(rng.integers(len(ZH1)))
            name, zh = chinese_name(i, int(rng.integers(len(ZH2))), sec[0],
                                    city, kind)
            aid = f"{'co' if kind == 'company' else 'lab'}_ill_{n:03d}"
            actor(aid, name, kind, city, ILL, sectors=sec, seeks=see,
                  name_zh=zh, jitter=jitter())
            pool[aid] = pid
            tie(aid, pid, "member_of", int(rng.choice([2005, 2006, 2007, 2008,
                                                       2009, 2010, 2011])), ILL)

A = pd.DataFrame(actors).set_index("id")
ids = list(pool)
SEC = {i: set(filter(None, A.at[i, "sectors"].split(";"))) for i in ids}
SEEK = {i: set(filter(None, A.at[i, "seeks"].split(";"))) for i in ids}
TYPE = {i: A.at[i, "type"] for i in ids}
COUNTRY = {i: A.at[i, "country"] for i in ids}
GROUP = pool

# deliberate gaps (see README): no academic partner, a park without any French
# partner, a white space (Minalogic members x Zhangjiang members), an isolated
# pôle (Techtera), a dormant tie.
NO_ACADEMIC = next(i for i in ids if i.startswith("sme_ill")
                   and GROUP[i] == "pole_cap_digital")
LONELY_PARK = "park_chengdu"
WHITE = ("pole_minalogic", "park_zhangjiang")
ISOLATED_POLE = "pole_techtera"


def allowed(u, v) -> bool:
    if u == v:
        return False
    t = {TYPE[u], TYPE[v]}
    if NO_ACADEMIC in (u, v) and t & {"lab", "training_centre"}:
        return False
    if ISOLATED_POLE in (GROUP[u], GROUP[v]) and COUNTRY[u] != COUNTRY[v]:
        return False
    if LONELY_PARK in (GROUP[u], GROUP[v]) and "FR" in (COUNTRY[u], COUNTRY[v]):
        return False
    if {GROUP[u], GROUP[v]} == set(WHITE):
        return False
    if t == {"training_centre"}:
        return False
    return True


MIX = {"sme": 1.0, "company": 1.0, "lab": 1.0, "training_centre": 0.5}
existing: set[tuple[str, str]] = set()
neigh = {i: set() for i in ids}
quota = np.round(np.array([1.2 ** k for k in range(len(YEARS))])
                 / sum(1.2 ** k for k in range(len(YEARS))) * 640).astype(int)
for year, q in zip(YEARS, quota):
    made = 0
    while made < q:
        deg = np.array([len(neigh[i]) + 1 for i in ids], float)
        u, v = (ids[j] for j in rng.choice(len(ids), 2, p=deg / deg.sum()))
        if rng.random() < 0.3 and neigh[u]:  # partner of a partner
            w = sorted(neigh[u])[rng.integers(len(neigh[u]))]
            if neigh[w]:
                v = sorted(neigh[w])[rng.integers(len(neigh[w]))]
        key = tuple(sorted((u, v)))
        if not allowed(u, v) or key in existing:
            continue
        comp = any(b in COMP[a] for a in SEC[u] for b in SEC[v])
        seek = bool(SEEK[u] & SEC[v] or SEEK[v] & SEC[u])
        common = len(neigh[u] & neigh[v])
        p = 0.05 * MIX[TYPE[u]] * MIX[TYPE[v]] * (1 + 3 * comp + 3 * seek
                                                 + (SEC[u] & SEC[v] != set()))
        p *= (1 + min(common, 3)) * (0.5 if COUNTRY[u] != COUNTRY[v] else 1)
        p *= 2 if GROUP[u] is not None and GROUP[u] == GROUP[v] else 1
        if rng.random() >= min(1.0, p):
            continue
        existing.add(key)
        neigh[u].add(v)
        neigh[v].add(u)
        made += 1
        types = {TYPE[u], TYPE[v]}
        if "training_centre" in types:
            src, dst = (u, v) if TYPE[u] == "training_centre" else (v, u)
            tie(src, dst, "training", int(year), ILL)
            continue
        if types <= {"lab"}:
            kind = "academic_partner"
        elif "lab" in types:
            kind = "rd_partnership" if rng.random() < 0.6 else "academic_partner"
        else:
            kind = "rd_partnership"
        prog = None
        if TYPE[u] == TYPE[v] == "lab" and {COUNTRY[u], COUNTRY[v]} == {"FR", "CN"}:
            if year >= 2009 and rng.random() < 0.6:
                prog = "prog_phc_cai_yuanpei"
        src, dst = (u, v) if rng.random() < 0.5 else (v, u)
        tie(src, dst, kind, int(year), ILL, programme=prog,
            weight=float(1 + rng.poisson(0.5)))

# ARCUS: Montpellier labs with Shanghai partners, 2007-2010 only
for fr in ARCUS_FR:
    for cn in rng.choice(list(ARCUS_CN), 2, replace=False):
        key = tuple(sorted((fr, cn)))
        if key in existing:
            continue
        existing.add(key)
        tie(fr, str(cn), "academic_partner", int(rng.integers(2007, 2011)),
            "illustrative", programme="prog_arcus",
            note="ARCUS partners are public (S5); the pairing is illustrative")

# COOPOL: 4-5 missions a year from 2008, 25 before the 2014 selection (S2);
# the six named ones are above, the others are illustrative SME -> park
# visits (for 2013 and 2014, from the pôles the sources name)
fr_smes = [i for i in ids if TYPE[i] == "sme" and i.startswith("sme_ill")]
parks = [p for p in PARKS if p != LONELY_PARK]
MISSIONS = {2008: 4, 2009: 4, 2010: 4, 2011: 5, 2012: 4, 2013: 4, 2014: 4}
FROM_POLES = {2013: ["pole_nsl"], 2014: ["pole_aerospace_valley",
                                          "pole_valorial"]}
for year, total in MISSIONS.items():
    k = total - sum(1 for v in VISITS if v[2] == year)
    for j in range(k):
        wanted = FROM_POLES.get(year, [])
        while True:
            s = fr_smes[rng.integers(len(fr_smes))]
            fit = [p for p in parks if SEEK[s] & set(PARKS[p][3])
                   or SEC[s] & set(PARKS[p][3])] or parks
            if j < len(wanted):
                if GROUP[s] == wanted[j]:
                    break
            elif GROUP[s] not in (ISOLATED_POLE, WHITE[0]):
                break
        tie(s, fit[rng.integers(len(fit))], "delegation_visit", year, ILL,
            programme="prog_coopol")
# PHC Cai Yuanpei: French and Chinese labs around co-supervised theses
fr_labs = [i for i in ids if TYPE[i] == "lab" and COUNTRY[i] == "FR"]
cn_labs = [i for i in ids if TYPE[i] == "lab" and COUNTRY[i] == "CN"
           and GROUP[i] != LONELY_PARK]
for _ in range(12):
    u = fr_labs[rng.integers(len(fr_labs))]
    v = cn_labs[rng.integers(len(cn_labs))]
    key = tuple(sorted((u, v)))
    if key in existing or not allowed(u, v):
        continue
    existing.add(key)
    tie(u, v, "academic_partner", int(rng.integers(2010, 2015)), ILL,
        programme="prog_phc_cai_yuanpei")
# a few visits before COOPOL existed, and pôle - park seminars
for year in (2005, 2006, 2007):
    s = fr_smes[rng.integers(len(fr_smes))]
    if GROUP[s] not in (ISOLATED_POLE, WHITE[0]):
        tie(s, parks[rng.integers(len(parks))], "delegation_visit", year, ILL)
for _ in range(14):
    p = list(POLES)[rng.integers(len(POLES))]
    k = parks[rng.integers(len(parks))]
    if p in (ISOLATED_POLE, WHITE[0]) or (p, k) == WHITE:
        continue
    tie(p, k, "seminar", int(rng.integers(2006, 2015)), ILL)

# the dormant tie: an SME and a Chinese company, 2005-2006 then nothing
fr = next(i for i in fr_smes if GROUP[i] == "pole_aerospace_valley")
cn = next(i for i in ids if TYPE[i] == "company" and GROUP[i] == "park_xian")
for year in (2005, 2006):
    tie(fr, cn, "rd_partnership", year, ILL, note="dormant since 2006")

net = Network(pd.DataFrame(actors), pd.DataFrame(coops),
              {"name": "COOPOL example", "seed": SEED})
if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for path in write_network(net, out):
        print(f"wrote {path}")
    print(f"{len(net.actors)} actors, {len(net.cooperations)} cooperations; "
          f"dormant tie {fr} - {cn}")
