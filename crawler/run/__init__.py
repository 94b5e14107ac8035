"""One crawl run: feeds, sidecar files, state, report, monitors, progress."""
