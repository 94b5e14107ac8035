"""Project signals."""

# Sent when a page that should have become an article did not (404, not HTML, invalid).
# Arguments: url (str), reason (str, a short slug like "http_404"), detail (str),
# record (dict | None: what was extracted, so nothing is lost).
article_rejected = object()
