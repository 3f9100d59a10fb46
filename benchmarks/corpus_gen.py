"""Synthetic noisy news corpus for throughput benchmarks (no network, fixed seed).

usage: python benchmarks/corpus_gen.py N OUT_DIR [--seed 7]

Writes N raw files (mostly .txt, some .html and .jsonl) of varied length built from templates:
different countries, companies, people, figures and agreements in the body; site chrome around it
(menus, cookie banners, newsletter promos, footers, bylines, captions, "Input/Updated" stamps);
captions repeated in the body; some articles pasted twice into one file; some exact duplicate files
(the same article arriving twice); some near copies (a wire story re-published with a changed figure).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

COUNTRIES = [
    "South Korea",
    "China",
    "Japan",
    "India",
    "Vietnam",
    "Indonesia",
    "Germany",
    "France",
    "the United States",
    "Brazil",
    "Mexico",
    "Canada",
    "Australia",
    "Saudi Arabia",
    "the United Arab Emirates",
    "Turkey",
    "Poland",
    "Kenya",
    "Nigeria",
    "Egypt",
    "Chile",
    "Peru",
    "Thailand",
    "Malaysia",
    "the Philippines",
    "Singapore",
    "the United Kingdom",
    "Italy",
    "Spain",
    "Sweden",
    "Norway",
    "Qatar",
    "Kazakhstan",
    "Uzbekistan",
]
CITIES = [
    "Seoul",
    "Beijing",
    "Tokyo",
    "New Delhi",
    "Hanoi",
    "Jakarta",
    "Berlin",
    "Paris",
    "Washington",
    "Brasilia",
    "Mexico City",
    "Ottawa",
    "Canberra",
    "Riyadh",
    "Abu Dhabi",
    "Ankara",
    "Warsaw",
    "Nairobi",
    "Lagos",
    "Cairo",
]
COMPANIES = [
    "Samsung Electronics",
    "Hyundai Motor Company",
    "SK Hynix",
    "LG Energy Solution",
    "Toyota Motor Corp",
    "Sony Group",
    "Tata Steel",
    "Reliance Industries",
    "Vingroup",
    "Siemens AG",
    "Airbus",
    "TotalEnergies",
    "Petrobras",
    "Saudi Aramco",
    "Emirates Global Aluminium",
    "Alibaba Group",
    "Tencent Holdings",
    "CATL",
    "BYD Company",
    "Volkswagen",
    "Rio Tinto",
    "BHP Group",
    "Glencore",
    "Safaricom",
    "Dangote Group",
    "Ericsson",
    "Equinor",
    "QatarEnergy",
    "Posco Holdings",
    "Hanwha Ocean",
    "Doosan Enerbility",
    "Foxconn",
    "Infosys",
    "Petronas",
    "Temasek Holdings",
    "DP World",
    "Maersk",
    "Nokia",
    "Bosch",
    "Mitsubishi Corp",
]
FIRST = [
    "Kim",
    "Lee",
    "Park",
    "Anita",
    "Rahul",
    "Maria",
    "Jonas",
    "Claire",
    "Ahmed",
    "Fatima",
    "Carlos",
    "Yuki",
    "Hiroshi",
    "Nguyen",
    "Olga",
    "Pierre",
    "Grace",
    "Samuel",
    "Elena",
    "Tomasz",
    "Aisha",
    "Daniel",
    "Mei",
]
LAST = [
    "Min-jun",
    "Sharma",
    "Okafor",
    "Schmidt",
    "Dubois",
    "Tanaka",
    "Rossi",
    "Haddad",
    "Silva",
    "Kowalski",
    "Mwangi",
    "Johansson",
    "Van Dijk",
    "Nakamura",
    "Petrova",
    "Garcia",
    "Al-Rashid",
    "Chen",
    "Wong",
    "Ortiz",
]
TITLES = [
    "Trade Minister",
    "Finance Minister",
    "President",
    "Prime Minister",
    "chief executive",
    "Chairman",
    "Foreign Minister",
    "Commerce Secretary",
    "Vice Premier",
    "central bank governor",
    "chief economist",
]
SECTORS = [
    "semiconductors",
    "electric vehicles",
    "batteries",
    "green hydrogen",
    "shipbuilding",
    "liquefied natural gas",
    "critical minerals",
    "artificial intelligence",
    "nuclear power",
    "steel",
    "aerospace",
    "pharmaceuticals",
    "food processing",
    "digital payments",
    "rail infrastructure",
    "offshore wind",
    "fertilisers",
    "textiles",
]
AGREEMENTS = [
    "a memorandum of understanding",
    "a free trade agreement",
    "a comprehensive economic partnership agreement",
    "an investment agreement",
    "a cooperation agreement",
    "a strategic partnership",
    "a supply deal",
    "a joint venture agreement",
    "a currency swap agreement",
    "a framework agreement",
]
STATUS_VERBS = [
    "signed",
    "agreed on",
    "began negotiations on",
    "proposed",
    "are close to concluding",
    "plan to sign",
    "failed to reach",
    "concluded talks on",
    "ratified",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
PUBLISHERS = [
    "The Daily Ledger",
    "Asia Business Wire",
    "Global Trade Times",
    "Continental Herald",
    "Market Courier",
    "The Economic Observer",
    "Harbour Post",
    "Metro Financial",
]

BODY_TEMPLATES = [
    "{c1} and {c2} {verb} {agr} covering {sec1} and {sec2} on {month} {day}, according to officials in {city}.",
    "{p}, {title} of {c1}, said the deal could lift two-way trade to {money} by {year}, up from {money2} last "
    "year.",
    '"We will unlock the potential for cooperation and elevate it to a new level," {p} told reporters in {city}.',
    "{co1} said it would invest {money} in a new {sec1} plant in {c2}, creating about {count} jobs over {dur} "
    "years.",
    "Exports of {sec1} from {c1} to {c2} rose {pct} in the first half of {year}, while imports of {sec2} fell "
    "{pct2}.",
    "Under the agreement, {co1} and {co2} will jointly develop {sec1} projects worth {money}, with {co1} holding "
    "a {pct} stake.",
    "Analysts at {co2} expect the {sec1} market in {c1} to grow {mult} over the next {dur} years, driven by "
    "demand from {c2} and {c3}.",
    "The talks between {c1} and {c2} stalled in {year2} over tariffs on {sec2}, but negotiators resumed them "
    "after {p} visited {city} in {month}.",
    "{title} {p} met executives from {co1}, {co2} and {co3} on the sidelines of the forum to discuss supply "
    "chains for {sec1}.",
    "Bilateral trade between {c1} and {c2} reached {money} in {year2}, making {c2} the {ordinal} largest "
    "trading partner of {c1}.",
    "The two governments also {verb} {agr} on {sec2}, which officials said would cut tariffs on about {pct} of "
    "goods within {dur} years.",
    "Shares of {co1} rose {pct} in {city} trading after the announcement, while {co2} fell {pct2}.",
    "{co1} and {co3} {verb} {count} memoranda of understanding related to {sec1}, {sec2} and consumer goods.",
    "Critics in {c2} warned that the pact could expose domestic producers of {sec2} to competition, and "
    "lawmakers have asked for a review before it takes effect in {year}.",
    "The central bank of {c1} kept its policy rate at {pct}, citing uncertainty over exports to {c2} and the "
    "outlook for {sec1}.",
    "According to the ministry, {count} companies from {c1} and {count2} from {c2} took part in the business "
    "forum, the largest since {year2}.",
]
# context, quotes, markets, politics: most sentences of real trade news carry no agreement (in the
# seed articles about 15% of body sentences pass the agreement prefilter)
NEUTRAL_TEMPLATES = [
    "{p}, {title} of {c1}, said growth in {sec1} had slowed in the second quarter as demand from {c2} weakened.",
    '"Our companies need predictable rules and open markets," {p} told reporters in {city} on {month} {day}.',
    "Exports of {sec1} from {c1} to {c2} rose {pct} in the first half of {year2}, while imports of {sec2} fell "
    "{pct2}.",
    "Analysts at {co2} expect the {sec1} market in {c1} to grow {mult} over the next {dur} years, driven by "
    "demand from {c2} and {c3}.",
    "Bilateral trade between {c1} and {c2} reached {money} in {year2}, making {c2} the {ordinal} largest "
    "trading partner of {c1}.",
    "Shares of {co1} rose {pct} in {city} trading on {month} {day}, while {co2} fell {pct2}.",
    "The central bank of {c1} kept its policy rate at {pct}, citing uncertainty over exports to {c2} and the "
    "outlook for {sec1}.",
    "According to the ministry, {count} companies from {c1} and {count2} from {c2} took part in the business "
    "forum, the largest since {year2}.",
    "{co1} reported quarterly revenue of {money}, up {pct} from a year earlier, on strong sales of {sec1}.",
    "The visit was the first by a leader of {c1} to {c2} in {dur} years, and came after months of tension over "
    "{sec2}.",
    "{title} {p} met executives from {co1}, {co2} and {co3} on the sidelines of the forum to discuss supply "
    "chains for {sec1}.",
    "Officials in {city} said the government would spend {money} on {sec2} over the next {dur} years.",
    "Unemployment in {c1} fell to {pct} in {month}, the lowest level since {year2}, official data showed.",
    "The ministry expects {sec1} output to reach {count} units this year, compared with {count2} units in "
    "{year2}.",
    "{co3} plans to hire about {count} engineers in {city} and open a research centre for {sec1} by {year}.",
    "Critics in {c2} warned that cheaper imports of {sec2} could hurt domestic producers, and lawmakers have "
    "asked for a review.",
    "Inflation in {c1} eased to {pct2} in {month}, giving the central bank room to cut rates later in the year.",
    "{p} is expected to travel to {city} next month for talks with counterparts from {c2} and {c3}.",
]
CHROME_TOP = [
    ["Home", "World", "Business", "Markets", "Opinion", "Sports", "Lifestyle"],
    ["Skip to main content", "Menu", "Search", "Sign in", "Subscribe"],
    ["Latest News", "Economy", "Politics", "Tech", "Video"],
]
CHROME_BOTTOM = [
    "We use cookies to improve your experience. By continuing to browse the site you agree to our use of "
    "cookies. Accept all cookies",
    "Subscribe to our newsletter to get the latest business news delivered to your inbox every morning.",
    "© 2026 {pub}. All rights reserved. Unauthorized reproduction and redistribution prohibited.",
    "Contact us: newsroom@{dom}.com | Tel: +82-2-555-0100",
    "Terms of Service | Privacy Policy | Advertise with us | Careers",
    "Related articles",
    "Most read",
    "Share on Facebook   Share on X   Copy link",
    "Read more: {c1} signs new deals with {c2}",
]


def _name(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def _money(r: random.Random) -> str:
    v = r.choice([r.randint(1, 999), round(r.uniform(1, 99), 2)])
    return r.choice(
        [f"${v} billion", f"${v} million", f"{v} billion won", f"€{v} million", f"US${v} billion"]
    )


def _slots(r: random.Random) -> dict[str, object]:
    cs = r.sample(COUNTRIES, 3)
    cos = r.sample(COMPANIES, 3)
    return {
        "c1": cs[0],
        "c2": cs[1],
        "c3": cs[2],
        "city": r.choice(CITIES),
        "co1": cos[0],
        "co2": cos[1],
        "co3": cos[2],
        "p": _name(r),
        "title": r.choice(TITLES),
        "verb": r.choice(STATUS_VERBS),
        "agr": r.choice(AGREEMENTS),
        "sec1": r.choice(SECTORS),
        "sec2": r.choice(SECTORS),
        "month": r.choice(MONTHS),
        "day": r.randint(1, 28),
        "money": _money(r),
        "money2": _money(r),
        "pct": f"{round(r.uniform(0.5, 45), 1)}%",
        "pct2": f"{round(r.uniform(0.5, 30), 1)} percent",
        "mult": r.choice(["twofold", "threefold", "2.5 times", "fourfold"]),
        "count": r.randint(3, 5000),
        "count2": r.randint(3, 900),
        "dur": r.choice([2, 3, 5, 10]),
        "year": r.randint(2026, 2035),
        "year2": r.randint(2015, 2025),
        "ordinal": r.choice(["second", "third", "fifth", "largest"]),
    }


def _article(r: random.Random, i: int) -> tuple[str, str]:
    """(title, text) of one raw article with its site chrome."""
    pub = r.choice(PUBLISHERS)
    s = _slots(r)
    title = f"{s['c1']} and {s['c2']} {s['verb']} {s['agr'].split(' ', 1)[1]} on {s['sec1']}".replace(
        "  ", " "
    )
    title = title[0].upper() + title[1:]
    n_par = max(2, int(r.lognormvariate(2.0, 0.6)))  # median ~7, long tail
    body = []
    for _ in range(min(n_par, 60)):
        s2 = {**s, **{k: v for k, v in _slots(r).items() if r.random() < 0.5}}
        sents = [
            r.choice(BODY_TEMPLATES if r.random() < 0.16 else NEUTRAL_TEMPLATES).format(**s2)
            for _ in range(r.randint(1, 4))
        ]
        body.append(" ".join(sents))
    caption = f"{s['p']}, {s['title']}, speaks at a forum in {s['city']} on the {s['day']}th. //Photo: {pub}"
    lines: list[str] = []
    lines += r.choice(CHROME_TOP)
    lines += [f"{r.choice(['Monday', 'Tuesday', 'Friday'])}, {s['month']} {s['day']}, 2026", "", title, ""]
    if r.random() < 0.6:
        lines += ["Input", f"2026-01-{s['day']:02d} 18:12:07", "Updated", f"2026-01-{s['day']:02d} 18:40:00"]
    lines += [f"By {_name(r)}, {pub}", ""]
    if r.random() < 0.7:
        lines.append(caption)
    for j, p in enumerate(body):
        lines.append(p)
        if j == 1 and r.random() < 0.3:
            lines.append(caption)  # caption repeated inside the body
        if j == 2 and r.random() < 0.2:
            lines.append("ADVERTISEMENT")
    lines.append("")
    dom = pub.lower().replace(" ", "")
    for f in r.sample(CHROME_BOTTOM, r.randint(3, 7)):
        lines.append(f.format(pub=pub, dom=dom, **s))
    text = "\n".join(lines) + "\n"
    if r.random() < 0.03:  # pasted twice into the same file
        text = text + "\n" + "\n".join(lines[len(lines) // 3 :]) + "\n"
    return title, text


def _html(title: str, text: str) -> str:
    paras = "\n".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>\n"
        f"{paras}\n</article><footer>© 2026 All rights reserved.</footer></body></html>\n"
    )


def generate(n: int, out_dir: Path, seed: int = 7) -> dict[str, int]:
    """Write n raw files into out_dir; returns counts of what was written."""
    r = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, str]] = []
    stats = {"files": 0, "exact_dup_files": 0, "near_copies": 0, "html": 0, "bytes": 0}
    for i in range(n):
        roll = r.random()
        if written and roll < 0.03:  # the same article arriving twice (exact duplicate file)
            title, text = r.choice(written)
            stats["exact_dup_files"] += 1
        elif written and roll < 0.05:  # wire copy re-published with a changed figure
            title, text = r.choice(written)
            text = text.replace("%", " per cent", 1)
            stats["near_copies"] += 1
        else:
            title, text = _article(r, i)
        written.append((title, text))
        if len(written) > 500:
            written.pop(0)
        if r.random() < 0.05:
            data, name = _html(title, text), f"{i:06d}.html"
            stats["html"] += 1
        else:
            data, name = text, f"{i:06d}.txt"
        (out_dir / name).write_text(data, encoding="utf-8")
        stats["files"] += 1
        stats["bytes"] += len(data.encode("utf-8"))
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    print(json.dumps(generate(a.n, a.out_dir, a.seed)))


if __name__ == "__main__":
    main()
