"""Bundled demo portal: a static reconstruction of a shjcdj.cn-style 党建 site served on 127.0.0.1.

`content` holds the hand-written data, `build` renders it (plus optional synthetic articles) into a
folder with an `expected.json`, `server` serves such a folder; `python -m crawler.demo` serves the
committed copy in `crawler/demo/site/`.
"""
