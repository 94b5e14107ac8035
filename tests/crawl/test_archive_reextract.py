"""Re-extraction from the archive: after a profile change, with the portal gone, the changed
records (and only they) are exported again, without a single network request."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import pytest_twisted

from crawler.archive.replay import reextract_settings, reextract_spider
from crawler.demo.server import serve
from spiders.portal import PortalSpider
from tests.conftest import DEMO_SITE, ROOT, CrawlResult, project_settings, run_crawl

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

PROFILES = ROOT / "crawler" / "profiles"


def changed_profiles(tmp: Path) -> Path:
    """The shipped profiles, with shjcdj's body images stripped: a change that leaves every
    title and body (the fingerprint) as it was, on the pages that have images only."""
    folder = tmp / "profiles"
    shutil.copytree(PROFILES, folder)
    path = folder / "shjcdj.toml"
    text = path.read_text(encoding="utf-8")
    old = 'strip = ["div.detail-content script", "div.detail-content style"]'
    assert old in text
    new = old.replace('style"]', 'style", "div.detail-content img"]')
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def reextract(out: Path, **settings):
    pipelines = project_settings()["ITEM_PIPELINES"]
    return run_crawl(
        reextract_spider(ShjcdjSpider), out, {**reextract_settings(pipelines), **settings}
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> tuple[Path, CrawlResult]:
    out = tmp_path_factory.mktemp("reextract")
    server, base_url = serve(DEMO_SITE)
    try:
        first = pytest_twisted.blockon(run_crawl(ShjcdjSpider, out, base_url=base_url))
    finally:
        server.shutdown()  # from here on, the portal is gone
    return out, first


@pytest_twisted.ensureDeferred
async def test_reextract_exports_exactly_the_changed_records_without_a_request(crawled, tmp_path):
    out, first = crawled
    with_images = sorted(r["url"] for r in first.items if r["images"])
    assert with_images
    result = await reextract(out, PROFILES_DIR=str(changed_profiles(tmp_path)))
    stats = result.stats
    assert sorted(r["url"] for r in result.items) == with_images
    assert all(r["updated"] and r["images"] == [] for r in result.items)
    assert stats["archive/replayed"] == stats["downloader/request_count"]
    assert "archive/not_archived" not in stats
    assert not any(k.startswith("downloader/exception") for k in stats)
    assert stats["state/unchanged"] == len(first.items) - len(with_images)
    assert stats["reextract/changed/images"] == len(with_images)
    (feed,) = result.feeds
    lines = [json.loads(x) for x in feed.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["url"] for r in lines) == with_images
    report = json.loads(
        (feed.parent / "_runs" / feed.name.replace(".jsonl", ".report.json")).read_text()
    )
    assert report["status"] == "ok"
    assert report["updated"] == len(with_images) and report["exported"] == len(with_images)

    # The second re-extraction finds nothing new to say.
    again = await reextract(out, PROFILES_DIR=str(changed_profiles(tmp_path / "again")))
    assert again.items == []
    assert again.stats["state/unchanged"] == len(first.items)

    # The profile fixed back: the same records again, with their images.
    back = await reextract(out)
    assert sorted(r["url"] for r in back.items) == with_images
    assert all(r["updated"] and r["images"] for r in back.items)
