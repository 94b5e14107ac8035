"""Project signals."""

# Sent when a page that should have become an article did not (404, not HTML, invalid).
# Arguments: url (str), reason (str, a short slug like "http_404"), detail (str),
# record (dict | None: what was extracted, so nothing is lost).
article_rejected = object()

# Sent when a URL could not be fetched after its retries (5xx, timeout, challenge, too large,
# redirect loop, offsite redirect). Arguments: url, reason, detail, attempts (int),
# kind ("article" or "list"), column (str | None).
request_failed = object()
