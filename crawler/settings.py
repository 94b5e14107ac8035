"""Scrapy settings for dangjian-crawler, grouped; every project-specific setting is commented."""

import os

from crawler.items import EXPORT_FIELDS
from crawler.schema import SCHEMA_PATH

BOT_NAME = "dangjian_crawler"
SPIDER_MODULES = ["spiders"]
# Lists spiders/ modules plus one portal spider per profile in PROFILES_DIR (a module's
# spider of the same name wins: it exists only for a portal with a real quirk).
SPIDER_LOADER_CLASS = "crawler.spiderloader.ProfileSpiderLoader"
NEWSPIDER_MODULE = "spiders"
COMMANDS_MODULE = "crawler.commands"  # `crawl` with one-line profile errors

# Where site profiles (<site_id>.toml) are read from, by crawls, `extract` and
# `check-profiles` alike (or the DANGJIAN_PROFILES_DIR environment variable); None:
# crawler/profiles/.
PROFILES_DIR = os.environ.get("DANGJIAN_PROFILES_DIR") or None

# --- Politeness (government portals: be slow, identifiable and obedient) ----------------------
ROBOTSTXT_OBEY = True
# `{contact}` is replaced by BOT_CONTACT, so operators set one value (-s BOT_CONTACT=...,
# or the DANGJIAN_CONTACT environment variable) and portal admins can reach them.
USER_AGENT = "dangjian-crawler/0.1 (+{contact}; archival crawler for public Party-building news)"
BOT_CONTACT = os.environ.get("DANGJIAN_CONTACT", "contact-unset")
DOWNLOAD_DELAY = 1.0  # about one request per second per portal
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# Seconds a TCP connect may take (Scrapy uses DOWNLOAD_TIMEOUT for it): an unreachable portal
# fails fast. When robots.txt cannot be connected to, the crawl stops (finish reason
# `unreachable`, one ERROR line; crawler/fetch/reachability.py).
CONNECT_TIMEOUT = 10.0
DOWNLOAD_HANDLERS = {
    "http": "crawler.fetch.reachability.ConnectTimeoutHandler",
    "https": "crawler.fetch.reachability.ConnectTimeoutHandler",
}
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # an article page is < 1 MB; anything this big is not one
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
COOKIES_ENABLED = True  # some Shanghai portals set a session cookie on the first page

# --- Retries ----------------------------------------------------------------------------------
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Exponential backoff between attempts of one URL: BASE * 2**(attempt-1) seconds, at most MAX;
# a Retry-After header is honoured up to RETRY_AFTER_MAX seconds.
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0
RETRY_AFTER_MAX = 120.0

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.fetch.reachability.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "crawler.fetch.middlewares.ContactUserAgentMiddleware": 500,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.fetch.middlewares.BackoffRetryMiddleware": 550,
    # Before RedirectMiddleware (600) turns a bad redirect into a silently dropped request.
    "crawler.fetch.middlewares.RedirectGuardMiddleware": 610,
    # Both run after decompression (590) and before retries (550) see the response.
    "crawler.fetch.middlewares.ChallengeDetectionMiddleware": 585,
    "crawler.fetch.middlewares.DeclaredEncodingFixMiddleware": 580,
    # After decompression, before anything parses the body.
    "crawler.fetch.middlewares.HtmlBudgetMiddleware": 575,
}
# Pages that would block the crawl while parsed are rejected as `over_budget` (0: no cap).
# libxml2 is quadratic in the attributes of one element (20,000 take a second); real pages
# have a few dozen per element and at most a few thousand tags.
HTML_MAX_ATTRIBUTES = 1000
HTML_MAX_ELEMENTS = 200_000
# Fix responses whose declared charset is provably wrong (UTF-8 bytes under gb2312).
ENCODING_FIX_ENABLED = True
# Recognize WAF challenge pages (加速乐 521, 瑞数 412, cookie-and-reload scripts) as `blocked`.
CHALLENGE_DETECTION_ENABLED = True
# A URL that still fails after its retries is a WARNING and goes to the failed file; ERROR
# is kept for faults of the crawler itself (the health check counts ERROR lines).
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"

# --- Items: normalize -> validate -> de-duplicate --------------------------------------------
ITEM_PIPELINES = {
    # title, dates, bylines, body cleaned; url/title/body checked (rejects); fingerprint
    "crawler.pipelines.FinalizeRecordPipeline": 100,
    "crawler.pipelines.IncrementalPipeline": 580,  # unchanged re-fetches dropped, edits flagged
    "crawler.pipelines.DeduplicatePipeline": 600,  # canonical URL and content fingerprint
    # Every exported record checked against the shipped JSON Schema (the data contract);
    # errors are counted (spidermon/validation/...) and fail the RecordSchemaMonitor check.
    # spidermon's ItemValidationPipeline with a compiled first pass (crawler/schema/validation.py).
    "crawler.schema.validation.RecordValidationPipeline": 800,
}
SPIDERMON_VALIDATION_SCHEMAS = [str(SCHEMA_PATH)]
SPIDERMON_MAX_ITEM_VALIDATION_ERRORS = 0
# A published date later than now is a template or clock error: store null, not the value.
DATE_REJECT_FUTURE = True
# Fewer body characters than this (after cleaning) makes an article a reject.
BODY_MIN_CHARS = 20
DEDUP_ENABLED = True

# --- Incremental state (scheduled runs fetch only what is new) ------------------------------
# One SQLite file per spider under STATE_DIR records what finished feed files hold.
STATE_ENABLED = True
STATE_DIR = "state"
# A run holds STATE_DIR/<spider>.lock (an OS lock, gone with the process) for the spider's
# state and output. A second run of the spider exits at once with code 75, or waits this many
# seconds for the first one to end.
STATE_LOCK_WAIT = 0
# Query parameters that only track where a click came from: dropped from article URLs (with
# the scheme) before they are compared, so `?from=list` does not make a known article new.
# Glob patterns, case-insensitive; a change re-keys the state on the next run.
URL_TRACKING_PARAMS = [
    "utm_*", "from", "spm", "share_token", "sharesource", "isappinstalled", "wxshare",
    "scene", "subscene", "clicktime", "enterid", "vd_source", "timestamp", "_t",
]  # fmt: skip
# A column stops paging at a page whose last entry is older than the newest known article of
# the column minus this many days (back-dated publications within it are still found).
INCREMENTAL_OVERLAP_DAYS = 3
# Hard limit of list pages per column (a pager that never ends); -a max_pages is the soft one.
LIST_MAX_PAGES = 1000

# --- Output -----------------------------------------------------------------------------------
# %(run_id)s is the crawl's UTC start time (set by the spider), shared with the rejects file.
# output/<spider>/*.jsonl holds articles only: rejects, failed URLs and reports go to
# output/<spider>/_runs/, where that glob does not reach. Relative paths here and in STATE_DIR
# are anchored to the project root (the folder of scrapy.cfg), not the current folder.
FEEDS = {
    "output/%(name)s/%(run_id)s.jsonl": {
        "format": "jsonlines",
        "encoding": "utf8",
        "fields": EXPORT_FIELDS,
    },
}
FEED_EXPORT_ENCODING = "utf-8"  # without it Chinese is written as \u escapes
# Feeds are written to "<file>.part" and renamed when complete, so a scheduled consumer never
# picks up a half-written file.
FEED_STORAGES = {
    "": "crawler.run.feeds.AtomicFileFeedStorage",
    "file": "crawler.run.feeds.AtomicFileFeedStorage",
}
EXTENSIONS = {
    "crawler.run.sidecars.RejectsWriter": 500,
    "crawler.run.sidecars.FailedWriter": 505,
    "crawler.run.incremental.IncrementalState": 510,
    "spidermon.contrib.scrapy.extensions.Spidermon": 520,
    "crawler.run.report.RunReport": 530,
    "crawler.run.progress.ProgressLog": 540,
}
# Where rejected pages go (url, reason, what was extracted); same placeholders as FEEDS.
REJECTS_ENABLED = True
REJECTS_URI = "output/%(name)s/_runs/%(run_id)s.rejects.jsonl"
# URLs that could not be fetched (url, reason, attempts), retried later with -a retry_failed=1.
FAILED_ENABLED = True
FAILED_URI = "output/%(name)s/_runs/%(run_id)s.failed.jsonl"

# The run report: status (ok/degraded/failed), counts, coverage, checks; same placeholders.
REPORT_URI = "output/%(name)s/_runs/%(run_id)s.report.json"
# Progress line (pages, exports, rejects, errors, per column) every N seconds; 0: off.
PROGRESS_INTERVAL = 10.0

# --- Archive: WARC capture, files on disk (crawler/archive/) ---------------------------------
# Every request and response of a portal crawl (lists, articles, continuation pages, files,
# robots.txt) as WARC/1.1, gzip per record; `python -m crawler reextract` replays them.
# crawler.archive.addon adds the capture middleware (WARC_ENABLED) and the files pipeline
# (FILES_ENABLED) to DOWNLOADER_MIDDLEWARES and ITEM_PIPELINES.
WARC_ENABLED = True
WARC_DIR = "archive/%(name)s"  # same placeholders as FEEDS
WARC_MAX_SIZE = 1024**3  # bytes; a file past this is finished and the next one begun
WARC_GZIP_LEVEL = 6  # zlib level per record (warcio's own writer uses 9: slower)
# Attachments (pdf/doc/xls/…) and body images to disk through Scrapy's FilesPipeline, with the
# crawl's politeness and DOWNLOAD_MAXSIZE; content-addressed under FILES_STORE.
FILES_ENABLED = False
FILES_STORE = "files/%(name)s"
FILES_IMAGES = True  # body images too, not only attachments
FILES_MAX_PER_ARTICLE = 50
MEDIA_ALLOW_REDIRECTS = True

# --- Many portals at once (scrapy crawlall) ---------------------------------------------------
# Portals crawled at once in one process; each keeps its own politeness (DOWNLOAD_DELAY per
# portal), state, feed and report. A polite portal is bound by its delay, not by CPU, so a few
# at once cost little; `--concurrency N` overrides it per command.
CRAWLALL_CONCURRENCY = 6

# --- Many machines (scrapy crawlall --redis URL, scrapy worker --redis URL) -------------------
# Key prefix of every Redis key of this deployment (runs and incremental state).
DISTRIBUTED_PREFIX = "dangjian"
# A popped request is leased for this long; a live worker renews its leases (every third of
# it), a dead worker's return to the queue when they expire.
DISTRIBUTED_LEASE_SECONDS = 60.0
# A request leased this many times without being finished (it killed every worker that took
# it) goes to the run's failed list, and to the state's failures (retry_failed).
DISTRIBUTED_MAX_LEASES = 3
# How often an idle worker asks again while others still hold leases.
DISTRIBUTED_POLL_SECONDS = 0.2
# Workers publish their stats (for the run's merged report) this often, and when they close.
DISTRIBUTED_STATS_INTERVAL = 5.0
# `scrapy worker` waits this long for a run to join, then exits 1.
DISTRIBUTED_WORKER_WAIT = 30.0
# Set by the commands for the crawlers of a run (not by hand).
DISTRIBUTED_RUN = None
DISTRIBUTED_SEEDER = False
DISTRIBUTED_DELAY = 1.0
DISTRIBUTED_EXPORT_FIELDS = None

# --- Health checks (spidermon, run when a crawl closes; see crawler/run/monitors.py) --------------
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.run.monitors.HealthSuite"]
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
SPIDERMON_MAX_ERRORS = 0
SPIDERMON_UNWANTED_HTTP_CODES_MAX_COUNT = 10
SPIDERMON_ADD_FIELD_COVERAGE = True
SPIDERMON_FIELD_COVERAGE_SKIP_NONE = True  # a null field is a missing field
SPIDERMON_FIELD_COVERAGE_SKIP_IF_NO_ITEM = True  # zero new articles is a normal incremental run
# Profiles may override these in their [health] table.
SPIDERMON_FIELD_COVERAGE_RULES = {
    "Article/title": 1.0,
    "Article/body": 1.0,
    "Article/published_at": 0.95,
    "Article/source": 0.8,
}
# A column is drifting when this share of its pages missed a profile selector, judged on
# columns with at least HEALTH_DRIFT_MIN_PAGES article pages in the run.
HEALTH_DRIFT_SHARE = 0.5
HEALTH_DRIFT_MIN_PAGES = 5
# Field coverage is judged on runs exporting at least this many records (a run narrowed by
# since/columns/max_pages, or a scheduled run with 3 new articles, is too small a sample).
HEALTH_COVERAGE_MIN_RECORDS = 20
HEALTH_MIN_ARTICLES_SEEN = 1
# More failed URLs than this share of all requests makes a run degraded.
HEALTH_MAX_FAILED_SHARE = 0.05

# --- Local work -------------------------------------------------------------------------------
# -s LOCAL_RUN=1: politeness off (no delay, no AutoThrottle, 8 requests per host) and output,
# reports and state under LOCAL_RUN_DIR instead of output/ and state/ (crawler/run/local.py).
LOCAL_RUN = False
LOCAL_RUN_DIR = "scratch"

# Add-ons that set other settings from these switches: LocalRun (LOCAL_RUN) first, then the
# archive (WARC_ENABLED, FILES_ENABLED add their middleware and pipeline).
ADDONS = {"crawler.run.local.LocalRun": 0, "crawler.archive.addon.ArchiveAddon": 10}

# --- Engine -----------------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# Scrapy starts this many asyncio workers for each response to process the callback's output
# (items and requests alike), whatever that output's size. Our callbacks yield one article, or
# a list page's requests (engine.crawl, synchronous): more workers only cost task creation.
# Measured on Scrapy 2.19's _parallel_asyncio, per response: 392 us at the default 100, 79 at
# 16, 37 at 4 for one item; 118 at 16 and 88 at 4 for twenty.
CONCURRENT_ITEMS = 4
LOG_LEVEL = "INFO"
# The final stats (100+ lines) are in the run report, not in the log.
STATS_DUMP = False
LOG_FORMATTER = "crawler.run.logformatter.ConciseLogFormatter"  # rejects: reason + URL, no body
# Set HTTPCACHE_ENABLED=True while developing a profile to replay pages without refetching.
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"
