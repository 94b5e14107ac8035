"""`python -m crawler.demo [--port 8000] [--root DIR] [--delay S]`: serve the demo portal until
Ctrl-C."""

from __future__ import annotations

import argparse
import math
import sys
import threading
from pathlib import Path

from crawler.demo.server import SITE_DIR, serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.demo", description="Serve the bundled demo 党建 portal."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--root", type=Path, default=SITE_DIR, help="a built site folder")
    parser.add_argument(
        "--delay", type=float, default=0.0, metavar="S",
        help="seconds before each answer: a slow portal, e.g. to stop a crawl midway by hand",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not 0 <= args.delay < math.inf:  # nan and inf are floats too
        parser.error(f"--delay: expected seconds >= 0, got {args.delay:g}")
    server, base_url = serve(args.root, args.host, args.port, delay=args.delay)
    print(base_url, flush=True)
    print("Ctrl-C to stop.", file=sys.stderr, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
