#!/usr/bin/env python3
"""A small local news site for the durability scripts (stdlib only).

It serves PAGES article pages at /p/<n>.html on 127.0.0.1. Each page makes
two numeric claims about its own nouns (so pages never talk about the same
quantity): one that changes with every time slice of --slice seconds and
one that never changes. The changing value only grows, so a change
old -> new is never legitimately seen twice. Responses carry an ETag and
honour If-None-Match (304), like a real site.

  /p/<n>.html   the article (n in 0..PAGES-1)
  /robots.txt   allows everything
  /_stats       JSON: {"requests": .., "page_requests": .., "slice": ..}

With --delay SECONDS each page response is held that long before it is sent
(the graceful-stop test uses this to keep requests in flight). --fill BYTES
pads every page with that much extra article text (the disk-full script
uses it to grow the database quickly).

The chosen port is written to --port-file (atomically) once listening.
"""

import argparse
import hashlib
import http.server
import json
import os
import re
import sys
import threading
import time

# One noun pair per page; the claims engine keys quantities by noun.
NOUNS = [
    ("bridges", "wells"), ("schools", "clinics"), ("roads", "dams"),
    ("hospitals", "parks"), ("factories", "libraries"), ("tunnels", "ports"),
    ("airports", "stadiums"), ("canals", "reservoirs"), ("markets", "museums"),
    ("warehouses", "pipelines"), ("substations", "turbines"), ("boreholes", "orchards"),
    ("greenhouses", "hatcheries"), ("laboratories", "observatories"), ("kilns", "mills"),
    ("ferries", "jetties"), ("lighthouses", "harbours"), ("granaries", "silos"),
    ("dispensaries", "pharmacies"), ("nurseries", "kindergartens"), ("colleges", "academies"),
    ("hostels", "dormitories"), ("depots", "terminals"), ("flyovers", "underpasses"),
    ("culverts", "embankments"), ("sluices", "weirs"), ("pumps", "tanks"),
    ("generators", "transformers"), ("masts", "towers"), ("kiosks", "booths"),
    ("bakeries", "dairies"), ("abattoirs", "tanneries"), ("foundries", "smelters"),
    ("refineries", "distilleries"), ("quarries", "mines"), ("sawmills", "workshops"),
    ("shelters", "camps"), ("fountains", "cisterns"), ("courts", "tribunals"),
    ("prisons", "barracks"), ("theatres", "cinemas"), ("galleries", "archives"),
    ("gardens", "arboretums"), ("vineyards", "plantations"), ("stables", "kennels"),
    ("piers", "marinas"), ("gyms", "arenas"), ("chapels", "shrines"),
    ("bazaars", "arcades"), ("cafeterias", "canteens"),
]


class State:
    def __init__(self, pages, slice_s, delay, fill):
        self.pages = pages
        self.slice_s = slice_s
        self.delay = delay
        self.fill = fill
        self.t0 = time.monotonic()
        self.lock = threading.Lock()
        self.requests = 0
        self.page_requests = 0

    def slice_now(self):
        return int((time.monotonic() - self.t0) / self.slice_s)


def filler(n, nbytes):
    """Deterministic, poorly compressible prose without numbers."""
    words = []
    h = hashlib.sha256(f"fill-{n}".encode()).digest()
    size = 0
    i = 0
    while size < nbytes:
        if i % 32 == 0:
            h = hashlib.sha256(h).digest()
        b = h[i % 32]
        w = "".join(chr(ord("a") + ((b >> s) + i) % 26) for s in (0, 2, 4, 5, 3))
        words.append(w)
        size += len(w) + 1
        i += 1
    # Paragraphs of 60 words, each ending with a full stop.
    paras = [" ".join(words[k:k + 60]) + "." for k in range(0, len(words), 60)]
    return "\n".join(f"<p>{p.capitalize()}</p>" for p in paras)


def page(state, n, sl):
    a, b = NOUNS[n % len(NOUNS)]
    moving = 1000 + 37 * n + sl
    fixed = 40 + n
    extra = filler(n * 100003 + sl, state.fill) if state.fill else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Progress report {n} | Torture Daily</title>
<meta property="article:published_time" content="2026-03-01T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<article><h1>Progress report {n}</h1><div class="entry-content">
<p>Officials said {moving} {a} were completed in the district this year.</p>
<p>The department added that {fixed} {b} were opened under the same programme.</p>
{extra}
</div></article>
<aside class="sidebar"><h3>Related</h3><ul><li><a href="/x">Exports hit 99 billion dollars</a></li></ul></aside>
<footer>Torture Daily</footer></body></html>
"""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, *_args):
        pass

    def send_body(self, status, ctype, body, etag=None):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        st = self.state
        with st.lock:
            st.requests += 1
        if self.path == "/_stats":
            with st.lock:
                body = json.dumps({"requests": st.requests, "page_requests": st.page_requests,
                                   "slice": st.slice_now()})
            return self.send_body(200, "application/json", body + "\n")
        if self.path == "/robots.txt":
            return self.send_body(200, "text/plain", "User-agent: *\nAllow: /\n")
        m = re.fullmatch(r"/p/(\d+)\.html", self.path)
        if not m or int(m.group(1)) >= st.pages:
            return self.send_body(404, "text/plain", "no such page\n")
        with st.lock:
            st.page_requests += 1
        if st.delay > 0:
            time.sleep(st.delay)
        body = page(st, int(m.group(1)), st.slice_now())
        tag = '"' + hashlib.sha1(body.encode()).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self.send_body(200, "text/html; charset=utf-8", body, tag)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client killed mid-request (the point of the torture) is normal.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--slice", type=float, default=1.0, help="seconds per content version")
    ap.add_argument("--delay", type=float, default=0.0, help="seconds to hold each page response")
    ap.add_argument("--fill", type=int, default=0, help="extra article bytes per page")
    ap.add_argument("--port-file", required=True)
    args = ap.parse_args()
    Handler.state = State(args.pages, args.slice, args.delay, args.fill)
    server = Server(("127.0.0.1", 0), Handler)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{server.server_address[1]}\n")
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
