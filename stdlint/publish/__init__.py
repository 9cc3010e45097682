"""The published handbook as data: page headers, generated pages and navigation.

Pure functions of a :class:`~stdlint.result.Result`: the MkDocs plugin and ``stdlint site``
are thin layers over them, so a build with the plugin and a folder written by the CLI (for
engines that ignore plugins) show the same pages.
"""

from stdlint.publish.header import page_header
from stdlint.publish.history import Change, changes
from stdlint.publish.pages import GeneratedPage, Site, generated_pages, home_page, navigation

__all__ = [
    "Change",
    "GeneratedPage",
    "Site",
    "changes",
    "generated_pages",
    "home_page",
    "navigation",
    "page_header",
]
