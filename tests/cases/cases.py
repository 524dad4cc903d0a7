"""cases: small hand-written sets and layouts, each rendered and checked
against what a reader must (or must not) find in the document.

Every case is one meson test (suite `cases`).  A case is a set made with
the helpers below, a layout (a shipped one by name, or a dict), command
arguments, and expectations (see run.py for what each key checks).  Sets
are built in code so that a case shows only what it is about; the sets
are shapes the sample never has: countries, states, 300 counties,
neutral indicators, parts of a whole, negative values, gaps.

Numbers in `about` refer to the failures listed in issue 10.
"""

BASE_DATE = "2026-01-15"


def E(id, name=None, kind="province", **kw):
    e = {"id": id, "name": name or id, "kind": kind}
    e.update(kw)
    return e


def I(id, name, topic, unit, obs, **kw):
    """An indicator; obs: (entity, period, value[, extra dict]) tuples."""
    ind = {"id": id, "name": name, "topic": topic, "unit": unit, "source": "s"}
    ind.update(kw)
    if "sources" in kw:
        del ind["source"]
    rows = []
    for o in obs:
        row = {"entity": o[0], "period": o[1], "value": o[2]}
        if len(o) > 3:
            row.update(o[3])
        rows.append(row)
    ind["observations"] = rows
    return ind


def S(entities, indicators, **kw):
    s = {"format": "indicator-set/1", "id": kw.pop("id", "case"), "title": kw.pop("title", "A test set"),
         "date": BASE_DATE, "language": "en", "publisher": "briefing tests",
         "sources": [{"id": "s", "title": "Invented for tests", "publisher": "briefing tests"}]}
    s.update(kw)
    s["entities"] = entities
    s["indicators"] = indicators
    return s


def chart_layout(*blocks, **page):
    lay = {"format": "briefing-layout/1", "blocks": list(blocks)}
    if page:
        lay["page"] = page
    return lay


# ---- reusable shapes -------------------------------------------------------

COUNTRIES = [("AT", "Austria", "eu"), ("BE", "Belgium", "eu"), ("CA", "Canada", "am"), ("DK", "Denmark", "eu"),
             ("EE", "Estonia", "eu"), ("FI", "Finland", "eu"), ("GH", "Ghana", "af"), ("KE", "Kenya", "af"),
             ("MX", "Mexico", "am"), ("US", "United States", "am")]


def countries_set(**kw):
    """Ten countries in three groups and the world; population (neutral,
    millions) over three periods, life expectancy (higher is better)."""
    ents = [E("eu", "Europe", "group"), E("am", "Americas", "group"), E("af", "Africa", "group"),
            E("W", "World", "world")]
    ents += [E(i, n, "country", groups=[g]) for i, n, g in COUNTRIES]
    pop = [12.0e6, 11.5e6, 38.9e6, 5.9e6, 1.3e6, 5.5e6, 33.5e6, 54.0e6, 128.0e6, 333.0e6]  # people; shown in millions
    urban = [59.5, 98.2, 81.8, 88.3, 69.6, 85.7, 58.5, 29.5, 81.3, 83.1]
    life = [81.6, 81.9, 82.3, 81.3, 78.6, 81.9, 64.1, 61.4, 75.0, 77.5]
    inds = [
        I("pop", "Population", "people", "people", [(c[0], p, round(v * f, 2)) for c, v in zip(COUNTRIES, pop)
                                                     for p, f in (("2000", 0.9), ("2010", 0.95), ("2020", 1))],
          better="neither", scale="million", decimals=1),
        I("life", "Life expectancy at birth", "health", "years",
          [(c[0], "2020", v) for c, v in zip(COUNTRIES, life)] + [("W", "2020", 72.0)], decimals=1),
        I("urban", "Urban population", "cities", "percent",
          [(c[0], "2020", v) for c, v in zip(COUNTRIES, urban)] + [("W", "2020", 56.2)], decimals=1),
    ]
    return S(ents, inds, topics={"people": {"name": "People"}, "health": {"name": "Health"}}, **kw)


def regions_set(n=12, values=None, unit="count", better=None, **ikw):
    """n provinces with one indicator."""
    ents = [E(f"R{i:02d}", f"Region {i:02d}") for i in range(1, n + 1)]
    values = values or [100 + 10 * i for i in range(1, n + 1)]
    kw = dict(ikw)
    if better:
        kw["better"] = better
    return S(ents, [I("v", "Value", "main", unit, [(e["id"], "2024", v) for e, v in zip(ents, values)], **kw)])


def bars(**kw):
    b = {"type": "chart", "kind": "bars", "indicator": "v"}
    b.update(kw)
    return b


# ---- the cases ---------------------------------------------------------------

def cases():
    c = []

    def case(name, about, set, layout="briefing", **kw):
        kw.update(name=name, about=about, set=set, layout=layout)
        c.append(kw)

    # 1. Layouts adapt to the set's topics.
    jobs = S([E("N", "North"), E("S", "South"), E("E", "East"), E("W", "West")],
             [I("emp", "Employment rate", "labour-market", "percent", [("N", "2024", 71.2), ("S", "2024", 64.0),
                                                             ("E", "2024", 68.5), ("W", "2024", 73.9)]),
              I("clinics", "Clinics", "health-care", "count", [("N", "2024", 40), ("S", "2024", 22),
                                                                ("E", "2024", 31), ("W", "2024", 35)])],
             topics={"labour-market": {"name": "Work and jobs"}})
    for lay in ("briefing", "briefing-letter", "onepager"):
        case(f"topics-{lay}", "1: the shipped layouts show the set's own topics by name, no 'no data' frame, "
             "no raw slug, no mosaic heading without focus", jobs, lay,
             text=["Work and jobs", "Health care", "Employment rate", "Clinics"],
             no_text=["no data", "labour-market", "health-care", "Computing capacity", "Clean energy", "Patents",
                      "Where each region specialises"])
    case("topics-profile", "1: the profile layout shows the focus entity in every topic", jobs, "profile",
         args=["--focus", "S"], text=["South", "Work and jobs", "Health care"], no_text=["no data", "labour-market"])

    # 2. Countries are first-class.
    case("countries-briefing", "2: a set of countries: tables and counts say countries; no 'All regions'",
         countries_set(), "briefing",
         text=["Indicators by country", "10 countries"], no_text=["All regions", "regions", "no data"])
    case("countries-focus-all", "2: --focus all makes one PDF per country", countries_set(), "profile",
         args=["--focus", "all"], out_dir=True, files=[f"case.{i}.pdf" for i, _, _ in COUNTRIES])
    case("countries-keyfigures-no-national", "2: no country is taken as national: a figure with a world value "
         "shows the world, one without shows the top country, said to be the largest",
         countries_set(), chart_layout({"type": "keyfigures", "topics": ["people", "health"]}),
         text=["largest: United States", "World, 2020", "333.0"], no_text=["Austria"])
    case("countries-reference-world", "2: the set's reference is the world: the share chart's line is the "
         "world's value", countries_set(reference="W"),
         chart_layout({"type": "chart", "kind": "share", "indicator": "urban"}), text=["World 56.2%"])
    case("countries-no-reference-line", "2: without a reference no country is drawn as one",
         countries_set(), chart_layout({"type": "chart", "kind": "share", "indicator": "urban", "reference": "none"}),
         no_text=["World 56.2%", "Austria 59.5%"])
    case("countries-group-not-ranked", "2: groups are not ranked among their members: the profile ranks "
         "among the ten countries", countries_set(), chart_layout({"type": "profile"}), args=["--focus", "CA"],
         text=["1 of 10"], no_text=["of 13", "of 14"])
    world = S([E("W", "World", "world"), E("A", "Alpha", "country"), E("B", "Beta", "country")],
              [I("co2", "Carbon dioxide", "climate", "ppm", [("W", str(y), 315 + y - 1960) for y in range(1960, 2021)],
                 decimals=0),
               I("gdp", "Output", "economy", "index", [("A", "2020", 100), ("B", "2020", 90)])],
              topics={"climate": {"name": "Climate"}, "economy": {"name": "Economy"}})
    case("world-only-topic", "2: a topic measured only for the world is shown, as a line", world, "briefing",
         text=["Climate", "Carbon dioxide", "Economy"], no_text=["no data"])

    # 3. Options work or are errors.
    two = S([E("W", "World", "world")],
            [I("a", "Construction unemployment", "jobs", "percent", [("W", str(y), 5 + (y % 3)) for y in range(2010, 2020)]),
             I("b", "Retail unemployment", "jobs", "percent", [("W", str(y), 4 + (y % 2)) for y in range(2010, 2020)]),
             I("z", "Carbon dioxide", "climate", "ppm", [("W", str(y), 380 + y - 2010) for y in range(2000, 2021)])])
    case("line-indicators", "3: a line chart of the indicators it names, not the longest series", two,
         chart_layout({"type": "chart", "kind": "line", "indicators": ["a", "b"]}),
         text=["Construction unemployment", "Retail unemployment"], no_text=["Carbon dioxide"])
    case("bars-entities", "3: bars of the entities named", regions_set(),
         chart_layout(bars(entities=["R03", "R07"])), text=["Region 03", "Region 07"], no_text=["Region 12"])
    case("bars-vertical", "3: vertical columns are drawn as columns", regions_set(6),
         chart_layout(bars(orientation="vertical")), columns=True)
    case("table-rank", "3: rank: true adds the rank column", regions_set(),
         chart_layout({"type": "chart", "kind": "table", "rank": True}), text=["Rank"])
    units = S([E("A", "Alpha"), E("B", "Beta")],
              [I("x", "Exports", "trade", "USD", [("A", "2024", 5), ("B", "2024", 7)]),
               I("y", "Export share", "trade", "percent", [("A", "2024", 50), ("B", "2024", 70)])])
    case("grouped-two-units", "3: grouped bars of two units are an error at the block", units,
         chart_layout({"type": "chart", "kind": "grouped", "indicators": ["x", "y"]}), exit=1,
         stderr=["layout.json:1:", "blocks[0].indicators", "USD", "percent"], no_file="out.trace")
    case("top-over-kind-maximum", "3: a top beyond the kind's maximum is an error at FILE:LINE:COL",
         regions_set(), chart_layout(bars(top=500)), exit=1, stderr=["layout.json:1:", "blocks[0].top"])
    case("option-not-for-kind", "3: an option the kind does not use is an error, not ignored", regions_set(),
         chart_layout({"type": "chart", "kind": "line", "indicator": "v", "orientation": "vertical"}), exit=1,
         stderr=["layout.json:1:", "blocks[0].orientation"])
    case("top-100", "3: top above 50 is honoured where the kind allows it", regions_set(120),
         chart_layout({"type": "chart", "kind": "table", "top": 100, "sort": "file"}), text=["Region 100"],
         no_text=["Region 101"])

    # 4. The focus is in its own charts.
    case("focus-below-top", "4: a focus outside the top N is shown below the top, with its rank",
         regions_set(20), chart_layout(bars(top=5, focus="R02")), text=["Region 02", "19."],
         no_text=["Region 03"])
    case("profile-focus-in-chart", "4: a profile's charts show the focus entity even when it ranks low",
         regions_set(40), "profile", args=["--focus", "R01"], text=["Region 01", "40."])

    # 5. Profile rows do not overprint.
    fert = S([E(f"C{i}", f"Country {i}", "country") for i in range(1, 6)],
             [I("f", "Fertility rate", "people", "births per woman per lifetime",
                [(f"C{i}", "2020", 1.2 + i / 3) for i in range(1, 6)], decimals=2),
              I("s", "Share of the population aged over 65", "people", "percent",
                [(f"C{i}", "2020", 5.8 + i) for i in range(1, 6)], decimals=1)])
    case("profile-long-unit", "5: a multi-word unit wraps inside its row", fert, chart_layout({"type": "profile"}),
         args=["--focus", "C2"], pdf=True, collisions=0)

    # 6. Negative values.
    signed = regions_set(8, values=[12.5, -4.0, 30.0, -18.5, 7.0, 0.5, 22.0, -9.0], unit="percent-change")
    case("share-negative", "6: negative shares stay inside the frame (diverging from a zero line)", signed,
         chart_layout({"type": "chart", "kind": "share", "indicator": "v"}), pdf=True, collisions=0, inside=True)
    case("bars-negative", "6: bars with negatives diverge from a zero line inside the frame",
         regions_set(8, values=[120, -40, 300, -185, 70, 5, 220, -90], unit="EUR"), chart_layout(bars()), pdf=True,
         collisions=0, inside=True)

    # 7. Units and counts.
    case("unit-percent-sign", "7: the unit '%' is shown with the values", regions_set(5, unit="%"),
         chart_layout(bars(), {"type": "profile"}), args=["--focus", "R02"], text=["120.0%"])
    counties = S([E(f"{i:05d}", f"County {i}", "county") for i in range(1, 3219)],
                 [I("u", "Unemployment rate", "jobs", "percent", [(f"{i:05d}", "2009", (i * 37) % 150 / 10)
                                                                 for i in range(1, 3219)], decimals=1,
                    better="lower")])
    case("count-separator", "7: counts in subtitles have thousands separators", counties,
         chart_layout({"type": "chart", "kind": "bars", "indicator": "u", "top": 5}), text=["top 5 of 3,218"])

    # 8. Parts of a whole.
    brackets = ["Under 25k", "25k to 50k", "50k to 100k", "100k and over"]
    shares = {"A": [20, 30, 30, 20], "B": [10, 25, 40, 25], "C": [30, 30, 25, 15]}
    whole = S([E(k, f"State {k}", "state") for k in shares],
              [I(f"b{j}", brackets[j], "income", "percent", [(k, "2011/2013", v[j]) for k, v in shares.items()],
                 part_of="hh", better="neither") for j in range(4)],
              wholes=[{"id": "hh", "name": "Households by income"}])
    case("wholes-stacked", "8: parts of a whole are 100 % bars with one legend, titled by the whole", whole,
         chart_layout({"type": "chart", "kind": "stacked", "indicators": ["b0", "b1", "b2", "b3"]}),
         text=["Households by income", "Under 25k", "100k and over", "100%"], no_text=["2011/2013", "top 15 of"])
    case("wholes-topics", "8: the topics block draws a whole as one stacked chart", whole, "briefing",
         text=["Households by income"], no_text=["rest"])

    # 9. Selection.
    case("select-lowest", "9: select: lowest keeps the lowest values", regions_set(10),
         chart_layout(bars(top=3, select="lowest")), text=["Region 01", "Region 03"], no_text=["Region 10"])
    case("select-worst-lower-is-better", "9: with lower is better, the worst are the highest",
         regions_set(10, better="lower"), chart_layout(bars(top=2, select="worst")),
         text=["Region 10", "Region 09"], no_text=["Region 01"])
    lines = S([E(f"R{i}", f"Region {i}") for i in range(1, 9)],
              [I("v", "Value", "main", "count", [(f"R{i}", str(y), i * 10 + y - 2000) for i in range(1, 9)
                                                 for y in range(2000, 2010)])])
    case("line-top-by-value", "9: the lines kept are the highest, not the first ids", lines,
         chart_layout({"type": "chart", "kind": "line", "indicator": "v", "top": 2}),
         text=["Region 8", "Region 7"], no_text=["Region 1 ", "Region 2"])
    many = S([E("A", "Alpha"), E("B", "Beta")],
             [I(f"i{k}", f"Indicator {k}", "t", "count", [("A", "2024", k), ("B", "2024", k + 1)]) for k in range(10)])
    case("grouped-says-shown", "9: grouped by topic says how many indicators it shows", many,
         chart_layout({"type": "chart", "kind": "grouped", "topic": "t"}), text=["8 of 10 indicators"])

    # 9b. The order asked for, in every kind that takes sort.
    five = regions_set(5, values=[30, 50, 10, 40, 20])
    case("share-sort-name", "9: share honours sort: name", five,
         chart_layout({"type": "chart", "kind": "share", "indicator": "v", "sort": "name"}),
         order=["Region 01", "Region 02", "Region 03", "Region 04", "Region 05"])
    two_ind = S([E(f"R{i}", n) for i, n in enumerate(["Delta", "alpha", "Charlie", "Bravo"])],
                [I(k, k.upper(), "t", "count", [(f"R{i}", "2024", v) for i, v in enumerate(vals)])
                 for k, vals in (("a", [4, 3, 2, 1]), ("b", [1, 2, 3, 4]))])
    case("grouped-sort-name", "9: grouped bars honour sort: name (case-folded)", two_ind,
         chart_layout({"type": "chart", "kind": "grouped", "indicators": ["a", "b"], "sort": "name"}),
         order=["alpha", "Bravo", "Charlie", "Delta"])
    case("stacked-sort-file", "9: stacked bars honour sort: file", two_ind,
         chart_layout({"type": "chart", "kind": "stacked", "indicators": ["a", "b"], "sort": "file"}),
         order=["Delta", "alpha", "Charlie", "Bravo"])
    case("table-lower-is-better", "9: a table of a lower-is-better indicator lists the best (lowest) first",
         regions_set(4, values=[30, 10, 40, 20], better="lower"),
         chart_layout({"type": "chart", "kind": "table", "indicators": ["v"]}),
         order=["Region 02", "Region 04", "Region 01", "Region 03"])
    wide = S([E(f"R{i:02d}", f"Region {i:02d}") for i in range(1, 61)],
             [I(k, k.upper(), "t", "count", [(f"R{i:02d}", "2024", i * (j + 1)) for i in range(1, 61)])
              for j, k in enumerate(["a", "b", "c", "d"])])
    case("grouped-top-cut-warns", "9: a grouped top that cannot fit a page is cut with a warning", wide,
         chart_layout({"type": "chart", "kind": "grouped", "indicators": ["a", "b", "c", "d"], "top": 40}),
         stderr=["blocks[0].top: warning: top 40", "fit on a page"])
    ranged = S([E("A", "Alpha"), E("B", "Beta")],
               [I("v", "Value", "t", "count", [("A", "2011/2013", 3), ("B", "2011\u20132013", 4)])])
    case("period-two-spellings", "8: 2011/2013 and 2011\u20132013 are one period", ranged,
         chart_layout({"type": "chart", "kind": "bars", "indicator": "v", "period": "2011\u20132013"}),
         text=["Alpha", "Beta", "2011\u20132013"], no_text=["periods differ", "1 of 2"])
    mapped = S([E(f"C{i}", f"Country {i}", "country", tile=[i % 4, i // 4], focus=[f"speciality {i}"])
                for i in range(12)],
               [I("v", "Value", "t", "count", [(f"C{i}", "2024", i) for i in range(12)])])
    case("mosaic-noun", "18: the mosaic's words follow the set's noun", mapped,
         chart_layout({"type": "chart", "kind": "mosaic"}), text=["Where each country specialises"],
         no_text=["region"])

    for kind, extra in (("grouped", {"indicators": ["a", "b"]}), ("line", {"indicator": "a"}),
                        ("bars", {"indicator": "a"})):
        case(f"{kind}-unknown-entity-warns", f"15: {kind}: an id in entities that names no entity is a warning",
             two_ind, chart_layout(dict({"type": "chart", "kind": kind, "entities": ["R1", "NOPE"]}, **extra)),
             stderr=['blocks[0].entities: warning: no entity with id "NOPE" in the set'])

    two_src = S([E("A", "Alpha"), E("B", "Beta")],
                [I("v", "Value", "t", "count", [("A", "2024", 3), ("B", "2024", 4, {"sources": ["q"]})], sources=["s", "r"])],
                sources=[{"id": "s", "title": "Original survey", "publisher": "Survey office"},
                         {"id": "r", "title": "Redistributed", "publisher": "Data portal"},
                         {"id": "q", "title": "Second survey", "publisher": "Survey office"}])
    case("chart-names-every-source", "12: a chart's source line names every source of its figures", two_src,
         chart_layout(bars()), text=["Sources: Survey office; Data portal."])

    twins = S([E("IL", "Illinois", "group"), E("MO", "Missouri", "group"),
               E("17167", "Springfield", "county", groups=["IL"]), E("17168", "Springfield", "county", groups=["IL"]),
               E("29077", "Springfield", "county", groups=["MO"]), E("99", "Lone", "county")],
              [I("v", "Value", "t", "count", [(i, "2024", k + 1) for k, i in enumerate(["17167", "17168", "29077", "99"])])])
    case("names-repeat-in-group", "14: names that repeat with their group too are told apart by id", twins,
         chart_layout(bars()), text=["Springfield (17167)", "Springfield (17168)", "Springfield (Missouri)"],
         no_text=["Springfield (Illinois)"])

    # 10. Line charts.
    case("line-y-not-zero", "10: a line far from zero does not start its axis at zero", two,
         chart_layout({"type": "chart", "kind": "line", "indicator": "z"}), y_min_tick=">0")
    gap = S([E("W", "World", "world")],
            [I("d", "Drought deaths", "disasters", "people",
               [("W", str(y), 100 + y % 7) for y in list(range(1920, 1929)) + list(range(1940, 1950))])])
    case("line-gap", "10: no line across missing periods", gap,
         chart_layout({"type": "chart", "kind": "line", "indicator": "d"}), line_segments=2)
    one = S([E("A", "Alpha"), E("B", "Beta")], [I("v", "Value", "t", "count", [("A", "2024", 3), ("B", "2024", 4)])])
    case("line-single-period", "10: a single period is not drawn on a made-up time axis", one,
         chart_layout({"type": "chart", "kind": "line", "indicator": "v"}), no_text=["2023", "2025"],
         stderr=["one period", "drawn as bars"])

    # 11. Notes merge.
    noted = S([E(f"R{i}", f"Region {i}") for i in range(1, 7)],
              [I("v", "Value", "t", "count", [(f"R{i}", "2024", i, {"note": "Estimated by the agency."})
                                              for i in range(1, 7)])])
    case("notes-merge", "11: identical notes are one note", noted, chart_layout({"type": "notes"}),
         count={"Estimated by the agency.": 1})

    # 12. Big tables.
    case("big-table-columns", "12: a long narrow table flows into columns", counties,
         chart_layout({"type": "chart", "kind": "table", "indicators": ["u"]}), max_pages=30, no_text=["…"])

    # 13. Profiles at scale: memory does not grow per profile.
    case("profiles-memory", "13: memory does not grow with the number of profiles in one process",
         counties, "profile", memory_per_profile_kb=8)

    # 14. Smaller.
    case("profile-needs-focus", "14: -l profile without --focus is an error", countries_set(), "profile",
         exit=2, stderr=["--focus"])
    case("lang-without-texts", "14: --lang de on a set without German texts warns", countries_set(), "briefing",
         args=["--lang", "de"], stderr=["warning", "de"])
    trans = regions_set(4, unit="births per woman", unit_names={"de": "Geburten je Frau"})
    case("unit-translated", "14: units can be translated", trans, chart_layout(bars()), args=["--lang", "de"],
         text=["Geburten je Frau"])
    case("focus-all-pdf-name", "14: -o x.pdf with --focus all is an error, no folder named x.pdf",
         countries_set(), "profile", args=["--focus", "all"], out="x.pdf", exit=2, stderr=["directory"],
         no_file="x.pdf")
    case("log-negative", "14: a log scale with negative values says it falls back to linear", signed,
         chart_layout(bars(scale="log")), stderr=["log"], exit=0)
    return c
