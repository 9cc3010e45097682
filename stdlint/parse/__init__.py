"""Reading and parsing a standard: files, front matter, Markdown with positions, suppressions."""
