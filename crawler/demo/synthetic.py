"""Deterministic generated articles for large demo portals (tests, benchmarks, soak)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from crawler.demo import content as c
from crawler.demo.render import PAGED_COLUMNS, SYNTHETIC_FIRST_ID, SYNTHETIC_SEED


# ------------------------------------------------------------------------------ synthetic articles
def _synthetic_byline(rng: random.Random, day: date, org: str, district: str) -> c.Byline:
    iso = day.isoformat()
    source = rng.choice((f"{district}委组织部", org, *c.SOURCES_SYNTH))
    hhmm = f"{rng.randint(8, 18):02d}:{rng.choice((0, 10, 15, 20, 30, 40, 45, 50)):02d}"
    style = rng.randrange(5)
    if style == 0:
        return c.byline_cn(iso, "00:00", source)
    if style == 1:
        author = rng.choice(c.AUTHORS_SYNTH) if rng.random() < 0.4 else None
        return c.byline_pub(iso, hhmm, source, author=author)
    if style == 2:
        return c.byline_pub(iso, None, source, label="发布日期")
    if style == 3:
        author, editor = rng.sample(c.AUTHORS_SYNTH, 2)
        return c.Byline(
            f"[{iso}] 来源：{source} 作者：{author} 责任编辑：{editor}",
            iso,
            iso,
            source,
            author,
            editor,
        )
    return c.byline_cn(iso, hhmm, source)


def _synthetic_paragraphs(rng: random.Random, ctx: dict[str, str]) -> tuple[str, ...]:
    """3-8 paragraphs of 400-1500 characters in all, assembled from the phrase lists."""

    def fill(template: str) -> str:
        numbers = {
            "n1": str(rng.randint(30, 500)),
            "n2": str(rng.randint(5, 60)),
            "n3": str(rng.randint(3, 20)),
        }
        return template.format(**ctx, **numbers)

    target = rng.randint(420, 1300)
    # Roughly one middle paragraph per 220 characters, as in real reports.
    middle_count = max(1, min(6, round(target / 220) + rng.randint(-1, 1)))
    opening, closing = fill(rng.choice(c.OPENINGS)), fill(rng.choice(c.CLOSINGS))
    middle: list[list[str]] = [[] for _ in range(middle_count)]
    pool = rng.sample(c.MEASURES, len(c.MEASURES))
    total = len(opening) + len(closing)
    turn = 0
    while pool and (total < target or turn < middle_count):
        sentence = fill(pool.pop())
        middle[turn % middle_count].append(sentence)
        total += len(sentence)
        turn += 1
    middle[-1].append(fill(rng.choice(c.RESULTS)))
    paragraphs = [opening]
    headed = middle_count <= 3 and rng.random() < 0.3
    for number, sentences in enumerate(middle):
        if headed:
            paragraphs.append(f"## {'一二三'[number]}、{rng.choice(c.SUBHEADS)}")
        paragraphs.append("".join(sentences))
    paragraphs.append(closing)
    return tuple(paragraphs)


def make_synthetic_articles(
    count: int,
    *,
    first_id: int = SYNTHETIC_FIRST_ID,
    seed: int = SYNTHETIC_SEED,
    first: date = date(2018, 1, 1),
    last: date = date(2023, 12, 31),
) -> list[c.DemoArticle]:
    """`count` deterministic generated articles, round-robin over the three paged columns."""
    rng = random.Random(seed)
    span = (last - first).days
    districts = list(c.PLACES)
    articles = []
    for number in range(count):
        column = PAGED_COLUMNS[number % len(PAGED_COLUMNS)]
        day = first + timedelta(days=rng.randint(0, span))
        district = rng.choice(districts)
        place = rng.choice(c.PLACES[district])
        org = place + ("党工委" if place.endswith("街道") else "党委")
        unit = "镇" if place.endswith("镇") else "街道" if place.endswith("街道") else "区"
        headline, topic = rng.choice(c.THEMES)
        ctx = {"district": district, "place": place, "org": org, "topic": topic, "unit": unit}
        ctx |= {"month": str(day.month), "day": str(day.day)}
        images: tuple[str, ...] = ()
        if rng.random() < 0.15:
            images = (f"{place}开展{topic}",)
        articles.append(
            c.DemoArticle(
                first_id + number,
                column,
                day.isoformat(),
                f"{district}{place}：{headline}",
                _synthetic_byline(rng, day, org, district),
                _synthetic_paragraphs(rng, ctx),
                images=images,
                indent=rng.choice(("ideographic", "ideographic", "nbsp")),
                keywords=f"{topic.strip('“”')},{place}",
            )
        )
    return articles
