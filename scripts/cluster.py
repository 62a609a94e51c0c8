#!/usr/bin/env python3
"""`make cluster`: Samenspraak as deployed. One PostgreSQL (started by scripts/with-postgres.sh),
three `samenspraak serve` processes in production mode, Debian's nginx in front of them
terminating TLS, and a mail server that keeps every Message-ID. Seeds 100 municipalities, runs
mixed traffic through nginx for a fixed time (reading, posting comments, voting, bringing in
initiatives, which sends mail, and logging in), kills one app server with SIGKILL halfway and
starts it again, then prints figures and checks: requests/s, p50/p99 per kind, errors (only
requests in flight on the killed server may fail), every acknowledged comment, vote and initiative
stored exactly once, every mail sent exactly once, sessions valid on every server, and the
per-account login limit held across the servers. Exits non-zero when a check fails.

Usage: cluster.py   (environment: DATABASE_URL; CLUSTER_MUNICIPALITIES, CLUSTER_SECONDS optional)
Standard library only; the server binary is target/release/samenspraak.
"""

import http.client
import json
import os
import random
import secrets
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict

from bench_http import percentile
from smtp_sink import SmtpSink

BINARY = "./target/release/samenspraak"
DATABASE_URL = os.environ["DATABASE_URL"]
MUNICIPALITIES = int(os.environ.get("CLUSTER_MUNICIPALITIES", "100"))
SECONDS = int(os.environ.get("CLUSTER_SECONDS", "60"))
SERVERS = 3
THREADS = 48
PASSWORD = "bench-wachtwoord-2026"
RESIDENTS = 20  # per municipality, bench0 … bench19
SIGNED_IN_AT_START = 2  # per municipality; the rest sign in during the traffic
KILLED = 1  # which app server is killed


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


work = tempfile.mkdtemp(prefix="samenspraak-cluster.")
os.chmod(work, 0o777)
nginx_port = free_port()
app_ports = [free_port() for _ in range(SERVERS)]
public_url = f"https://127.0.0.1:{nginx_port}"
sink = SmtpSink()
environment = dict(
    os.environ,
    APP_ENV="production",
    DATABASE_URL=DATABASE_URL,
    SESSION_SECRET=secrets.token_hex(32),
    PUBLIC_URL=public_url,
    SMTP_URL=f"smtp://127.0.0.1:{sink.port}",
    MAIL_FROM="Samenspraak <noreply@cluster.example>",
    TRUSTED_PROXIES="127.0.0.1",
    MIGRATE_ON_START="false",
    LEPTOS_SITE_ROOT="target/site",
    DATA_DIR=work,
    RUST_LOG="error",
)


def run(*args):
    return subprocess.run([BINARY, *args], env=environment, check=True, capture_output=True, text=True).stdout


def psql(sql):
    # On standard input: a list of thousands of acknowledged texts is longer than one argument may be.
    out = subprocess.run(["psql", DATABASE_URL, "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1"], input=sql + ";", check=True,
                         capture_output=True, text=True)
    return [line.split("\t") for line in out.stdout.splitlines() if line]


# ---------------------------------------------------------------------------------------------
# The servers and the proxy

servers = [None] * SERVERS


def start_server(i):
    env = dict(environment, LEPTOS_SITE_ADDR=f"127.0.0.1:{app_ports[i]}")
    servers[i] = subprocess.Popen([BINARY, "serve"], env=env, stdout=subprocess.DEVNULL)
    for _ in range(600):
        try:
            c = http.client.HTTPConnection("127.0.0.1", app_ports[i], timeout=2)
            c.request("GET", "/healthz/ready")
            if c.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"app server {i + 1} did not become ready")


def start_nginx():
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-keyout", f"{work}/key.pem", "-out", f"{work}/cert.pem"],
        check=True, capture_output=True)
    upstreams = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in app_ports)
    with open(f"{work}/nginx.conf", "w") as f:
        f.write(f"""
worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log error;
daemon off;
events {{ worker_connections 2048; }}
http {{
  access_log off;
  client_body_temp_path {work}/client-body;
  proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi;
  uwsgi_temp_path {work}/uwsgi;
  scgi_temp_path {work}/scgi;
  upstream samenspraak {{
{upstreams}
    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{nginx_port} ssl;
    ssl_certificate {work}/cert.pem;
    ssl_certificate_key {work}/key.pem;
    client_max_body_size 25m;
    location / {{
      proxy_pass http://samenspraak;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # nginx's default: a request that could not reach a server goes to the next one; one that
      # reached a server that then died is only tried again when it is a GET or HEAD.
      proxy_next_upstream error timeout;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
""")
    proxy = subprocess.Popen(["nginx", "-c", f"{work}/nginx.conf", "-p", work, "-e", f"{work}/nginx-error.log"])
    for _ in range(100):
        if Client().get("/healthz/live")[0] == 200:
            return proxy
        time.sleep(0.05)
    raise SystemExit("nginx did not start")


# ---------------------------------------------------------------------------------------------
# A browser-like client: one kept-alive TLS connection through nginx, from its own address

TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


class Client:
    def __init__(self, source="127.0.0.1", port=None):
        self.source = source
        self.port = port  # an app server directly (plain HTTP), or None for nginx
        self.connection = None

    def _connect(self):
        if self.port:
            return http.client.HTTPConnection("127.0.0.1", self.port, source_address=(self.source, 0), timeout=60)
        return http.client.HTTPSConnection(
            "127.0.0.1", nginx_port, source_address=(self.source, 0), timeout=60, context=TLS)

    def request(self, method, path, body=None, headers=None):
        """(status, body, headers); status 0 when the connection to nginx itself failed."""
        headers = dict(headers or {})
        if self.port:
            headers["Host"] = f"127.0.0.1:{nginx_port}"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = self._connect()
            try:
                self.connection.request(method, path, body, headers)
                response = self.connection.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, data, response
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                # A kept-alive connection nginx closed while idle: open a new one once.
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    return 0, str(e).encode(), None
            except OSError as e:
                self.connection.close()
                self.connection = None
                return 0, str(e).encode(), None

    def get(self, path, cookie=None):
        return self.request("GET", path, headers={"Cookie": cookie} if cookie else {})

    def call(self, function, form, cookie=None):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Origin": public_url,
        }
        if cookie:
            headers["Cookie"] = cookie
        return self.request("POST", f"/api/{function}", urllib.parse.urlencode(form, doseq=True), headers)


def session_cookie(response):
    if response is None:
        return None
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            return value.split(";")[0]
    return None


# ---------------------------------------------------------------------------------------------
# The traffic


class Record:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)  # kind -> seconds, for answered requests
        self.statuses = defaultdict(Counter)  # kind -> status -> count
        self.failures = []  # (kind, status, upstream, started, ended, what)
        self.comments = []  # acknowledged comment bodies
        self.votes = []  # (poll, email) acknowledged
        self.initiatives = []  # acknowledged titles
        self.sessions = []  # (email, cookie)

    def note(self, kind, status, body, response, started):
        ended = time.monotonic()
        with self.lock:
            self.statuses[kind][status] += 1
            if status == 0 or status >= 500:
                upstream = response.getheader("X-Upstream", "") if response else ""
                self.failures.append((kind, status, upstream, started, ended, body[:120]))
            else:
                self.latencies[kind].append(ended - started)


record = Record()
kill_window = [None, None]  # monotonic times of the SIGKILL and of the restarted server's readiness


def timed(client, kind, method, *args):
    started = time.monotonic()
    status, body, response = getattr(client, method)(*args)
    record.note(kind, status, body, response, started)
    return status, body, response


class Resident:
    def __init__(self, municipality, n):
        self.municipality = municipality
        self.email = f"bench{n}@{municipality['slug']}.example"
        self.cookie = None
        self.voted = False
        self.lock = threading.Lock()


def reading_paths(m):
    s = m["slug"]
    return [f"/{s}", f"/{s}/raadplegingen/{m['consultation']}", f"/{s}/peilingen/{m['poll']}",
            f"/api/v1/{s}/consultations/{m['consultation']}/comments", f"/{s}/initiatieven", f"/{s}/raad",
            f"/api/v1/{s}/polls/{m['poll']}/results", f"/{s}?pagina=2", f"/api/v1/{s}/trajectories"]


def log_in(client, resident):
    while True:
        status, body, response = timed(client, "log in", "call", "log_in",
                                       {"email": resident.email, "password": PASSWORD, "next": ""})
        if status == 503:  # password hashing full: as a browser would, after Retry-After
            time.sleep(1)
            continue
        if status == 200:
            resident.cookie = session_cookie(response)
            with record.lock:
                record.sessions.append((resident.email, resident.cookie))
        return status


def post_comment(client, resident, m):
    status, body, _ = client.call("get_consultation", {"municipality": m["slug"], "id": m["consultation"]},
                                  resident.cookie)
    if status != 200:
        return
    token = json.loads(body)["submission_token"]
    text = f"Clusterreactie {secrets.token_hex(8)}: graag meer groen op het plein."
    form = {"municipality": m["slug"], "consultation": m["consultation"], "submission_token": token, "body": text}
    status, _, _ = timed(client, "post comment", "call", "post_comment", form, resident.cookie)
    if status == 200:
        with record.lock:
            record.comments.append(text)


def vote(client, resident, m):
    status, body, _ = client.call("get_poll", {"municipality": m["slug"], "id": m["poll"]}, resident.cookie)
    if status != 200:
        return
    poll = json.loads(body)
    q = poll["questions"]
    n = random.randrange(1000)
    pick = lambda i, k: str(q[i]["options"][k % len(q[i]["options"])]["id"])
    form = {"municipality": m["slug"], "poll": m["poll"], "submission_token": poll["submission_token"],
            f"choice[{q[0]['id']}]": pick(0, n), f"pick[{q[1]['id']}][{pick(1, n)}]": "on",
            f"scale[{q[2]['id']}]": str(1 + n % 10)}
    for place, option in enumerate(o["id"] for o in q[3]["options"]):
        form[f"rank[{q[3]['id']}][{option}]"] = str(place + 1)
    status, _, _ = timed(client, "vote", "call", "cast_vote", form, resident.cookie)
    if status == 200:
        with record.lock:
            record.votes.append((m["poll"], resident.email))


def bring_in_initiative(client, resident, m):
    status, body, _ = client.call("get_initiative_form", {"municipality": m["slug"]}, resident.cookie)
    if status != 200:
        return
    page = json.loads(body)
    title = f"Clusterinitiatief {secrets.token_hex(6)}"
    form = {"municipality": m["slug"], "submission_token": page["submission_token"], "kind": "initiative",
            "title": title, "description": "Met de buren een moestuin beginnen op het braakliggende veld.",
            "area": str(page["areas"][0]["id"]), "support[]": ["advice"], "public": "nee"}
    status, _, _ = timed(client, "bring in initiative", "call", "submit_initiative", form, resident.cookie)
    if status in (200, 302, 303):
        with record.lock:
            record.initiatives.append(title)


def traffic(worker, municipalities, residents, deadline):
    """Mostly reading, as on any participation site; the rest by residents: signing in (argon2 is
    the costliest request there is, so a small share), commenting, voting once, bringing in an
    initiative (which sends a receipt by mail)."""
    client = Client(source=f"127.0.{1 + worker // 200}.{2 + worker % 200}")
    rng = random.Random(worker)
    while time.monotonic() < deadline:
        roll = rng.random()
        m = rng.choice(municipalities)
        if roll < 0.74:
            timed(client, "read", "get", rng.choice(reading_paths(m)))
            continue
        signing_in = roll < 0.755
        resident = rng.choice(residents[m["slug"]])
        if (resident.cookie is None) != signing_in or not resident.lock.acquire(blocking=False):
            continue
        try:
            if signing_in:
                log_in(client, resident)
            elif roll < 0.85:
                post_comment(client, resident, m)
            elif roll < 0.93:
                if not resident.voted:
                    resident.voted = True
                    vote(client, resident, m)
            else:
                bring_in_initiative(client, resident, m)
        finally:
            resident.lock.release()


def killer(at):
    time.sleep(at)
    servers[KILLED].send_signal(signal.SIGKILL)
    servers[KILLED].wait()
    kill_window[0] = time.monotonic()
    print(f"SIGKILL to app server {KILLED + 1} after {at} s", flush=True)
    time.sleep(3)
    start_server(KILLED)
    kill_window[1] = time.monotonic()
    print(f"app server {KILLED + 1} started again and ready {kill_window[1] - kill_window[0]:.1f} s after the kill",
          flush=True)


# ---------------------------------------------------------------------------------------------
# The checks


def check_sessions(sample):
    """Every session made through nginx is valid on every app server, asked directly."""
    bad = 0
    for email, cookie in sample:
        for port in app_ports:
            status, body, _ = Client(port=port).call("current_account", {}, cookie)
            if status != 200 or email not in body.decode():
                bad += 1
    return bad


def check_login_limit():
    """Wrong passwords for one account from many addresses through nginx (round-robin over the
    servers): no more may be checked than the per-account limit allows."""
    email = f"bench{RESIDENTS - 1}@gemeente-{MUNICIPALITIES:03}.example"
    attempts, checked, throttled = 150, 0, 0
    started = time.monotonic()
    for n in range(attempts):
        client = Client(source=f"127.0.9.{1 + n}")
        status, body, _ = client.call("log_in", {"email": email, "password": "helemaal-verkeerd-1", "next": ""})
        if status == 429:
            throttled += 1
        elif status != 503:
            checked += 1
    refills = int((time.monotonic() - started) / 6) + 1
    return attempts, checked, throttled, 100 + refills


def wait_for_outbox(limit_seconds):
    started = time.monotonic()
    while time.monotonic() - started < limit_seconds:
        unsent = int(psql("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL")[0][0])
        if unsent == 0:
            return 0
        time.sleep(1)
    return unsent


def count_stored(sql_values, column_sql):
    """{value: rows} for acknowledged values, from one query over a temporary list."""
    if not sql_values:
        return {}
    values = ",".join("('" + v.replace("'", "''") + "')" for v in sql_values)
    rows = psql(f"WITH acked(v) AS (VALUES {values}) SELECT acked.v, ({column_sql}) FROM acked")
    return {v: int(c) for v, c in rows}


def main():
    started_all = time.monotonic()
    run("migrate", "up")
    seeded = run("seed-cluster", "--municipalities", str(MUNICIPALITIES), "--residents", str(RESIDENTS),
                 "--password", PASSWORD)
    municipalities = []
    for line in seeded.splitlines():
        slug, consultation, poll = line.split()
        municipalities.append({"slug": slug, "consultation": int(consultation), "poll": int(poll)})
    print(f"seeded {len(municipalities)} municipalities in {time.monotonic() - started_all:.0f} s", flush=True)
    for i in range(SERVERS):
        start_server(i)
    proxy = start_nginx()
    residents = {m["slug"]: [Resident(m, n) for n in range(RESIDENTS - 1)] for m in municipalities}
    try:
        first = [r for rs in residents.values() for r in rs[:SIGNED_IN_AT_START]]
        prep = time.monotonic()
        threads = []
        for k in range(8):
            def sign_in(part=first[k::8], k=k):
                client = Client(source=f"127.0.8.{1 + k}")
                for r in part:
                    log_in(client, r)
            threads.append(threading.Thread(target=sign_in))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"{len(first)} residents signed in through nginx in {time.monotonic() - prep:.0f} s", flush=True)
        for kind in list(record.latencies):
            record.latencies[kind].clear()
        record.statuses.clear()
        record.failures.clear()

        print(f"== mixed traffic through nginx: {THREADS} clients, {SECONDS} s, {SERVERS} app servers, "
              f"one killed with SIGKILL halfway", flush=True)
        deadline = time.monotonic() + SECONDS
        began = time.monotonic()
        kill = threading.Thread(target=killer, args=(SECONDS // 2,))
        kill.start()
        workers = [threading.Thread(target=traffic, args=(w, municipalities, residents, deadline)) for w in range(THREADS)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.monotonic() - began
        kill.join()

        total = sum(sum(c.values()) for c in record.statuses.values())
        print(f"requests: {total} in {elapsed:.1f} s = {total / elapsed:.0f} requests/s "
              f"(kinds below; the reads of a token before posting or voting are not counted)")
        for kind in sorted(record.statuses):
            seconds = sorted(record.latencies[kind])
            answered = len(seconds)
            line = f"  {kind:<20} {sum(record.statuses[kind].values()):>7} requests"
            if answered:
                line += f", p50 {percentile(seconds, 50):.0f} ms, p99 {percentile(seconds, 99):.0f} ms"
            line += f", statuses {dict(sorted(record.statuses[kind].items()))}"
            print(line)
        killed_upstream = f"127.0.0.1:{app_ports[KILLED]}"
        in_flight = [f for f in record.failures
                     if f[2].endswith(killed_upstream) and f[3] <= kill_window[0] + 0.5]
        other = [f for f in record.failures if f not in in_flight]
        print(f"errors: {len(record.failures)}; in flight on the killed server: {len(in_flight)}; "
              f"others: {len(other)} {[(k, s, u, w) for k, s, u, _, _, w in other[:5]]}")

        # Everything acknowledged, stored exactly once.
        comments = count_stored(record.comments, "SELECT COUNT(*) FROM inputs WHERE body = acked.v")
        initiatives = count_stored(record.initiatives, "SELECT COUNT(*) FROM desk_cases WHERE title = acked.v")
        votes = count_stored([f"{p}|{e}" for p, e in record.votes],
                             "SELECT COUNT(*) FROM poll_voters v JOIN users u ON u.id = v.user_id "
                             "WHERE v.activity_id = split_part(acked.v, '|', 1)::int AND u.email = split_part(acked.v, '|', 2)")
        stored_ok = True
        for name, counts in (("comments", comments), ("votes", votes), ("initiatives", initiatives)):
            missing = sum(1 for c in counts.values() if c == 0)
            doubled = sum(1 for c in counts.values() if c > 1)
            stored_ok &= missing == 0 and doubled == 0
            print(f"{name}: acknowledged {len(counts)}, missing {missing}, doubled {doubled}")

        # Mail: every message in the outbox sent, each exactly once.
        unsent = wait_for_outbox(180)
        outbox = {int(i) for (i,) in psql("SELECT id FROM outbox_messages WHERE sent_at IS NOT NULL")}
        received = sink.received()
        ids = Counter(received)
        from_outbox = Counter(int(m.split(".")[1]) for m in received if m and m.startswith("<outbox."))
        missing_mail = len(outbox - set(from_outbox))
        doubled_mail = sum(c - 1 for c in ids.values() if c > 1)
        print(f"mail: {len(outbox)} sent from the outbox, {unsent} still unsent, {len(received)} received, "
              f"missing {missing_mail}, received twice {doubled_mail}")
        mail_ok = unsent == 0 and missing_mail == 0 and doubled_mail == 0

        sample = random.Random(1).sample(record.sessions, min(60, len(record.sessions)))
        bad_sessions = check_sessions(sample)
        print(f"sessions: {len(sample)} made through nginx, checked on each of the {SERVERS} servers: "
              f"{bad_sessions} not valid")

        attempts, checked, throttled, allowed = check_login_limit()
        print(f"login limit: {attempts} wrong passwords for one account from {attempts} addresses through nginx: "
              f"{checked} checked, {throttled} refused as too many (at most {allowed} may be checked)")

        ok = not other and stored_ok and mail_ok and bad_sessions == 0 and checked <= allowed
        print("cluster: " + ("all checks hold" if ok else "FAILED"))
        return 0 if ok else 1
    finally:
        proxy.send_signal(signal.SIGQUIT)
        for s in servers:
            if s and s.poll() is None:
                s.send_signal(signal.SIGTERM)
        for s in servers:
            if s:
                s.wait()
        proxy.wait()


sys.exit(main())
