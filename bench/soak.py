"""`make soak`: a long crawl of a large portal with faults mixed in; nothing may go missing.

A generated portal of 20,000+ articles is served on loopback; 5% of the article URLs answer
with a fault (500, 503, a WAF challenge with 200 or 521, 404, a PDF served as text/html). The
full `shjcdj` spider crawls it in a subprocess while this script samples the crawler's
resident memory at 10%, 50% and 100% of the expected articles. At the end every article must
be either exported exactly once or accounted for in the failed or rejects file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.demo.build import build_site  # noqa: E402
from crawler.demo.server import Answer, Request, serve  # noqa: E402

CHALLENGE = (
    b"<html><script>document.cookie='__jsl_clearance=1|0|x';location.href=location.pathname"
    b"</script></html>"
)
FAULTS = (
    Answer(500, b"<html>error</html>"),
    Answer(503, b"<html>busy</html>"),
    Answer(200, CHALLENGE),
    Answer(521, CHALLENGE),
    Answer(404, b"<html>404</html>"),
    Answer(200, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"),
)


def fault_for(path: str, share: float) -> Answer | None:
    """A deterministic 5% of paths get one of the faults (the same on every request)."""
    digest = int(hashlib.sha1(path.encode()).hexdigest(), 16)
    if digest % 10_000 >= share * 10_000:
        return None
    return FAULTS[digest // 10_000 % len(FAULTS)]


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def lines_in(folder: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in folder.glob("*.jsonl.part"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--fault-share", type=float, default=0.05)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dangjian-soak-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        expected = build_site(work / "site", synthetic_articles=args.articles)
        print(f"generated portal: {len(expected['articles'])} articles "
              f"in {time.perf_counter() - started:.1f}s")  # fmt: skip
        faulty = {
            "/" + path: answer
            for path in expected["articles"]
            if (answer := fault_for(path, args.fault_share)) is not None
        }

        def answer(fault: Answer):  # a closure per path
            def handler(request: Request) -> Answer:
                return fault

            return handler

        server, base_url = serve(
            work / "site", handlers={path: answer(a) for path, a in faulty.items()}
        )
        print(f"faults injected on {len(faulty)} article URLs ({args.fault_share:.0%})")
        out = work / "output" / "shjcdj"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
        command = [
            sys.executable, "-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={base_url}",
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "RETRY_TIMES=1",
            "-s", "RETRY_BACKOFF_BASE=0", "-s", "LOG_LEVEL=ERROR",
            "-s", f"STATE_DIR={work / 'state'}",
        ]  # fmt: skip
        total = len(expected["articles"])
        marks = {0.10: None, 0.50: None, 1.00: None}
        peak = 0.0
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=work, env=env)
        try:
            while process.poll() is None:
                rss = rss_mb(process.pid)
                if rss:
                    peak = max(peak, rss)
                    done = lines_in(out) / total if out.is_dir() else 0
                    for mark, seen in marks.items():
                        if seen is None and done >= mark * (1 - args.fault_share):
                            marks[mark] = peak
                time.sleep(0.2)
        finally:
            server.shutdown()
        elapsed = time.perf_counter() - started
        marks[1.00] = marks[1.00] or peak

        exported: Counter[str] = Counter()
        for feed in out.glob("*Z.jsonl"):
            for line in feed.read_text(encoding="utf-8").splitlines():
                exported[json.loads(line)["url"][len(base_url) :]] += 1
        accounted: dict[str, str] = {}
        for name in ("*.failed.jsonl", "*.rejects.jsonl"):
            for side in (out / "_runs").glob(name):
                for line in side.read_text(encoding="utf-8").splitlines():
                    row = json.loads(line)
                    accounted[row["url"][len(base_url) :]] = row["reason"]

    wanted = set(expected["articles"])
    twice = sorted(p for p, n in exported.items() if n > 1)
    missing = sorted(wanted - set(exported) - set(accounted))
    print(f"\ncrawl: exit {process.returncode}, {elapsed:.0f}s")
    print(f"articles expected:           {len(wanted)}")
    print(f"exported (once each):        {len(wanted & set(exported))}")
    print(f"failed or rejected, listed:  {len(wanted & set(accounted))} "
          f"({dict(Counter(accounted[p] for p in wanted & set(accounted)))})")  # fmt: skip
    print(f"exported twice:              {len(twice)}")
    print(f"silently lost:               {len(missing)} (target 0)")
    print(
        "peak RSS at 10% / 50% / 100%: "
        + " / ".join(f"{v:.0f} MB" if v else "n/a" for v in marks.values())
    )
    if marks[0.10] and marks[1.00]:
        print(f"growth 10% -> 100%: {marks[1.00] - marks[0.10]:.0f} MB (target < 50 MB)")


if __name__ == "__main__":
    main()
