"""What the benchmark scripts share: calling a server function the way the hydrated front end
does (form-encoded, JSON answer, same-origin), from a chosen loopback address. Standard library
only."""

import http.client
import threading
import time
import urllib.parse

busy_answers = 0
_busy_lock = threading.Lock()


def call(port, function, form, cookie=None, source="127.0.0.1"):
    """Returns (status, body, the session cookie set, if any)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, source_address=(source, 0), timeout=120)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Origin": f"http://127.0.0.1:{port}",
    }
    if cookie:
        headers["Cookie"] = cookie
    connection.request("POST", f"/api/{function}", urllib.parse.urlencode(form), headers)
    response = connection.getresponse()
    body = response.read().decode()
    set_cookie = response.getheader("Set-Cookie") or ""
    connection.close()
    return response.status, body, set_cookie.split(";")[0]


def log_in(port, email, password, source):
    """Signs in as a browser user would: a 503 (the server's password hashing is full) is tried
    again after its Retry-After. Returns (status, body, cookie); `busy_answers` counts the 503s."""
    global busy_answers
    while True:
        answer = call(port, "log_in", {"email": email, "password": password, "next": ""}, source=source)
        if answer[0] != 503:
            return answer
        with _busy_lock:
            busy_answers += 1
        time.sleep(2)


def ballot(n, poll):
    """A varied, valid ballot for the bench poll (one choice, two picks, a scale, a ranking)."""
    q = poll["questions"]
    pick = lambda i, k: str(q[i]["options"][k % len(q[i]["options"])]["id"])
    form = {
        f"choice[{q[0]['id']}]": pick(0, n),
        f"pick[{q[1]['id']}][{pick(1, n)}]": "on",
        f"pick[{q[1]['id']}][{pick(1, n + 1)}]": "on",
        f"scale[{q[2]['id']}]": str(1 + n % 10),
    }
    options = [str(o["id"]) for o in q[3]["options"]]
    for place, option in enumerate(options[n % len(options):] + options[: n % len(options)]):
        form[f"rank[{q[3]['id']}][{option}]"] = str(place + 1)
    return form


def percentile(sorted_seconds, p):
    """The p-th percentile of sorted durations, in milliseconds."""
    return sorted_seconds[min(len(sorted_seconds) - 1, int(p / 100 * len(sorted_seconds)))] * 1000
