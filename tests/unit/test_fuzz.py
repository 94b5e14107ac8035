"""Property-based tests: the pure parts never crash, are idempotent and never invent the future.

Bounded example counts keep them in CI; `--hypothesis-seed` reproduces a failure.
"""

from __future__ import annotations

import datetime
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parsel import Selector
from scrapy.http import HtmlResponse

from crawler.extract.article import extract_article
from crawler.extract.lists import extract_list
from crawler.fetch.encoding import fix_encoding
from crawler.normalize.body import clean_body
from crawler.normalize.bylines import clean_person, clean_source, split_byline
from crawler.normalize.dates import SHANGHAI, find_date, parse_cn_datetime
from crawler.normalize.titles import clean_title
from crawler.site.loading import load_profile
from tests.conftest import DEMO_SITE, REAL_PAGES

NOW = datetime.datetime(2026, 11, 28, 12, 0, tzinfo=SHANGHAI)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like what the normalizers meet: Chinese, digits (both widths), labels,
# separators, odd whitespace, question marks and brackets.
CHARACTERS = (
    "0123456789０１２３年月日时分秒:：-/.〇一二三四五六七八九十 \u3000\xa0\t\n|｜?？()（）【】[]"
)
WORDS = (
    "来源 作者 责任编辑 发布时间 编辑 记者 今天是 主办单位 版权所有 ICP备 党建 上海 <!-- --> "
    "&nbsp; 2020 2031 12 31 00:00"
).split()
ALPHABET = st.sampled_from([*CHARACTERS, *WORDS])
messy_text = st.lists(ALPHABET, max_size=40).map("".join) | st.text(max_size=80)


@FUZZ
@given(messy_text)
def test_dates_never_crash_and_never_lie_about_the_future(text):
    parsed = parse_cn_datetime(text, now=NOW)
    if parsed is not None:
        assert parsed.date <= NOW.date()
        assert parsed.date.year >= 1949
        iso = parsed.isoformat()
        assert iso.startswith(parsed.date_iso)
        # Normalizing the normalized value gives it back: idempotent.
        again = parse_cn_datetime(iso, now=NOW)
        assert again == parsed
    found = find_date(text)
    assert found is None or found in text


@FUZZ
@given(messy_text)
def test_byline_cleaners_are_idempotent(text):
    parts = split_byline(text)
    assert set(parts) == {"source", "author", "editor"}
    for clean in (clean_source, clean_person):
        once = clean(text)
        assert clean(once) == once
        assert once is None or once == once.strip()


@FUZZ
@given(messy_text, st.lists(st.sampled_from(["上海基层党建网", "人民网", "新华网"]), max_size=2))
def test_title_cleaner_is_idempotent(text, site_names):
    once = clean_title(text, site_names)
    assert clean_title(once, site_names) == once


@FUZZ
@given(st.lists(messy_text, max_size=12).map("\n".join))
def test_body_cleaner_is_idempotent_and_tidy(text):
    once = clean_body(text)
    assert clean_body(once) == once
    assert "\n\n" not in once
    assert "\u3000" not in once and "\xa0" not in once
    # Output is always valid UTF-8 JSON.
    assert json.loads(json.dumps({"body": once}, ensure_ascii=False)) == {"body": once}


def _pages() -> list[tuple[str, bytes]]:
    pages = [(str(p), p.read_bytes()) for p in sorted(DEMO_SITE.rglob("t*.html"))[:12]]
    if REAL_PAGES.exists():
        pages += [(str(p), p.read_bytes()) for p in sorted(REAL_PAGES.glob("*.html"))]
    return pages


PAGES = _pages()


def mutate(body: bytes, rng: random.Random) -> bytes:
    """Random deletions, duplications and encoding damage, as truncated or mangled saves do."""
    data = bytearray(body)
    for _ in range(rng.randint(1, 6)):
        if not data:
            break
        start = rng.randrange(len(data))
        end = min(len(data), start + rng.randint(1, 400))
        action = rng.choice(("delete", "duplicate", "garble", "truncate", "gbk"))
        if action == "delete":
            del data[start:end]
        elif action == "duplicate":
            data[start:start] = data[start:end]
        elif action == "garble":
            data[start:end] = bytes(rng.randrange(256) for _ in range(end - start))
        elif action == "truncate":
            del data[start:]
        else:  # a stretch re-encoded lossily, like a bad CMS export
            chunk = bytes(data[start:end]).decode("utf-8", "replace").encode("gbk", "replace")
            data[start:end] = chunk
    return bytes(data)


@pytest.mark.skipif(not PAGES, reason="no pages to mutate")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=len(PAGES) - 1), st.integers(min_value=0, max_value=2**32)
)
def test_extraction_survives_mutated_pages(index, seed):
    name, body = PAGES[index]
    damaged = mutate(body, random.Random(seed))
    response = fix_encoding(HtmlResponse("http://www.shjcdj.cn/a/t20200101_1.html", body=damaged))
    profile = load_profile("shjcdj") if "demo" in name else None
    fields = extract_article(response.selector, response.url, profile)
    record = {k: v for k, v in vars(fields).items() if k != "methods"}
    text = json.dumps(record, ensure_ascii=False)
    text.encode("utf-8")  # no lone surrogates: valid UTF-8
    body_text = clean_body(fields.body)
    assert clean_body(body_text) == body_text
    if fields.published_raw:
        parsed = parse_cn_datetime(fields.published_raw, now=NOW)
        assert parsed is None or parsed.date <= NOW.date()
    extract_list(Selector(text=response.text), response.url, load_profile("shjcdj").list)
