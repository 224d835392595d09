#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""A feed server for the tests, on 127.0.0.1 only.

Serves files from ROOT with ETag and Last-Modified and answers conditional
GETs with 304, and misbehaves on purpose at a few paths:
  /stall            headers, then nothing
  /slow             one byte every 10 s
  /endless          a body that never ends
  /gzipbomb         a small gzip body that inflates to 64 MiB
  /redirect-loop    302 to itself
  /redirect-file    302 to file:///etc/passwd
  /retry-after      503 with Retry-After: 1000000000
  /retry-after/N    503 with Retry-After: N
  /chunked/FILE     FILE in chunks of 4 KiB, no Content-Length
  /redirect-port    302 to the same path on another port
  /moved            301 to /feed.json (a redirect to follow)
  /slowhop/N        waits 2 s, then 302 to /slowhop/N+1 (to /feed.json after 3)
  /to-http          302 to http:// on the same host and port
  /evil-json        a broken feed whose bytes around the error are escape
                    sequences, C1 and bidi controls
  /evil-etag        feed.json with an ETag and Last-Modified full of them
  /giant-header     a response header of 1 MB
  /not-modified     304 to every request, conditional or not
With CERT and KEY after ROOT it speaks HTTPS. Prints the port it listens
on, then serves until killed. Every request is logged to
ROOT/requests.log as "METHOD PATH STATUS USER-AGENT".
"""
import gzip
import hashlib
import http.server
import os
import ssl
import sys
import time
from email.utils import formatdate, parsedate_to_datetime

ROOT = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log(self, status):
        with open(os.path.join(ROOT, "requests.log"), "a") as f:
            agent = self.headers.get("User-Agent", "")
            f.write(f"{self.command} {self.path} {status} {agent}\n")

    def send(self, status, body=b"", headers=None):
        self.log(status)
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def misbehave(self):
        p = self.path
        if p == "/stall":
            self.log(200)
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            time.sleep(60)
        elif p == "/slow":
            self.log(200)
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(6):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(10)
        elif p == "/endless":
            self.log(200)
            self.send_response(200)
            self.end_headers()
            chunk = b"[" * 65536
            deadline = time.time() + 60
            try:
                while time.time() < deadline:
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif p == "/gzipbomb":
            body = gzip.compress(b" " * (64 << 20), 9)
            self.send(200, body, {"Content-Encoding": "gzip"})
        elif p == "/redirect-loop":
            self.send(302, b"", {"Location": "/redirect-loop"})
        elif p == "/redirect-file":
            self.send(302, b"", {"Location": "file:///etc/passwd"})
        elif p == "/moved":
            self.send(301, b"", {"Location": "/feed.json"})
        elif p == "/redirect-port":
            port = self.server.server_address[1] + 1
            self.send(302, b"", {"Location": f"http://127.0.0.1:{port}/feed.json"})
        elif p.startswith("/slowhop/"):
            n = int(p.rsplit("/", 1)[1])
            time.sleep(2)
            self.send(302, b"", {"Location": f"/slowhop/{n + 1}" if n < 3 else "/feed.json"})
        elif p == "/to-http":
            self.send(302, b"", {"Location": f"http://{self.headers['Host']}/feed.json"})
        elif p == "/evil-json":
            body = ('{"format": "aulataulu-feed", "feed": \x1b[2J\x1b]0;pwned\x07'
                    '\u202e\u009b31m').encode()
            self.send(200, body, {"Content-Type": "application/json"})
        elif p == "/evil-etag":
            with open(os.path.join(ROOT, "feed.json"), "rb") as f:
                body = f.read()
            self.send(200, body, {"ETag": '"\x1b]0;pwned\x07\x9b"',
                                  "Last-Modified": "\x1b[2J Tue, 24 Nov 2026 07:00:00 GMT"})
        elif p == "/giant-header":
            self.send(200, b"{}", {"X-Filler": "x" * (1 << 20)})
        elif p == "/not-modified":
            self.log(304)
            self.send_response(304)
            self.end_headers()
        elif p == "/retry-after":
            self.send(503, b"busy", {"Retry-After": "1000000000"})
        elif p.startswith("/retry-after/"):
            self.send(503, b"busy", {"Retry-After": p.rsplit("/", 1)[1]})
        elif p.startswith("/chunked/"):
            with open(os.path.join(ROOT, p[len("/chunked/"):]), "rb") as f:
                body = f.read()
            self.log(200)
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for i in range(0, len(body), 4096):
                    chunk = body[i:i + 4096]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            return False
        return True

    def do_GET(self):
        if self.misbehave():
            return
        path = os.path.join(ROOT, self.path.lstrip("/").split("?")[0])
        if not os.path.isfile(path) or ".." in self.path:
            self.send(404, b"not found")
            return
        etag, mtime = etag_of(path)
        headers = {"ETag": etag, "Last-Modified": formatdate(mtime, usegmt=True),
                   "Content-Type": "application/json"}
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm == etag or (inm is None and ims and
                           parsedate_to_datetime(ims).timestamp() >= mtime):
            self.log(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        with open(path, "rb") as f:
            body = f.read()
        self.send(200, body, headers)


etags = {}  # (path, inode, size, mtime in ns) -> ETag, as a web server keeps it


def etag_of(path):
    """The file's ETag and mtime. The hash is taken once per version of the
    file (as a web server keeps it): hashing 50 MB on every request would
    time the server, not the client."""
    st = os.stat(path)
    key = (path, st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in etags:
        with open(path, "rb") as f:
            etags[key] = '"' + hashlib.sha256(f.read()).hexdigest()[:16] + '"'
    return etags[key], int(st.st_mtime)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if len(sys.argv) > 3:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
