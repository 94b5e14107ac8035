"""`python -m crawler suggest PAGE [--list LIST]`: load the sample pages, print the draft.

The one impure module of the assistant: it reads files, fetches URLs and the project's
settings, and writes the draft with its self-check. The draft, loaded back as a profile, must
give the record the generic extractor gives (both as a crawl would export them).
"""

from __future__ import annotations

import datetime
import http.client
import sys
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from crawler.assistant.article_draft import suggest_article
from crawler.assistant.list_draft import suggest_list
from crawler.assistant.list_groups import commented_lists
from crawler.assistant.profile_toml import render_profile, site_id_for
from crawler.assistant.record_check import COMPARED_FIELDS, exported_record
from crawler.fetch.encoding import fix_encoding
from crawler.normalize.dates import SHANGHAI
from crawler.normalize.record import NO_FUTURE_CHECK
from crawler.run.urls import http_address_problem
from crawler.site.loading import parse_profile
from crawler.site.model import ProfileError, SiteProfile
from crawler.site.selectors import SelectorSyntaxError


def load_page(target: str, url: str | None) -> Any:
    """An HtmlResponse of a saved file or a fetched URL, decoded as a crawl would decode it."""
    from scrapy.http import HtmlResponse  # noqa: PLC0415 (Scrapy only for the CLI)

    path = Path(target)
    if "://" not in target:
        body = path.read_bytes()
        page_url = url or f"http://localhost/{path.name}"
        if not url:
            print(
                f"warning: {target}: no --url given; links resolve against {page_url}",
                file=sys.stderr,
            )
        return fix_encoding(HtmlResponse(page_url, body=body))
    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    settings = get_project_settings()
    agent = settings.get("USER_AGENT").replace("{contact}", settings.get("BOT_CONTACT"))
    request = urllib.request.Request(target, headers={"User-Agent": agent})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            body = reply.read()
            content_type = reply.headers.get("Content-Type", "text/html")
            final = reply.geturl()
    except urllib.error.HTTPError as exc:
        raise OSError(f"{target}: the server answered HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise OSError(
            f"{target}: cannot fetch ({reason}); check the address, or save the page from a "
            f"browser and pass the file, with --url {target}"
        ) from None
    return fix_encoding(
        HtmlResponse(url or final, body=body, headers={"Content-Type": content_type})
    )


def _records(response: Any, profile: SiteProfile) -> tuple[dict[str, Any], dict[str, Any]]:
    """The generic and the draft record of one page, as a crawl with these settings exports them."""
    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    settings = get_project_settings()
    # The crawl's date check and body minimum, with the clock read here as the pipeline does.
    reject_future = settings.getbool("DATE_REJECT_FUTURE")
    now = datetime.datetime.now(SHANGHAI) if reject_future else NO_FUTURE_CHECK
    min_chars = settings.getint("BODY_MIN_CHARS")
    generic, draft = (
        exported_record(response.selector, response.url, chosen, now=now, min_body_chars=min_chars)
        for chosen in (None, profile)
    )
    return generic, draft


def run(args: Any) -> int:
    """`python -m crawler suggest`: print the draft profile and the record it produces."""
    for option, value in (("--url", args.url), ("--list-url", args.list_url)):
        problem = http_address_problem(value) if value is not None else None
        if problem:
            print(f"error: {option} {value!r}: {problem}; give the page's real address, "
                  "e.g. https://www.gov.cn/a/t1.html", file=sys.stderr)  # fmt: skip
            return 2
    try:
        response = load_page(args.target, args.url)
        list_response = load_page(args.list, args.list_url) if args.list else None
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    article = suggest_article(response.selector, response.url)
    listing = None
    if list_response is not None:
        listing = suggest_list(list_response.selector, list_response.url)
        if listing is None:
            print(f"warning: {args.list}: no list of article links found", file=sys.stderr)
            for css, count in commented_lists(list_response.selector):
                print(
                    f"warning: {args.list}: {css} is empty but an HTML comment in it holds "
                    f"{count} links (a script fills this list in a browser: find its request)",
                    file=sys.stderr,
                )
    site_id = args.id or site_id_for(response.url)
    text = render_profile(site_id, article, listing)
    try:
        profile = parse_profile(tomllib.loads(text), Path(f"{site_id}.toml"))
    except (tomllib.TOMLDecodeError, ProfileError, SelectorSyntaxError) as exc:
        print(f"error: the draft does not load ({exc}):\n{text}", file=sys.stderr)
        return 1
    generic_record, draft_record = _records(response, profile)
    text = render_profile(site_id, article, listing, draft_record)
    differ = [n for n in COMPARED_FIELDS if generic_record.get(n) != draft_record.get(n)]
    if "rejected" in generic_record:
        # Nothing to reproduce: the sample is not an article (a list or home page?).
        check = f"# Check: the generic extractor rejects this page ({generic_record['rejected']})."
        differ = differ or ["rejected"]
    elif differ:
        check = "# Check: DIFFERS from the generic extractor's record in " + ", ".join(differ)
    else:
        check = "# Check: same as the generic extractor's record in " + ", ".join(COMPARED_FIELDS)
    sys.stdout.write(text + check + "\n")
    return 0 if not differ else 1
