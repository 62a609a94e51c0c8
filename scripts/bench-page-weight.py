"""What a phone downloads on a cold first visit to a page: the HTML, the stylesheets, and the
script (files it links or preloads, and on a page with an island, the files its loader fetches),
each counted as the server sends it to a browser that takes brotli or gzip.

Usage: bench-page-weight.py BASE_URL [cookie:NAME=VALUE] LABEL=PATH ...  (a cookie applies to the
pages after it; `cookie:` alone signs out)"""
import re
import sys
import urllib.request
from html.parser import HTMLParser


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.styles, self.scripts, self.inline, self.island = [], [], [], False
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.styles.append(a["href"])
        elif tag == "link" and a.get("rel") in ("modulepreload", "preload"):
            self.scripts.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "script":
            self._in_script = True
            self.inline.append("")
        elif tag == "leptos-island":
            self.island = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline[-1] += data


def fetch(url, cookie, compressed):
    headers = {"Accept": "text/html"}
    if compressed:
        headers["Accept-Encoding"] = "br, gzip"
    if cookie:
        headers["Cookie"] = cookie
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.read()


def weigh(base, path, cookie):
    html = fetch(base + path, cookie, compressed=False).decode()
    sent_html = len(fetch(base + path, cookie, compressed=True))
    links = Links()
    links.feed(html)
    scripts = set(links.scripts)
    if links.island:
        for text in links.inline:
            scripts.update(re.findall(r'"(/pkg/[^"]+)"', text))
    css = sum(len(fetch(base + href, cookie, True)) for href in set(links.styles))
    script = sum(len(fetch(base + src, cookie, True)) for src in scripts)
    return sent_html, css, script


def main():
    base, cookie = sys.argv[1], None
    print(f"{'page':<34} {'HTML':>8} {'CSS':>8} {'script':>8} {'total':>8}  (bytes as sent, brotli)")
    for arg in sys.argv[2:]:
        if arg.startswith("cookie:"):
            cookie = arg[len("cookie:"):] or None
            continue
        label, path = arg.split("=", 1)
        html, css, script = weigh(base, path, cookie)
        print(f"{label:<34} {html:>8} {css:>8} {script:>8} {html + css + script:>8}")


if __name__ == "__main__":
    main()
