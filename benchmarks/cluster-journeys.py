"""The journeys that benchmarks/cluster sends through the proxy, for locust (PyPI).

Each simulated member of staff signs in once as a learner of `collegium bench-cluster-seed`
(learner0@bench.example, learner1@…), then repeats a day's round, a second or so between
steps as a person reading would: home, the course page, a lesson, a quiz attempt (a
different quiz each round: three attempts each are allowed), My support, a note in their
conversation, the staff survey (begun and sent once; later rounds find it answered), the
well-being check-in (once a period; later rounds are told so), and a handbook search. Forms
are filled from the page as a browser would: every hidden field, and the first choice of
each group of radio buttons or check boxes.

Every answer of 400 or more, and every connection that fails, counts as an error of its step.
The sign-ins happen while the staff arrive, and each costs a bcrypt hash, so the machine is
busy with them for some seconds: locust's figures restart once the last person has signed
in, and the sign-ins are written apart, to SIGN_INS (milliseconds, errors, and how many
seconds were measured after everyone had arrived).
Environment: STAFF (accounts seeded), PASSWORD, SURVEY (the survey's path, /s/…), SIGN_INS."""
import itertools, json, os, re, threading, time

from locust import HttpUser, between, events, task

STAFF = int(os.environ.get("STAFF", 100))
PASSWORD = os.environ.get("PASSWORD", "benchmark-password")
SURVEY = os.environ.get("SURVEY", "")
COURSE = "/courses/bench-course"
LESSONS = [f"s{s}-a{a}" for s in range(1, 12) for a in range(1, 4)]
QUIZZES = [f"s{s}-a{5 if s <= 9 else 4}" for s in range(1, 12)]
SEARCHES = ["mentor", "observation", "feedback", "study group", "trust", "coaching"]
_numbers, _lock, _signed_in = itertools.count(), threading.Lock(), [0]
_sign_ins = {"ms": [], "errors": 0, "measured_from": None, "measured_seconds": 0}


@events.request.add_listener
def _keep_sign_ins(name, response_time, exception, **_):
    if name == "log in":
        with _lock:
            _sign_ins["ms"].append(response_time)
            _sign_ins["errors"] += exception is not None


@events.quitting.add_listener
def _write_sign_ins(**_):
    if _sign_ins["measured_from"] is not None:
        _sign_ins["measured_seconds"] = round(time.time() - _sign_ins["measured_from"])
    if os.environ.get("SIGN_INS"):
        with open(os.environ["SIGN_INS"], "w") as out:
            json.dump(_sign_ins, out)
INPUT = re.compile(r"<input\b[^>]*>", re.I)
ATTRIBUTE = re.compile(r'([a-z_-]+)="([^"]*)"', re.I)


def form_fields(page):
    """What a browser sends from the page's forms when nothing is typed: the hidden fields
    and the first value of each radio or checkbox group."""
    fields = {}
    for tag in INPUT.findall(page):
        attributes = dict((k.lower(), v) for k, v in ATTRIBUTE.findall(tag))
        kind, name = attributes.get("type", "text").lower(), attributes.get("name")
        if name and kind in ("hidden", "radio", "checkbox") and name not in fields:
            fields[name] = attributes.get("value", "")
    return fields


class Staff(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        with _lock:
            self.number = next(_numbers) % STAFF
        self.round = 0
        self.client.get("/login", name="log in (form)")
        with self.client.post("/login", name="log in", allow_redirects=False, catch_response=True,
                              data=self.form(email=f"learner{self.number}@bench.example", password=PASSWORD)) as answer:
            if answer.status_code != 303:
                answer.failure(f"sign-in answered {answer.status_code}")
        with _lock:
            _signed_in[0] += 1
            everyone = _signed_in[0] == STAFF
        if everyone:  # the last to arrive: the everyday figures start now
            self.environment.stats.reset_all()
            _sign_ins["measured_from"] = time.time()

    def form(self, **fields):
        return {"_csrf": self.client.cookies.get("collegium_csrf", ""), **fields}

    def post(self, path, name, fields, ok=(200, 201, 303)):
        with self.client.post(path, data=self.form(**fields), name=name, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code not in ok:
                answer.failure(f"{answer.status_code}")
            return answer

    @task
    def a_day(self):
        self.round += 1
        self.client.get("/", name="home")
        self.wait()
        self.client.get(COURSE, name="course page")
        self.wait()
        self.client.get(f"{COURSE}/steps/{LESSONS[(self.number + self.round) % len(LESSONS)]}", name="lesson")
        self.wait()
        quiz = f"{COURSE}/steps/{QUIZZES[self.round % len(QUIZZES)]}"
        page = self.client.get(quiz, name="quiz (page)").text
        fields = {k: v for k, v in form_fields(page).items() if k == "attempt" or k.startswith("q_")}
        if "attempt" in fields:
            self.post(f"{quiz}/attempts", "quiz attempt", fields)
        self.wait()
        support = self.client.get("/support", name="my support").text
        conversation = re.search(r'href="(/support/engagements/[0-9A-Fa-f-]{36})"', support)
        self.wait()
        if conversation:
            self.post(conversation.group(1) + "/notes", "note",
                      {"text": f"Round {self.round}: tried the quicker pupils' extension task; it kept the others going too.", "visibility": "shared"})
            self.wait()
        if SURVEY and self.round == 1:
            self.client.get(SURVEY, name="survey (intro)")
            self.post(f"{SURVEY}/start", "survey (start)", {})
            page = self.client.get(f"{SURVEY}/1", name="survey (page)").text
            self.post(f"{SURVEY}/1", "survey answer", {**form_fields(page), "action": "send"})
            self.wait()
        page = self.client.get("/wellbeing", name="well-being (form)").text
        fields = form_fields(page)
        if "school" in fields or any(k.startswith("who5_") for k in fields):
            self.post("/wellbeing", "well-being check-in", fields)
        self.wait()
        self.client.get(f"/handbook/search?q={SEARCHES[(self.number + self.round) % len(SEARCHES)]}", name="handbook search")
