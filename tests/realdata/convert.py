#!/usr/bin/env python3
"""convert.py [--node-modules DIR] OUTDIR

Turns open public data, installed as npm packages into
tests/realdata/node_modules/ (see package.json), into indicator sets
(indicator-set/1, briefing-set(5), with the format extensions compares,
reference, topics, wholes, better, definition, note, unit_names, scale,
part_of, sources, null values and YYYY/YYYY periods) in OUTDIR:

  countries.json        Gapminder: 62 countries in six world regions, 1955-2005
  counties.json         BLS LAUS county unemployment rates, names from us-atlas,
  counties-unemployment.csv   with its observations in this CSV file
  states-income.json    ACS 2011-2013 household income brackets (parts of a whole)
                        and a mean of the county unemployment rates
  monthly.json          Mauna Loa CO2 (monthly), GISTEMP anomalies (annual),
                        EM-DAT deaths by disaster type (annual, sparse)
  industries.json       CPS unemployment by industry, monthly 2000-2010
  population.json       IPUMS US population by age group and sex, 1850-2000

Every input file is first checked against the git blob SHA-1 that vega-datasets'
datapackage.json records for it (us-atlas files against the hashes
below), so a changed package cannot silently change the sets.
Output is deterministic: the same inputs give the same bytes.  Python 3
standard library only.  Exit 2 when the packages are not installed (the
message says how to install them)."""
import csv
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
# The "as of" date of every set: the day vega-datasets 3.2.1 was built
# (datapackage.json "created"), checked below.
AS_OF = "2025-08-21"
PUBLISHER = "briefing test suite (converted from vega-datasets 3.2.1 and us-atlas 3.0.1)"
VEGA_URL = "https://github.com/vega/vega-datasets"
ATLAS_URL = "https://github.com/topojson/us-atlas"
# us-atlas has no datapackage: the SHA-1 of the two files read, as shipped in 3.0.1.
ATLAS_SHA1 = {
    "counties-10m.json": "3878059825026fa4b7096ab42b1d0e4661cf3103",
    "states-10m.json": "7a18aa4daca122c8ce2c9010314fb7c9f77c14ba",
}


class Missing(Exception):
    pass


def sha1(path):
    """The file's git blob SHA-1 (`git hash-object`), the hash
    datapackage.json records."""
    with open(path, "rb") as f:
        data = f.read()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class Inputs:
    """The two packages, their versions checked, and each file's hash."""

    def __init__(self, node_modules):
        self.vega = os.path.join(node_modules, "vega-datasets")
        self.atlas = os.path.join(node_modules, "us-atlas")
        for d, name, version in ((self.vega, "vega-datasets", "3.2.1"), (self.atlas, "us-atlas", "3.0.1")):
            pj = os.path.join(d, "package.json")
            if not os.path.exists(pj):
                raise Missing(f"{pj} not found: run `npm ci --no-audit --no-fund` in tests/realdata "
                              f"(./setup.sh --test does)")
            v = json.load(open(pj, encoding="utf-8"))["version"]
            if v != version:
                raise Missing(f"{name} is {v}, package-lock.json pins {version}: run `npm ci` in tests/realdata")
        self.package = json.load(open(os.path.join(self.vega, "datapackage.json"), encoding="utf-8"))
        if not self.package.get("created", "").startswith(AS_OF):
            raise Missing(f"vega-datasets datapackage.json created {self.package.get('created')}, expected {AS_OF}")
        self.resources = {r["path"]: r for r in self.package["resources"]}

    def resource(self, path):
        return self.resources[path]

    def data(self, path):
        """The path of vega-datasets' data/PATH, after checking its SHA-1."""
        full = os.path.join(self.vega, "data", path)
        want = self.resources[path]["hash"]
        assert want.startswith("sha1:"), want
        got = sha1(full)
        if got != want[5:]:
            raise Missing(f"{full}: SHA-1 {got}, datapackage.json says {want[5:]}")
        return full

    def atlas_file(self, name):
        full = os.path.join(self.atlas, name)
        got = sha1(full)
        if got != ATLAS_SHA1[name]:
            raise Missing(f"{full}: SHA-1 {got}, us-atlas 3.0.1 has {ATLAS_SHA1[name]}")
        return full


# ---- helpers ----

def slug(text):
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")


def num(x, places=6):
    """A float rounded for output; integers stay integers."""
    if isinstance(x, int):
        return x
    r = round(x, places)
    return int(r) if r == int(r) and abs(r) < 1e15 and places == 0 else r


def pct_from_fraction(s):
    """'0.097' or '.097' -> 9.7, exactly as decimal text would say."""
    return num(float(s) * 100, 6)


def vega_source(inputs, path, sid="vega-datasets"):
    r = inputs.resource(path)
    return OrderedDict([
        ("id", sid),
        ("title", f"vega-datasets 3.2.1, file data/{path} (redistributed copy; package licence BSD-3-Clause, "
                  f"data under the original publisher's terms)"),
        ("publisher", "Vega project (vega-datasets contributors)"),
        ("date", AS_OF),
        ("url", f"{VEGA_URL}/blob/v3.2.1/data/{path}"),
        ("x-licence", "BSD-3-Clause (package code); data: " + "; ".join(l["title"] for l in r.get("licenses", []))),
        ("x-git-blob-sha1", r["hash"][5:]),
    ])


def original_source(sid, title, publisher, url, licence, licence_url=None):
    s = OrderedDict([("id", sid), ("title", f"{title} (licence: {licence})"), ("publisher", publisher),
                     ("url", url), ("x-licence", licence)])
    if licence_url:
        s["x-licence-url"] = licence_url
    return s


def indicator(iid, name, topic, unit, better, observations, sources, decimals=None, **extra):
    d = OrderedDict([("id", iid), ("name", name)])
    if "names" in extra:
        d["names"] = extra.pop("names")
    d["topic"] = topic
    d["unit"] = unit
    if decimals is not None:
        d["decimals"] = decimals
    d["better"] = better
    for k in ("definition", "note", "unit_names", "scale", "part_of"):
        if k in extra:
            d[k] = extra.pop(k)
    d["sources"] = sources
    assert not extra, extra
    d["observations"] = observations
    return d


def obs(entity, period, value, **extra):
    o = OrderedDict([("entity", entity), ("period", period), ("value", value)])
    o.update(extra)
    return o


def set_object(sid, title, subtitle, summary, entities, indicators, sources, compares=None, reference=None,
               topics=None, wholes=None, translations=None):
    d = OrderedDict([("format", "indicator-set/1"), ("id", sid), ("title", title), ("subtitle", subtitle),
                     ("date", AS_OF), ("language", "en"), ("publisher", PUBLISHER), ("summary", summary)])
    if translations:
        d["translations"] = translations
    if compares is not None:
        d["compares"] = compares
    if reference is not None:
        d["reference"] = reference
    if topics:
        d["topics"] = topics
    if wholes:
        d["wholes"] = wholes
    d["entities"] = entities
    d["indicators"] = indicators
    d["sources"] = sources
    return d


def entity(eid, name, kind, groups=None, names=None, short=None):
    e = OrderedDict([("id", eid), ("name", name)])
    if names:
        e["names"] = names
    e["kind"] = kind
    if groups:
        e["groups"] = groups
    if short:
        e["short"] = short
    return e


# ---- 1. countries (Gapminder) ----

# vega-datasets documents the cluster codes (datapackage.json, gapminder,
# field cluster, "categories"); the names are Gapminder's "six regions".
REGION_NAMES = {
    "south_asia": ("South Asia", "Südasien"),
    "europe_central_asia": ("Europe and Central Asia", "Europa und Zentralasien"),
    "sub_saharan_africa": ("Sub-Saharan Africa", "Afrika südlich der Sahara"),
    "america": ("America", "Amerika"),
    "east_asia_pacific": ("East Asia and Pacific", "Ostasien und Pazifik"),
    "middle_east_north_africa": ("Middle East and North Africa", "Naher Osten und Nordafrika"),
}


def countries(inputs):
    path = "gapminder.json"
    rows = json.load(open(inputs.data(path), encoding="utf-8"))
    field = next(f for f in inputs.resource(path)["schema"]["fields"] if f["name"] == "cluster")
    clusters = {c["value"]: c["label"] for c in field["categories"]}
    entities = []
    for code in sorted(clusters):
        label = clusters[code]
        en, de = REGION_NAMES[label]
        entities.append(entity(label, en, "group", names={"de": de}))
    country_ids = OrderedDict()
    for r in sorted(rows, key=lambda r: r["country"]):
        if r["country"] not in country_ids:
            country_ids[r["country"]] = (slug(r["country"]), clusters[r["cluster"]])
    for name, (cid, group) in country_ids.items():
        entities.append(entity(cid, name, "country", groups=[group]))
    years = sorted({r["year"] for r in rows})
    by = {(r["country"], r["year"]): r for r in rows}
    total = {y: sum(r["pop"] for r in rows if r["year"] == y) for y in years}
    pop, life, fert, share, change = [], [], [], [], []
    for name, (cid, _) in country_ids.items():
        for y in years:
            r = by[(name, y)]
            pop.append(obs(cid, str(y), r["pop"]))
            life.append(obs(cid, str(y), num(r["life_expect"], 3)))
            fert.append(obs(cid, str(y), num(r["fertility"], 3)))
            share.append(obs(cid, str(y), num(100.0 * r["pop"] / total[y], 4)))
        change.append(obs(cid, f"{years[0] - 5}/{years[0]}", None))
        for a, b in zip(years, years[1:]):
            la, lb = by[(name, a)]["life_expect"], by[(name, b)]["life_expect"]
            change.append(obs(cid, f"{a}/{b}", num(100.0 * (lb - la) / la, 3)))
    src = ["gapminder", "vega-datasets"]
    indicators = [
        indicator("population", "Population", "population", "count", "neither", pop, src, decimals=0,
                  names={"de": "Bevölkerung"}, scale="million",
                  definition="Total population of the country in its current borders (Gapminder, gd003 version 7)."),
        indicator("life_expectancy", "Life expectancy at birth", "health", "years", "higher", life, src, decimals=1,
                  names={"de": "Lebenserwartung bei der Geburt"}, unit_names={"de": "Jahre"},
                  definition="The number of years a newborn would live if the mortality of the year stayed the "
                             "same (Gapminder, gd004 version 14)."),
        indicator("fertility", "Fertility rate", "population", "births per woman", "neither", fert, src, decimals=2,
                  names={"de": "Geburtenrate"}, unit_names={"de": "Geburten je Frau"},
                  definition="Babies per woman: the number of children a woman would have if the age-specific "
                             "fertility of the year stayed the same (Gapminder, gd008 version 14)."),
        indicator("population_share", "Share of the 62 countries' population", "population", "percent", "neither",
                  share, src, decimals=2, names={"de": "Anteil an der Bevölkerung der 62 Länder"},
                  note="Derived for this test set, not published by Gapminder: the country's population divided "
                       "by the sum of the populations of the 62 countries of the set in the same year, in per cent. "
                       "It is not a share of the world population."),
        indicator("life_expectancy_change", "Five-year change in life expectancy", "health", "percent-change",
                  "higher", change, src, decimals=1, names={"de": "Veränderung der Lebenserwartung in fünf Jahren"},
                  note="Derived for this test set: (life expectancy at the end of the five years / at the start "
                       "- 1) x 100. It is negative where life expectancy fell. Not available for 1950–1955: the "
                       "data start in 1955."),
    ]
    sources = [
        original_source("gapminder", "Gapminder data: population (gd003 v7), life expectancy (gd004 v14), "
                        "babies per woman (gd008 v14), six world regions (data geographies v2)",
                        "Gapminder Foundation", "https://www.gapminder.org/data/documentation/", "CC BY 4.0",
                        "https://www.gapminder.org/free-material/"),
        vega_source(inputs, path),
    ]
    topics = OrderedDict([
        ("population", OrderedDict([("name", "Population"), ("names", {"de": "Bevölkerung"}),
                                    ("description", "How many people live in each country, their share of the 62 "
                                                    "countries' total and how many children women have.")])),
        ("health", OrderedDict([("name", "Life expectancy"), ("names", {"de": "Lebenserwartung"}),
                                ("description", "How long people live, and how that changed every five years.")])),
    ])
    return set_object(
        "countries", f"Population and life expectancy in 62 countries, {years[0]}–{years[-1]}",
        "Gapminder figures every five years, by Gapminder's six world regions",
        "Sixty-two countries from Gapminder's data, every five years from 1955 to 2005: population, life "
        "expectancy at birth and fertility, with two figures derived for this set: each country's share of the "
        "62 countries' population and the five-year change in life expectancy.",
        entities, indicators, sources, compares="country", topics=topics,
        translations={"de": {"title": f"Bevölkerung und Lebenserwartung in 62 Ländern, {years[0]}–{years[-1]}"}})


# ---- 2. counties (BLS LAUS via vega-datasets, names from us-atlas) ----

def atlas_names(inputs):
    counties = json.load(open(inputs.atlas_file("counties-10m.json"), encoding="utf-8"))
    states = json.load(open(inputs.atlas_file("states-10m.json"), encoding="utf-8"))
    cn = {g["id"]: g["properties"]["name"] for g in counties["objects"]["counties"]["geometries"]}
    sn = {g["id"]: g["properties"]["name"] for g in states["objects"]["states"]["geometries"]}
    return cn, sn


def county_rates(inputs):
    with open(inputs.data("unemployment.tsv"), encoding="utf-8", newline="") as f:
        return [(r["id"].zfill(5), r["rate"]) for r in csv.DictReader(f, delimiter="\t")]


LAUS_SOURCE = ("bls-laus", "Local Area Unemployment Statistics (LAUS), county unemployment rates",
               "U.S. Bureau of Labor Statistics", "https://www.bls.gov/lau/", "U.S. Government work (public domain)",
               "https://www.usa.gov/government-works")
ATLAS_SOURCE = ("us-atlas", "us-atlas 3.0.1: U.S. county and state names and FIPS codes from the Census Bureau's "
                "cartographic boundary files (counties-10m.json, states-10m.json)",
                "Mike Bostock, from U.S. Census Bureau data", f"{ATLAS_URL}/tree/v3.0.1", "ISC (package); "
                "Census data public domain", f"{ATLAS_URL}/blob/v3.0.1/LICENSE")

COUNTY_NOTE = ("vega-datasets describes the rates as \"generally consistent with levels reported in 2009\"; the "
               "period 2009 is therefore approximate. The file gives rates as fractions (0.097); they are shown "
               "in per cent (9.7).")


def counties(inputs):
    cn, sn = atlas_names(inputs)
    rates = county_rates(inputs)
    states = sorted({fips[:2] for fips, _ in rates})
    entities = [entity(s, sn[s], "group") for s in states]
    for fips, _ in sorted(rates):
        entities.append(entity(fips, cn.get(fips) or f"FIPS {fips}", "county", groups=[fips[:2]], short=fips))
    lines = ["entity,period,value"]
    for fips, rate in sorted(rates):
        lines.append(f"{fips},2009,{pct_from_fraction(rate)!r}")
    csv_text = "\n".join(lines) + "\n"
    ind = indicator("unemployment_rate", "Unemployment rate", "labour", "percent", "lower",
                    "counties-unemployment.csv", ["bls-laus", "vega-datasets"], decimals=1,
                    names={"de": "Arbeitslosenquote"},
                    definition="Unemployed persons as a percentage of the civilian labour force (BLS LAUS).",
                    note=COUNTY_NOTE)
    sources = [original_source(*LAUS_SOURCE), vega_source(inputs, "unemployment.tsv"), original_source(*ATLAS_SOURCE)]
    topics = {"labour": OrderedDict([("name", "Unemployment"), ("names", {"de": "Arbeitslosigkeit"})])}
    n_named = sum(1 for f, _ in rates if cn.get(f))
    d = set_object(
        "counties", f"Unemployment in {len(rates):,} U.S. counties",
        "County unemployment rates from the BLS LAUS programme, by state",
        f"The unemployment rate of {len(rates):,} counties and county equivalents in the 50 states, the District "
        f"of Columbia and Puerto Rico, about 2009. County names are those of us-atlas; {len(rates) - n_named} "
        "counties that no longer exist there are named by their FIPS code.",
        entities, [ind], sources, compares="county", topics=topics)
    return d, csv_text


# ---- 3. states-income (ACS via vega-datasets) ----

BRACKETS = [  # vega-datasets group -> (id, name)
    ("<10000", "income_lt_10k", "Under $10,000"),
    ("10000 to 14999", "income_10k_15k", "$10,000 to $14,999"),
    ("15000 to 24999", "income_15k_25k", "$15,000 to $24,999"),
    ("25000 to 34999", "income_25k_35k", "$25,000 to $34,999"),
    ("35000 to 49999", "income_35k_50k", "$35,000 to $49,999"),
    ("50000 to 74999", "income_50k_75k", "$50,000 to $74,999"),
    ("75000 to 99999", "income_75k_100k", "$75,000 to $99,999"),
    ("100000 to 149999", "income_100k_150k", "$100,000 to $149,999"),
    ("150000 to 199999", "income_150k_200k", "$150,000 to $199,999"),
    ("200000+", "income_200k_plus", "$200,000 or more"),
]
CENSUS_REGIONS = [("northeast", "Northeast", "Nordosten"), ("midwest", "Midwest", "Mittlerer Westen"),
                  ("south", "South", "Süden"), ("west", "West", "Westen")]


def states_income(inputs):
    path = "income.json"
    rows = json.load(open(inputs.data(path), encoding="utf-8"))
    assert sorted({r["group"] for r in rows}) == sorted(b[0] for b in BRACKETS)
    states = OrderedDict()
    for r in sorted(rows, key=lambda r: r["id"]):
        states.setdefault(r["id"], (r["name"], r["region"], r["total"]))
    entities = [entity(g, n, "group", names={"de": de}) for g, n, de in CENSUS_REGIONS]
    for sid, (name, region, _) in states.items():
        kind = "district" if name == "District of Columbia" else "territory" if name == "Puerto Rico" else "state"
        groups = [region] if region in dict((g, 1) for g, _, _ in CENSUS_REGIONS) else None
        entities.append(entity(f"{sid:02d}", name, kind, groups=groups))
    period = "2011/2013"
    src = ["census-acs", "vega-datasets-income"]
    pct = {(r["id"], r["group"]): r["pct"] for r in rows}
    indicators = []
    for group, iid, name in BRACKETS:
        o = [obs(f"{sid:02d}", period, num(pct[(sid, group)] * 100, 6)) for sid in states]
        indicators.append(indicator(
            iid, name, "income", "percent",
            "neither", o, src, decimals=1, part_of="households",
            definition=f"Share of households whose income in the past 12 months was {name[0].lower() + name[1:] if name[0] == 'U' else name} "
                       "(American Community Survey 3-year estimates 2011–2013, in 2013 dollars)."))
    indicators[0]["note"] = ("The ten brackets are parts of one whole, all households. vega-datasets gives each "
                             "share rounded to 0.1 per cent, so a state's ten shares add up to 99.8 to 100.2.")
    indicators.append(indicator(
        "households", "Households", "income", "count", "neither",
        [obs(f"{sid:02d}", period, states[sid][2]) for sid in states], src, decimals=0, scale="thousand",
        names={"de": "Haushalte"},
        definition="Number of households, the whole that the ten income brackets divide (ACS 2011–2013)."))
    by_state = defaultdict(list)
    for fips, rate in county_rates(inputs):
        by_state[int(fips[:2])].append(float(rate) * 100)
    unemp = []
    for sid in states:
        v = by_state.get(sid)
        unemp.append(obs(f"{sid:02d}", "2009", num(sum(v) / len(v), 3) if v else None))
    indicators.append(indicator(
        "county_unemployment_mean", "Mean county unemployment rate", "labour", "percent", "lower", unemp,
        ["bls-laus", "vega-datasets-unemployment"], decimals=1, names={"de": "Mittlere Arbeitslosenquote der Counties"},
        note="Derived for this test set, not an official state rate: the plain mean of the state's county "
             "unemployment rates (each county counts once, whatever its labour force), from the county file of "
             "the counties set. " + COUNTY_NOTE))
    sources = [
        original_source("census-acs", "American Community Survey 3-year estimates 2011–2013, household income "
                        "in the past 12 months (table B19001), via the Census Data API",
                        "U.S. Census Bureau", "https://www.census.gov/data/developers/data-sets/acs-3year/2013.html",
                        "Census Bureau API terms of service; public domain data",
                        "https://www.census.gov/data/developers/about/terms-of-service.html"),
        vega_source(inputs, path, "vega-datasets-income"),
        original_source(*LAUS_SOURCE),
        vega_source(inputs, "unemployment.tsv", "vega-datasets-unemployment"),
    ]
    topics = OrderedDict([
        ("income", OrderedDict([("name", "Household income"), ("names", {"de": "Haushaltseinkommen"}),
                                ("description", "How households divide into ten income brackets.")])),
        ("labour", OrderedDict([("name", "Unemployment"), ("names", {"de": "Arbeitslosigkeit"})])),
    ])
    wholes = [OrderedDict([("id", "households"), ("name", "All households by household income"),
                           ("names", {"de": "Alle Haushalte nach Haushaltseinkommen"})])]
    return set_object(
        "states-income", "Household income in the 50 states, DC and Puerto Rico",
        "Shares of households in ten income brackets, 2011–2013",
        "How the households of each state divide into ten income brackets, from the American Community Survey "
        "3-year estimates 2011–2013, with a rough unemployment figure per state derived from the county rates.",
        entities, indicators, sources, compares=["state", "district", "territory"], topics=topics, wholes=wholes)


# ---- 4. monthly: CO2, temperature, disasters (the World) ----

def monthly(inputs):
    co2, co2a = [], []
    with open(inputs.data("co2-concentration.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            month = r["Date"][:7]
            co2.append(obs("World", month, num(float(r["CO2"]), 2)))
            co2a.append(obs("World", month, num(float(r["adjusted CO2"]), 2)))
    temp = []
    with open(inputs.data("global-temp.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            temp.append(obs("World", r["year"], num(float(r["temp"]), 2)))
    deaths = defaultdict(list)
    with open(inputs.data("disasters.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            deaths[r["Entity"]].append(obs("World", r["Year"], int(r["Deaths"])))
    co2_src = ["scripps", "vega-datasets-co2"]
    co2_note = ("Measured at Mauna Loa Observatory, Hawaii, and given here for the entity World as the usual marker "
                "of the global background concentration. Monthly means, adjusted to the 15th of the month; months "
                "without valid data are left out.")
    indicators = [
        indicator("co2", "Carbon dioxide concentration (Mauna Loa)", "climate", "ppm", "neither", co2, co2_src,
                  decimals=2, names={"de": "Kohlendioxid-Konzentration (Mauna Loa)"},
                  definition="CO₂ in millionths of a mole per mole of dry air (parts per million), SIO 2012 "
                             "manometric scale.", note=co2_note),
        indicator("co2_adjusted", "Carbon dioxide concentration, seasonally adjusted", "climate", "ppm", "neither",
                  co2a, co2_src, decimals=2, names={"de": "Kohlendioxid-Konzentration, saisonbereinigt"},
                  definition="As the concentration, with a four-harmonic fit with linear gain factor subtracted "
                             "to remove the seasonal cycle.", note=co2_note),
        indicator("temperature_anomaly", "Global surface temperature anomaly", "climate", "°C", "neither", temp,
                  ["gistemp", "vega-datasets-temp"], decimals=2, names={"de": "Abweichung der globalen Temperatur"},
                  definition="Combined land-surface air and sea-surface water temperature anomaly (GISTEMP "
                             "Land-Ocean Temperature Index), in degrees Celsius against the 1951–1980 mean; "
                             "negative where a year was cooler."),
    ]
    kinds = sorted(k for k in deaths if k != "All natural disasters")
    dis_src = ["emdat", "owid", "vega-datasets-disasters"]
    gaps = ("Years without a recorded death are left out, as in the source (they are not zero by assumption): "
            "the series are sparse, with gaps of years.")
    indicators.append(indicator(
        "deaths_all", "Deaths from all natural disasters", "disasters", "count", "lower", deaths["All natural disasters"],
        dis_src, decimals=0, names={"de": "Todesopfer aller Naturkatastrophen"},
        definition="Deaths from natural disasters recorded in EM-DAT, world total per year.",
        note="The sum of the disaster types, except in 2014, where the types add up to 12 fewer deaths. " + gaps))
    for k in kinds:
        indicators.append(indicator(
            "deaths_" + slug(k).replace("-", "_"), f"Deaths from {k[0].lower() + k[1:]}", "disasters", "count",
            "lower", deaths[k], dis_src, decimals=0, part_of="disaster-deaths",
            definition=f"Deaths from disasters of the type \"{k}\" recorded in EM-DAT, world total per year.",
            note=gaps))
    sources = [
        original_source("scripps", "Primary Mauna Loa CO2 record, monthly in situ measurements", "Scripps CO2 "
                        "Program, Scripps Institution of Oceanography",
                        "https://scrippsco2.ucsd.edu/data/atmospheric_co2/primary_mlo_co2_record", "CC BY 4.0",
                        "https://creativecommons.org/licenses/by/4.0/"),
        vega_source(inputs, "co2-concentration.csv", "vega-datasets-co2"),
        original_source("gistemp", "GISS Surface Temperature Analysis (GISTEMP v4), Land-Ocean Temperature Index",
                        "NASA Goddard Institute for Space Studies", "https://data.giss.nasa.gov/gistemp/",
                        "U.S. Government work (public domain)", "https://www.usa.gov/government-works"),
        vega_source(inputs, "global-temp.csv", "vega-datasets-temp"),
        original_source("emdat", "EM-DAT, the International Disaster Database", "Centre for Research on the "
                        "Epidemiology of Disasters (CRED), UCLouvain", "https://www.emdat.be", "EM-DAT terms of use",
                        "https://doc.emdat.be/docs/legal/terms-of-use/"),
        original_source("owid", "Hannah Ritchie, Pablo Rosado and Max Roser (2022): Natural Disasters (processing "
                        "of EM-DAT)", "Our World in Data", "https://ourworldindata.org/natural-catastrophes",
                        "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        vega_source(inputs, "disasters.csv", "vega-datasets-disasters"),
    ]
    topics = OrderedDict([
        ("climate", OrderedDict([("name", "Climate"), ("names", {"de": "Klima"}),
                                 ("description", "Carbon dioxide in the air and the global temperature.")])),
        ("disasters", OrderedDict([("name", "Natural disasters"), ("names", {"de": "Naturkatastrophen"})])),
    ])
    wholes = [OrderedDict([("id", "disaster-deaths"), ("name", "Deaths from natural disasters, by type"),
                           ("names", {"de": "Todesopfer von Naturkatastrophen nach Art"})])]
    return set_object(
        "monthly", "Carbon dioxide, temperature and natural disasters",
        "Monthly CO₂ at Mauna Loa 1958–2020, annual temperature anomalies 1880–2023, disaster deaths 1900–2017",
        "Three long series for the world as a whole: the monthly carbon dioxide concentration measured at Mauna "
        "Loa, the annual global temperature anomaly, and the deaths from natural disasters by type, a sparse "
        "series with gaps.",
        [entity("World", "World", "world", names={"de": "Welt"})], indicators, sources, compares="world",
        topics=topics, wholes=wholes)


# ---- 5. industries: CPS unemployment by industry, monthly ----

def industries(inputs):
    path = "unemployment-across-industries.json"
    rows = json.load(open(inputs.data(path), encoding="utf-8"))
    series = sorted({r["series"] for r in rows})
    entities = [entity(slug(s), s, "other") for s in series]
    rate, count = [], []
    for r in sorted(rows, key=lambda r: (r["series"], r["year"], r["month"])):
        period = f"{r['year']:04d}-{r['month']:02d}"
        rate.append(obs(slug(r["series"]), period, num(float(r["rate"]), 3)))
        count.append(obs(slug(r["series"]), period, int(r["count"]) * 1000))
    src = ["bls-cps", "vega-datasets"]
    indicators = [
        indicator("unemployment_rate", "Unemployment rate", "labour", "percent", "lower", rate, src, decimals=1,
                  names={"de": "Arbeitslosenquote"},
                  definition="Unemployed persons whose last job was in the industry, as a percentage of the "
                             "industry's labour force (CPS table A-31, not seasonally adjusted)."),
        indicator("unemployed", "Unemployed persons", "labour", "count", "lower", count, src, decimals=0,
                  scale="thousand", names={"de": "Arbeitslose"},
                  definition="Unemployed persons whose last job was in the industry (CPS table A-31).",
                  note="Published in thousands; stored here as persons (the published figure x 1000)."),
    ]
    sources = [
        original_source("bls-cps", "Current Population Survey, table A-31: unemployed persons by industry and "
                        "class of worker", "U.S. Bureau of Labor Statistics and U.S. Census Bureau",
                        "https://www.bls.gov/web/empsit/cpseea31.htm", "U.S. Government work (public domain); "
                        "BLS.gov cannot vouch for the data or analyses derived from these data after the data have "
                        "been retrieved from BLS.gov", "https://www.bls.gov/developers/termsOfService.htm"),
        vega_source(inputs, path),
    ]
    topics = {"labour": OrderedDict([("name", "Unemployment by industry"),
                                     ("names", {"de": "Arbeitslosigkeit nach Branchen"})])}
    return set_object(
        "industries", "Unemployment in 14 U.S. industries, 2000–2010",
        "Monthly Current Population Survey figures, January 2000 to February 2010",
        "The unemployment rate and the number of unemployed persons in 14 industries and classes of worker, "
        "month by month through the 2001 and 2008–2009 recessions.",
        entities, indicators, sources, compares="other", topics=topics)


# ---- 6. population: IPUMS, US population by age group and sex ----

def population(inputs):
    path = "population.json"
    rows = json.load(open(inputs.data(path), encoding="utf-8"))
    years = sorted({r["year"] for r in rows})
    ages = sorted({r["age"] for r in rows})
    people = {(r["year"], r["age"], r["sex"]): r["people"] for r in rows}
    entities = [entity("US", "United States", "country", names={"de": "Vereinigte Staaten"}),
                entity("men", "Men", "other", names={"de": "Männer"}),
                entity("women", "Women", "other", names={"de": "Frauen"})]
    missing = [y for y in range(years[0], years[-1] + 1, 10) if y not in years]
    indicators = []
    for a in ages:
        label = f"{a} years and over" if a == ages[-1] else f"{a} to {a + 4} years"
        o = []
        for y in range(years[0], years[-1] + 1, 10):
            if y in missing:
                for e in ("US", "men", "women"):
                    o.append(obs(e, str(y), None, note="No 1890 sample: most 1890 census records were lost."))
                continue
            m, w = people.get((y, a, 1)), people.get((y, a, 2))
            o.append(obs("US", str(y), m + w))
            o.append(obs("men", str(y), m))
            o.append(obs("women", str(y), w))
        ind = indicator(f"age_{a:02d}", f"People aged {label}", "age", "count", "neither", o,
                        ["ipums", "vega-datasets"], decimals=0, part_of="population", scale="million",
                        definition=f"People aged {label} counted in the census year, weighted IPUMS sample "
                                   "(PERWT).")
        indicators.append(ind)
    indicators[0]["note"] = ("The figures for the United States are derived for this test set: men plus women. "
                             "The 19 age groups are parts of one whole, the population.")
    sources = [
        original_source("ipums", "Steven Ruggles, Katie Genadek, Ronald Goeken, Josiah Grover and Matthew Sobek: "
                        "Integrated Public Use Microdata Series, version 6.0, University of Minnesota, 2015, "
                        "doi:10.18128/D010.V6.0", "IPUMS USA, University of Minnesota", "https://usa.ipums.org/usa/",
                        "IPUMS terms of use", "https://www.ipums.org/about/terms"),
        vega_source(inputs, path),
    ]
    topics = {"age": OrderedDict([("name", "Population by age"), ("names", {"de": "Bevölkerung nach Alter"})])}
    wholes = [OrderedDict([("id", "population"), ("name", "Population by age group"),
                           ("names", {"de": "Bevölkerung nach Altersgruppen"})])]
    return set_object(
        "population", f"The U.S. population by age, {years[0]}–{years[-1]}",
        "Census years from IPUMS samples, by age group and sex",
        "How many people of each five-year age group the censuses of 1850 to 2000 counted, for men and women. "
        "There is no 1890 figure.",
        entities, indicators, sources, compares="other", reference="US", topics=topics, wholes=wholes)


SETS = OrderedDict([("countries", countries), ("counties", counties), ("states-income", states_income),
                    ("monthly", monthly), ("industries", industries), ("population", population)])


def dump(d):
    return json.dumps(d, ensure_ascii=False, indent=1) + "\n"


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def convert(outdir, node_modules):
    inputs = Inputs(node_modules)
    os.makedirs(outdir, exist_ok=True)
    made = []
    for name, fn in SETS.items():
        result = fn(inputs)
        if isinstance(result, tuple):
            d, csv_text = result
            write(os.path.join(outdir, "counties-unemployment.csv"), csv_text)
            made.append("counties-unemployment.csv")
        else:
            d = result
        write(os.path.join(outdir, name + ".json"), dump(d))
        made.append(name + ".json")
    return made


def main(argv):
    node_modules = os.path.join(HERE, "node_modules")
    args = list(argv)
    if "--node-modules" in args:
        i = args.index("--node-modules")
        node_modules = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__.split("\n\n")[0], file=sys.stderr)
        return 2
    try:
        made = convert(args[0], node_modules)
    except Missing as e:
        print(f"convert.py: {e}", file=sys.stderr)
        return 2
    for m in made:
        print(os.path.join(args[0], m))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
