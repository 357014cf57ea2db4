"""What the crash, shutdown and cluster tests share: one HTTP request on a connection of its
own (as a proxy's upstream, or a browser's first request, sees it) and the readiness probe.
stored.py, beside it, reads what the database holds afterwards."""
import atexit, http.client, json, re, sys, time, urllib.parse


class Unserved(ConnectionError):
    """The connection closed before any byte of an answer: the server never took the request.
    A ConnectionError, so a caller that retries on any OSError retries this too."""


def request(port, method, path, token="", body=None, headers=None, timeout=10, on_sent=None, form=None):
    """(status, body, response headers) of one request on a connection of its own. `body` is
    sent as JSON, `form` (a dict) as a form. The body comes back parsed when it is JSON, as
    text otherwise. Raises OSError or http.client.HTTPException when the server is down, and
    Unserved when the connection was closed or reset before the status line came. `on_sent`
    is called once the request is written, before its answer is read."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        sent_headers = {**({"Authorization": "Bearer " + token} if token else {})}
        data = None
        if body is not None:
            data, sent_headers["Content-Type"] = json.dumps(body), "application/json"
        elif form is not None:
            data, sent_headers["Content-Type"] = urllib.parse.urlencode(form), "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers={**sent_headers, **(headers or {})})
        if on_sent:
            on_sent()
        try:
            response = connection.getresponse()
        except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected) as error:
            raise Unserved(repr(error))
        raw = response.read()
        if raw and response.headers.get_content_type() == "application/json":
            return response.status, json.loads(raw), response.headers
        return response.status, raw.decode("utf-8", "replace"), response.headers
    finally:
        connection.close()


def readyz(port, timeout=3):
    """(status, body) of /readyz, or (None, the error) when nothing answered."""
    try:
        status, body, _ = request(port, "GET", "/readyz", timeout=timeout)
        return status, body
    except (OSError, http.client.HTTPException, Unserved) as error:
        return None, repr(error)


def wait_ready(port, timeout=120, process=None):
    """Until /readyz says 200 (True), the time is up or `process` has exited (False)."""
    deadline = time.time() + timeout
    while time.time() < deadline and (process is None or process.poll() is None):
        if readyz(port, timeout=2)[0] == 200:
            return True
        time.sleep(0.2)
    return False


class Browser:
    """A signed-in person as a browser keeps them: the session and CSRF cookies, and the
    CSRF token every form repeats. Each request still goes on a connection of its own."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def _keep(self, headers):
        for value in headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def send(self, method, path, form=None, timeout=15):
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            csrf = next((v for k, v in self.cookies.items() if k.endswith("collegium_csrf")), "")
            form = {"_csrf": csrf, **form}
        status, body, headers = request(self.port, method, path, form=form, headers={"Cookie": cookie} if cookie else {}, timeout=timeout)
        self._keep(headers)
        return status, body

    def sign_in(self, email, password):
        status, page = self.send("GET", "/login")
        assert status == 200 and re.search(r'name="_csrf"', page), f"GET /login: {status}"
        status, _ = self.send("POST", "/login", form={"email": email, "password": password})
        assert status == 303, f"signing in as {email}: HTTP {status}"
        return self


class Checks:
    """The checks of one script: `checks(ok, what)` records one; `finish` prints one line per
    check and the summary line scripts/test reads (`NAME: N passed, M failed`), and exits."""

    def __init__(self):
        self.results = []

    def __call__(self, ok, what):
        self.results.append((bool(ok), what))

    def finish(self, name, detail=""):
        for ok, what in self.results:
            print(("ok   " if ok else "FAIL ") + what)
        passed = sum(1 for ok, _ in self.results if ok)
        print(f"{name}: {passed} passed, {len(self.results) - passed} failed" + (f" ({detail})" if detail else ""))
        sys.exit(0 if passed == len(self.results) else 1)


def killed_at_exit(processes, then=None):
    """However the script ends (an assertion, an HTTP error), every process started and listed
    in `processes` is killed, so none holds a port for the next run; then `then()`."""
    def stop_all():
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        if then:
            then()
    atexit.register(stop_all)
