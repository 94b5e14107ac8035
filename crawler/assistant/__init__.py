"""The profile assistant (`python -m crawler suggest`): drafts a profile from sample pages.

It runs the generic extractor on a sample article, finds the elements it used and writes
selectors for them. Every selector is checked twice: it must match exactly its element on the
page, and the draft profile, run through extract_article and finalize_record, must reproduce
the generic extractor's record. A selector that would change the record is written commented
out, with the reason.

  suggest.py            the command: loading pages, the self-check, output (the only I/O)
  article_draft.py      the article rules: headline, body and strip, breadcrumb
  byline_draft.py       date line, source, author, editor
  list_draft.py         list entry, link, title and date
  pagination_guess.py   which pager a list page has
  breadcrumbs.py        the breadcrumb box and the column it names
  element_selectors.py  css_for / xpath_for: one selector for one element
  record_check.py       draft records vs the generic record, through finalize_record
  profile_toml.py       the draft as commented TOML
  page_tree.py          walking and describing the sample page's elements
"""
